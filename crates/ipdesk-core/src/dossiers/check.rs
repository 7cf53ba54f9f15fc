//! Checking a program against the store: each criterion's verdict with the
//! rows that prove it and, when unmet, what is missing; the subsidy
//! estimate with its rows; and the radar over every shipped program.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::money::Money;
use crate::rules::{Band, Check, Metric, Op, Program};
use crate::store::{EntityRef, Store};

use super::metrics::ROWS;

/// How one criterion stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

impl Verdict {
    /// How the verdict reads on paper and on screen.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "满足",
            Verdict::Unmet => "不满足",
            Verdict::NeedsEvidence => "待提供材料",
            Verdict::Unknown => "缺少数据",
            Verdict::NotApplicable => "不适用",
        }
    }
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
    /// A scored item: shown with its band, never a gate.
    pub scored: bool,
    /// The official bands of a scored item, the one reached marked.
    pub scale: Vec<ScaleBand>,
    /// The tier it is a gate of, for a program of tiers.
    pub tier: Option<String>,
}

/// One band of a scored item as the official table gives it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleBand {
    pub label: String,
    /// `7–8 分`: a range or fixed points, never resolved further.
    pub points: String,
    pub text: String,
    /// The band the ledger puts the company in.
    pub reached: bool,
}

/// Where one tier of a program of tiers stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierResult {
    pub name: String,
    pub status: RadarStatus,
    pub short: Vec<String>,
    pub evidence_due: Vec<String>,
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

impl RadarStatus {
    pub fn label(self) -> &'static str {
        match self {
            RadarStatus::Qualifies => "符合",
            RadarStatus::Close => "差一项",
            RadarStatus::Not => "不符合",
        }
    }
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
    /// The version applied: from and to (open ends absent).
    pub version_from: Option<NaiveDate>,
    pub version_to: Option<NaiveDate>,
    /// For a program of tiers: each tier's standing, lowest first. The
    /// program's status is that of the highest tier best placed.
    pub tiers: Vec<TierResult>,
    /// The tier `status` and `short` speak of.
    pub tier: Option<String>,
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
    /// For a program of tiers: the tier the status speaks of.
    pub tier: Option<String>,
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
                scored: false,
                scale: Vec::new(),
                tier: c.tier.clone(),
            };
            match &c.check {
                Check::Evidence { item } => {
                    r.required = format!("提供：{item}");
                    r.missing = Some(format!("需提供{item}"));
                }
                Check::Profile { fact, value } => {
                    self.profile_fact(*fact, value.as_deref(), today, &mut r)?
                }
                Check::Band { bands, evidence } => {
                    self.band(bands, evidence.as_deref(), year, today, &mut r)?
                }
                Check::Metric {
                    metric,
                    op,
                    value,
                    keywords,
                    either,
                    scheme,
                } => {
                    let found = self.metric(*metric, keywords, *scheme, year, today)?;
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
        let gates_of = |tier: Option<&str>| {
            gates(&version.criteria, &criteria, &groups, |r| {
                r.tier.is_none() || r.tier.as_deref() == tier
            })
        };
        let tier_names = program.tiers();
        let (tiers, tier, status, short, evidence_due) = if tier_names.is_empty() {
            let (status, short, evidence_due) = gates_of(None);
            (Vec::new(), None, status, short, evidence_due)
        } else {
            let tiers: Vec<TierResult> = tier_names
                .iter()
                .map(|name| {
                    let (status, short, evidence_due) = gates_of(Some(name));
                    TierResult {
                        name: name.clone(),
                        status,
                        short,
                        evidence_due,
                    }
                })
                .collect();
            // The highest tier best placed: qualifying beats close beats not.
            let rank = |s: RadarStatus| match s {
                RadarStatus::Qualifies => 2,
                RadarStatus::Close => 1,
                RadarStatus::Not => 0,
            };
            // `max_by_key` keeps the last of equals: the highest tier.
            match tiers.iter().max_by_key(|t| rank(t.status)).cloned() {
                Some(best) => (
                    tiers,
                    Some(best.name),
                    best.status,
                    best.short,
                    best.evidence_due,
                ),
                None => {
                    let (status, short, evidence_due) = gates_of(None);
                    (tiers, None, status, short, evidence_due)
                }
            }
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
            version_from: version.from,
            version_to: version.to,
            tiers,
            tier,
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
                tier: c.tier,
                status: c.status,
                short: c.short,
                evidence_due: c.evidence_due.len(),
                subsidy_total: c.subsidy_total,
            });
        }
        Ok(rows)
    }
}

