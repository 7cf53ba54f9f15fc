use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::{
    params, params_from_iter, types::Value, Connection, OptionalExtension, Row, Transaction,
};

use super::*;
use crate::error::{field, Error, Result};
use crate::money::Money;
use crate::rules::Rules;
use crate::store::{char_tokens, forget_record, Commit, Entity, ITEM_BREAK};
use crate::store::{json_list, Audit, Store};

pub(super) const PATENT_COLUMNS: &str =
    "jurisdiction, kind, route, app_no, filing_date, priority_date,
    publication_no, publication_kind, grant_no, grant_date, status, title, applicants, inventors,
    ipc, agency, agent, tags, sei_category, fee_reduction, fee_reduction_filed, grant_fee_year,
    fees_paid_through, exam_request_date, compensation_days, overseas_family_grant, acquisition,
    acquired_on, hnte_used_year, notes";

pub(super) fn patent_params(p: &PatentData) -> Result<Vec<Value>> {
    let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::Text(d.to_string()));
    let text = |s: &str| Value::Text(s.to_string());
    Ok(vec![
        text(&p.jurisdiction),
        text(p.kind.code()),
        text(p.route.code()),
        text(&p.app_no),
        date(p.filing_date),
        date(p.priority_date),
        text(&p.publication_no),
        text(&p.publication_kind),
        text(&p.grant_no),
        date(p.grant_date),
        text(p.status.code()),
        text(&p.title),
        Value::Text(serde_json::to_string(&p.applicants)?),
        Value::Text(serde_json::to_string(&p.inventors)?),
        text(&p.ipc),
        text(&p.agency),
        text(&p.agent),
        Value::Text(serde_json::to_string(&p.tags)?),
        text(&p.sei_category),
        text(p.fee_reduction.code()),
        date(p.fee_reduction_filed),
        p.grant_fee_year
            .map_or(Value::Null, |v| Value::Integer(v.into())),
        p.fees_paid_through
            .map_or(Value::Null, |v| Value::Integer(v.into())),
        date(p.exam_request_date),
        Value::Integer(p.compensation_days.into()),
        Value::Integer(p.overseas_family_grant.into()),
        text(p.acquisition.code()),
        date(p.acquired_on),
        p.hnte_used_year
            .map_or(Value::Null, |v| Value::Integer(v.into())),
        text(&p.notes),
    ])
}

pub(super) fn patent_from_row(r: &Row) -> rusqlite::Result<Patent> {
    // `Row::get("name")` scans every column's C name each time; over the
    // patent table's 32 columns that was most of a listing's or a forecast's
    // time. Collect the names once per row and look forward from the last
    // hit, since the fields below are read in table order.
    let names: Vec<&str> = r.as_ref().column_names().collect();
    let mut from = 0;
    let mut col = |name: &str| -> rusqlite::Result<usize> {
        let n = names.len();
        let i = (0..n)
            .map(|k| (from + k) % n)
            .find(|&i| names[i] == name)
            .ok_or_else(|| rusqlite::Error::InvalidColumnName(name.into()))?;
        from = i + 1;
        Ok(i)
    };
    Ok(Patent {
        id: r.get(col("id")?)?,
        data: PatentData {
            jurisdiction: r.get(col("jurisdiction")?)?,
            kind: r.get(col("kind")?)?,
            route: r.get(col("route")?)?,
            app_no: r.get(col("app_no")?)?,
            filing_date: r.get(col("filing_date")?)?,
            priority_date: r.get(col("priority_date")?)?,
            publication_no: r.get(col("publication_no")?)?,
            publication_kind: r.get(col("publication_kind")?)?,
            grant_no: r.get(col("grant_no")?)?,
            grant_date: r.get(col("grant_date")?)?,
            status: r.get(col("status")?)?,
            title: r.get(col("title")?)?,
            applicants: json_list(r.get(col("applicants")?)?)?,
            inventors: json_list(r.get(col("inventors")?)?)?,
            ipc: r.get(col("ipc")?)?,
            agency: r.get(col("agency")?)?,
            agent: r.get(col("agent")?)?,
            tags: json_list(r.get(col("tags")?)?)?,
            sei_category: r.get(col("sei_category")?)?,
            fee_reduction: r.get(col("fee_reduction")?)?,
            fee_reduction_filed: r.get(col("fee_reduction_filed")?)?,
            grant_fee_year: r.get(col("grant_fee_year")?)?,
            fees_paid_through: r.get(col("fees_paid_through")?)?,
            exam_request_date: r.get(col("exam_request_date")?)?,
            compensation_days: r.get(col("compensation_days")?)?,
            overseas_family_grant: r.get(col("overseas_family_grant")?)?,
            notes: r.get(col("notes")?)?,
            acquisition: r.get(col("acquisition")?)?,
            acquired_on: r.get(col("acquired_on")?)?,
            hnte_used_year: r.get(col("hnte_used_year")?)?,
        },
        created_at: r.get(col("created_at")?)?,
        updated_at: r.get(col("updated_at")?)?,
    })
}

