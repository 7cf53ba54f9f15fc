use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Error, Result};
use crate::money::Money;
use crate::rules::Rules;
use crate::store::{Entity, Store};

/// What a payment entry needs; amount defaults to what the schedule says is
/// payable (plus the late fee owed on the paid date).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PaymentInput {
    pub patent_year: u32,
    pub paid_date: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub late_fee: Option<Money>,
    pub receipt_no: String,
}

impl Store {
    pub fn payments(&self, patent_id: i64) -> Result<Vec<AnnuityPayment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM annuity_payment WHERE patent_id = ?1 ORDER BY patent_year",
        )?;
        let rows = stmt.query_map([patent_id], payment_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the payment of one patent year's annual fee.
    pub fn record_payment(
        &mut self,
        patent_id: i64,
        input: PaymentInput,
    ) -> Result<AnnuityPayment> {
        let patent = self.patent(patent_id)?;
        let Some(paid_date) = input.paid_date else {
            return Err(Error::Missing {
                field: field("paidDate", "缴费日期"),
            });
        };
        crate::calendar::check_date(field("paidDate", "缴费日期"), Some(paid_date))?;
        let holidays = self.holidays()?;
        let rules = self.rules_arc();
        let schedule = rules.fee_schedule(
            &patent.data,
            &self.payment_facts(patent_id)?,
            &holidays,
            paid_date,
        );
        let Some(row) = schedule.rows.iter().find(|r| r.year == input.patent_year) else {
            let years = match (schedule.rows.first(), schedule.rows.last()) {
                (Some(a), Some(b)) => format!("该专利年费年度为第 {}–{} 年", a.year, b.year),
                _ => "该专利尚无年费（未授权或非中国专利）".into(),
            };
            return Err(Error::invalid(
                field("patentYear", "年度"),
                input.patent_year.to_string(),
                years,
            ));
        };
        if let FeeState::Paid { date: Some(d), .. } = row.state {
            return Err(Error::Duplicate {
                field: field("patentYear", "年度"),
                value: input.patent_year.to_string(),
                reason: format!("第 {} 年年费已于 {d} 登记缴纳", row.year),
            });
        }
        if paid_date < patent.filing_date() {
            return Err(Error::invalid(
                field("paidDate", "缴费日期"),
                paid_date.to_string(),
                "早于申请日",
            ));
        }
        if row.state == FeeState::Terminated {
            return Err(Error::invalid(
                field("patentYear", "年度"),
                input.patent_year.to_string(),
                "此前年度的年费逾期未缴，专利权已终止；请先办理恢复权利",
            ));
        }
        // The grant-year fee is paid with the registration (实施细则 第114条)
        // and has no grace period, so never a late fee (cn-patent-fees.json
        // late_fee.rule): only later years count from their anniversary.
        let late = if Some(row.year) == schedule.grant_year {
            Some(Money(0))
        } else {
            rules
                .late_fee_percent(row.due_date, paid_date, &holidays)
                .map(|p| row.full.percent(p))
        };
        let Some(late) = late else {
            // Past the six-month grace period the patent terminated as of the
            // due date (实施细则 第115条, 2010 text art. 98); what is paid then is a restoration
            // (恢复权利请求费 plus a 25 % late fee), not an annual fee.
            return Err(Error::invalid(
                field("paidDate", "缴费日期"),
                paid_date.to_string(),
                format!(
                    "第 {} 年年费的滞纳期已于 {} 届满，专利权已终止；逾期后缴费属于请求恢复权利，请先办理恢复手续",
                    row.year,
                    rules.grace_end(row.due_date, &holidays)
                ),
            ));
        };
        let late_fee = input.late_fee.unwrap_or(late);
        let amount = input.amount.unwrap_or(row.payable);
        let id = self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO annuity_payment (patent_id, patent_year, paid_date, amount, late_fee, receipt_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![patent_id, input.patent_year, paid_date, amount.0, late_fee.0, input.receipt_no.trim()],
            )?;
            let id = tx.last_insert_rowid();
            let p = self_payment(tx, id)?;
            audit.create(tx, Entity::AnnuityPayment, id, &p)?;
            refresh_fee_fields(tx, &rules, patent_id)?;
            Ok(id)
        })?;
        self.conn
            .query_row(
                "SELECT * FROM annuity_payment WHERE id = ?1",
                [id],
                payment_from_row,
            )
            .map_err(Error::from)
    }

    pub fn delete_payment(&mut self, id: i64) -> Result<()> {
        let p = self
            .conn
            .query_row(
                "SELECT * FROM annuity_payment WHERE id = ?1",
                [id],
                payment_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "缴费记录",
                key: id.to_string(),
            })?;
        let rules = self.rules_arc();
        self.write(|tx, audit| {
            tx.execute("DELETE FROM annuity_payment WHERE id = ?1", [id])?;
            audit.delete(tx, Entity::AnnuityPayment, id, &p)?;
            refresh_fee_fields(tx, &rules, p.patent_id)
        })
    }

    pub(super) fn payment_facts(&self, patent_id: i64) -> Result<Vec<PaymentFact>> {
        Ok(self
            .payments(patent_id)?
            .into_iter()
            .map(|p| PaymentFact {
                patent_year: p.patent_year,
                paid_date: p.paid_date,
                amount: p.amount,
            })
            .collect())
    }

    /// Every patent year's fee as of `today`, with the patent's fee status.
    pub fn fee_schedule(&self, patent_id: i64, today: NaiveDate) -> Result<FeeSchedule> {
        let patent = self.patent(patent_id)?;
        Ok(self.rules().fee_schedule(
            &patent.data,
            &self.payment_facts(patent_id)?,
            &self.holidays()?,
            today,
        ))
    }

    pub fn refresh_all_fee_fields(&mut self) -> Result<()> {
        let rules = self.rules_arc();
        self.write(|tx, _| {
            let ids: Vec<i64> = tx
                .prepare("SELECT id FROM patent")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                refresh_fee_fields(tx, &rules, id)?;
            }
            Ok(())
        })
    }
}

