//! The vocabularies the rule tables are keyed by.

coded_enum!(
    /// 专利类型.
    PatentKind, "专利类型" {
        Invention = "invention", "发明" | "发明专利" | "发明申请" | "发明授权" | "发明公开";
        Utility = "utility", "实用新型" | "实用新型专利" | "实用" | "新型";
        Design = "design", "外观设计" | "外观设计专利" | "外观" | "外观专利";
    }
);

coded_enum!(
    /// 费减 (fee reduction) under 财税〔2016〕78号: 85 % off for a single
    /// eligible owner, 70 % off for co-owners who all qualify.
    FeeReduction, "费减比例" {
        None = "none", "不减缴" | "无" | "0" | "不减" | "无费减";
        P85 = "85", "减缴85%" | "85%" | "85％";
        P70 = "70", "减缴70%" | "70%" | "70％";
    }
);
