//! The records around the ledger — trademarks, pledges, awards, transfers and
//! licences, insurance policies, patent products — stored through one generic
//! path: validate, write the row and its patent links, audit.

mod award;
mod insurance;
mod other_ip;
mod pledge;
mod product;
mod qualification;
mod report;
mod trademark;
mod transfer;

pub use award::{AwardData, AwardKind};
pub use insurance::InsuranceData;
pub use other_ip::{OtherIpData, OtherIpKind, OtherIpStatus};
pub use pledge::PledgeData;
pub use product::{ProductData, YearRevenue};
pub use qualification::{QualificationData, GB29490_2013_LAST_DAY};
pub use report::{records_document, records_pdf, ListColumn, RecordKind, RecordsReport, Shown};
pub use trademark::{TrademarkData, TrademarkStatus};
pub use transfer::{TransferData, TransferKind};

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value, OptionalExtension, Row, Transaction};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::{field, Error, FieldName, Result};
use crate::ledger::*;
use crate::money::Money;
use crate::sheet::*;
use crate::store::{forget_record, Audit, Entity, Store};

/// A kind of record the store keeps in its own table, optionally linked to
/// patents through a join table.
pub trait Record: Serialize + DeserializeOwned + Clone + std::fmt::Debug {
    /// Table name, also the audit trail's entity name.
    const TABLE: &'static str;
    /// What the audit trail, links and attachments call this kind.
    const ENTITY: Entity;
    /// What the user calls it, for messages.
    const LABEL: &'static str;
    /// Data columns in the order of [`Record::values`].
    const COLUMNS: &'static [&'static str];
    const ORDER_BY: &'static str;
    /// `(join table, this record's key column in it)`.
    const LINK: Option<(&'static str, &'static str)>;
    /// A column that must be unique, with its field name.
    const UNIQUE: Option<(&'static str, FieldName)> = None;
    /// The printed list's title, e.g. 商标台账.
    const LIST_TITLE: &'static str;

    /// The columns of the kind's list, in the page's order: the records page
    /// shows them (`ui/src/lib/recordSchemas.ts`, a test keeps the two in
    /// step) and the printed list prints them.
    fn list_columns() -> Vec<ListColumn<Self>>;
    fn notes(&self) -> &str;

    fn normalise(self) -> Result<Self>;
    fn values(&self) -> Result<Vec<Value>>;
    fn from_row(r: &Row) -> rusqlite::Result<Self>;
    fn patent_ids(&self) -> &[i64] {
        &[]
    }
    fn set_patent_ids(&mut self, _ids: Vec<i64>) {}
}

pub(super) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub(super) fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::Text(d.to_string()))
}

pub(super) fn money(m: Money) -> Value {
    Value::Integer(m.0)
}

pub(super) fn required(field: FieldName, s: &mut String) -> Result<()> {
    *s = s.trim().to_string();
    if s.is_empty() {
        return Err(Error::Missing { field });
    }
    Ok(())
}

pub(super) fn not_negative(field: FieldName, m: Money) -> Result<()> {
    if m.0 < 0 {
        return Err(Error::invalid(field, m.to_string(), "金额不能为负数"));
    }
    Ok(())
}

pub(super) fn ordered(
    field: FieldName,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    what: &str,
) -> Result<()> {
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            return Err(Error::invalid(
                field,
                b.to_string(),
                format!("早于{what} {a}"),
            ));
        }
    }
    Ok(())
}

/// 是 for a set flag, nothing for a clear one: a printed list marks the few.
pub(super) fn yes(b: bool) -> String {
    if b {
        "是".into()
    } else {
        String::new()
    }
}

pub(super) fn dedup(ids: &mut Vec<i64>) {
    ids.sort_unstable();
    ids.dedup();
}

/// A stored record of one of the kinds around the ledger.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored<T> {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[serde(flatten)]
    pub data: T,
}

impl Store {
    /// Adds a record of any kind around the ledger, with its patent links.
    pub fn add_record<T: Record>(&mut self, data: T) -> Result<Stored<T>> {
        crate::text::check_text_sizes(&data)?;
        let data = data.normalise()?;
        self.check_links(&data)?;
        self.check_unique(&data, None)?;
        let id = self.write(|tx, audit| insert_record(tx, audit, &data))?;
        self.record(id)
    }

    pub fn update_record<T: Record>(&mut self, id: i64, data: T) -> Result<Stored<T>> {
        crate::text::check_text_sizes(&data)?;
        let data = data.normalise()?;
        let before = self.record::<T>(id)?;
        self.check_links(&data)?;
        self.check_unique(&data, Some(id))?;
        self.write(|tx, audit| replace_record(tx, audit, id, &before.data, &data))?;
        self.record(id)
    }

    pub fn delete_record<T: Record>(&mut self, id: i64) -> Result<()> {
        let before = self.record::<T>(id)?;
        self.write(|tx, audit| {
            tx.execute(&format!("DELETE FROM {} WHERE id = ?1", T::TABLE), [id])?;
            forget_record(tx, T::ENTITY.at(id))?;
            audit.delete(tx, T::ENTITY, id, &before.data)
        })
    }

