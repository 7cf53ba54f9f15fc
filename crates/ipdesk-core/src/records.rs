//! The records around the ledger — trademarks, pledges, awards, transfers and
//! licences, insurance policies, patent products — stored through one generic
//! path: validate, write the row and its patent links, audit.

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value, OptionalExtension, Row, Transaction};
use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    AwardData, InsuranceData, PledgeData, ProductData, Stored, TrademarkData, TransferData,
};
use crate::store::{json_list, Audit, Store};
use crate::validate::Money;

/// A kind of record the store keeps in its own table, optionally linked to
/// patents through a join table.
pub trait Record: Serialize + DeserializeOwned + Clone + std::fmt::Debug {
    /// Table name, also the audit trail's entity name.
    const TABLE: &'static str;
    /// What the user calls it, for messages.
    const LABEL: &'static str;
    /// Data columns in the order of [`Record::values`].
    const COLUMNS: &'static [&'static str];
    const ORDER_BY: &'static str;
    /// `(join table, this record's key column in it)`.
    const LINK: Option<(&'static str, &'static str)>;
    /// A column that must be unique, with its field name.
    const UNIQUE: Option<(&'static str, &'static str)> = None;

    fn normalise(self) -> Result<Self>;
    fn values(&self) -> Result<Vec<Value>>;
    fn from_row(r: &Row) -> rusqlite::Result<Self>;
    fn patent_ids(&self) -> &[i64] {
        &[]
    }
    fn set_patent_ids(&mut self, _ids: Vec<i64>) {}
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}
fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::Text(d.to_string()))
}
fn money(m: Money) -> Value {
    Value::Integer(m.0)
}
fn required(field: &'static str, s: &mut String) -> Result<()> {
    *s = s.trim().to_string();
    if s.is_empty() {
        return Err(Error::Missing { field });
    }
    Ok(())
}
fn not_negative(field: &'static str, m: Money) -> Result<()> {
    if m.0 < 0 {
        return Err(Error::invalid(field, m.to_string(), "金额不能为负数"));
    }
    Ok(())
}
fn ordered(
    field: &'static str,
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
fn dedup(ids: &mut Vec<i64>) {
    ids.sort_unstable();
    ids.dedup();
}

impl Record for TrademarkData {
    const TABLE: &'static str = "trademark";
    const LABEL: &'static str = "商标";
    const COLUMNS: &'static [&'static str] = &[
        "reg_no",
        "mark",
        "classes",
        "reg_date",
        "expiry_date",
        "status",
        "well_known",
        "geographical_indication",
        "notes",
    ];
    const ORDER_BY: &'static str = "reg_date, id";
    const LINK: Option<(&'static str, &'static str)> = None;
    const UNIQUE: Option<(&'static str, &'static str)> = Some(("reg_no", "注册号"));

    fn normalise(mut self) -> Result<Self> {
        required("注册号", &mut self.reg_no)?;
        required("商标名称", &mut self.mark)?;
        if let Some(c) = self.classes.iter().find(|c| !(1..=45).contains(*c)) {
            return Err(Error::invalid(
                "类别",
                c.to_string(),
                "尼斯分类应为第 1–45 类",
            ));
        }
        self.classes.sort_unstable();
        self.classes.dedup();
        ordered("有效期至", self.reg_date, self.expiry_date, "注册日")?;
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.reg_no),
            text(&self.mark),
            Value::Text(serde_json::to_string(&self.classes)?),
            date(self.reg_date),
            date(self.expiry_date),
            text(self.status.code()),
            Value::Integer(self.well_known.into()),
            Value::Integer(self.geographical_indication.into()),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(TrademarkData {
            reg_no: r.get("reg_no")?,
            mark: r.get("mark")?,
            classes: json_list(r.get("classes")?),
            reg_date: r.get("reg_date")?,
            expiry_date: r.get("expiry_date")?,
            status: r.get("status")?,
            well_known: r.get("well_known")?,
            geographical_indication: r.get("geographical_indication")?,
            notes: r.get("notes")?,
        })
    }
}

