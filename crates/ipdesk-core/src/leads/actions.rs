//! What was done about a lead — warning letters, complaints, suits — and the
//! next-step deadlines the dashboard shows.

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value, OptionalExtension, Row};
use serde::Serialize;

use super::model::normalise_action;
use super::{ActionData, ActionKind, Lead};
use crate::error::{field, Error, Result};
use crate::store::{Entity, Store};

/// A stored action.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadAction {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub lead_id: i64,
    #[serde(flatten)]
    pub data: ActionData,
}

/// An open next-step deadline of an action, for the dashboard.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadDeadline {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub lead_id: i64,
    pub lead_title: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub action_id: i64,
    pub kind: ActionKind,
    pub counterpart: String,
    pub due_date: NaiveDate,
    /// Days from today; negative when overdue.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_left: i64,
}

impl LeadDeadline {
    /// What is left, as the printed lists say it: 已逾期 3 天 or 5 天后.
    pub fn left(&self) -> String {
        if self.days_left < 0 {
            format!("已逾期 {} 天", -self.days_left)
        } else {
            format!("{} 天后", self.days_left)
        }
    }
}

/// The widest deadline window [`Store::lead_deadlines`] looks ahead: ten years.
pub const MAX_DEADLINE_DAYS: u32 = 3660;

impl Store {
    /// Records an action on a lead. Errors: a closed or dropped lead (reopen
    /// it first); an input error naming the field.
    pub fn add_lead_action(&mut self, lead_id: i64, data: ActionData) -> Result<LeadAction> {
        let lead = self.lead(lead_id)?;
        let data = normalise_action(data)?;
        check_action(&lead, &data)?;
        let id = self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO lead_action (lead_id, kind, date, counterpart, reference, due_date, done,
                     outcome, amount, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params_from_iter(action_values(lead_id, &data)),
            )?;
            let id = tx.last_insert_rowid();
            tx.execute("UPDATE lead SET updated_at = ?2 WHERE id = ?1", params![lead_id, audit.at])?;
            audit.create(tx, Entity::LeadAction, id, &data)?;
            Ok(id)
        })?;
        self.lead_action(id)
    }

    pub fn update_lead_action(&mut self, id: i64, data: ActionData) -> Result<LeadAction> {
        let before = self.lead_action(id)?;
        let lead = self.lead(before.lead_id)?;
        let data = normalise_action(data)?;
        check_action(&lead, &data)?;
        self.write(|tx, audit| {
            tx.execute(
                "UPDATE lead_action SET kind = ?2, date = ?3, counterpart = ?4, reference = ?5,
                     due_date = ?6, done = ?7, outcome = ?8, amount = ?9, notes = ?10
                 WHERE id = ?1",
                params_from_iter(action_values(id, &data)),
            )?;
            audit.update(tx, Entity::LeadAction, id, &before.data, &data)
        })?;
        self.lead_action(id)
    }

    pub fn delete_lead_action(&mut self, id: i64) -> Result<()> {
        let before = self.lead_action(id)?;
        let lead = self.lead(before.lead_id)?;
        if lead.status.is_final() {
            return Err(closed_lead(&lead));
        }
        self.write(|tx, audit| {
            tx.execute("DELETE FROM lead_action WHERE id = ?1", [id])?;
            audit.delete(tx, Entity::LeadAction, id, &before.data)
        })
    }

    pub fn lead_action(&self, id: i64) -> Result<LeadAction> {
        self.conn
            .prepare_cached("SELECT * FROM lead_action WHERE id = ?1")?
            .query_row([id], action_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "维权措施",
                key: id.to_string(),
            })
    }

    /// A lead's actions by date.
    pub fn lead_actions(&self, lead_id: i64) -> Result<Vec<LeadAction>> {
        Ok(self
            .conn
            .prepare_cached("SELECT * FROM lead_action WHERE lead_id = ?1 ORDER BY date, id")?
            .query_map([lead_id], action_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Open next-step deadlines of leads still open, due within `days` of
    /// `today` or already overdue, soonest first.
    ///
    /// `days` is at most [`MAX_DEADLINE_DAYS`] (ten years): a larger window
    /// is refused, not an overflow past the end of the calendar.
    pub fn lead_deadlines(&self, today: NaiveDate, days: u32) -> Result<Vec<LeadDeadline>> {
        if days > MAX_DEADLINE_DAYS {
            return Err(Error::invalid(
                field("days", "天数"),
                days.to_string(),
                format!("应在 0 至 {MAX_DEADLINE_DAYS} 天之间"),
            ));
        }
        crate::calendar::check_date("今天", Some(today))?;
        let until = today + chrono::Days::new(u64::from(days));
        let rows = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.lead_id, l.title, a.kind, a.counterpart, a.due_date
                 FROM lead_action a JOIN lead l ON l.id = a.lead_id
                 WHERE a.done = 0 AND a.due_date IS NOT NULL AND a.due_date <= ?1
                   AND l.status NOT IN ('closed', 'dropped')
                 ORDER BY a.due_date, a.id",
            )?
            .query_map([until], |r| {
                let due: NaiveDate = r.get(5)?;
                Ok(LeadDeadline {
                    action_id: r.get(0)?,
                    lead_id: r.get(1)?,
                    lead_title: r.get(2)?,
                    kind: r.get(3)?,
                    counterpart: r.get(4)?,
                    due_date: due,
                    days_left: (due - today).num_days(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn closed_lead(lead: &Lead) -> Error {
    Error::invalid(
        field("status", "线索状态"),
        lead.status.label(),
        "线索已结案或不予处理，不能再记录维权措施；如需继续处置，请先重新打开线索",
    )
}

fn check_action(lead: &Lead, a: &ActionData) -> Result<()> {
    if lead.status.is_final() {
        return Err(closed_lead(lead));
    }
    if let (Some(d), Some(found)) = (a.date, lead.data.discovered_date) {
        if d < found {
            return Err(Error::invalid(
                field("date", "措施日期"),
                d.to_string(),
                format!("早于线索的发现日期 {found}"),
            ));
        }
    }
    Ok(())
}

/// `key` (the lead's id for an insert, the action's for an update) and then
/// an action's columns, in the order of both statements.
fn action_values(key: i64, d: &ActionData) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_string());
    let date = |x: Option<NaiveDate>| x.map_or(Value::Null, |x| Value::Text(x.to_string()));
    vec![
        Value::Integer(key),
        text(d.kind.code()),
        date(d.date),
        text(&d.counterpart),
        text(&d.reference),
        date(d.due_date),
        Value::Integer(i64::from(d.done)),
        text(d.outcome.map_or("", |o| o.code())),
        Value::Integer(d.amount.0),
        text(&d.notes),
    ]
}

fn action_from_row(r: &Row) -> rusqlite::Result<LeadAction> {
    let outcome: String = r.get("outcome")?;
    Ok(LeadAction {
        id: r.get("id")?,
        lead_id: r.get("lead_id")?,
        data: ActionData {
            kind: r.get("kind")?,
            date: r.get("date")?,
            counterpart: r.get("counterpart")?,
            reference: r.get("reference")?,
            due_date: r.get("due_date")?,
            done: r.get("done")?,
            outcome: if outcome.is_empty() {
                None
            } else {
                Some(outcome.parse().map_err(|e: Error| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        e.to_string().into(),
                    )
                })?)
            },
            amount: crate::money::Money(r.get("amount")?),
            notes: r.get("notes")?,
        },
    })
}
