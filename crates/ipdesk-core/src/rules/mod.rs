//! The CN fee and deadline rules, loaded from `assets/rules/*.json`.
//!
//! Every computation takes `today` (or another date) as an argument: nothing
//! here reads the clock. Amounts are in fen ([`Money`]).

pub use kinds::{FeeReduction, PatentKind};
pub use programs::{
    program, shipped_program_files, shipped_programs, Band, BandWhen, Check, Criterion, Fact,
    Metric, Op, Program, ProgramSource, ProgramVersion, Scheme, Subsidy, Tier,
};

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{add_months, Holidays};
use crate::error::{Error, Result};
use crate::money::Money;

mod kinds;
mod programs;
mod trademarks;

pub use trademarks::{FilingChannel, RenewalDates, RenewalState};

const FEES_JSON: &str = include_str!("../../../../assets/rules/cn-patent-fees.json");
const HIGH_VALUE_JSON: &str = include_str!("../../../../assets/rules/cn-high-value.json");
const TRADEMARK_JSON: &str = include_str!("../../../../assets/rules/cn-trademark.json");

/// A rule's provenance as the UI shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSource {
    /// The rule in Chinese, as reports print it.
    pub rule: String,
    /// The same rule in English, for the English UI.
    pub rule_en: String,
    pub source: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct FeeTable {
    kind: PatentKind,
    effective_from: Option<NaiveDate>,
    #[serde(default)]
    filed_from: Option<NaiveDate>,
    bands: Vec<FeeBand>,
    source: String,
    confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct FeeBand {
    years: [u32; 2],
    amount: i64,
}

#[derive(Debug, Clone, Deserialize)]
struct TermRule {
    kind: PatentKind,
    years: u32,
    #[serde(default)]
    filed_from: Option<NaiveDate>,
    #[serde(default)]
    filed_before: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize)]
struct LateFeeRule {
    free_months: u32,
    percent_per_month: u32,
    grace_months: u32,
}

#[derive(Debug, Clone, Deserialize)]
struct ReductionWindow {
    effective_from: NaiveDate,
    years: u32,
}

#[derive(Debug, Clone, Deserialize)]
struct ReductionRule {
    windows: Vec<ReductionWindow>,
    /// Share of the full fee still payable, by reduction code ("85", "70").
    payable_percent: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Deserialize)]
struct ShiftRule {
    shift_weekends: bool,
}

/// 恢复权利 after a fee unpaid through the grace period (细则 第6条第2款).
#[derive(Debug, Clone, Deserialize)]
struct RestorationRule {
    request_fee: i64,
    late_percent: u32,
    months_from_notice: u32,
    notice_months_after_grace: u32,
}

#[derive(Debug, Clone, Deserialize)]
struct FeeRulesFile {
    annual_fees: Vec<FeeTable>,
    terms: Vec<TermRule>,
    late_fee: LateFeeRule,
    reduction: ReductionRule,
    holiday_shift: ShiftRule,
    restoration: RestorationRule,
}

/// One high-value category as the data file states it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HighValueCategory {
    pub code: String,
    pub label: String,
    /// The label in English, for the English interface.
    #[serde(default, alias = "label_en")]
    pub label_en: String,
    /// How the app decides the category, in Chinese; `rule_en` in English.
    pub rule: String,
    #[serde(default, alias = "rule_en")]
    pub rule_en: String,
    pub confirmed: bool,
    /// For the maintained-N-years marks: N.
    #[serde(default)]
    pub years: Option<u32>,
    /// For the award category: the award kinds (codes) that count.
    #[serde(default, alias = "award_kinds")]
    pub award_kinds: Vec<String>,
    /// For the pledge category: the loan amount (yuan) from which a pledge
    /// counts, until the user sets one; `null` in the data, since no official
    /// figure was found.
    #[serde(default, alias = "threshold_yuan")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub threshold_yuan: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
struct HighValueFile {
    source: String,
    categories: Vec<HighValueCategory>,
    extra: Vec<HighValueCategory>,
}

