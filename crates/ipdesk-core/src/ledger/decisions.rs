//! 缴费决策: the yearly keep-or-drop decision on each due annual fee, the
//! value hints that inform it, and the rows of the 年费缴纳审批表 that
//! management signs.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::company::Company;
use crate::error::{field, Error, Result};
use crate::store::{Entity, Store};

coded_enum!(
    /// What the company decided to do with a due annual fee.
    Decision, "缴费决定" {
        Pay = "pay", "缴纳" | "续缴" | "缴费";
        Drop = "drop", "放弃" | "不缴" | "不缴纳";
        Pending = "pending", "待定";
    }
);

/// The longest reason and decider name kept.
const MAX_REASON_CHARS: usize = 500;
const MAX_NAME_CHARS: usize = 50;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeDecision {
    pub patent_year: u32,
    pub decision: Decision,
    pub reason: String,
    pub decided_by: String,
    pub decided_on: NaiveDate,
}

/// What deciding a fee takes; `decided_on` defaults to the day it is given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    pub patent_year: u32,
    pub decision: Decision,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
}

/// What tells an officer how much a patent is worth keeping.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueHint {
    /// High-value categories met (labels).
    pub high_value: Vec<String>,
    /// The same labels for the English interface.
    pub high_value_en: Vec<String>,
    /// Layout-plan items the patent is filed under.
    pub plan_items: u32,
    pub products: u32,
    pub pledges: u32,
    pub transfers: u32,
    /// Whole years since filing.
    pub age_years: u32,
}

impl ValueHint {
    /// The hint in a few words, for a table cell.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.high_value.is_empty() {
            parts.push(format!("高价值（{}）", self.high_value.join("、")));
        }
        for (n, what) in [
            (self.plan_items, "布局项"),
            (self.products, "产品"),
            (self.pledges, "质押"),
            (self.transfers, "许可/转让"),
        ] {
            if n > 0 {
                parts.push(format!("{what}{n}"));
            }
        }
        parts.push(format!("已{}年", self.age_years));
        parts.join("；")
    }
}

/// One due fee on the approval sheet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRow {
    pub item: ForecastItem,
    pub decision: Option<FeeDecision>,
    pub hint: ValueHint,
}

/// Everything the 年费缴纳审批表 prints.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalReport {
    #[serde(skip)]
    pub company: Company,
    pub today: NaiveDate,
    pub months: u32,
    pub rows: Vec<ApprovalRow>,
}

impl ApprovalReport {
    /// (to pay, to drop, undecided or pending) counts and the sum to pay.
    pub fn totals(&self) -> (usize, usize, usize, crate::money::Money) {
        let of = |d: Decision| {
            self.rows
                .iter()
                .filter(|r| r.decision.as_ref().map(|x| x.decision) == Some(d))
                .count()
        };
        let pay: crate::money::Money = self
            .rows
            .iter()
            .filter(|r| r.decision.as_ref().map(|x| x.decision) != Some(Decision::Drop))
            .map(|r| r.item.payable + r.item.late_fee)
            .sum();
        let (p, d) = (of(Decision::Pay), of(Decision::Drop));
        (p, d, self.rows.len() - p - d, pay)
    }
}

fn decision_from_row(r: &Row) -> rusqlite::Result<FeeDecision> {
    Ok(FeeDecision {
        patent_year: r.get("patent_year")?,
        decision: r.get("decision")?,
        reason: r.get("reason")?,
        decided_by: r.get("decided_by")?,
        decided_on: r.get("decided_on")?,
    })
}