impl Store {
    /// A scored item: the first band from the top whose condition holds,
    /// with the rows behind it, and what would reach the band above. Bands
    /// without conditions are judged by the experts.
    fn band(
        &self,
        bands: &[Band],
        evidence: Option<&str>,
        year: i32,
        today: NaiveDate,
        r: &mut CriterionResult,
    ) -> Result<()> {
        r.scored = true;
        r.required = bands
            .iter()
            .map(|b| format!("{} {}", b.label, b.points))
            .collect::<Vec<_>>()
            .join(" · ");
        let mut scale: Vec<ScaleBand> = bands
            .iter()
            .map(|b| ScaleBand {
                label: b.label.clone(),
                points: b.points.clone(),
                text: b.text.clone(),
                reached: false,
            })
            .collect();
        if bands.iter().all(|b| b.when.is_none()) {
            r.verdict = Verdict::NeedsEvidence;
            r.missing = Some(match evidence {
                Some(e) => format!("专家评分，需提供{e}"),
                None => "专家评分".into(),
            });
            r.scale = scale;
            return Ok(());
        }
        // Each band's condition checked (from the top) and the count found.
        let mut tried: Vec<(usize, i64)> = Vec::new();
        let mut reached = bands.len() - 1;
        for (i, b) in bands.iter().enumerate() {
            let Some(w) = &b.when else {
                reached = i;
                break;
            };
            let found = self.metric(w.metric, &[], w.scheme, year, today)?;
            let Some(actual) = found.actual else {
                r.verdict = Verdict::Unknown;
                r.missing = found.unknown;
                r.scale = scale;
                return Ok(());
            };
            if w.op.holds(actual, w.value) {
                reached = i;
                r.actual = Some(actual);
                r.more_rows =
                    (found.rows.len().saturating_sub(ROWS) as i64 + found.unlisted) as u32;
                r.rows = found.rows.into_iter().take(ROWS).collect();
                break;
            }
            tried.push((i, actual));
        }
        scale[reached].reached = true;
        r.verdict = if reached + 1 < bands.len() {
            Verdict::Met
        } else {
            Verdict::Unmet
        };
        // What reaches the band just above.
        if let Some((above, actual)) = reached
            .checked_sub(1)
            .and_then(|i| tried.iter().find(|(k, _)| *k == i).copied())
        {
            if let Some(w) = &bands[above].when {
                let (unit, label) = w.metric.label();
                r.missing = Some(format!(
                    "{}，可进入 {} 档（{}）",
                    shortfall(w.metric, w.op, actual, w.value, unit, label),
                    bands[above].label,
                    bands[above].points
                ));
            }
        }
        r.scale = scale;
        Ok(())
    }
}

/// The gates of the criteria `keep` selects: the status, the gates not met
/// (an `either` group once, as "A 或 B", and not at all when one of it is
/// met) and the documents still due. Bonus, scored and unconfirmed criteria
/// never count.
fn gates(
    defs: &[crate::rules::Criterion],
    criteria: &[CriterionResult],
    groups: &[(String, bool)],
    keep: impl Fn(&CriterionResult) -> bool,
) -> (RadarStatus, Vec<String>, Vec<String>) {
    let either_of = |id: &str| {
        defs.iter()
            .find(|c| c.id == id)
            .and_then(|c| match &c.check {
                Check::Metric { either, .. } => either.clone(),
                _ => None,
            })
    };
    let mut short = Vec::new();
    let mut evidence_due = Vec::new();
    let mut groups_listed: Vec<String> = Vec::new();
    for r in criteria
        .iter()
        .filter(|r| !r.bonus && r.confirmed && keep(r))
    {
        // A scored item never makes a program short, but the material the
        // experts score it on is still due.
        if r.scored {
            if r.verdict == Verdict::NeedsEvidence {
                evidence_due.push(r.text.clone());
            }
            continue;
        }
        match r.verdict {
            Verdict::Unmet | Verdict::Unknown => match either_of(&r.id) {
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
    (status, short, evidence_due)
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
