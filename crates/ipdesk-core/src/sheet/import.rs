use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::rules::Rules;
use crate::store::{Audit, Cancel};

use super::cells::{cell, column_letters};
use super::read::{SheetRow, Table};

/// What to do with a row whose application number is already in the ledger
/// or earlier in the same file. Keeping the existing record is `Skip`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OnDuplicate {
    #[default]
    Update,
    Skip,
}

impl OnDuplicate {
    pub fn code(self) -> &'static str {
        match self {
            OnDuplicate::Update => "update",
            OnDuplicate::Skip => "skip",
        }
    }
}

impl FromStr for OnDuplicate {
    type Err = Error;
    fn from_str(s: &str) -> Result<OnDuplicate> {
        match s.trim() {
            "update" | "更新" | "覆盖" => Ok(OnDuplicate::Update),
            "skip" | "跳过" | "保留原有" => Ok(OnDuplicate::Skip),
            other => Err(Error::invalid(
                "重复处理方式",
                other,
                "应为 update（更新）或 skip（跳过）",
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    pub on_duplicate: OnDuplicate,
    /// Check and report only; nothing is written.
    pub dry_run: bool,
    /// The day of the import, for what a row leaves to be assumed (a
    /// granted patent without a grant date: fees paid through this year).
    #[serde(default)]
    pub today: Option<chrono::NaiveDate>,
    /// Flipped by the caller to stop the import part way.
    #[serde(skip)]
    pub cancel: Cancel,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RowAction {
    Created,
    Updated,
    /// Already in the ledger with exactly this content.
    Unchanged,
    Skipped,
    Failed,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowOutcome {
    /// Row number as the user sees it in the sheet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: usize,
    /// The normalised application number, when it could be read.
    pub app_no: String,
    pub action: RowAction,
    /// Why a row was skipped, e.g. which earlier row it repeats.
    pub note: String,
    /// What the row left to be assumed (imported anyway), e.g. 授权日待补.
    pub warning: String,
}

/// One problem in one row, with everything needed to find and fix it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: usize,
    /// The column's header as written in the sheet, if the error is about one.
    pub column: Option<String>,
    /// The cell reference, e.g. `D7`.
    pub cell: Option<String>,
    pub value: String,
    /// The core's message (field, value and reason).
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行", self.row)?;
        if let (Some(col), Some(cell)) = (&self.column, &self.cell) {
            write!(f, "「{col}」列（{cell}）")?;
        }
        write!(f, "：{}", self.message)
    }
}

/// A record kind a sheet can be imported as. The generic row loop
/// ([`import_rows`]) reads each row's mapped cells into a fresh record,
/// checks it, finds the record it duplicates (in the database or earlier in
/// the file) and creates, updates, skips or leaves it, the same way for
/// every kind.
pub(crate) trait Importable: Sized + Clone + PartialEq + Send {
    /// What a column holds: the case file's column vocabulary.
    type Field: Copy + Send + Sync;
    /// What identifies a record across rows and in the database.
    type Key: std::hash::Hash + Eq + Clone;
    /// A checked record's insert, prepared off the writing thread.
    type Prepared: Send;
    /// The number that names the record to the user (申请号, 注册号).
    const NUMBER: &'static str;

    /// A fresh record for a row.
    fn blank() -> Self;
    /// Writes the mapped cells of `row` into `self`, reporting each cell that
    /// cannot be read as `(column, value, error)` and leaving its field as it
    /// was.
    fn apply_cells(
        self,
        mapping: &BTreeMap<usize, Self::Field>,
        row: &SheetRow,
        fail: &mut dyn FnMut(usize, String, Error),
    ) -> Self;
    /// Checks and normalises a record, as the store does on every write.
    fn normalise(self, rules: &Rules) -> Result<Self>;
    /// Fills in what a row may lack and the record can assume, saying what
    /// was assumed; `today` is the day of the import.
    fn complete(&mut self, _today: Option<chrono::NaiveDate>) -> Option<String> {
        None
    }
    /// The header a field is known by, to find the column a record-level
    /// error names.
    fn header(field: Self::Field) -> &'static str;
    fn key(&self) -> Self::Key;
    /// The number shown in the row's outcome.
    fn number(&self) -> String;
    /// Builds the insert of a checked record (the preparing thread).
    fn prepare(&self, rules: &Rules, batch: i64, row: usize) -> Result<Self::Prepared>;
    /// Whether the table holds any record: into an empty one only an earlier
    /// row of the file can hold a key, so the per-row lookup is skipped.
    fn any_stored(tx: &Transaction) -> Result<bool>;
    /// The stored record with this key and its id.
    fn find(tx: &Transaction, key: &Self::Key) -> Result<Option<(i64, Self)>>;
    fn insert(tx: &Transaction, audit: &Audit, prepared: Self::Prepared) -> Result<()>;
    fn replace(
        tx: &Transaction,
        audit: &Audit,
        rules: &Rules,
        id: i64,
        before: &Self,
        after: &Self,
    ) -> Result<()>;
}

/// Data rows in chunks, borrowed from a whole table or owned as they arrive.
pub(crate) type RowChunk<'a> = Vec<Cow<'a, SheetRow>>;

/// What the row loop hands back: every row's outcome and every error.
#[derive(Debug, Default)]
pub(crate) struct RowResults {
    pub(crate) outcomes: Vec<RowOutcome>,
    pub(crate) errors: Vec<RowError>,
}

/// Writes the rows of `chunks` (about `hint` of them) as `I` records inside
/// the caller's transaction.
///
/// Reading the cells, checking them and building each INSERT does not touch
/// the database, so it runs on a second thread, rows ahead of the writer;
/// the writer (this thread, which owns the transaction) does the SQLite work
/// in row order. Dropping the receiver on an early return stops the
/// preparer; a panic there resurfaces when the scope joins. Rows travel in
/// chunks: one message per row woke the other thread so often that futex
/// calls took a tenth of a 100,000-row import. A streamed sheet is still
/// being read on a third thread meanwhile.
#[allow(clippy::too_many_arguments)]
pub(crate) fn import_rows<'a, I: Importable>(
    tx: &Transaction,
    audit: &Audit,
    batch: i64,
    table: &Table,
    (hint, chunks): (usize, impl Iterator<Item = Result<RowChunk<'a>>> + Send),
    mapping: &BTreeMap<usize, I::Field>,
    (on_duplicate, today, cancel): (OnDuplicate, Option<chrono::NaiveDate>, Cancel),
    rules: &Rules,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RowResults> {
    let mut out = RowResults::default();
    out.outcomes.reserve(hint);
    // Key → first row that had it, to name the earlier row of a duplicate.
    let mut seen: HashMap<I::Key, usize> = HashMap::new();
    let lookup = I::any_stored(tx)?;
    let mut done = 0usize;
    let mut last = (0, 0);
    std::thread::scope(|scope| {
        let (send, prepared) = std::sync::mpsc::sync_channel::<Result<PreparedChunk<'a, I>>>(8);
        scope.spawn(move || {
            for chunk in chunks {
                let chunk = chunk.map(|rows| {
                    rows.into_iter()
                        .map(|r| {
                            let p = prepare_row::<I>(table, mapping, rules, (batch, today), &r);
                            (r, p)
                        })
                        .collect()
                });
                if send.send(chunk).is_err() {
                    break;
                }
            }
        });
        let ctx = RowContext {
            table,
            mapping,
            on_duplicate,
            lookup,
            rules,
            today,
        };
        for chunk in prepared {
            if cancel.requested() {
                return Err(Error::Cancelled);
            }
            for (row, prepared) in chunk? {
                let outcome =
                    store_row(tx, audit, &ctx, &row, prepared, &mut seen, &mut out.errors)?;
                out.outcomes.push(outcome);
                done += 1;
                // About 100 updates, also when more rows come than declared.
                let step = (hint.max(done) / 100).max(1);
                if done.is_multiple_of(step) {
                    last = (done, hint.max(done));
                    progress(last.0, last.1);
                }
            }
        }
        Ok::<(), Error>(())
    })?;
    // The rows that came may be fewer than the sheet declared.
    if last != (done, done) {
        progress(done, done);
    }
    Ok(out)
}

type PreparedChunk<'a, I> = Vec<(Cow<'a, SheetRow>, Prepared<I>)>;

/// One row as the preparing thread leaves it for the writer: the row's own
/// errors, or a valid record and, should the database not hold its key yet,
/// its insert.
type Prepared<I> =
    std::result::Result<(I, Result<<I as Importable>::Prepared>, Option<String>), Vec<RowError>>;

struct RowContext<'t, F> {
    table: &'t Table,
    mapping: &'t BTreeMap<usize, F>,
    on_duplicate: OnDuplicate,
    lookup: bool,
    rules: &'t Rules,
    today: Option<chrono::NaiveDate>,
}

fn error_at(
    table: &Table,
    row: &SheetRow,
    col: Option<usize>,
    value: String,
    e: &Error,
) -> RowError {
    RowError {
        row: row.row,
        column: col.and_then(|c| table.headers.get(c).cloned()),
        cell: col.map(|c| format!("{}{}", column_letters(c), row.row)),
        value,
        message: e.to_string(),
    }
}

/// A record-level error as a row error, at the column holding the field it
/// names (the error knows the field by its label) when the sheet maps one.
fn record_error<I: Importable>(
    table: &Table,
    mapping: &BTreeMap<usize, I::Field>,
    row: &SheetRow,
    e: &Error,
) -> RowError {
    let col = e.field().and_then(|f| {
        mapping
            .iter()
            .find(|(_, x)| I::header(**x) == f.label)
            .map(|(c, _)| *c)
    });
    let value = col.map(|c| cell(row, c).text()).unwrap_or_default();
    error_at(table, row, col, value, e)
}

fn prepare_row<I: Importable>(
    table: &Table,
    mapping: &BTreeMap<usize, I::Field>,
    rules: &Rules,
    (batch, today): (i64, Option<chrono::NaiveDate>),
    row: &SheetRow,
) -> Prepared<I> {
    let mut errors = Vec::new();
    let mut fresh = I::blank().apply_cells(mapping, row, &mut |c, v, e| {
        errors.push(error_at(table, row, Some(c), v, &e))
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let warning = fresh.complete(today);
    match fresh.normalise(rules) {
        Ok(r) => {
            let new = r.prepare(rules, batch, row.row);
            Ok((r, new, warning))
        }
        Err(e) => Err(vec![record_error::<I>(table, mapping, row, &e)]),
    }
}

fn store_row<I: Importable>(
    tx: &Transaction,
    audit: &Audit,
    ctx: &RowContext<'_, I::Field>,
    row: &SheetRow,
    prepared: Prepared<I>,
    seen: &mut HashMap<I::Key, usize>,
    errors: &mut Vec<RowError>,
) -> Result<RowOutcome> {
    let mut outcome = RowOutcome {
        row: row.row,
        app_no: String::new(),
        action: RowAction::Failed,
        note: String::new(),
        warning: String::new(),
    };
    let (checked, new, warning) = match prepared {
        Err(e) => {
            errors.extend(e);
            return Ok(outcome);
        }
        Ok(good) => good,
    };
    outcome.app_no = checked.number();
    outcome.warning = warning.unwrap_or_default();
    let key = checked.key();
    let earlier = seen.get(&key).copied();
    let existing = if ctx.lookup || earlier.is_some() {
        I::find(tx, &key)?
    } else {
        None
    };
    seen.entry(key).or_insert(row.row);
    let Some((id, existing)) = existing else {
        I::insert(tx, audit, new?)?;
        outcome.action = RowAction::Created;
        return Ok(outcome);
    };
    outcome.note = match earlier {
        Some(r) => format!("与第 {r} 行{}相同", I::NUMBER),
        None => format!("台账中已有该{}", I::NUMBER),
    };
    if ctx.on_duplicate == OnDuplicate::Skip {
        outcome.action = RowAction::Skipped;
        return Ok(outcome);
    }
    // Columns the sheet does not map keep what the database has.
    let mut merged = existing
        .clone()
        .apply_cells(ctx.mapping, row, &mut |_, _, _| {});
    outcome.warning = merged.complete(ctx.today).unwrap_or_default();
    let merged = match merged.normalise(ctx.rules) {
        Ok(r) => r,
        Err(e) => {
            errors.push(record_error::<I>(ctx.table, ctx.mapping, row, &e));
            return Ok(outcome);
        }
    };
    if merged == existing {
        outcome.action = RowAction::Unchanged;
    } else {
        I::replace(tx, audit, ctx.rules, id, &existing, &merged)?;
        outcome.action = RowAction::Updated;
    }
    Ok(outcome)
}