/// The loaded rule set. [`Rules::bundled`] is the one shipped in `assets/`.
#[derive(Debug, Clone)]
pub struct Rules {
    fees: FeeRulesFile,
    high_value: HighValueFile,
    trademarks: trademarks::TrademarkRulesFile,
    /// Every rule with its source, for display.
    pub sources: Vec<RuleSource>,
}

impl Rules {
    /// The rules shipped with this build, shared: what a [`crate::Store`]
    /// holds unless told otherwise.
    pub fn shared() -> Arc<Rules> {
        static RULES: OnceLock<Arc<Rules>> = OnceLock::new();
        RULES
            .get_or_init(|| Arc::new(Rules::bundled().clone()))
            .clone()
    }

    /// The rules shipped with this build; parsed once.
    pub fn bundled() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            Rules::from_json(FEES_JSON, HIGH_VALUE_JSON).expect("bundled rule files are valid")
        })
    }

    pub fn from_json(fees_json: &str, high_value: &str) -> Result<Rules> {
        let fees: FeeRulesFile = serde_json::from_str(fees_json).map_err(|e| Error::Rules {
            file: "cn-patent-fees.json",
            reason: e.to_string(),
        })?;
        let high_value: HighValueFile =
            serde_json::from_str(high_value).map_err(|e| Error::Rules {
                file: "cn-high-value.json",
                reason: e.to_string(),
            })?;
        for t in &fees.annual_fees {
            let mut next = 1;
            for b in &t.bands {
                if b.years[0] != next || b.years[1] < b.years[0] || b.amount < 0 {
                    return Err(Error::Rules {
                        file: "cn-patent-fees.json",
                        reason: format!("{} 年费档次不连续：{:?}", t.kind.label(), b.years),
                    });
                }
                next = b.years[1] + 1;
            }
        }
        check_coverage(&fees, &high_value)?;
        let tm_err = |reason: String| Error::Rules {
            file: "cn-trademark.json",
            reason,
        };
        let trademarks: trademarks::TrademarkRulesFile =
            serde_json::from_str(TRADEMARK_JSON).map_err(|e| tm_err(e.to_string()))?;
        trademarks.check().map_err(tm_err)?;
        let raw: serde_json::Value = serde_json::from_str(fees_json)?;
        let raw_tm: serde_json::Value = serde_json::from_str(TRADEMARK_JSON)?;
        let source_of = |v: &serde_json::Value, key: &str| RuleSource {
            rule: v["rule"].as_str().unwrap_or(key).to_string(),
            rule_en: v["rule_en"].as_str().unwrap_or(key).to_string(),
            source: v["source"].as_str().unwrap_or("").to_string(),
            confirmed: v["confirmed"].as_bool().unwrap_or(false),
        };
        let mut sources = Vec::new();
        for key in [
            "due_date",
            "holiday_shift",
            "late_fee",
            "reduction",
            "expiry",
            "restoration",
        ] {
            if let Some(v) = raw.get(key) {
                sources.push(source_of(v, key));
            }
        }
        if let Some(v) = raw.pointer("/holiday_shift/grace_end") {
            sources.push(source_of(v, "grace_end"));
        }
        for key in ["term", "renewal", "window_start", "grace_end"] {
            if let Some(v) = raw_tm.get(key) {
                sources.push(source_of(v, key));
            }
        }
        for v in raw_tm["fees"].as_array().into_iter().flatten() {
            sources.push(RuleSource {
                rule: format!("商标续展费：{}", v["rule"].as_str().unwrap_or("")),
                rule_en: format!(
                    "trademark renewal fees from {}",
                    v["from"].as_str().unwrap_or("the start")
                ),
                ..source_of(v, "fees")
            });
        }
        for t in &fees.annual_fees {
            sources.push(RuleSource {
                rule: format!("{}年费标准", t.kind.label()),
                rule_en: format!("annual fee bands, {}", t.kind.code()),
                source: t.source.clone(),
                confirmed: t.confirmed,
            });
        }
        for c in high_value.categories.iter().chain(&high_value.extra) {
            sources.push(RuleSource {
                rule: c.label.clone(),
                rule_en: format!("high-value category {}: {}", c.code, c.rule_en),
                source: high_value.source.clone(),
                confirmed: c.confirmed,
            });
        }
        Ok(Rules {
            fees,
            high_value,
            trademarks,
            sources,
        })
    }

    /// Share of the full annual fee still payable under a reduction, in
    /// percent (财税〔2016〕78号 第三条: 85 % off leaves 15, 70 % off leaves 30).
    pub fn payable_percent(&self, reduction: FeeReduction) -> u32 {
        match reduction {
            FeeReduction::None => 100,
            r => self.fees.reduction.payable_percent[r.code()],
        }
    }

    /// A high-value category (or extra mark) by its code. The codes the app
    /// decides on are checked to be in the data when the rules load.
    pub fn high_value_category(&self, code: &str) -> &HighValueCategory {
        self.high_value
            .categories
            .iter()
            .chain(&self.high_value.extra)
            .find(|c| c.code == code)
            .expect("checked by check_coverage")
    }

    /// N of a maintained-more-than-N-years mark (`maintained10`, `maintained7`).
    pub fn maintained_years(&self, code: &str) -> u32 {
        self.high_value_category(code)
            .years
            .expect("checked by check_coverage")
    }

    /// The award kinds (codes) that make an invention high-value.
    pub fn high_value_award_kinds(&self) -> &[String] {
        &self.high_value_category("award").award_kinds
    }

    /// The pledge threshold the data gives until the user sets one.
    pub fn pledge_threshold_default(&self) -> Option<Money> {
        self.high_value_category("pledge")
            .threshold_yuan
            .map(Money::yuan)
    }

    /// Term of protection in years (20 / 10 / 15; 10 for designs filed before 2021-06-01).
    pub fn term_years(&self, kind: PatentKind, filed: NaiveDate) -> u32 {
        self.fees
            .terms
            .iter()
            .find(|t| {
                t.kind == kind
                    && t.filed_from.is_none_or(|d| filed >= d)
                    && t.filed_before.is_none_or(|d| filed < d)
            })
            .map(|t| t.years)
            .expect("terms cover every kind and date")
    }

    /// Full annual fee for patent year `year`, by the table in force on `due`.
    pub fn annual_fee(
        &self,
        kind: PatentKind,
        filed: NaiveDate,
        year: u32,
        due: NaiveDate,
    ) -> Option<Money> {
        self.fees
            .annual_fees
            .iter()
            .filter(|t| {
                t.kind == kind
                    && t.filed_from.is_none_or(|d| filed >= d)
                    && t.effective_from.is_none_or(|d| due >= d)
            })
            .max_by_key(|t| t.effective_from)
            .and_then(|t| {
                t.bands
                    .iter()
                    .find(|b| (b.years[0]..=b.years[1]).contains(&year))
            })
            .map(|b| Money::yuan(b.amount))
    }

    /// Years of reduction counted from the grant year, by the window in force on `due`.
    pub(crate) fn reduction_years(&self, due: NaiveDate) -> u32 {
        self.fees
            .reduction
            .windows
            .iter()
            .filter(|w| due >= w.effective_from)
            .max_by_key(|w| w.effective_from)
            .map_or(0, |w| w.years)
    }

    /// Late-fee percentage owed when paying on `on` for a fee due on `due`;
    /// `None` once the grace period is over.
    pub fn late_fee_percent(
        &self,
        due: NaiveDate,
        on: NaiveDate,
        holidays: &Holidays,
    ) -> Option<u32> {
        let lf = &self.fees.late_fee;
        let shift =
            |d: NaiveDate| holidays.next_working_day(d, self.fees.holiday_shift.shift_weekends);
        if on > shift(add_months(due, lf.grace_months)) {
            return None;
        }
        let passed = (1..=lf.grace_months)
            .take_while(|m| on > shift(add_months(due, *m)))
            .count() as u32;
        Some(passed.saturating_sub(lf.free_months.saturating_sub(1)) * lf.percent_per_month)
    }

    /// The deadline after moving a due date off weekends and holidays.
    pub fn deadline(&self, due: NaiveDate, holidays: &Holidays) -> NaiveDate {
        holidays.next_working_day(due, self.fees.holiday_shift.shift_weekends)
    }

    pub fn grace_end(&self, due: NaiveDate, holidays: &Holidays) -> NaiveDate {
        self.deadline(add_months(due, self.fees.late_fee.grace_months), holidays)
    }

    /// The last day of a trademark term starting on `start`.
    pub fn trademark_term_end(&self, start: NaiveDate) -> NaiveDate {
        self.trademarks.term_end(start)
    }

    /// A registered mark's renewal window, grace period and fee on `on`.
    pub fn trademark_renewal(
        &self,
        expiry: NaiveDate,
        classes: usize,
        channel: FilingChannel,
        on: NaiveDate,
    ) -> RenewalDates {
        self.trademarks.renewal_dates(expiry, classes, channel, on)
    }

    /// The restoration (恢复权利) window of a fee unpaid through its grace
    /// period, and what restoring costs: the request fee, the fee itself and
    /// a late fee on the full fee. `notice` is the termination notice's
    /// receipt date when recorded; otherwise it is estimated.
    pub fn restoration(
        &self,
        grace_end: NaiveDate,
        full: Money,
        payable: Money,
        notice: Option<NaiveDate>,
    ) -> Restoration {
        let r = &self.fees.restoration;
        let estimated = notice.is_none();
        let notice = notice.unwrap_or_else(|| add_months(grace_end, r.notice_months_after_grace));
        Restoration {
            closes: add_months(notice, r.months_from_notice),
            estimated,
            request_fee: Money::yuan(r.request_fee),
            annual_fee: payable,
            late_fee: full.percent(r.late_percent),
        }
    }

    pub fn high_value_categories(&self) -> &[HighValueCategory] {
        &self.high_value.categories
    }

    pub fn high_value_extra(&self) -> &[HighValueCategory] {
        &self.high_value.extra
    }
}

