//! What a layout plan and its planned filings are, and how they are checked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::check_date;
use crate::error::{field, Error, Result};
use crate::ledger::{LegalStatus, Route};
use crate::rules::PatentKind;

coded_enum!(
    /// Where a plan stands.
    PlanStatus, "计划状态" {
        Draft = "draft", "草拟" | "草稿";
        Active = "active", "执行中" | "进行中";
        Done = "done", "已完成" | "完成";
    }
);

coded_enum!(
    /// Where a planned filing stands, from the idea to the office's decision.
    ItemStatus, "布局状态" {
        Idea = "idea", "构思";
        Disclosure = "disclosure", "交底书";
        Drafting = "drafting", "撰写中";
        Filed = "filed", "已提交" | "已申请";
        Published = "published", "公开";
        Examination = "examination", "实审";
        Granted = "granted", "授权";
        Rejected = "rejected", "驳回";
        Abandoned = "abandoned", "放弃";
    }
);

impl ItemStatus {
    /// Still before filing: a planned date in the past makes it overdue.
    pub fn is_before_filing(self) -> bool {
        matches!(
            self,
            ItemStatus::Idea | ItemStatus::Disclosure | ItemStatus::Drafting
        )
    }
}

/// What the user enters for a plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LayoutPlanData {
    pub name: String,
    /// 关键核心技术.
    pub technology: String,
    /// The industry chain the plan serves (产业链).
    pub industry_chain: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// Target weighted count of high-value inventions (Hengyang 2023 guide
    /// (一)1: 5 or more, an international filing counting 2).
    pub target: u32,
    pub analysis_agency: String,
    pub filing_agency: String,
    pub status: PlanStatus,
    pub notes: String,
    /// Ledger products the plan serves.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub product_ids: Vec<i64>,
}

impl Default for LayoutPlanData {
    fn default() -> Self {
        LayoutPlanData {
            name: String::new(),
            technology: String::new(),
            industry_chain: String::new(),
            start_date: None,
            end_date: None,
            target: 5,
            analysis_agency: String::new(),
            filing_agency: String::new(),
            status: PlanStatus::Draft,
            notes: String::new(),
            product_ids: Vec::new(),
        }
    }
}

/// A stored plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutPlan {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[serde(flatten)]
    pub data: LayoutPlanData,
    pub created_at: String,
    pub updated_at: String,
}

/// A technology branch of a plan (one level).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanBranch {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
}

/// What the user enters for a planned filing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PlanItemData {
    /// 技术主题.
    pub topic: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub branch_id: Option<i64>,
    pub kind: PatentKind,
    pub route: Route,
    /// Target jurisdictions, two-letter codes (CN, US, EP, JP, KR …).
    pub jurisdictions: Vec<String>,
    /// The domestic first filing this international item claims priority from.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub priority_item_id: Option<i64>,
    pub planned_date: Option<NaiveDate>,
    pub inventors: Vec<String>,
    pub agency: String,
    pub status: ItemStatus,
    /// The high-value category the filing aims at (free text or a code).
    pub expected_category: String,
    pub notes: String,
}

impl Default for PlanItemData {
    fn default() -> Self {
        PlanItemData {
            topic: String::new(),
            branch_id: None,
            kind: PatentKind::Invention,
            route: Route::Domestic,
            jurisdictions: vec!["CN".into()],
            priority_item_id: None,
            planned_date: None,
            inventors: Vec::new(),
            agency: String::new(),
            status: ItemStatus::Idea,
            expected_category: String::new(),
            notes: String::new(),
        }
    }
}

/// A ledger application linked to a planned filing, as the ledger has it
/// now; `missing` when the patent was deleted from the ledger (the number
/// is the one it had when linked).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedApplication {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub patent_id: Option<i64>,
    pub jurisdiction: String,
    /// The number as people write it (`201910123456.X`).
    pub app_no: String,
    pub title: String,
    pub kind: Option<PatentKind>,
    pub route: Option<Route>,
    pub filing_date: Option<NaiveDate>,
    pub status: Option<LegalStatus>,
    pub missing: bool,
}

/// A stored planned filing with its linked applications.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanItem {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub plan_id: i64,
    #[serde(flatten)]
    pub data: PlanItemData,
    pub links: Vec<LinkedApplication>,
}

impl PlanItemData {
    /// International: filed through PCT or the Paris route, or aimed at any
    /// jurisdiction outside CN.
    pub fn is_international(&self) -> bool {
        matches!(self.route, Route::Pct | Route::Paris)
            || self.jurisdictions.iter().any(|j| j != "CN")
    }

