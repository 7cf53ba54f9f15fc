//! 商标续展: each registered mark's term, renewal window and grace period
//! from the trademark rules, the renewals due over a period, and recording a
//! renewal, which moves the term on ten years.

use chrono::{Days, NaiveDate};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::error::{field, Error, Result};
use crate::money::Money;
use crate::rules::{FilingChannel, RenewalDates, RenewalState};
use crate::store::{json_list, Entity, Store};

/// What renewal reads of a trademark row (the `trademark` table is the
/// records' room; the ledger only reads its dates).
struct MarkDates {
    id: i64,
    reg_no: String,
    mark: String,
    classes: Vec<u32>,
    reg_date: Option<NaiveDate>,
    expiry_date: Option<NaiveDate>,
    registered: bool,
}

fn mark_from_row(r: &Row) -> rusqlite::Result<MarkDates> {
    Ok(MarkDates {
        id: r.get("id")?,
        reg_no: r.get("reg_no")?,
        mark: r.get("mark")?,
        classes: json_list(r.get("classes")?)?,
        reg_date: r.get("reg_date")?,
        expiry_date: r.get("expiry_date")?,
        registered: r.get::<_, String>("status")? == "registered",
    })
}

const MARK_COLUMNS: &str =
    "SELECT id, reg_no, mark, classes, reg_date, expiry_date, status FROM trademark";

/// A registered mark and where its renewal stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalDue {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub trademark_id: i64,
    pub reg_no: String,
    pub mark: String,
    pub classes: Vec<u32>,
    /// The expiry was computed from the registration date (none recorded).
    pub expiry_computed: bool,
    pub dates: RenewalDates,
}

/// One recorded renewal.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrademarkRenewal {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub renewed_on: NaiveDate,
    pub previous_expiry: NaiveDate,
    pub new_expiry: NaiveDate,
    pub channel: FilingChannel,
    pub amount: Money,
    pub late_fee: Money,
}

/// The longest look-ahead for renewals: two terms.
pub const MAX_RENEWAL_MONTHS: u32 = 240;

fn renewal_from_row(r: &Row) -> rusqlite::Result<TrademarkRenewal> {
    Ok(TrademarkRenewal {
        id: r.get("id")?,
        renewed_on: r.get("renewed_on")?,
        previous_expiry: r.get("previous_expiry")?,
        new_expiry: r.get("new_expiry")?,
        channel: r.get("channel")?,
        amount: Money(r.get("amount")?),
        late_fee: Money(r.get("late_fee")?),
    })
}

impl Store {
    /// A registered mark's renewal on `on`, or `None` for a mark that is not
    /// registered or has neither an expiry nor a registration date.
    fn renewal_of(
        &self,
        t: &MarkDates,
        channel: FilingChannel,
        on: NaiveDate,
    ) -> Option<RenewalDue> {
        if !t.registered {
            return None;
        }
        let rules = self.rules();
        let (expiry, computed) = match (t.expiry_date, t.reg_date) {
            (Some(e), _) => (e, false),
            (None, Some(r)) => (rules.trademark_term_end(r), true),
            (None, None) => return None,
        };
        Some(RenewalDue {
            trademark_id: t.id,
            reg_no: t.reg_no.clone(),
            mark: t.mark.clone(),
            classes: t.classes.clone(),
            expiry_computed: computed,
            dates: rules.trademark_renewal(expiry, t.classes.len(), channel, on),
        })
    }

