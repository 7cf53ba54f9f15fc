//! What a lead, an action and a piece of evidence are, the status workflow,
//! and how input is checked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::check_date;
use crate::company::parse_uscc;
use crate::error::{field, Error, Result};
use crate::money::Money;

coded_enum!(
    /// Where a lead was found.
    Channel, "发现渠道" {
        Ecommerce = "ecommerce", "电商平台";
        Exhibition = "exhibition", "展会";
        Market = "market", "专业市场";
        Report = "report", "举报投诉" | "举报" | "投诉";
        SelfCheck = "self_check", "自查";
        Customs = "customs", "海关";
        Partner = "partner", "合作方";
        Other = "other", "其他";
    }
);

coded_enum!(
    /// How urgent a lead is.
    Priority, "优先级" {
        High = "high", "高";
        Medium = "medium", "中";
        Low = "low", "低";
    }
);

coded_enum!(
    /// Where a lead stands: 新线索 → 核实中 → 已取证 → 处置中 → 已结案, or
    /// 不予处理 from any open stage.
    LeadStatus, "线索状态" {
        New = "new", "新线索";
        Verifying = "verifying", "核实中";
        Evidenced = "evidenced", "已取证";
        Handling = "handling", "处置中";
        Closed = "closed", "已结案" | "结案";
        Dropped = "dropped", "不予处理";
    }
);

impl LeadStatus {
    /// Closed or dropped: no action may be recorded until it is reopened.
    pub fn is_final(self) -> bool {
        matches!(self, LeadStatus::Closed | LeadStatus::Dropped)
    }

    /// The statuses a lead may move to from this one: the next stage, one
    /// stage back (more verification, more evidence), 不予处理 from any open
    /// stage, and reopening a closed (→ 处置中) or dropped (→ 核实中) lead.
    pub fn next(self) -> &'static [LeadStatus] {
        use LeadStatus::*;
        match self {
            New => &[Verifying, Dropped],
            Verifying => &[Evidenced, Dropped],
            Evidenced => &[Handling, Verifying, Dropped],
            Handling => &[Closed, Evidenced, Dropped],
            Closed => &[Handling],
            Dropped => &[Verifying],
        }
    }

    /// A move that needs a reason: dropping a lead and reopening one.
    pub fn needs_reason(from: LeadStatus, to: LeadStatus) -> bool {
        to == LeadStatus::Dropped || from.is_final()
    }
}

coded_enum!(
    /// What was done about a lead.
    ActionKind, "措施类型" {
        WarningLetter = "warning_letter", "警告函" | "律师函";
        PlatformComplaint = "platform_complaint", "电商平台投诉" | "平台投诉";
        AdminComplaint = "admin_complaint", "行政投诉";
        AdminRuling = "admin_ruling", "行政裁决请求" | "行政裁决";
        Lawsuit = "lawsuit", "诉讼";
        Mediation = "mediation", "调解";
        Customs = "customs", "海关保护" | "海关";
        Other = "other", "其他";
    }
);

coded_enum!(
    /// How an action ended.
    Outcome, "结果" {
        TakenDown = "taken_down", "下架" | "已下架";
        Settled = "settled", "和解";
        Damages = "damages", "判赔";
        Penalty = "penalty", "罚没";
        Rejected = "rejected", "驳回";
        Withdrawn = "withdrawn", "撤回";
        Pending = "pending", "待定" | "进行中";
        Other = "other", "其他";
    }
);

coded_enum!(
    /// What a piece of evidence is.
    EvidenceKind, "证据类别" {
        Screenshot = "screenshot", "截图" | "网页截图";
        Receipt = "receipt", "购买凭证" | "发票";
        Notarial = "notarial", "公证书";
        Timestamp = "timestamp", "可信时间戳证书" | "时间戳";
        Photo = "photo", "照片";
        Video = "video", "视频" | "录像";
        WebArchive = "web_archive", "网页存档";
        Other = "other", "其他";
    }
);

impl EvidenceKind {
    /// A sensible kind for a file by its media type.
    pub fn guess(media_type: &str) -> EvidenceKind {
        match media_type.split('/').next() {
            Some("image") => EvidenceKind::Photo,
            Some("video") => EvidenceKind::Video,
            _ if media_type == "text/html" => EvidenceKind::WebArchive,
            _ => EvidenceKind::Other,
        }
    }
}