impl Record for PledgeData {
    const TABLE: &'static str = "pledge";
    const LABEL: &'static str = "质押";
    const COLUMNS: &'static [&'static str] = &[
        "pledgor",
        "pledgee",
        "loan_amount",
        "start_date",
        "end_date",
        "reg_no",
        "reg_date",
        "release_date",
        "notes",
    ];
    const ORDER_BY: &'static str = "reg_date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("pledge_patent", "pledge_id"));

    fn normalise(mut self) -> Result<Self> {
        required("出质人", &mut self.pledgor)?;
        required("质权人", &mut self.pledgee)?;
        not_negative("融资金额", self.loan_amount)?;
        ordered("质押到期日", self.start_date, self.end_date, "起始日")?;
        ordered("解除日期", self.reg_date, self.release_date, "登记日")?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.pledgor),
            text(&self.pledgee),
            money(self.loan_amount),
            date(self.start_date),
            date(self.end_date),
            text(&self.reg_no),
            date(self.reg_date),
            date(self.release_date),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(PledgeData {
            pledgor: r.get("pledgor")?,
            pledgee: r.get("pledgee")?,
            loan_amount: Money(r.get("loan_amount")?),
            start_date: r.get("start_date")?,
            end_date: r.get("end_date")?,
            reg_no: r.get("reg_no")?,
            reg_date: r.get("reg_date")?,
            release_date: r.get("release_date")?,
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}

impl Record for AwardData {
    const TABLE: &'static str = "award";
    const LABEL: &'static str = "获奖";
    const COLUMNS: &'static [&'static str] = &["kind", "name", "level", "year", "notes"];
    const ORDER_BY: &'static str = "year, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("award_patent", "award_id"));

    fn normalise(mut self) -> Result<Self> {
        required("奖项名称", &mut self.name)?;
        self.level = self.level.trim().to_string();
        if let Some(y) = self.year.filter(|y| !(1985..=2200).contains(y)) {
            return Err(Error::invalid("获奖年度", y.to_string(), "不是有效年份"));
        }
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(self.kind.code()),
            text(&self.name),
            text(&self.level),
            self.year.map_or(Value::Null, |y| Value::Integer(y.into())),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(AwardData {
            kind: r.get("kind")?,
            name: r.get("name")?,
            level: r.get("level")?,
            year: r.get("year")?,
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}

impl Record for TransferData {
    const TABLE: &'static str = "transfer";
    const LABEL: &'static str = "转让/许可";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "counterparty",
        "date",
        "amount",
        "contract_no",
        "record_no",
        "notes",
    ];
    const ORDER_BY: &'static str = "date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("transfer_patent", "transfer_id"));

    fn normalise(mut self) -> Result<Self> {
        required("对方单位", &mut self.counterparty)?;
        not_negative("金额", self.amount)?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(self.kind.code()),
            text(&self.counterparty),
            date(self.date),
            money(self.amount),
            text(&self.contract_no),
            text(&self.record_no),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(TransferData {
            kind: r.get("kind")?,
            counterparty: r.get("counterparty")?,
            date: r.get("date")?,
            amount: Money(r.get("amount")?),
            contract_no: r.get("contract_no")?,
            record_no: r.get("record_no")?,
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}

impl Record for InsuranceData {
    const TABLE: &'static str = "insurance";
    const LABEL: &'static str = "保险";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "insurer",
        "policy_no",
        "premium",
        "cover",
        "start_date",
        "end_date",
        "notes",
    ];
    const ORDER_BY: &'static str = "start_date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("insurance_patent", "insurance_id"));

    fn normalise(mut self) -> Result<Self> {
        required("险种", &mut self.kind)?;
        required("保险公司", &mut self.insurer)?;
        not_negative("保费", self.premium)?;
        not_negative("保额", self.cover)?;
        ordered("保险止期", self.start_date, self.end_date, "起期")?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.kind),
            text(&self.insurer),
            text(&self.policy_no),
            money(self.premium),
            money(self.cover),
            date(self.start_date),
            date(self.end_date),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(InsuranceData {
            kind: r.get("kind")?,
            insurer: r.get("insurer")?,
            policy_no: r.get("policy_no")?,
            premium: Money(r.get("premium")?),
            cover: Money(r.get("cover")?),
            start_date: r.get("start_date")?,
            end_date: r.get("end_date")?,
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}

impl Record for ProductData {
    const TABLE: &'static str = "product";
    const LABEL: &'static str = "专利产品";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "model",
        "industry",
        "filing_status",
        "revenues",
        "notes",
    ];
    const ORDER_BY: &'static str = "name, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("product_patent", "product_id"));

    fn normalise(mut self) -> Result<Self> {
        required("产品名称", &mut self.name)?;
        self.revenues.sort_by_key(|r| r.year);
        for w in self.revenues.windows(2) {
            if w[0].year == w[1].year {
                return Err(Error::invalid(
                    "销售收入年度",
                    w[0].year.to_string(),
                    "同一年度重复",
                ));
            }
        }
        for r in &self.revenues {
            not_negative("销售收入", r.revenue)?;
            if !(1985..=2200).contains(&r.year) {
                return Err(Error::invalid(
                    "销售收入年度",
                    r.year.to_string(),
                    "不是有效年份",
                ));
            }
        }
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.name),
            text(&self.model),
            text(&self.industry),
            text(&self.filing_status),
            Value::Text(serde_json::to_string(&self.revenues)?),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(ProductData {
            name: r.get("name")?,
            model: r.get("model")?,
            industry: r.get("industry")?,
            filing_status: r.get("filing_status")?,
            revenues: json_list(r.get("revenues")?),
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}

impl Store {
    /// Adds a record of any kind around the ledger, with its patent links.
    pub fn add_record<T: Record>(&mut self, data: T) -> Result<Stored<T>> {
        let data = data.normalise()?;
        self.check_links(&data)?;
        self.check_unique(&data, None)?;
        let id = self.write(|tx, audit| insert_record(tx, audit, &data))?;
        self.record(id)
    }

    pub fn update_record<T: Record>(&mut self, id: i64, data: T) -> Result<Stored<T>> {
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
            audit.delete(tx, T::TABLE, id, &before.data)
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
                    "关联专利",
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
    audit.create(tx, T::TABLE, id, data)?;
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
    audit.update(tx, T::TABLE, id, before, data)
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