    /// What the item counts toward the high-value invention target: an
    /// international invention 2, a domestic one 1, a utility model or
    /// design 0 (Hengyang 2023 funding guide (一)1, (一)2, (二)1:
    /// "高质量高价值发明专利布局 5 件以上（国际发明专利布局 1 件算作 2 件）").
    pub fn weight(&self) -> u32 {
        match (self.kind, self.is_international()) {
            (PatentKind::Invention, true) => 2,
            (PatentKind::Invention, false) => 1,
            _ => 0,
        }
    }
}

pub(super) fn normalise_plan(mut p: LayoutPlanData) -> Result<LayoutPlanData> {
    crate::text::check_text_sizes(&p)?;
    p.name = p.name.trim().to_string();
    p.technology = p.technology.trim().to_string();
    if p.name.is_empty() {
        return Err(Error::Missing {
            field: field("name", "计划名称"),
        });
    }
    if p.technology.is_empty() {
        return Err(Error::Missing {
            field: field("technology", "关键核心技术"),
        });
    }
    check_date(field("startDate", "起始日期"), p.start_date)?;
    check_date(field("endDate", "截止日期"), p.end_date)?;
    if let (Some(a), Some(b)) = (p.start_date, p.end_date) {
        if b < a {
            return Err(Error::invalid(
                field("endDate", "截止日期"),
                b.to_string(),
                format!("早于起始日期 {a}"),
            ));
        }
    }
    if p.target > 1000 {
        return Err(Error::invalid(
            field("target", "目标件数"),
            p.target.to_string(),
            "应在 0 至 1000 之间",
        ));
    }
    p.product_ids.sort_unstable();
    p.product_ids.dedup();
    Ok(p)
}

pub(super) fn normalise_item(mut i: PlanItemData) -> Result<PlanItemData> {
    crate::text::check_text_sizes(&i)?;
    i.topic = i.topic.trim().to_string();
    if i.topic.is_empty() {
        return Err(Error::Missing {
            field: field("topic", "技术主题"),
        });
    }
    let mut seen = Vec::new();
    for j in &i.jurisdictions {
        let code = j.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid(
                field("jurisdictions", "目标国家/地区"),
                j.clone(),
                "应为两位字母代码，如 CN、US、EP、JP、KR",
            ));
        }
        if !seen.contains(&code) {
            seen.push(code);
        }
    }
    if seen.is_empty() {
        seen.push("CN".into());
    }
    i.jurisdictions = seen;
    check_date(field("plannedDate", "计划申请日"), i.planned_date)?;
    i.inventors = i
        .inventors
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: PatentKind, route: Route, j: &[&str]) -> PlanItemData {
        PlanItemData {
            topic: "电池均衡".into(),
            kind,
            route,
            jurisdictions: j.iter().map(|s| s.to_string()).collect(),
            ..PlanItemData::default()
        }
    }

    // Hengyang 2023 funding guide (seed 004) (一)1: 国际发明专利布局 1 件算作 2 件.
    #[test]
    fn an_international_invention_counts_two_a_domestic_one_other_kinds_none() {
        assert_eq!(
            item(PatentKind::Invention, Route::Domestic, &["CN"]).weight(),
            1
        );
        assert_eq!(item(PatentKind::Invention, Route::Pct, &["CN"]).weight(), 2);
        assert_eq!(
            item(PatentKind::Invention, Route::Paris, &["US"]).weight(),
            2
        );
        assert_eq!(
            item(PatentKind::Invention, Route::Domestic, &["CN", "EP"]).weight(),
            2,
            "a non-CN target makes it international"
        );
        assert_eq!(item(PatentKind::Utility, Route::Pct, &["US"]).weight(), 0);
        assert_eq!(
            item(PatentKind::Design, Route::Domestic, &["CN"]).weight(),
            0
        );
    }

    #[test]
    fn items_are_checked_and_tidied() {
        let i = normalise_item(item(
            PatentKind::Invention,
            Route::Pct,
            &[" us", "US", "ep"],
        ))
        .unwrap();
        assert_eq!(i.jurisdictions, ["US", "EP"]);
        let err = normalise_item(item(PatentKind::Invention, Route::Pct, &["USA"])).unwrap_err();
        assert_eq!(err.field().map(|f| f.code), Some("jurisdictions"));
        let err = normalise_item(PlanItemData::default()).unwrap_err();
        assert_eq!(err.field().map(|f| f.code), Some("topic"));
    }
}