/// What the user enters for a lead. Its status is not here: it moves
/// through [`crate::Store::set_lead_status`], dated and with a reason.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeadData {
    pub title: String,
    pub discovered_date: Option<NaiveDate>,
    pub channel: Channel,
    /// The suspected infringer.
    pub suspect_name: String,
    /// The suspect's 统一社会信用代码, checked when given.
    pub suspect_uscc: String,
    pub suspect_address: String,
    /// Shop or store name.
    pub suspect_shop: String,
    pub suspect_url: String,
    pub suspect_platform: String,
    /// The suspected products, as the officer describes them.
    pub products: String,
    pub description: String,
    /// Estimated scale (sales volume, number of shops …), free text.
    pub scale: String,
    pub estimated_loss: Money,
    pub region: String,
    pub priority: Priority,
    pub notes: String,
    /// Ledger patents the lead concerns.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    /// Ledger trademarks the lead concerns.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub trademark_ids: Vec<i64>,
}

impl Default for LeadData {
    fn default() -> Self {
        LeadData {
            title: String::new(),
            discovered_date: None,
            channel: Channel::Ecommerce,
            suspect_name: String::new(),
            suspect_uscc: String::new(),
            suspect_address: String::new(),
            suspect_shop: String::new(),
            suspect_url: String::new(),
            suspect_platform: String::new(),
            products: String::new(),
            description: String::new(),
            scale: String::new(),
            estimated_loss: Money(0),
            region: String::new(),
            priority: Priority::Medium,
            notes: String::new(),
            patent_ids: Vec::new(),
            trademark_ids: Vec::new(),
        }
    }
}

/// What the user enters for an action.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ActionData {
    pub kind: ActionKind,
    pub date: Option<NaiveDate>,
    /// The platform, bureau, court or party the action was taken with.
    pub counterpart: String,
    /// Complaint, case or letter number.
    pub reference: String,
    /// The next step's deadline (a reply period, a hearing, an appeal).
    pub due_date: Option<NaiveDate>,
    /// The deadline has been dealt with: it leaves the dashboard.
    pub done: bool,
    pub outcome: Option<Outcome>,
    /// Damages, settlement or penalty amount.
    pub amount: Money,
    pub notes: String,
}

impl Default for ActionData {
    fn default() -> Self {
        ActionData {
            kind: ActionKind::WarningLetter,
            date: None,
            counterpart: String::new(),
            reference: String::new(),
            due_date: None,
            done: false,
            outcome: None,
            amount: Money(0),
            notes: String::new(),
        }
    }
}

/// What the user enters about a piece of evidence (the file itself comes
/// separately).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EvidenceData {
    /// Guessed from the file's type when not given.
    pub kind: Option<EvidenceKind>,
    /// When the evidence was captured: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
    pub captured_at: String,
    pub captured_by: String,
    pub source_url: String,
    /// 公证书编号 or 可信时间戳 certificate number.
    pub notary_ref: String,
    pub note: String,
}

fn trim(s: &mut String) {
    *s = s.trim().to_string();
}

pub(super) fn normalise_lead(mut d: LeadData) -> Result<LeadData> {
    crate::text::check_text_sizes(&d)?;
    for s in [
        &mut d.title,
        &mut d.suspect_name,
        &mut d.suspect_address,
        &mut d.suspect_shop,
        &mut d.suspect_url,
        &mut d.suspect_platform,
        &mut d.products,
        &mut d.scale,
        &mut d.region,
    ] {
        trim(s);
    }
    if d.title.is_empty() {
        return Err(Error::Missing {
            field: field("title", "线索名称"),
        });
    }
    if d.suspect_name.is_empty() {
        return Err(Error::Missing {
            field: field("suspectName", "涉嫌侵权方"),
        });
    }
    if d.discovered_date.is_none() {
        return Err(Error::Missing {
            field: field("discoveredDate", "发现日期"),
        });
    }
    check_date(field("discoveredDate", "发现日期"), d.discovered_date)?;
    d.suspect_uscc = if d.suspect_uscc.trim().is_empty() {
        String::new()
    } else {
        parse_uscc(&d.suspect_uscc).map_err(|e| match e {
            Error::Invalid { value, reason, .. } => Error::Invalid {
                field: field("suspectUscc", "涉嫌侵权方统一社会信用代码"),
                value,
                reason,
            },
            other => other,
        })?
    };
    if d.estimated_loss.0 < 0 {
        return Err(Error::invalid(
            field("estimatedLoss", "预估损失"),
            d.estimated_loss.to_string(),
            "金额不能为负数",
        ));
    }
    d.patent_ids.sort_unstable();
    d.patent_ids.dedup();
    d.trademark_ids.sort_unstable();
    d.trademark_ids.dedup();
    Ok(d)
}