pub(super) fn self_payment(tx: &Transaction, id: i64) -> Result<AnnuityPayment> {
    Ok(tx.query_row(
        "SELECT * FROM annuity_payment WHERE id = ?1",
        [id],
        payment_from_row,
    )?)
}

/// Keeps `next_fee_due` and `fees_paid_to` in step with the patent and its
/// payments. Both are independent of today, so they can be stored.
pub(super) fn refresh_fee_fields(tx: &Transaction, rules: &Rules, id: i64) -> Result<()> {
    let p = tx
        .prepare_cached("SELECT * FROM patent WHERE id = ?1")?
        .query_row([id], patent_from_row)?;
    let (next, paid_to) = fee_fields(rules, &p.data, &facts_of(tx, id)?);
    tx.prepare_cached("UPDATE patent SET next_fee_due = ?1, fees_paid_to = ?2 WHERE id = ?3")?
        .execute(params![next, paid_to, id])?;
    Ok(())
}

pub(super) fn facts_of(tx: &Connection, patent_id: i64) -> Result<Vec<PaymentFact>> {
    let facts = tx
        .prepare_cached(
            "SELECT patent_year, paid_date, amount FROM annuity_payment WHERE patent_id = ?1",
        )?
        .query_map([patent_id], |r| {
            Ok(PaymentFact {
                patent_year: r.get(0)?,
                paid_date: r.get(1)?,
                amount: Money(r.get(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(facts)
}

/// The derived `(next_fee_due, fees_paid_to)` of a normalised patent with
/// these payments.
pub(super) fn fee_fields(
    rules: &Rules,
    data: &PatentData,
    facts: &[PaymentFact],
) -> (Option<NaiveDate>, Option<u32>) {
    let Some(filed) = data.filing_date else {
        return (None, None);
    };
    // "As of the filing date" makes every unpaid row Open: only the paid
    // state matters here, and that does not depend on the date.
    let s = rules.fee_schedule(data, facts, &Default::default(), filed);
    // A patent no longer in force has nothing due, whatever its schedule says.
    let next = s
        .rows
        .iter()
        .find(|r| !matches!(r.state, FeeState::Paid { .. }))
        .filter(|_| data.status.is_in_force())
        .map(|r| r.due_date);
    (next, s.paid_through)
}
