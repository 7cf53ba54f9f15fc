//! The holidays and make-up working days the user records, which move fee
//! deadlines (see [`Holidays`]).

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

use super::{Entity, Store};
use crate::calendar::Holidays;
use crate::error::Result;

impl Store {
    /// Every recorded holiday and make-up working day.
    pub fn holidays(&self) -> Result<Holidays> {
        let mut h = Holidays::default();
        let mut stmt = self.conn.prepare_cached("SELECT date, kind FROM holiday")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (d, kind) = row?;
            if kind == "work" {
                h.work.insert(d);
            } else {
                h.off.insert(d);
            }
        }
        Ok(h)
    }

    /// Records a statutory holiday (`working = false`) or a make-up working day.
    ///
    /// The stored `next_fee_due` is the unshifted anniversary, so nothing
    /// derived needs refreshing; schedules shift deadlines when computed.
    /// The audit row is keyed by the date (`yyyymmdd`) and keeps what the
    /// date held before.
    pub fn set_holiday(&mut self, date: NaiveDate, working: bool, name: &str) -> Result<()> {
        let kind = if working { "work" } else { "off" };
        self.write(|tx, audit| {
            let before = tx
                .query_row(
                    "SELECT kind, name FROM holiday WHERE date = ?1",
                    [date],
                    |r| {
                        Ok(serde_json::json!({
                            "date": date, "kind": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?
                        }))
                    },
                )
                .optional()?
                .unwrap_or_else(|| serde_json::json!({}));
            tx.execute(
                "INSERT INTO holiday (date, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                params![date, kind, name.trim()],
            )?;
            let after = serde_json::json!({ "date": date, "kind": kind, "name": name.trim() });
            let key = i64::from(date.year()) * 10_000 + i64::from(date.month() * 100 + date.day());
            audit.update(tx, Entity::Holiday, key, &before, &after)
        })
    }
}