pub(super) fn normalise_action(mut a: ActionData) -> Result<ActionData> {
    crate::text::check_text_sizes(&a)?;
    trim(&mut a.counterpart);
    trim(&mut a.reference);
    let Some(date) = a.date else {
        return Err(Error::Missing {
            field: field("date", "措施日期"),
        });
    };
    check_date(field("date", "措施日期"), a.date)?;
    check_date(field("dueDate", "下一步期限"), a.due_date)?;
    if let Some(due) = a.due_date {
        if due < date {
            return Err(Error::invalid(
                field("dueDate", "下一步期限"),
                due.to_string(),
                format!("早于措施日期 {date}"),
            ));
        }
    }
    if a.amount.0 < 0 {
        return Err(Error::invalid(
            field("amount", "金额"),
            a.amount.to_string(),
            "金额不能为负数",
        ));
    }
    Ok(a)
}

pub(super) fn normalise_evidence(mut e: EvidenceData) -> Result<EvidenceData> {
    crate::text::check_text_sizes(&e)?;
    for s in [
        &mut e.captured_at,
        &mut e.captured_by,
        &mut e.source_url,
        &mut e.notary_ref,
    ] {
        trim(s);
    }
    if !e.captured_at.is_empty() {
        e.captured_at = parse_captured_at(&e.captured_at)?;
    }
    Ok(e)
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` (a `T` also accepted), written
/// back in that shape.
fn parse_captured_at(s: &str) -> Result<String> {
    let bad = || {
        Error::invalid(
            field("capturedAt", "取证时间"),
            s,
            "应为日期（如 2026-03-05）或日期加时间（如 2026-03-05 14:30）",
        )
    };
    let t = s.replace('T', " ");
    let (day, time) = match t.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (t.as_str(), None),
    };
    let date =
        crate::calendar::parse_date(field("capturedAt", "取证时间"), day).map_err(|_| bad())?;
    check_date(field("capturedAt", "取证时间"), Some(date))?;
    match time {
        None => Ok(date.to_string()),
        Some(tm) => {
            let parsed = chrono::NaiveTime::parse_from_str(tm, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(tm, "%H:%M"))
                .map_err(|_| bad())?;
            Ok(format!("{date} {}", parsed.format("%H:%M:%S")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_goes_forward_one_step_back_one_and_reopens() {
        use LeadStatus::*;
        assert!(New.next().contains(&Verifying));
        assert!(!New.next().contains(&Closed), "no jump to 已结案");
        assert!(!New.next().contains(&Handling));
        assert!(Handling.next().contains(&Closed));
        for s in [New, Verifying, Evidenced, Handling] {
            assert!(s.next().contains(&Dropped), "{s} can be dropped");
        }
        assert_eq!(Closed.next(), &[Handling]);
        assert_eq!(Dropped.next(), &[Verifying]);
        assert!(LeadStatus::needs_reason(Closed, Handling));
        assert!(LeadStatus::needs_reason(New, Dropped));
        assert!(!LeadStatus::needs_reason(New, Verifying));
    }

    #[test]
    fn capture_times_take_a_date_or_a_date_and_time() {
        assert_eq!(parse_captured_at("2026-3-5").unwrap(), "2026-03-05");
        assert_eq!(
            parse_captured_at("2026-03-05T14:30").unwrap(),
            "2026-03-05 14:30:00"
        );
        let err = parse_captured_at("昨天").unwrap_err();
        assert_eq!(err.field().map(|f| f.code), Some("capturedAt"));
        assert!(parse_captured_at("2026-03-05 25:00").is_err());
    }

    #[test]
    fn a_suspect_uscc_with_a_wrong_check_character_is_refused() {
        let lead = LeadData {
            title: "某店铺销售仿冒产品".into(),
            discovered_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            suspect_name: "某公司".into(),
            suspect_uscc: "91430400MA4L0000X0".into(),
            ..LeadData::default()
        };
        let err = normalise_lead(lead).unwrap_err();
        assert_eq!(err.field().map(|f| f.code), Some("suspectUscc"));
        assert!(
            err.to_string().contains("涉嫌侵权方统一社会信用代码"),
            "{err}"
        );
    }
}
