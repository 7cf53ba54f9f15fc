//! Checking a program against the store: each criterion's verdict with the
//! rows that prove it and, when unmet, what is missing; the subsidy
//! estimate with its rows; and the radar over every shipped program.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::money::Money;
use crate::rules::{Check, Metric, Op, Program};
use crate::store::{EntityRef, Store};

use super::metrics::ROWS;

/// How one criterion stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Met,
    Unmet,
    /// The store cannot decide it: a document or declaration is needed.
    NeedsEvidence,
    /// Data the check needs is missing (say, the registration date).
    Unknown,
    NotApplicable,
}

/// A record behind a verdict or a subsidy line.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofRow {
    /// 专利 / 商标 / 质押 / 保险 …
    pub kind: String,
    /// Application, registration or contract number, or a year.
    pub number: String,
    pub title: String,
    pub detail: String,
    /// The record, to open it.
    pub record: Option<EntityRef>,
}

/// One criterion's result.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionResult {
    pub id: String,
    pub text: String,
    pub bonus: bool,
    /// Unconfirmed criteria are shown but never decide the program's status.
    pub confirmed: bool,
    pub verdict: Verdict,
    /// The count or amount found (yuan for amounts, years for ages).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub actual: Option<i64>,
    /// What the program asks ("≥ 3 件").
    pub required: String,
    /// For an unmet or unknown criterion: what is missing, in Chinese.
    pub missing: Option<String>,
    pub rows: Vec<ProofRow>,
    /// Rows found beyond those listed.
    pub more_rows: u32,
}

/// One line of a subsidy estimate.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubsidyLine {
    pub row: ProofRow,
    pub amount: Money,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubsidyEstimate {
    /// The rule as the guide states it.
    pub text: String,
    pub lines: Vec<SubsidyLine>,
    pub total: Money,
}

/// Where a program stands for this company.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RadarStatus {
    /// Every gate the store can decide is met (documents may still be due).
    Qualifies,
    /// One gate short.
    Close,
    Not,
}

/// A program checked on a day for a year.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramCheck {
    pub program: Program,
    /// The year whose records count as 本年度.
    pub year: i32,
    pub today: NaiveDate,
    pub criteria: Vec<CriterionResult>,
    pub status: RadarStatus,
    /// The gates not met, by their text.
    pub short: Vec<String>,
    /// Documents and declarations still to supply.
    pub evidence_due: Vec<String>,
    pub subsidies: Vec<SubsidyEstimate>,
    pub subsidy_total: Money,
}

/// The radar row of one program.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RadarRow {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub program_year: i32,
    /// The officer's own program file rather than a shipped one.
    pub own: bool,
    pub status: RadarStatus,
    pub short: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub evidence_due: usize,
    pub subsidy_total: Money,
}

impl Store {
    /// Checks program `id` for the year `year`, on `today` (the version in
    /// force on `today` applies). Errors: [`crate::Error::NotFound`] for an
    /// unknown id or a program with no version in force.
    pub fn check_program(&self, id: &str, year: i32, today: NaiveDate) -> Result<ProgramCheck> {
        let program = self.find_program(id)?;
        self.check_program_data(&program, year, today)
    }

