//! Domain records of the patent ledger (专利台账) and the records around it.
//!
//! Each record comes in two parts: `…Data`, what the user enters and what
//! create/update take, and the stored record with its id. Enums carry a
//! stable ASCII code (stored, used on the command line and over IPC) and a
//! Chinese label (shown and printed); both parse.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::validate::Money;

/// Declares a closed set of values with a code, a Chinese label and extra
/// accepted spellings, plus the SQL and string conversions every such enum
/// needs.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($var:ident = $code:literal, $label:literal $(| $alias:literal)*;)+ }) => {
        $(#[$m])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$var => $label),+ } }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.label()) }
        }

        impl FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($code) || t == $label $(|| t == $alias)* { return Ok($name::$var); })+
                let options: Vec<String> = $name::ALL.iter().map(|v| format!("{}（{}）", v.label(), v.code())).collect();
                Err(crate::Error::invalid($what, t, format!("应为：{}", options.join("、"))))
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> { Ok(ToSqlOutput::from(self.code())) }
        }

        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = v.as_str()?;
                s.parse().map_err(|e: crate::Error| FromSqlError::Other(e.to_string().into()))
            }
        }
    };
}

coded_enum!(
    /// What a sheet being imported holds: the ledger's patents, or its
    /// trademarks.
    ImportKind, "导入类别" {
        Patent = "patent", "专利" | "patents" | "专利台账";
        Trademark = "trademark", "商标" | "trademarks" | "商标台账";
    }
);

coded_enum!(
    /// 专利类型.
    PatentKind, "专利类型" {
        Invention = "invention", "发明" | "发明专利" | "发明申请" | "发明授权" | "发明公开";
        Utility = "utility", "实用新型" | "实用新型专利" | "实用" | "新型";
        Design = "design", "外观设计" | "外观设计专利" | "外观" | "外观专利";
    }
);

coded_enum!(
    /// How the application reached the office (申请途径).
    Route, "申请途径" {
        Domestic = "domestic", "国内申请" | "国内" | "直接申请";
        Pct = "pct", "PCT" | "PCT国际申请" | "PCT 国家阶段";
        Paris = "paris", "巴黎公约" | "巴黎公约途径";
    }
);

coded_enum!(
    /// 法律状态, as recorded by the officer (the rules derive expiry and lapse
    /// warnings on top of it, but never rewrite it).
    LegalStatus, "法律状态" {
        Filed = "filed", "申请中" | "已受理" | "受理";
        Published = "published", "公开" | "已公开" | "公布";
        Examination = "examination", "实质审查" | "实审" | "实质审查中" | "等待实审" | "审中" | "在审" | "实质审查的生效";
        Granted = "granted", "授权/有效" | "授权" | "有效" | "专利权维持" | "已授权" | "有权" | "授权有效" | "有效专利";
        Expired = "expired", "届满" | "期限届满" | "专利权届满";
        Lapsed = "lapsed", "未缴年费终止" | "未缴年费专利权终止" | "终止" | "失效" | "未缴年费" | "专利权终止";
        Rejected = "rejected", "驳回" | "被驳回";
        Withdrawn = "withdrawn", "撤回" | "视为撤回" | "主动撤回";
        Abandoned = "abandoned", "放弃" | "视为放弃" | "主动放弃";
        Invalidated = "invalidated", "无效宣告" | "全部无效" | "宣告无效";
    }
);

impl LegalStatus {
    /// Still alive at the office: annual fees and deadlines apply.
    pub fn is_in_force(self) -> bool {
        self == LegalStatus::Granted
    }

    /// Still pending: no annual fee yet, but the application is alive.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            LegalStatus::Filed | LegalStatus::Published | LegalStatus::Examination
        )
    }
}

coded_enum!(
    /// 费减 (fee reduction) under 财税〔2016〕78号: 85 % off for a single
    /// eligible owner, 70 % off for co-owners who all qualify.
    FeeReduction, "费减比例" {
        None = "none", "不减缴" | "无" | "0" | "不减" | "无费减";
        P85 = "85", "减缴85%" | "85%" | "85％";
        P70 = "70", "减缴70%" | "70%" | "70％";
    }
);

impl FeeReduction {
    /// Share of the full fee that remains payable, in percent.
    pub fn payable_percent(self) -> u32 {
        match self {
            FeeReduction::None => 100,
            FeeReduction::P85 => 15,
            FeeReduction::P70 => 30,
        }
    }
}