/// What restoring a patent terminated for an unpaid fee takes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restoration {
    /// Last day to request restoration.
    pub closes: NaiveDate,
    /// The date is estimated from the grace period (no notice date known).
    pub estimated: bool,
    pub request_fee: Money,
    pub annual_fee: Money,
    pub late_fee: Money,
}

/// Refuses rule files that would leave a computation without an answer: a
/// kind with no term, a reduction with no payable share, a high-value code the
/// app decides on missing or without its figure. Bundled files are checked by
/// a test; files loaded at run time get a clear error instead of a panic.
fn check_coverage(fees: &FeeRulesFile, hv: &HighValueFile) -> Result<()> {
    let fee_err = |reason: String| Error::Rules {
        file: "cn-patent-fees.json",
        reason,
    };
    let hv_err = |reason: String| Error::Rules {
        file: "cn-high-value.json",
        reason,
    };
    for kind in PatentKind::ALL {
        if !fees
            .terms
            .iter()
            .any(|t| t.kind == *kind && t.filed_from.is_none())
        {
            return Err(fee_err(format!("缺少{}的保护期限", kind.label())));
        }
    }
    for r in FeeReduction::ALL
        .iter()
        .filter(|r| **r != FeeReduction::None)
    {
        match fees.reduction.payable_percent.get(r.code()) {
            Some(p) if *p <= 100 => {}
            _ => return Err(fee_err(format!("缺少{}的应缴比例", r.label()))),
        }
    }
    let find = |code: &str| {
        hv.categories
            .iter()
            .chain(&hv.extra)
            .find(|c| c.code == code)
            .ok_or_else(|| hv_err(format!("缺少类别 {code}")))
    };
    for code in [
        "sei",
        "overseas",
        "maintained10",
        "pledge",
        "award",
        "maintained7",
    ] {
        find(code)?;
    }
    for code in ["maintained10", "maintained7"] {
        if find(code)?.years.is_none() {
            return Err(hv_err(format!("类别 {code} 缺少年限 years")));
        }
    }
    if let Some(t) = find("pledge")?.threshold_yuan {
        if !(0..=i64::MAX / 100).contains(&t) {
            return Err(hv_err(format!(
                "类别 pledge 的阈值 threshold_yuan 无效：{t}"
            )));
        }
    }
    if find("award")?.award_kinds.is_empty() {
        return Err(hv_err("类别 award 缺少奖项类别 award_kinds".into()));
    }
    Ok(())
}
