//! 首页: the numbers an officer looks at first — what is valid, what is
//! high-value, what falls due and what is already late.

use chrono::{Days, NaiveDate};
use rusqlite::named_params;
use serde::Serialize;

use rusqlite::params;

use super::*;
use crate::error::Result;
use crate::money::Money;
use crate::rules::PatentKind;
use crate::store::Store;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub today: NaiveDate,
    /// Valid (granted, in force) CN patents by kind.
    pub valid_inventions: u32,
    pub valid_utility_models: u32,
    pub valid_designs: u32,
    pub foreign_valid: u32,
    /// Applications still pending.
    pub pending: u32,
    pub high_value_inventions: u32,
    /// Valid inventions maintained more than seven years.
    pub over_seven_years: u32,
    pub trademarks: u32,
    /// Fees falling due within 30, 60 and 90 days (not counting those already in grace).
    pub due: Vec<DueBucket>,
    /// Fees past due but in the grace period, with today's late fee: the
    /// [`GRACE_ROWS`] whose grace ends soonest. A large ledger has over a
    /// thousand; the home page lists the most urgent and counts the rest.
    pub in_grace: Vec<ForecastItem>,
    /// All fees in grace: how many, and what paying them today costs
    /// (fees plus late fees).
    pub in_grace_count: u32,
    pub in_grace_total: Money,
    /// Fees unpaid past grace: patents that have probably terminated.
    pub lapsed: u32,
    pub by_filing_year: Vec<FilingYear>,
    /// Fees due over the next 12 months, by month.
    pub fees_by_month: Vec<MonthTotal>,
    /// Trademark renewals whose window opens within 12 months, in grace, or
    /// past grace while still recorded as registered.
    pub renewals: Vec<RenewalDue>,
    /// Fees in the next 12 months (or in grace) decided 放弃: they no longer
    /// count above.
    pub dropped: u32,
    /// Years of those deadlines whose holiday arrangement is unknown.
    pub calendar_missing: Vec<i32>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueBucket {
    pub days: u32,
    pub count: u32,
    pub payable: Money,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingYear {
    pub year: i32,
    pub invention: u32,
    pub utility: u32,
    pub design: u32,
}

/// Fees in grace the dashboard lists.
pub const GRACE_ROWS: usize = 20;

impl Store {
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let valid = |kind: &str, cn: bool| -> Result<u32> {
            let sql = format!(
                "SELECT count(*) FROM patent WHERE status = 'granted' AND kind = ?1 AND jurisdiction {} 'CN'",
                if cn { "=" } else { "<>" }
            );
            Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_row([kind], |r| r.get(0))?)
        };
        let count = |sql: &str| -> Result<u32> {
            let threshold = self.pledge_threshold()?.map(|m| m.0);
            let mut stmt = self.conn.prepare_cached(sql)?;
            let n = if sql.contains(":threshold") {
                stmt.query_row(named_params! { ":threshold": threshold }, |r| r.get(0))?
            } else {
                stmt.query_row([], |r| r.get(0))?
            };
            Ok(n)
        };
        let forecast = self.forecast(today, 12)?;
        let due = [30u32, 60, 90]
            .into_iter()
            .map(|days| {
                let by = today + Days::new(days.into());
                let items: Vec<&ForecastItem> = forecast
                    .items
                    .iter()
                    .filter(|i| !i.in_grace && i.deadline <= by && !i.dropped())
                    .collect();
                DueBucket {
                    days,
                    count: items.len() as u32,
                    payable: items.iter().map(|i| i.payable).sum(),
                }
            })
            .collect();
        // Counted a year at a time over the (jurisdiction, kind,
        // filing_date) index: a range count per kind and year reads no row
        // and sorts nothing, where one GROUP BY sorted every patent (37 ms
        // at 100,000).
        let mut by_filing_year: Vec<FilingYear> = Vec::new();
        let span: (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(filing_date), max(filing_date) FROM patent",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let year_of =
            |d: &Option<String>| d.as_deref().and_then(|d| d.get(..4)?.parse::<i32>().ok());
        if let (Some(first), Some(last)) = (year_of(&span.0), year_of(&span.1)) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT count(*) FROM patent INDEXED BY patent_counts WHERE jurisdiction = 'CN'
                 AND kind = ?1 AND filing_date >= ?2 AND filing_date < ?3",
            )?;
            for year in first..=last {
                let (from, to) = (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1));
                let mut n = |kind: &str| -> Result<u32> {
                    Ok(stmt.query_row(params![kind, from, to], |r| r.get(0))?)
                };
                let f = FilingYear {
                    year,
                    invention: n("invention")?,
                    utility: n("utility")?,
                    design: n("design")?,
                };
                if f.invention + f.utility + f.design > 0 {
                    by_filing_year.push(f);
                }
            }
        }
        let grace: Vec<&ForecastItem> = forecast
            .items
            .iter()
            .filter(|i| i.in_grace && !i.dropped())
            .collect();
        let dropped = forecast.items.iter().filter(|i| i.dropped()).count() as u32;
        Ok(Dashboard {
            today,
            valid_inventions: valid("invention", true)?,
            valid_utility_models: valid("utility", true)?,
            valid_designs: valid("design", true)?,
            foreign_valid: count(
                "SELECT count(*) FROM patent INDEXED BY patent_counts
                 WHERE status = 'granted' AND jurisdiction <> 'CN'",
            )?,
            pending: count(
                "SELECT count(*) FROM patent WHERE status IN ('filed', 'published', 'examination')",
            )?,
            high_value_inventions: count(&format!(
                "SELECT count(*) FROM {HIGH_VALUE_TABLE} WHERE {}",
                high_value_sql(self.rules(), today)
            ))?,
            // As `high_value` counts it: anniversary(filed, 7) < today
            // (`floor`: 29 February → 28 February), and still in term; the
            // same cut-off dates as the high-value test, over its index.
            over_seven_years: {
                let term = self
                    .rules()
                    .term_years(PatentKind::Invention, NaiveDate::MAX);
                let kept = self.rules().maintained_years("maintained7");
                self.conn.query_row(
                    &format!(
                        "SELECT count(*) FROM {HIGH_VALUE_TABLE} WHERE p.kind = 'invention'
                         AND p.status = 'granted' AND p.jurisdiction = 'CN' AND p.filing_date < ?1
                         AND (p.compensation_days = 0 AND p.filing_date >= ?2
                           OR p.compensation_days <> 0 AND date(p.filing_date, '+{term} years',
                              'floor', '-1 day', '+' || p.compensation_days || ' days') >= ?3)"
                    ),
                    params![
                        first_filing_with_anniversary_after(
                            today.pred_opt().unwrap_or(today),
                            kept
                        ),
                        first_filing_with_anniversary_after(today, term),
                        today
                    ],
                    |r| r.get(0),
                )?
            },
            trademarks: count("SELECT count(*) FROM trademark WHERE status = 'registered'")?,
            due,
            // The forecast is in deadline order, so the first ones in grace
            // are those whose grace period ends first.
            in_grace: grace
                .iter()
                .take(GRACE_ROWS)
                .map(|i| (*i).clone())
                .collect(),
            in_grace_count: grace.len() as u32,
            in_grace_total: grace.iter().map(|i| i.payable + i.late_fee).sum(),
            lapsed: forecast.lapsed.len() as u32,
            by_filing_year,
            fees_by_month: forecast.months,
            renewals: forecast.renewals,
            calendar_missing: forecast.calendar_missing,
            dropped,
        })
    }
}