    /// [`Store::check_program`] for a program given as data (an officer's own file).
    pub fn check_program_data(
        &self,
        program: &Program,
        year: i32,
        today: NaiveDate,
    ) -> Result<ProgramCheck> {
        let version = program.version_on(today).ok_or(crate::Error::NotFound {
            entity: "当日有效的项目版本",
            key: format!("{} {today}", program.id),
        })?;
        let mut criteria = Vec::with_capacity(version.criteria.len());
        // Each `either` group by name, and whether one of its criteria is met.
        let mut groups: Vec<(String, bool)> = Vec::new();
        for c in &version.criteria {
            let confirmed = c.confirmed.unwrap_or(program.confirmed);
            let mut r = CriterionResult {
                id: c.id.clone(),
                text: c.text.clone(),
                bonus: c.bonus,
                confirmed,
                verdict: Verdict::NeedsEvidence,
                actual: None,
                required: String::new(),
                missing: None,
                rows: Vec::new(),
                more_rows: 0,
            };
            match &c.check {
                Check::Evidence { item } => {
                    r.required = format!("提供：{item}");
                    r.missing = Some(format!("需提供{item}"));
                }
                Check::Profile { fact, value } => {
                    self.profile_fact(*fact, value.as_deref(), &mut r)?
                }
                Check::Metric {
                    metric,
                    op,
                    value,
                    keywords,
                    either,
                } => {
                    let found = self.metric(*metric, keywords, year, today)?;
                    let (unit, label) = metric.label();
                    r.required = format!("{} {value} {unit}", op.symbol());
                    // Rows past ROWS, and (for patents, counted in SQL) rows never loaded.
                    r.more_rows =
                        (found.rows.len().saturating_sub(ROWS) as i64 + found.unlisted) as u32;
                    r.rows = found.rows.into_iter().take(ROWS).collect();
                    match found.actual {
                        None => {
                            r.verdict = Verdict::Unknown;
                            r.missing = found.unknown;
                        }
                        Some(actual) => {
                            r.actual = Some(actual);
                            if op.holds(actual, *value) {
                                r.verdict = Verdict::Met;
                            } else {
                                r.verdict = Verdict::Unmet;
                                r.missing =
                                    Some(shortfall(*metric, *op, actual, *value, unit, label));
                            }
                        }
                    }
                    if let Some(g) = either {
                        match groups.iter_mut().find(|(name, _)| name == g) {
                            Some(entry) => entry.1 |= r.verdict == Verdict::Met,
                            None => groups.push((g.clone(), r.verdict == Verdict::Met)),
                        }
                    }
                }
            }
            criteria.push(r);
        }
        let either_of = |id: &str| {
            version
                .criteria
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| match &c.check {
                    Check::Metric { either, .. } => either.clone(),
                    _ => None,
                })
        };
        let mut short = Vec::new();
        let mut evidence_due = Vec::new();
        let mut groups_listed: Vec<String> = Vec::new();
        for r in criteria.iter().filter(|r| !r.bonus && r.confirmed) {
            match r.verdict {
                Verdict::Unmet | Verdict::Unknown => match either_of(&r.id) {
                    // Criteria of an `either` group count once, as "A 或 B",
                    // and not at all when one of them is met.
                    Some(g) => {
                        let met = groups.iter().any(|(n, m)| *n == g && *m);
                        if !met && !groups_listed.contains(&g) {
                            let texts: Vec<&str> = criteria
                                .iter()
                                .filter(|x| either_of(&x.id).as_deref() == Some(g.as_str()))
                                .map(|x| x.text.as_str())
                                .collect();
                            short.push(texts.join(" 或 "));
                            groups_listed.push(g);
                        }
                    }
                    None => short.push(r.text.clone()),
                },
                Verdict::NeedsEvidence => evidence_due.push(r.text.clone()),
                Verdict::Met | Verdict::NotApplicable => {}
            }
        }
        let status = match short.len() {
            0 => RadarStatus::Qualifies,
            1 => RadarStatus::Close,
            _ => RadarStatus::Not,
        };
        let subsidies = version
            .subsidies
            .iter()
            .map(|s| self.subsidy(s, year))
            .collect::<Result<Vec<_>>>()?;
        let subsidy_total = subsidies.iter().map(|s| s.total).sum();
        Ok(ProgramCheck {
            program: program.clone(),
            year,
            today,
            criteria,
            status,
            short,
            evidence_due,
            subsidies,
            subsidy_total,
        })
    }

    /// Every program for enterprises (shipped and one's own), checked:
    /// where to apply this year.
    pub fn program_radar(&self, year: i32, today: NaiveDate) -> Result<Vec<RadarRow>> {
        let mut rows = Vec::new();
        for p in self.all_programs()?.iter().filter(|p| p.enterprise) {
            if p.version_on(today).is_none() {
                continue;
            }
            let c = self.check_program_data(p, year, today)?;
            rows.push(RadarRow {
                id: p.id.clone(),
                name: p.name.clone(),
                issuer: p.issuer.clone(),
                program_year: p.year,
                own: !crate::rules::shipped_programs()
                    .iter()
                    .any(|s| s.id == p.id),
                status: c.status,
                short: c.short,
                evidence_due: c.evidence_due.len(),
                subsidy_total: c.subsidy_total,
            });
        }
        Ok(rows)
    }
}

fn shortfall(metric: Metric, op: Op, actual: i64, value: i64, unit: &str, label: &str) -> String {
    match (metric, op) {
        (Metric::InventionFilingsRising, _) => "近三个年度的发明专利申请量没有逐年增长".into(),
        (Metric::CompanyAgeYears, _) => {
            format!("注册 {actual} 年，要求 {} {value} 年", op.symbol())
        }
        (_, Op::AtLeast) => format!("还差 {} {unit}{label}", value - actual),
        (_, Op::MoreThan) => format!("还差 {} {unit}{label}", value + 1 - actual),
        (_, Op::Exactly) | (_, Op::AtMost) => {
            format!("有 {actual} {unit}{label}，要求 {} {value}", op.symbol())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossiers::pledge_subsidy;
    use crate::rules::{program, Subsidy, Tier};

    fn tiers() -> Vec<Tier> {
        let p = program("hengyang-2023-2-3").unwrap();
        match &p.versions[0].subsidies[0] {
            Subsidy::PledgeTiers { tiers, .. } => tiers.clone(),
            other => panic!("{other:?}"),
        }
    }

    // Seed 004 (二)3: 50万–200万（不含200万）1万；200万–500万（不含500万）2.5万；
    // 500万–1000万（不含1000万）4万；1000万（含）以上 5万; below 50万 nothing.
    #[test]
    fn pledge_tiers_pay_exactly_at_and_around_each_boundary() {
        let t = tiers();
        let pays = |yuan: i64, fen: i64| pledge_subsidy(&t, Money(yuan * 100 + fen));
        assert_eq!(pays(499_999, 99), Money(0));
        assert_eq!(pays(500_000, 0), Money::yuan(10_000));
        assert_eq!(pays(1_999_999, 99), Money::yuan(10_000));
        assert_eq!(pays(2_000_000, 0), Money::yuan(25_000));
        assert_eq!(pays(4_999_999, 99), Money::yuan(25_000));
        assert_eq!(pays(5_000_000, 0), Money::yuan(40_000));
        assert_eq!(pays(9_999_999, 99), Money::yuan(40_000));
        assert_eq!(pays(10_000_000, 0), Money::yuan(50_000));
        assert_eq!(pays(300_000_000, 0), Money::yuan(50_000));
    }

    #[test]
    fn shortfalls_say_what_is_missing() {
        assert_eq!(
            shortfall(
                Metric::ValidCnInventions,
                Op::AtLeast,
                2,
                3,
                "件",
                "有效发明专利"
            ),
            "还差 1 件有效发明专利"
        );
        assert_eq!(
            shortfall(
                Metric::ProductsUnfiled,
                Op::Exactly,
                2,
                0,
                "项",
                "未备案的专利产品"
            ),
            "有 2 项未备案的专利产品，要求 = 0"
        );
    }
}