/// What the user enters for a patent or application.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PatentData {
    /// `CN`, an ISO 3166 country code, `EP` or `WO`.
    pub jurisdiction: String,
    pub kind: PatentKind,
    pub route: Route,
    /// For CN: normalised digits (see [`crate::AppNo`]); otherwise as given.
    pub app_no: String,
    pub filing_date: Option<NaiveDate>,
    pub priority_date: Option<NaiveDate>,
    pub publication_no: String,
    pub publication_kind: String,
    pub grant_no: String,
    pub grant_date: Option<NaiveDate>,
    pub status: LegalStatus,
    pub title: String,
    pub applicants: Vec<String>,
    pub inventors: Vec<String>,
    pub ipc: String,
    pub agency: String,
    pub agent: String,
    /// Product and technology tags (产品/技术标签).
    pub tags: Vec<String>,
    /// 战略性新兴产业类别; non-empty makes an invention high-value (category 1).
    pub sei_category: String,
    pub fee_reduction: FeeReduction,
    /// When the 费减备案 was filed.
    pub fee_reduction_filed: Option<NaiveDate>,
    /// Patent year of the grant-year fee as named in the 办理登记手续通知书;
    /// when empty, the patent year that contains the grant date.
    pub grant_fee_year: Option<u32>,
    /// Annual fees paid up to this patent year before payments were recorded
    /// here (e.g. taken over from an old spreadsheet).
    pub fees_paid_through: Option<u32>,
    pub exam_request_date: Option<NaiveDate>,
    /// Term compensation granted under 专利法 art. 42(2), in days.
    pub compensation_days: u32,
    /// A member of this family is granted abroad (category 2 of high value).
    pub overseas_family_grant: bool,
    pub notes: String,
}

impl Default for PatentData {
    fn default() -> Self {
        PatentData {
            jurisdiction: "CN".into(),
            kind: PatentKind::Invention,
            route: Route::Domestic,
            app_no: String::new(),
            filing_date: None,
            priority_date: None,
            publication_no: String::new(),
            publication_kind: String::new(),
            grant_no: String::new(),
            grant_date: None,
            status: LegalStatus::Filed,
            title: String::new(),
            applicants: Vec::new(),
            inventors: Vec::new(),
            ipc: String::new(),
            agency: String::new(),
            agent: String::new(),
            tags: Vec::new(),
            sei_category: String::new(),
            fee_reduction: FeeReduction::None,
            fee_reduction_filed: None,
            grant_fee_year: None,
            fees_paid_through: None,
            exam_request_date: None,
            compensation_days: 0,
            overseas_family_grant: false,
            notes: String::new(),
        }
    }
}

impl PatentData {
    pub fn is_cn(&self) -> bool {
        self.jurisdiction.eq_ignore_ascii_case("CN")
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patent {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[serde(flatten)]
    pub data: PatentData,
    pub created_at: String,
    pub updated_at: String,
}

impl Patent {
    /// The number as people write it: dotted for CN, as given otherwise.
    pub fn display_app_no(&self) -> String {
        if self.data.is_cn() {
            crate::validate::parse_cn_app_no(&self.data.app_no)
                .map(|n| n.to_string())
                .unwrap_or_else(|_| self.data.app_no.clone())
        } else {
            self.data.app_no.clone()
        }
    }

    pub fn filing_date(&self) -> NaiveDate {
        self.data
            .filing_date
            .expect("a stored patent always has a filing date")
    }
}

/// An annual fee actually paid (年费缴纳记录).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnuityPayment {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub patent_id: i64,
    pub patent_year: u32,
    pub paid_date: NaiveDate,
    pub amount: Money,
    pub late_fee: Money,
    pub receipt_no: String,
}

/// 企业信息: the applicant company; one per database.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Company {
    pub name: String,
    /// 统一社会信用代码, validated against GB 32100-2015.
    pub uscc: String,
    pub registration_date: Option<NaiveDate>,
    pub address: String,
    pub legal_representative: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub headcount: Option<u32>,
    /// 高新技术企业, 专精特新"小巨人", 国家知识产权示范企业, 贯标认证 …
    pub qualifications: Vec<String>,
    pub ip_department: String,
    pub ip_staff_count: Option<u32>,
}

coded_enum!(
    /// 商标状态.
    TrademarkStatus, "商标状态" {
        Pending = "pending", "申请中" | "待审";
        Registered = "registered", "已注册" | "注册" | "有效";
        Expired = "expired", "已过期" | "期满未续展";
        Cancelled = "cancelled", "已注销" | "注销" | "撤销" | "无效";
    }
);

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrademarkData {
    /// 注册号 / 申请号.
    pub reg_no: String,
    pub mark: String,
    /// Nice classes, 1–45.
    pub classes: Vec<u32>,
    pub reg_date: Option<NaiveDate>,
    pub expiry_date: Option<NaiveDate>,
    pub status: TrademarkStatus,
    pub well_known: bool,
    pub geographical_indication: bool,
    pub notes: String,
}

impl Default for TrademarkData {
    fn default() -> Self {
        TrademarkData {
            reg_no: String::new(),
            mark: String::new(),
            classes: Vec::new(),
            reg_date: None,
            expiry_date: None,
            status: TrademarkStatus::Registered,
            well_known: false,
            geographical_indication: false,
            notes: String::new(),
        }
    }
}

