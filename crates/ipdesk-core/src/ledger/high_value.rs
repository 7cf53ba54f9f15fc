use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::*;
use crate::calendar::anniversary;
use crate::error::Result;
use crate::error::{field, Error};
use crate::money::Money;
use crate::rules::PatentKind;
use crate::rules::Rules;
use crate::store::{Entity, Store};

const PLEDGE_THRESHOLD_KEY: &str = "high_value.pledge_threshold";

/// A valid invention with the high-value categories it meets.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HighValue {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub patent_id: i64,
    pub app_no: String,
    pub title: String,
    pub filing_date: NaiveDate,
    /// Whole years since filing.
    pub years_maintained: u32,
    pub reasons: Vec<HighValueReason>,
    /// Maintained more than 7 years (Jining's target).
    pub over_seven_years: bool,
}

impl HighValue {
    pub fn is_high_value(&self) -> bool {
        !self.reasons.is_empty()
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HighValueReason {
    pub code: String,
    pub label: String,
    /// The label for the English interface (from the rules data).
    pub label_en: String,
    /// What in the ledger meets the category: data (numbers, award names)
    /// or a phrase in Chinese; `detail_en` is the same in English.
    pub detail: String,
    pub detail_en: String,
    pub confirmed: bool,
}

/// The high-value test as an SQL predicate over `patent p` on `today`,
/// with a `:threshold` parameter (the pledge amount, or NULL), built from
/// the rules (the invention term, the maintained-years mark, the award
/// kinds) so the listing filter, the dashboard count and
/// [`Store::high_value_of`] decide by the same data.
///
/// Shaped for speed at 100,000 patents (issue 17): the date tests are
/// string comparisons of `filing_date` with cut-off dates worked out here
/// (so the partial index `patent_high_value` of migration 0011 answers
/// them without reading rows), and the family, pledge and award tests are
/// uncorrelated `IN` lists, computed once per statement instead of once per
/// patent, each driven from its link table (`CROSS JOIN` keeps that
/// order: without statistics the planner would scan all patents to find
/// the few links). A term extended by compensation days (rare) is still tested with
/// SQLite's date arithmetic; `floor` makes a 29 February filing's
/// anniversary in a common year 28 February, as `calendar::anniversary`
/// has it (专利法实施细则 art. 6).
pub(crate) fn high_value_sql(rules: &Rules, today: NaiveDate) -> String {
    // The invention term does not depend on the filing date in the data; the
    // latest rule applies (a date-dependent one would need a CASE here).
    let term = rules.term_years(PatentKind::Invention, NaiveDate::MAX);
    let maintained = rules.maintained_years("maintained10");
    // In term: anniversary(filed, term) - 1 day >= today, i.e. the
    // anniversary falls after today.
    let in_term_from = first_filing_with_anniversary_after(today, term);
    // Maintained: anniversary(filed, N) < today, i.e. not after yesterday.
    let kept_before =
        first_filing_with_anniversary_after(today.pred_opt().unwrap_or(today), maintained);
    let awards = rules
        .high_value_award_kinds()
        .iter()
        .map(|k| format!("'{}'", k.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "(p.kind = 'invention' AND p.status = 'granted' AND p.jurisdiction = 'CN'
    AND (p.compensation_days = 0 AND p.filing_date >= '{in_term_from}'
      OR p.compensation_days <> 0 AND date(p.filing_date, '+{term} years', 'floor', '-1 day', '+' || p.compensation_days || ' days') >= '{today}')
    AND (p.sei_category <> '' OR p.overseas_family_grant = 1 OR p.filing_date < '{kept_before}'
      OR p.id IN (SELECT f.member_id FROM patent_family f CROSS JOIN patent m ON m.id = f.patent_id
                  WHERE m.jurisdiction <> 'CN' AND m.status = 'granted'
                  UNION ALL
                  SELECT f.patent_id FROM patent_family f CROSS JOIN patent m ON m.id = f.member_id
                  WHERE m.jurisdiction <> 'CN' AND m.status = 'granted')
      OR (:threshold IS NOT NULL AND p.id IN (SELECT pp.patent_id FROM pledge_patent pp
                  JOIN pledge pl ON pl.id = pp.pledge_id WHERE pl.loan_amount >= :threshold))
      OR p.id IN (SELECT ap.patent_id FROM award_patent ap JOIN award a ON a.id = ap.award_id
                  WHERE a.kind IN ({awards}))))"
    )
}

/// The listing's table when it filters on high value: the partial index
/// of migration 0011, named because the planner, without statistics,
/// prefers the (kind, status, filing_date) index and reads 30,000 rows.
pub(crate) const HIGH_VALUE_TABLE: &str = "patent p INDEXED BY patent_high_value";

/// The earliest filing date whose `years`-th anniversary falls after `day`.
/// An anniversary never comes earlier for a later filing date, so
/// `anniversary(filed, years) > day` exactly when `filed` is this date or
/// later.
pub(crate) fn first_filing_with_anniversary_after(day: NaiveDate, years: u32) -> NaiveDate {
    let mut filed = day
        .checked_sub_months(chrono::Months::new(years * 12))
        .and_then(|d| d.checked_sub_days(chrono::Days::new(4)))
        .unwrap_or(NaiveDate::MIN);
    while anniversary(filed, years) <= day {
        match filed.succ_opt() {
            Some(next) => filed = next,
            None => break,
        }
    }
    filed
}

impl Store {
    /// The high-value categories one patent meets today (empty if it is not a
    /// valid CN invention or meets none).
    pub fn high_value_of(&self, patent_id: i64, today: NaiveDate) -> Result<HighValue> {
        let p = self.patent(patent_id)?;
        let rules = self.rules();
        let filed = p.filing_date();
        let mut years = 0;
        while anniversary(filed, years + 1) <= today {
            years += 1;
        }
        let valid = p.data.kind == PatentKind::Invention
            && p.data.status == LegalStatus::Granted
            && p.data.is_cn()
            && rules.expiry_date(&p.data).is_some_and(|e| e >= today);
        let mut reasons = Vec::new();
        let mut fire = |code: &str, detail: String, detail_en: String| {
            let c = rules.high_value_category(code);
            reasons.push(HighValueReason {
                code: c.code.clone(),
                label: c.label.clone(),
                label_en: c.label_en.clone(),
                detail,
                detail_en,
                confirmed: c.confirmed,
            });
        };
        if valid {
            if !p.data.sei_category.is_empty() {
                fire(
                    "sei",
                    p.data.sei_category.clone(),
                    p.data.sei_category.clone(),
                );
            }
            let foreign: Vec<String> = self
                .family(patent_id)?
                .into_iter()
                .filter(|m| !m.data.is_cn() && m.data.status == LegalStatus::Granted)
                .map(|m| format!("{} {}", m.data.jurisdiction, m.data.app_no))
                .collect();
            if p.data.overseas_family_grant || !foreign.is_empty() {
                let (detail, detail_en) = if foreign.is_empty() {
                    (
                        "已标记海外同族授权".into(),
                        "marked as granted overseas".into(),
                    )
                } else {
                    (foreign.join("、"), foreign.join(", "))
                };
                fire("overseas", detail, detail_en);
            }
            if anniversary(filed, rules.maintained_years("maintained10")) < today {
                fire(
                    "maintained10",
                    format!("自申请日起已维持 {years} 年"),
                    format!("maintained {years} years since filing"),
                );
            }
            if let Some(threshold) = self.pledge_threshold()? {
                let max: Option<i64> = self.conn.query_row(
                    "SELECT max(pl.loan_amount) FROM pledge pl JOIN pledge_patent pp ON pp.pledge_id = pl.id
                     WHERE pp.patent_id = ?1",
                    [patent_id],
                    |r| r.get(0),
                )?;
                if let Some(m) = max.filter(|m| *m >= threshold.0) {
                    fire(
                        "pledge",
                        format!("质押融资 {} 元（阈值 {} 元）", Money(m), threshold),
                        format!(
                            "pledged for {} yuan (threshold {} yuan)",
                            Money(m),
                            threshold
                        ),
                    );
                }
            }
            let kinds = rules.high_value_award_kinds();
            let awards: Vec<String> = self
                .conn
                .prepare_cached(
                    "SELECT a.kind, a.name, a.level FROM award a JOIN award_patent ap ON ap.award_id = a.id
                     WHERE ap.patent_id = ?1 ORDER BY a.id",
                )?
                .query_map([patent_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        format!("{}{}", r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                    ))
                })?
                .filter(|a| a.as_ref().map_or(true, |(kind, _)| kinds.contains(kind)))
                .map(|a| a.map(|(_, shown)| shown))
                .collect::<rusqlite::Result<_>>()?;
            if !awards.is_empty() {
                fire("award", awards.join("、"), awards.join(", "));
            }
        }
        Ok(HighValue {
            patent_id,
            app_no: p.display_app_no(),
            title: p.data.title.clone(),
            filing_date: filed,
            years_maintained: years,
            over_seven_years: valid
                && anniversary(filed, rules.maintained_years("maintained7")) < today,
            reasons,
        })
    }

    /// Every valid CN invention with its high-value categories and the
    /// seven-year mark.
    pub fn high_value(&self, today: NaiveDate) -> Result<Vec<HighValue>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM patent WHERE kind = 'invention' AND status = 'granted' AND jurisdiction = 'CN'
                 ORDER BY filing_date, id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let hv = self.high_value_of(id, today)?;
            if self
                .rules()
                .expiry_date(&self.patent(id)?.data)
                .is_some_and(|e| e >= today)
            {
                out.push(hv);
            }
        }
        Ok(out)
    }

    // ----- settings and holidays -----

    /// The loan amount at or above which a pledge makes an invention
    /// high-value (category 4): the user's setting, else the rules' default.
    /// No official figure was found, so the bundled default is unset and the
    /// category never fires until the user sets one. A stored value that is
    /// not a whole number of fen is an error, not a silent "unset".
    pub fn pledge_threshold(&self) -> Result<Option<Money>> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [PLEDGE_THRESHOLD_KEY],
                |r| r.get(0),
            )
            .optional()?;
        match v {
            None => Ok(self.rules().pledge_threshold_default()),
            Some(s) => s
                .parse()
                .map(|fen| Some(Money(fen)))
                .map_err(|_| Error::Invalid {
                    field: field("pledgeThreshold", "质押融资阈值"),
                    value: s,
                    reason: "设置中保存的阈值不是整数（分），请在设置中重新填写".into(),
                }),
        }
    }

    /// Sets (or, with `None`, clears) the threshold. A damaged stored value
    /// is replaced, never a reason to refuse: the audit keeps its raw text.
    pub fn set_pledge_threshold(&mut self, amount: Option<Money>) -> Result<()> {
        if amount.is_some_and(|m| m.0 < 0) {
            return Err(Error::invalid(
                field("pledgeThreshold", "质押融资阈值"),
                amount.map(|m| m.to_string()).unwrap_or_default(),
                "不能为负数",
            ));
        }
        let before: serde_json::Value = match self.pledge_threshold() {
            Ok(m) => serde_json::json!(m),
            Err(_) => serde_json::json!(self
                .conn
                .query_row(
                    "SELECT value FROM setting WHERE key = ?1",
                    [PLEDGE_THRESHOLD_KEY],
                    |r| r.get::<_, String>(0),
                )
                .optional()?),
        };
        self.write(|tx, audit| {
            match amount {
                Some(m) => tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![PLEDGE_THRESHOLD_KEY, m.0.to_string()],
                )?,
                None => tx.execute("DELETE FROM setting WHERE key = ?1", [PLEDGE_THRESHOLD_KEY])?,
            };
            audit.update(
                tx,
                Entity::Setting,
                0,
                &serde_json::json!({ "pledgeThreshold": before }),
                &serde_json::json!({ "pledgeThreshold": amount }),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `EXPLAIN QUERY PLAN` of `sql` (parameters unbound): each step's
    /// detail with the details of the steps it is nested in, outermost first.
    fn plan(store: &Store, sql: &str) -> Vec<Vec<String>> {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let n = stmt.parameter_count();
        let steps: Vec<(i64, i64, String)> = stmt
            .query_map(
                rusqlite::params_from_iter(std::iter::repeat_n(rusqlite::types::Null, n)),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?)),
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let detail = |id: i64| steps.iter().find(|s| s.0 == id);
        steps
            .iter()
            .map(|(_, parent, text)| {
                let mut path = vec![text.clone()];
                let mut up = *parent;
                while let Some((_, p, t)) = detail(up) {
                    path.insert(0, t.clone());
                    up = *p;
                }
                path
            })
            .collect()
    }

    /// The high-value filter must not cost a pass over the table or a
    /// lookup per patent at 100,000 patents (issue 17). This runs `EXPLAIN`
    /// on the SQL the store runs: the listing walks the partial index in
    /// filing-date order (no row read, no sort), and no lookup — family
    /// links, pledges, awards — is correlated with the patent, so each runs
    /// once per statement.
    #[test]
    fn the_high_value_filter_reads_its_index_and_runs_each_lookup_once() {
        let store = Store::open_in_memory().unwrap();
        let predicate =
            high_value_sql(store.rules(), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        let listing = format!(
            "SELECT p.id FROM {HIGH_VALUE_TABLE} WHERE {predicate} ORDER BY p.filing_date, p.id"
        );
        let steps = plan(&store, &listing);
        let flat: Vec<&String> = steps.iter().filter_map(|p| p.last()).collect();
        assert!(
            flat.iter()
                .any(|s| s.contains("USING COVERING INDEX patent_high_value")),
            "the listing reads the partial index only: {steps:#?}"
        );
        assert!(
            !flat.iter().any(|s| s.contains("TEMP B-TREE FOR ORDER BY")),
            "filing-date order comes from the index: {steps:#?}"
        );
        for sql in [
            listing.clone(),
            // `list_patents`, a page's rows with their flag.
            format!("SELECT p.*, {predicate} AS high_value FROM patent p WHERE p.id IN (?1, ?2)"),
            // `dashboard`.
            format!("SELECT count(*) FROM patent p WHERE {predicate}"),
        ] {
            let steps = plan(&store, &sql);
            assert!(
                !steps.iter().flatten().any(|s| s.starts_with("CORRELATED")),
                "no lookup runs once per patent: {steps:#?}"
            );
            for table in ["f", "m", "pp", "pl", "ap", "a"] {
                assert!(
                    steps
                        .iter()
                        .filter_map(|p| p.last())
                        .any(|s| s.split(' ').nth(1) == Some(table)),
                    "{table} is read (else this test checks nothing): {steps:#?}"
                );
            }
            // Driven from the link tables: a patent, pledge or award is
            // found by its id, never by a scan of its table.
            for table in ["m", "pl", "a"] {
                assert!(
                    steps
                        .iter()
                        .filter_map(|p| p.last())
                        .filter(|s| s.split(' ').nth(1) == Some(table))
                        .all(|s| s.starts_with("SEARCH")),
                    "{table} is looked up by id: {steps:#?}"
                );
            }
        }
    }

    /// The string comparisons stand for SQLite's date arithmetic, which the
    /// rules' anniversary follows (`floor`: 29 February → 28 February): for
    /// filing dates around every cut-off, on days around leap days and year
    /// ends, the fast predicate and the date arithmetic agree.
    #[test]
    fn the_cut_off_dates_agree_with_the_date_arithmetic() {
        let store = Store::open_in_memory().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let todays = [
            "2026-12-03",
            "2028-02-28",
            "2028-02-29",
            "2028-03-01",
            "2027-02-28",
            "2027-03-01",
            "2026-01-01",
            "2025-12-31",
        ];
        for today in todays.map(d) {
            let (term, kept) = (20u32, 10u32);
            let in_term_from = first_filing_with_anniversary_after(today, term);
            let kept_before = first_filing_with_anniversary_after(today.pred_opt().unwrap(), kept);
            for anchor in [in_term_from, kept_before] {
                for offset in -400i64..=400 {
                    let filed = anchor + chrono::Duration::days(offset);
                    let (sql_in_term, sql_kept): (bool, bool) = store
                        .conn
                        .query_row(
                            "SELECT date(?1, '+' || ?3 || ' years', 'floor', '-1 day') >= ?2,
                                    date(?1, '+' || ?4 || ' years', 'floor') < ?2",
                            rusqlite::params![filed, today, term, kept],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .unwrap();
                    assert_eq!(
                        filed >= in_term_from,
                        sql_in_term,
                        "in term: filed {filed}, today {today}"
                    );
                    assert_eq!(
                        filed < kept_before,
                        sql_kept,
                        "maintained: filed {filed}, today {today}"
                    );
                }
            }
        }
    }
}