impl Store {
    /// The decisions recorded for one patent, by year.
    pub fn fee_decisions(&self, patent_id: i64) -> Result<Vec<FeeDecision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM fee_decision WHERE patent_id = ?1 ORDER BY patent_year",
        )?;
        let rows = stmt.query_map([patent_id], decision_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every decision, keyed by (patent, year).
    pub(crate) fn all_fee_decisions(
        &self,
    ) -> Result<std::collections::HashMap<(i64, u32), FeeDecision>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT patent_id, * FROM fee_decision")?;
        let rows = stmt.query_map([], |r| {
            Ok(((r.get(0)?, r.get("patent_year")?), decision_from_row(r)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or changes) the decision on one patent year's fee. The year
    /// must be one of the patent's fee years and not already paid; dropping
    /// a fee needs a reason. Audited under the patent.
    pub fn decide_fee(
        &mut self,
        patent_id: i64,
        input: DecisionInput,
        today: NaiveDate,
    ) -> Result<FeeDecision> {
        let patent = self.patent(patent_id)?;
        let schedule = self.rules_arc().fee_schedule(
            &patent.data,
            &self.payment_facts(patent_id)?,
            &self.holidays()?,
            today,
        );
        let year_field = field("patentYear", "年度");
        let Some(row) = schedule.rows.iter().find(|r| r.year == input.patent_year) else {
            return Err(Error::invalid(
                year_field,
                input.patent_year.to_string(),
                "不是该专利的年费年度（未授权、非中国专利或超出保护期）",
            ));
        };
        if let FeeState::Paid { .. } = row.state {
            return Err(Error::invalid(
                year_field,
                input.patent_year.to_string(),
                format!("第 {} 年年费已缴纳，无需决定", row.year),
            ));
        }
        let reason = input.reason.trim().to_string();
        let by = input.decided_by.trim().to_string();
        if input.decision == Decision::Drop && reason.is_empty() {
            return Err(Error::Missing {
                field: field("reason", "放弃理由"),
            });
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(Error::invalid(
                field("reason", "理由"),
                format!("{} 字", reason.chars().count()),
                format!("不能超过 {MAX_REASON_CHARS} 字"),
            ));
        }
        if by.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(
                field("decidedBy", "决定人"),
                by.clone(),
                format!("不能超过 {MAX_NAME_CHARS} 字"),
            ));
        }
        let decided_on = input.decided_on.unwrap_or(today);
        crate::calendar::check_date(field("decidedOn", "决定日期"), Some(decided_on))?;
        let decided = FeeDecision {
            patent_year: input.patent_year,
            decision: input.decision,
            reason,
            decided_by: by,
            decided_on,
        };
        self.write(|tx, audit| {
            let before = tx
                .query_row(
                    "SELECT * FROM fee_decision WHERE patent_id = ?1 AND patent_year = ?2",
                    params![patent_id, input.patent_year],
                    decision_from_row,
                )
                .optional()?;
            tx.execute(
                "INSERT INTO fee_decision (patent_id, patent_year, decision, reason, decided_by, decided_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (patent_id, patent_year) DO UPDATE SET decision = excluded.decision,
                   reason = excluded.reason, decided_by = excluded.decided_by, decided_on = excluded.decided_on",
                params![
                    patent_id,
                    decided.patent_year,
                    decided.decision.code(),
                    decided.reason,
                    decided.decided_by,
                    decided.decided_on
                ],
            )?;
            let key = format!("feeDecision{}", decided.patent_year);
            audit.update(
                tx,
                Entity::Patent,
                patent_id,
                &serde_json::json!({ key.clone(): before }),
                &serde_json::json!({ key: decided }),
            )
        })?;
        Ok(decided)
    }

    /// What tells an officer how much one patent is worth keeping.
    pub fn value_hint(&self, patent_id: i64, today: NaiveDate) -> Result<ValueHint> {
        let hv = self.high_value_of(patent_id, today)?;
        let (plan_items, products, pledges, transfers) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM plan_item_patent WHERE patent_id = ?1),
                    (SELECT count(*) FROM product_patent WHERE patent_id = ?1),
                    (SELECT count(*) FROM pledge_patent WHERE patent_id = ?1),
                    (SELECT count(*) FROM transfer_patent WHERE patent_id = ?1)",
            [patent_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(ValueHint {
            high_value_en: hv.reasons.iter().map(|r| r.label_en.clone()).collect(),
            high_value: hv.reasons.into_iter().map(|r| r.label).collect(),
            plan_items,
            products,
            pledges,
            transfers,
            age_years: hv.years_maintained,
        })
    }

    /// The 年费缴纳审批表: every fee due within `months` (and those in
    /// grace), each with its decision and value hint.
    pub fn approval_report(&self, months: u32, today: NaiveDate) -> Result<ApprovalReport> {
        let forecast = self.forecast(today, months)?;
        let decisions = self.all_fee_decisions()?;
        let mut rows = Vec::with_capacity(forecast.items.len());
        for item in forecast.items {
            rows.push(ApprovalRow {
                decision: decisions.get(&(item.patent_id, item.year)).cloned(),
                hint: self.value_hint(item.patent_id, today)?,
                item,
            });
        }
        Ok(ApprovalReport {
            company: self.company()?,
            today,
            months,
            rows,
        })
    }
}