/// 专利权质押 (pledge financing), registered at CNIPA.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PledgeData {
    pub pledgor: String,
    pub pledgee: String,
    pub loan_amount: Money,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// CNIPA 质押登记号 and 登记日.
    pub reg_no: String,
    pub reg_date: Option<NaiveDate>,
    pub release_date: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

coded_enum!(
    /// Which award: the first two make an invention high-value (category 5).
    AwardKind, "奖项类别" {
        ChinaPatent = "china-patent", "中国专利奖";
        NationalScienceTech = "national-sci-tech", "国家科学技术奖" | "国家科技奖";
        ProvincialPatent = "provincial-patent", "省级专利奖" | "湖南专利奖" | "省专利奖";
        Other = "other", "其他奖项" | "其他";
    }
);

impl AwardKind {
    pub fn makes_high_value(self) -> bool {
        matches!(
            self,
            AwardKind::ChinaPatent | AwardKind::NationalScienceTech
        )
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AwardData {
    pub kind: AwardKind,
    /// e.g. 第二十四届中国专利奖.
    pub name: String,
    /// 金奖 / 银奖 / 优秀奖 / 一等奖 …
    pub level: String,
    pub year: Option<i32>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Default for AwardData {
    fn default() -> Self {
        AwardData {
            kind: AwardKind::Other,
            name: String::new(),
            level: String::new(),
            year: None,
            patent_ids: Vec::new(),
            notes: String::new(),
        }
    }
}

coded_enum!(
    /// Direction and kind of a transfer or licence.
    TransferKind, "转让/许可类型" {
        AssignIn = "assign-in", "受让" | "转入";
        AssignOut = "assign-out", "转让" | "转出";
        LicenseIn = "license-in", "许可引进" | "被许可";
        LicenseOut = "license-out", "许可实施" | "对外许可" | "许可";
    }
);

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferData {
    pub kind: TransferKind,
    pub counterparty: String,
    pub date: Option<NaiveDate>,
    pub amount: Money,
    pub contract_no: String,
    /// CNIPA 备案号 for licences / 著录项目变更 for assignments.
    pub record_no: String,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Default for TransferData {
    fn default() -> Self {
        TransferData {
            kind: TransferKind::LicenseOut,
            counterparty: String::new(),
            date: None,
            amount: Money::default(),
            contract_no: String::new(),
            record_no: String::new(),
            patent_ids: Vec::new(),
            notes: String::new(),
        }
    }
}

/// 知识产权保险 policy (Hengyang funds premiums, seed 004 (一)4).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InsuranceData {
    /// 专利执行保险, 侵犯专利权责任保险, 知识产权海外侵权责任险 …
    pub kind: String,
    pub insurer: String,
    pub policy_no: String,
    pub premium: Money,
    pub cover: Money,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

/// A product for 专利密集型产品备案 (国知办函运字〔2022〕985号).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductData {
    pub name: String,
    pub model: String,
    pub industry: String,
    /// 未备案 / 已备案 / 已认定 — kept free text until the official form is checked.
    pub filing_status: String,
    pub revenues: Vec<YearRevenue>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YearRevenue {
    pub year: i32,
    pub revenue: Money,
}

/// A stored record of one of the kinds around the ledger.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored<T> {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[serde(flatten)]
    pub data: T,
}

/// One row of the audit trail.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub entity: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub entity_id: i64,
    pub action: String,
    /// `{ field: [before, after] }`; for a record an import created,
    /// `{ importBatch, sheetRow }` (see [`AuditEntry::imported_from`]).
    pub changes: serde_json::Value,
    /// For a record an import created: the file and row it came from.
    pub imported_from: Option<ImportedFrom>,
}

/// Where an imported record came from, as its history shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFrom {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub batch: i64,
    pub file: String,
    pub sheet: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_parse_codes_labels_and_aliases() {
        assert_eq!(
            "utility".parse::<PatentKind>().unwrap(),
            PatentKind::Utility
        );
        assert_eq!(
            "外观设计".parse::<PatentKind>().unwrap(),
            PatentKind::Design
        );
        assert_eq!("有效".parse::<LegalStatus>().unwrap(), LegalStatus::Granted);
        assert_eq!("85".parse::<FeeReduction>().unwrap(), FeeReduction::P85);
        let err = "patent".parse::<PatentKind>().unwrap_err();
        assert!(
            err.to_string().contains("发明（invention）"),
            "lists the choices: {err}"
        );
    }

    #[test]
    fn reduction_leaves_fifteen_or_thirty_percent_payable() {
        assert_eq!(FeeReduction::P85.payable_percent(), 15);
        assert_eq!(FeeReduction::P70.payable_percent(), 30);
    }
}