    /// Registered marks whose renewal window opens within `months` of
    /// `today`, those in it or in the grace period, and those past it still
    /// recorded as registered (cancelled unless renewed: check them), by
    /// expiry.
    pub fn trademark_renewals(
        &self,
        today: NaiveDate,
        months: u32,
        channel: FilingChannel,
    ) -> Result<Vec<RenewalDue>> {
        if !(1..=MAX_RENEWAL_MONTHS).contains(&months) {
            return Err(Error::invalid(
                field("months", "月数"),
                months.to_string(),
                format!("应在 1 至 {MAX_RENEWAL_MONTHS} 个月之间"),
            ));
        }
        crate::calendar::check_date("今天", Some(today))?;
        let horizon = crate::calendar::add_months(today, months);
        let marks: Vec<MarkDates> = self
            .conn
            .prepare_cached(&format!("{MARK_COLUMNS} WHERE status = 'registered'"))?
            .query_map([], mark_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut due: Vec<RenewalDue> = marks
            .iter()
            .filter_map(|t| self.renewal_of(t, channel, today))
            .filter(|r| r.dates.window_opens <= horizon)
            .collect();
        due.sort_by(|a, b| (a.dates.expiry, &a.reg_no).cmp(&(b.dates.expiry, &b.reg_no)));
        Ok(due)
    }

    /// The renewals recorded for one mark, oldest first.
    pub fn trademark_renewal_history(&self, trademark_id: i64) -> Result<Vec<TrademarkRenewal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM trademark_renewal WHERE trademark_id = ?1 ORDER BY renewed_on, id",
        )?;
        let rows = stmt.query_map([trademark_id], renewal_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the renewal of the mark `reg_no` filed on `on`: in the window
    /// or the grace period only. The new term runs ten years from the day
    /// after the old one ends (商标法 第40条); the fee defaults to the
    /// official one for the channel and classes, plus the late fee in grace.
    pub fn renew_trademark(
        &mut self,
        reg_no: &str,
        on: NaiveDate,
        channel: FilingChannel,
        amount: Option<Money>,
    ) -> Result<TrademarkRenewal> {
        crate::calendar::check_date(field("renewedOn", "续展日期"), Some(on))?;
        let reg_field = field("regNo", "注册号");
        let mark = self
            .conn
            .query_row(
                &format!("{MARK_COLUMNS} WHERE reg_no = ?1"),
                [reg_no.trim()],
                mark_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::invalid(reg_field, reg_no, "台账中没有该注册号的商标"))?;
        let id = mark.id;
        let Some(due) = self.renewal_of(&mark, channel, on) else {
            return Err(Error::invalid(
                reg_field,
                reg_no,
                "只有已注册且登记了注册日或有效期的商标才能续展",
            ));
        };
        let d = &due.dates;
        match d.state {
            RenewalState::NotYet => {
                return Err(Error::invalid(
                    field("renewedOn", "续展日期"),
                    on.to_string(),
                    format!("续展期自 {} 起（有效期至 {}）", d.window_opens, d.expiry),
                ))
            }
            RenewalState::Lapsed => {
                return Err(Error::invalid(
                    field("renewedOn", "续展日期"),
                    on.to_string(),
                    format!("宽展期已于 {} 届满，商标应已注销，不能续展", d.grace_end),
                ))
            }
            RenewalState::Open | RenewalState::InGrace => {}
        }
        if amount.is_some_and(|a| a.0 < 0) {
            return Err(Error::invalid(
                field("amount", "金额"),
                "负数",
                "金额不能为负",
            ));
        }
        let next_start = d
            .expiry
            .checked_add_days(Days::new(1))
            .expect("date in range");
        let new_expiry = self.rules().trademark_term_end(next_start);
        let before = serde_json::json!({ "expiryDate": mark.expiry_date });
        let after = serde_json::json!({ "expiryDate": new_expiry });
        let (fee, late) = (amount.unwrap_or(d.fee), d.late_fee);
        let previous = d.expiry;
        let renewal_id = self.write(|tx, audit| {
            tx.execute(
                "UPDATE trademark SET expiry_date = ?2 WHERE id = ?1",
                params![id, new_expiry],
            )?;
            tx.execute(
                "INSERT INTO trademark_renewal (trademark_id, renewed_on, previous_expiry, new_expiry,
                   channel, amount, late_fee, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))",
                params![id, on, previous, new_expiry, channel.code(), fee.0, late.0],
            )?;
            let renewal_id = tx.last_insert_rowid();
            audit.update(tx, Entity::Trademark, id, &before, &after)?;
            Ok(renewal_id)
        })?;
        Ok(self.conn.query_row(
            "SELECT * FROM trademark_renewal WHERE id = ?1",
            [renewal_id],
            renewal_from_row,
        )?)
    }
}