    pub fn record<T: Record>(&self, id: i64) -> Result<Stored<T>> {
        let data = self
            .conn
            .prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", T::TABLE))?
            .query_row([id], T::from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: T::LABEL,
                key: id.to_string(),
            })?;
        self.with_links(id, data)
    }

    /// Every record of a kind, in its natural order (by date).
    pub fn list_records<T: Record>(&self) -> Result<Vec<Stored<T>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT * FROM {} ORDER BY {}",
            T::TABLE,
            T::ORDER_BY
        ))?;
        let rows: Vec<(i64, T)> = stmt
            .query_map([], |r| Ok((r.get("id")?, T::from_row(r)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, d)| self.with_links(id, d))
            .collect()
    }

    /// Records of a kind linked to one patent.
    pub fn records_of_patent<T: Record>(&self, patent_id: i64) -> Result<Vec<Stored<T>>> {
        let Some((link, key)) = T::LINK else {
            return Ok(Vec::new());
        };
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {key} FROM {link} WHERE patent_id = ?1 ORDER BY {key}"
            ))?
            .query_map([patent_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.record(id)).collect()
    }

    fn with_links<T: Record>(&self, id: i64, mut data: T) -> Result<Stored<T>> {
        if let Some((link, key)) = T::LINK {
            let ids = self
                .conn
                .prepare_cached(&format!(
                    "SELECT patent_id FROM {link} WHERE {key} = ?1 ORDER BY patent_id"
                ))?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            data.set_patent_ids(ids);
        }
        Ok(Stored { id, data })
    }

    fn check_links<T: Record>(&self, data: &T) -> Result<()> {
        for id in data.patent_ids() {
            let found: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM patent WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if found.is_none() {
                return Err(Error::invalid(
                    field("patentIds", "关联专利"),
                    id.to_string(),
                    "台账中没有该专利",
                ));
            }
        }
        Ok(())
    }

    fn check_unique<T: Record>(&self, data: &T, except: Option<i64>) -> Result<()> {
        let Some((col, field)) = T::UNIQUE else {
            return Ok(());
        };
        let pos = T::COLUMNS
            .iter()
            .position(|c| *c == col)
            .expect("unique column listed");
        let value = data.values()?.swap_remove(pos);
        let clash: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT id FROM {} WHERE {col} = ?1 AND id <> ?2",
                T::TABLE
            ))?
            .query_row(params![value, except.unwrap_or(-1)], |r| r.get(0))
            .optional()?;
        if clash.is_some() {
            let shown = match value {
                Value::Text(s) => s,
                other => format!("{other:?}"),
            };
            return Err(Error::Duplicate {
                field,
                value: shown,
                reason: format!("已有相同{field}的{}", T::LABEL),
            });
        }
        Ok(())
    }
}

/// Inserts a normalised record, its links and its audit row inside the
/// caller's transaction.
pub(crate) fn insert_record<T: Record>(tx: &Transaction, audit: &Audit, data: &T) -> Result<i64> {
    let cols = T::COLUMNS.join(", ");
    let marks = (1..=T::COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.prepare_cached(&format!(
        "INSERT INTO {} ({cols}) VALUES ({marks})",
        T::TABLE
    ))?
    .execute(params_from_iter(data.values()?))?;
    let id = tx.last_insert_rowid();
    write_links::<T>(tx, id, data.patent_ids())?;
    audit.create(tx, T::ENTITY, id, data)?;
    Ok(id)
}

/// Replaces record `id` (which held `before`) with normalised `data` inside
/// the caller's transaction.
pub(crate) fn replace_record<T: Record>(
    tx: &Transaction,
    audit: &Audit,
    id: i64,
    before: &T,
    data: &T,
) -> Result<()> {
    let sets = T::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>();
    let mut values = data.values()?;
    values.push(Value::Integer(id));
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?{}",
        T::TABLE,
        sets.join(", "),
        values.len()
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    write_links::<T>(tx, id, data.patent_ids())?;
    audit.update(tx, T::ENTITY, id, before, data)
}

/// The record whose unique column (e.g. a trademark's 注册号) holds `key`,
/// seen from inside the caller's transaction. Links are not read.
pub(crate) fn record_by_unique<T: Record>(tx: &Transaction, key: &str) -> Result<Option<(i64, T)>> {
    let Some((col, _)) = T::UNIQUE else {
        return Ok(None);
    };
    Ok(tx
        .prepare_cached(&format!("SELECT * FROM {} WHERE {col} = ?1", T::TABLE))?
        .query_row([key], |r| Ok((r.get("id")?, T::from_row(r)?)))
        .optional()?)
}

fn write_links<T: Record>(tx: &Transaction, id: i64, patent_ids: &[i64]) -> Result<()> {
    let Some((link, key)) = T::LINK else {
        return Ok(());
    };
    tx.execute(&format!("DELETE FROM {link} WHERE {key} = ?1"), [id])?;
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT INTO {link} ({key}, patent_id) VALUES (?1, ?2)"
    ))?;
    for pid in patent_ids {
        stmt.execute([id, *pid])?;
    }
    Ok(())
}
