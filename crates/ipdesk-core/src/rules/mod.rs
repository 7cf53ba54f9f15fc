//! The CN fee and deadline rules, loaded from `assets/rules/*.json`.
//!
//! Every computation takes `today` (or another date) as an argument: nothing
//! here reads the clock. Amounts are in fen ([`Money`]).

pub use kinds::{FeeReduction, PatentKind};

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{add_months, Holidays};
use crate::error::{Error, Result};
use crate::money::Money;

mod kinds;

const FEES_JSON: &str = include_str!("../../../../assets/rules/cn-patent-fees.json");
const HIGH_VALUE_JSON: &str = include_str!("../../../../assets/rules/cn-high-value.json");

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
}

#[derive(Debug, Clone, Deserialize)]
struct ShiftRule {
    shift_weekends: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct FeeRulesFile {
    annual_fees: Vec<FeeTable>,
    terms: Vec<TermRule>,
    late_fee: LateFeeRule,
    reduction: ReductionRule,
    holiday_shift: ShiftRule,
}

/// One high-value category as the data file states it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HighValueCategory {
    pub code: String,
    pub label: String,
    /// How the app decides the category, in Chinese; `rule_en` in English.
    pub rule: String,
    #[serde(default)]
    pub rule_en: String,
    pub confirmed: bool,
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
        let raw: serde_json::Value = serde_json::from_str(fees_json)?;
        let mut sources = Vec::new();
        for key in [
            "due_date",
            "holiday_shift",
            "late_fee",
            "reduction",
            "expiry",
        ] {
            if let Some(v) = raw.get(key) {
                sources.push(RuleSource {
                    rule: v["rule"].as_str().unwrap_or(key).to_string(),
                    rule_en: v["rule_en"].as_str().unwrap_or(key).to_string(),
                    source: v["source"].as_str().unwrap_or("").to_string(),
                    confirmed: v["confirmed"].as_bool().unwrap_or(false),
                });
            }
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
            sources,
        })
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

    pub fn high_value_categories(&self) -> &[HighValueCategory] {
        &self.high_value.categories
    }

    pub fn high_value_extra(&self) -> &[HighValueCategory] {
        &self.high_value.extra
    }
}
