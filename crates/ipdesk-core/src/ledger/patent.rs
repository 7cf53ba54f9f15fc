use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::rules::{FeeReduction, PatentKind};

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
    /// 知识产权获得方式: how a right came to the company. 高企 scores 自主研发
    /// higher (工作指引 2016, 知识产权 item 4); the MIIT tiers leave out rights
    /// transferred in less than a year before the application.
    Acquisition, "获得方式" {
        Own = "own", "自主研发" | "原始取得" | "自主申请" | "自有";
        Transfer = "transfer", "受让" | "转让" | "继受取得" | "购买";
        Gift = "gift", "受赠";
        Merger = "merger", "并购";
        Other = "other", "其他";
    }
);

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
    /// 获得方式; 自主研发 unless recorded otherwise.
    pub acquisition: Acquisition,
    /// For a right acquired (受让, 受赠, 并购): the date the change of owner
    /// was registered (著录项目变更).
    pub acquired_on: Option<NaiveDate>,
    /// The year it was last used in a 高新技术企业 application (a class-II
    /// right counts only once, 工作指引 2016).
    pub hnte_used_year: Option<i32>,
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
            acquisition: Acquisition::Own,
            acquired_on: None,
            hnte_used_year: None,
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
            super::parse_cn_app_no(&self.data.app_no)
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
}