pub(super) fn payment_from_row(r: &Row) -> rusqlite::Result<AnnuityPayment> {
    Ok(AnnuityPayment {
        id: r.get("id")?,
        patent_id: r.get("patent_id")?,
        patent_year: r.get("patent_year")?,
        paid_date: r.get("paid_date")?,
        amount: Money(r.get("amount")?),
        late_fee: Money(r.get("late_fee")?),
        receipt_no: r.get("receipt_no")?,
    })
}

fn fts_numbers(p: &PatentData) -> String {
    let mut s = p.app_no.clone();
    if p.is_cn() {
        if let Ok(n) = parse_cn_app_no(&p.app_no) {
            s.push(' ');
            s.push_str(&n.patent_number());
        }
    }
    for extra in [&p.publication_no, &p.grant_no] {
        if !extra.is_empty() {
            s.push(' ');
            s.push_str(extra);
        }
    }
    s
}

const FTS_INSERT: &str = "INSERT INTO patent_fts (rowid, title, numbers, applicants, inventors, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const CHARS_INSERT: &str = "INSERT INTO patent_chars (rowid, title, applicants, inventors, tags) VALUES (?1, ?2, ?3, ?4, ?5)";

/// The full-text columns of a patent, in `patent_fts` order.
fn fts_columns(p: &PatentData) -> [String; 5] {
    [
        p.title.clone(),
        fts_numbers(p),
        p.applicants.join(" "),
        p.inventors.join(" "),
        p.tags.join(" "),
    ]
}

/// The character index's columns, in `patent_chars` order.
fn chars_columns(p: &PatentData) -> [String; 4] {
    let list = |items: &[String]| char_tokens(&items.join(ITEM_BREAK));
    [
        char_tokens(&p.title),
        list(&p.applicants),
        list(&p.inventors),
        list(&p.tags),
    ]
}

/// Indexes a patent for search and the tag filter: trigrams, characters,
/// and a `patent_tag` row per tag (migration 0011).
fn fts_write(
    tx: &Connection,
    id: i64,
    fts: &[String; 5],
    chars: &[String; 4],
    tags: &[String],
) -> Result<()> {
    let [title, numbers, applicants, inventors, tag_text] = fts;
    tx.prepare_cached(FTS_INSERT)?
        .execute(params![id, title, numbers, applicants, inventors, tag_text])?;
    let [title, applicants, inventors, tag_text] = chars;
    tx.prepare_cached(CHARS_INSERT)?
        .execute(params![id, title, applicants, inventors, tag_text])?;
    let mut tag =
        tx.prepare_cached("INSERT OR IGNORE INTO patent_tag (tag, patent_id) VALUES (?1, ?2)")?;
    for t in tags {
        tag.execute(params![t, id])?;
    }
    Ok(())
}

pub(super) fn fts_insert(tx: &Connection, id: i64, p: &PatentData) -> Result<()> {
    fts_write(tx, id, &fts_columns(p), &chars_columns(p), &p.tags)
}

/// Takes a patent out of the search indexes and the tag rows.
pub(super) fn fts_delete(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM patent_fts WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM patent_chars WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM patent_tag WHERE patent_id = ?1")?
        .execute([id])?;
    Ok(())
}

impl Store {
    /// Adds a patent; refuses a duplicate application number.
    pub fn add_patent(&mut self, data: PatentData) -> Result<Patent> {
        let data = normalise_patent_under(self.rules(), data)?;
        let rules = self.rules_arc();
        let id = self.write(|tx, audit| insert_patent(tx, audit, &rules, &data))?;
        self.patent(id)
    }

    /// Adds many patents in one transaction: all of them or, on the first
    /// bad row, none (the error names the row, counted from 1).
    pub fn add_patents(&mut self, rows: Vec<PatentData>) -> Result<Vec<i64>> {
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                normalise_patent_under(self.rules(), d).map_err(|e| Error::InRow {
                    row: i + 1,
                    source: Box::new(e),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let rules = self.rules_arc();
        self.write_bulk(|tx, audit| {
            rows.iter()
                .enumerate()
                .map(|(i, d)| {
                    insert_patent(tx, audit, &rules, d).map_err(|e| Error::InRow {
                        row: i + 1,
                        source: Box::new(e),
                    })
                })
                .collect::<Result<Vec<_>>>()
                .map(|ids| (ids, Commit::Yes))
        })
    }

    /// Replaces a patent's data; the audit trail records the changed fields.
    pub fn update_patent(&mut self, id: i64, data: PatentData) -> Result<Patent> {
        let data = normalise_patent_under(self.rules(), data)?;
        let before = self.patent(id)?;
        let rules = self.rules_arc();
        self.write(|tx, audit| update_patent(tx, audit, &rules, before.id, &before.data, &data))?;
        self.patent(id)
    }

    /// Deletes a patent with its payments and links.
    pub fn delete_patent(&mut self, id: i64) -> Result<()> {
        let before = self.patent(id)?;
        self.write(|tx, audit| {
            fts_delete(tx, id)?;
            tx.execute("DELETE FROM patent WHERE id = ?1", [id])?;
            forget_record(tx, Entity::Patent.at(id))?;
            audit.delete(tx, Entity::Patent, id, &before.data)
        })
    }

    pub fn patent(&self, id: i64) -> Result<Patent> {
        self.conn
            .prepare_cached("SELECT * FROM patent WHERE id = ?1")?
            .query_row([id], patent_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "专利",
                key: id.to_string(),
            })
    }

    /// The number and title of each patent in `ids` that exists, in the
    /// order given: what a form shows for the patents a record links to.
    pub fn patent_labels(&self, ids: &[i64]) -> Result<Vec<PatentLabel>> {
        const MAX_LABELS: usize = 1000;
        if ids.len() > MAX_LABELS {
            return Err(Error::invalid(
                field("patentIds", "关联专利"),
                format!("{} 件", ids.len()),
                format!("一次最多 {MAX_LABELS} 件"),
            ));
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, jurisdiction, app_no, title FROM patent WHERE id = ?1")?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt
                .query_row([id], |r| {
                    Ok((
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()?;
            if let Some((jurisdiction, app_no, title)) = row {
                let display_app_no = if jurisdiction == "CN" {
                    super::parse_cn_app_no(&app_no).map_or(app_no, |n| n.to_string())
                } else {
                    app_no
                };
                out.push(PatentLabel {
                    id: *id,
                    display_app_no,
                    title,
                });
            }
        }
        Ok(out)
    }

    /// Finds a patent by application number in any usual spelling
    /// (`ZL2007…`, dotted or not), or by a foreign number as stored.
    pub fn find_patent(&self, app_no: &str) -> Result<Patent> {
        let digits = strip_app_no(app_no);
        self.conn
            .prepare_cached("SELECT * FROM patent WHERE app_no IN (?1, ?2) ORDER BY jurisdiction = 'CN' DESC LIMIT 1")?
            .query_row(params![digits, app_no.trim()], patent_from_row)
            .optional()?
            .ok_or(Error::NotFound { entity: "专利", key: app_no.trim().to_string() })
    }
}

/// Inserts a normalised patent inside the caller's transaction (used by
/// [`Store::add_patent`] and by imports, which commit many rows at once).
pub(super) fn insert_patent(
    tx: &Transaction,
    audit: &Audit,
    rules: &Rules,
    data: &PatentData,
) -> Result<i64> {
    let exists: Option<i64> = tx
        .prepare_cached("SELECT id FROM patent WHERE jurisdiction = ?1 AND app_no = ?2")?
        .query_row(params![data.jurisdiction, data.app_no], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(Error::Duplicate {
            field: field("appNo", "申请号"),
            value: data.app_no.clone(),
            reason: "台账中已有该申请号的专利".into(),
        });
    }
    insert_prepared(tx, audit, &NewPatent::prepare(rules, data)?)
}

/// Everything an INSERT of a new patent needs that does not read the
/// database: the column values, the full-text columns and the audit row's
/// changes. An import prepares rows on one thread while another inserts.
#[derive(Debug)]
pub(crate) struct NewPatent {
    /// The 27 data columns, then `next_fee_due` and `fees_paid_to`.
    values: Vec<Value>,
    fts: [String; 5],
    chars: [String; 4],
    tags: Vec<String>,
    audit: String,
}

impl NewPatent {
    /// `data` must have been through [`normalise_patent`].
    pub(crate) fn prepare(rules: &Rules, data: &PatentData) -> Result<NewPatent> {
        NewPatent::with_audit(rules, data, Audit::created_json(data)?)
    }

    /// A patent an import creates from sheet row `row`: its audit row
    /// points to the import's log row (see [`Audit::imported_json`]).
    pub(crate) fn imported(
        rules: &Rules,
        data: &PatentData,
        batch: i64,
        row: usize,
    ) -> Result<NewPatent> {
        NewPatent::with_audit(rules, data, Audit::imported_json(batch, row))
    }

    fn with_audit(rules: &Rules, data: &PatentData, audit: String) -> Result<NewPatent> {
        // A new patent has no payments yet, so its derived fee columns follow
        // from the data alone: no need to read the row back.
        let (next, paid_to) = fee_fields(rules, data, &[]);
        let mut values = patent_params(data)?;
        values.push(next.map_or(Value::Null, |d| Value::Text(d.to_string())));
        values.push(paid_to.map_or(Value::Null, |y| Value::Integer(y.into())));
        Ok(NewPatent {
            values,
            fts: fts_columns(data),
            chars: chars_columns(data),
            tags: data.tags.clone(),
            audit,
        })
    }
}

/// Inserts a prepared patent. The caller has made sure the ledger does not
/// hold its number (the UNIQUE constraint still stops a row that slips by).
pub(super) fn insert_prepared(tx: &Transaction, audit: &Audit, new: &NewPatent) -> Result<i64> {
    // Built once: formatting it per row showed up in import profiles.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        // The data columns, then next_fee_due and fees_paid_to, then the time twice.
        let n = PATENT_COLUMNS.split(',').count() + 2;
        format!(
            "INSERT INTO patent ({PATENT_COLUMNS}, next_fee_due, fees_paid_to, created_at, updated_at)
             VALUES ({}, ?{at}, ?{at})",
            (1..=n)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", "),
            at = n + 1
        )
    });
    let at = Value::Text(audit.at.clone());
    tx.prepare_cached(&SQL)?
        .execute(params_from_iter(new.values.iter().chain([&at])))?;
    let id = tx.last_insert_rowid();
    fts_write(tx, id, &new.fts, &new.chars, &new.tags)?;
    audit.insert(tx, Entity::Patent, id, "create", &new.audit)?;
    Ok(id)
}

/// The patent with this jurisdiction and normalised number, seen from inside
/// the caller's transaction (so rows an import just inserted count).
pub(super) fn patent_by_key(
    tx: &Transaction,
    jurisdiction: &str,
    app_no: &str,
) -> Result<Option<Patent>> {
    Ok(tx
        .prepare_cached("SELECT * FROM patent WHERE jurisdiction = ?1 AND app_no = ?2")?
        .query_row(params![jurisdiction, app_no], patent_from_row)
        .optional()?)
}

/// Replaces a stored patent's data inside the caller's transaction.
pub(super) fn update_patent(
    tx: &Transaction,
    audit: &Audit,
    rules: &Rules,
    id: i64,
    before: &PatentData,
    data: &PatentData,
) -> Result<()> {
    let clash: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM patent WHERE jurisdiction = ?1 AND app_no = ?2 AND id <> ?3",
        )?
        .query_row(params![data.jurisdiction, data.app_no, id], |r| r.get(0))
        .optional()?;
    if clash.is_some() {
        return Err(Error::Duplicate {
            field: field("appNo", "申请号"),
            value: data.app_no.clone(),
            reason: "台账中另一件专利已使用该申请号".into(),
        });
    }
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let sets: Vec<String> = PATENT_COLUMNS
            .split(',')
            .map(str::trim)
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        let n = sets.len();
        format!(
            "UPDATE patent SET {}, updated_at = ?{}, next_fee_due = ?{}, fees_paid_to = ?{}
             WHERE id = ?{}",
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3,
            n + 4
        )
    });
    let (next, paid_to) = fee_fields(rules, data, &facts_of(tx, id)?);
    let mut values = patent_params(data)?;
    values.push(Value::Text(audit.at.clone()));
    values.push(next.map_or(Value::Null, |d| Value::Text(d.to_string())));
    values.push(paid_to.map_or(Value::Null, |y| Value::Integer(y.into())));
    values.push(Value::Integer(id));
    tx.prepare_cached(&SQL)?.execute(params_from_iter(values))?;
    fts_delete(tx, id)?;
    fts_insert(tx, id, data)?;
    audit.update(tx, Entity::Patent, id, before, data)
}

/// A patent as a link shows it: its number and title.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatentLabel {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub display_app_no: String,
    pub title: String,
}
