//! Importing a patent ledger from a spreadsheet (.xlsx, .xls, .csv).
//!
//! Three steps, each a plain function so the app can show what happens in
//! between: [`read_table`] turns the file into rows of [`Cell`]s and finds the
//! header row; [`Store::import_mapping`] suggests (or recalls) which column
//! holds which [`Field`]; [`Store::import_patents`] checks every row and, unless
//! it is a dry run, commits them all in one transaction. A dry run executes the
//! very same writes and rolls them back, so its report and the commit agree
//! row for row.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::*;
use crate::error::{Error, Result};
use crate::rules::{FeeReduction, PatentKind, Rules};
use crate::sheet::*;
use crate::store::{Audit, Commit, Store};

/// The outcome of an import or its dry run, row by row.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// What was imported: patents, or trademarks.
    pub kind: ImportKind,
    pub sheet: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub header_row: usize,
    /// The header row's cells, which `mapping` indexes (a workbook's two
    /// sheets have two headers).
    pub headers: Vec<String>,
    /// Column index (from 0, as a JSON object key) → field.
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<u32, Field>"))]
    pub mapping: Mapping,
    pub dry_run: bool,
    /// True only when the rows were written.
    pub committed: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unchanged: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub skipped: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub failed: usize,
    pub rows: Vec<RowOutcome>,
    pub errors: Vec<RowError>,
    /// The patent database the headers were recognised as (智慧芽 …).
    pub format: Option<SheetFormat>,
    /// Rows imported with something assumed (see [`RowOutcome::warning`]).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub warned: usize,
    /// For a list mixing patents and trademarks: the trademark rows' report
    /// (the same transaction: both committed, or neither).
    pub trademarks: Option<Box<ImportReport>>,
}

impl ImportReport {
    /// A report with no rows yet, for a run over `table`.
    pub(crate) fn start(
        kind: ImportKind,
        table: &Table,
        mapping: &Mapping,
        opts: &ImportOptions,
    ) -> ImportReport {
        ImportReport {
            kind,
            sheet: table.sheet.clone(),
            header_row: table.header_row,
            headers: table.headers.clone(),
            mapping: mapping.clone(),
            dry_run: opts.dry_run,
            committed: false,
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            failed: 0,
            rows: Vec::with_capacity(table.rows.len()),
            errors: Vec::new(),
            format: match kind {
                ImportKind::Patent => super::vendors::recognise_format(&table.headers),
                ImportKind::Trademark => None,
            },
            warned: 0,
            trademarks: None,
        }
    }

    /// Adds one row's outcome to the rows and the counts.
    pub(crate) fn tally(&mut self, outcome: RowOutcome) {
        match outcome.action {
            RowAction::Created => self.created += 1,
            RowAction::Updated => self.updated += 1,
            RowAction::Unchanged => self.unchanged += 1,
            RowAction::Skipped => self.skipped += 1,
            RowAction::Failed => self.failed += 1,
        }
        if !outcome.warning.is_empty() {
            self.warned += 1;
        }
        self.rows.push(outcome);
    }

    /// What to tell the user of a refused import (not a dry run, not
    /// committed): how many rows failed and the first error.
    pub fn rejection(&self) -> String {
        let first = self
            .errors
            .first()
            .map(|e| format!("，第一处：{e}"))
            .unwrap_or_default();
        format!(
            "导入未执行，未写入任何数据：{} 行有错误，共 {} 处{first}",
            self.failed,
            self.errors.len()
        )
    }
}

/// One committed import, as the import log (导入记录) lists it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub kind: ImportKind,
    pub file: String,
    pub sheet: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub header_row: i64,
    pub on_duplicate: OnDuplicate,
    /// Data rows in the sheet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unchanged: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub skipped: i64,
}

impl Store {
    /// The import log, newest first, at most `limit` imports.
    pub fn import_batches(&self, limit: usize) -> Result<Vec<ImportBatch>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT * FROM import_batch ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            let on_duplicate: String = r.get("on_duplicate")?;
            Ok(ImportBatch {
                id: r.get("id")?,
                at: r.get("at")?,
                os_user: r.get("os_user")?,
                kind: r.get("kind")?,
                file: r.get("file")?,
                sheet: r.get("sheet")?,
                header_row: r.get("header_row")?,
                on_duplicate: on_duplicate.parse().unwrap_or_default(),
                rows: r.get("rows")?,
                created: r.get("created")?,
                updated: r.get("updated")?,
                unchanged: r.get("unchanged")?,
                skipped: r.get("skipped")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the sheet holds and how its columns map: the mapping remembered
    /// for this header row (and the kind of its fields), else the kind
    /// [`ImportKind::guess`]ed from the headers and its suggested mapping.
    pub fn import_plan(&self, headers: &[String]) -> Result<(ImportKind, Mapping)> {
        if let Some(saved) = self.saved_mapping(headers)? {
            if let Some(kind) = ImportKind::of_mapping(&saved) {
                if saved.check_for(kind, headers).is_ok() {
                    return Ok((kind, saved));
                }
            }
        }
        let kind = ImportKind::guess(headers);
        Ok((kind, Mapping::suggest_for(kind, headers)))
    }

    /// The mapping of a sheet of this kind: remembered or suggested.
    pub fn import_mapping_for(&self, kind: ImportKind, headers: &[String]) -> Result<Mapping> {
        Ok(self
            .saved_mapping(headers)?
            .filter(|m| m.check_for(kind, headers).is_ok())
            .unwrap_or_else(|| Mapping::suggest_for(kind, headers)))
    }

    fn saved_mapping(&self, headers: &[String]) -> Result<Option<Mapping>> {
        let saved: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [mapping_key(headers)],
                |r| r.get(0),
            )
            .optional()?;
        Ok(saved.and_then(|s| serde_json::from_str::<Mapping>(&s).ok()))
    }

    /// The mapping remembered for this header row, else the suggested one
    /// (patents).
    pub fn import_mapping(&self, headers: &[String]) -> Result<Mapping> {
        self.import_mapping_for(ImportKind::Patent, headers)
    }

    /// Remembers a mapping for files with this header row. A committed import
    /// does this itself.
    pub fn save_import_mapping(&mut self, headers: &[String], mapping: &Mapping) -> Result<()> {
        let kind = ImportKind::of_mapping(mapping).unwrap_or(ImportKind::Patent);
        mapping.check_for(kind, headers)?;
        self.write(|tx, _| save_mapping(tx, headers, mapping))
    }

    /// Imports the rows of `table` as patents: all of them in one
    /// transaction, or — if any row has an error, or `opts.dry_run` — none.
    ///
    /// `progress(done, total)` is called as rows are processed. On success
    /// the mapping is remembered for this header row.
    ///
    /// A row with an error refuses the whole import: the report comes back
    /// with `committed: false` and nothing is written. Errors: an invalid
    /// mapping.
    pub fn import_patents(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let chunks = table
            .rows
            .chunks(STREAM_CHUNK)
            .map(|c| Ok(c.iter().map(Cow::Borrowed).collect()));
        self.import_patent_rows(table, (table.rows.len(), chunks), mapping, opts, progress)
    }

    /// [`Store::import_patents`] from a sheet still being read
    /// ([`open_table`]): rows are written while later ones are read. The
    /// report and the outcome are the same as for the whole table; a file
    /// that fails part way through is refused and nothing is written.
    pub fn import_patents_streamed(
        &mut self,
        sheet: SheetStream,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let hint = sheet.rows_hint;
        let (table, chunks) = sheet.into_parts();
        let chunks = chunks.map(|c| c.map(|rows| rows.into_iter().map(Cow::Owned).collect()));
        self.import_patent_rows(&table, (hint, chunks), mapping, opts, progress)
    }

    /// Imports patents under `table`'s header from `rows`: about how many
    /// rows there are (for progress), and the rows in chunks, borrowed from
    /// a whole table or streamed.
    fn import_patent_rows<'a>(
        &mut self,
        table: &Table,
        rows: (usize, impl Iterator<Item = Result<RowChunk<'a>>> + Send),
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        mapping.check(&table.headers)?;
        import_in_transaction_for::<PatentData>(
            self,
            ImportKind::Patent,
            table,
            rows,
            mapping,
            opts,
            progress,
        )
    }
}

/// An import of any kind in one transaction: it opens the import's row in
/// the import log, runs the generic row loop (created records point to that
/// row) and commits only if the run is not a dry run and no row failed; then
/// it also remembers the mapping and the counts. Otherwise it rolls back and
/// returns the report with `committed: false`. A dry run performs exactly the
/// writes of a commit before rolling back, so the two can never disagree;
/// the rollback also brings back the indexes an import sets aside.
pub(crate) fn import_in_transaction_for<'a, I: Importable<Field = Field>>(
    store: &mut Store,
    kind: ImportKind,
    table: &Table,
    rows: (usize, impl Iterator<Item = Result<RowChunk<'a>>> + Send),
    mapping: &Mapping,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let rules = store.rules_arc();
    store.write_bulk(|tx, audit| {
        let mut run = run_import::<I>(
            tx, audit, &rules, kind, table, rows, mapping, opts, progress,
        )?;
        if opts.dry_run || !run.report.errors.is_empty() {
            return Ok((run.report, Commit::No));
        }
        run.finish(tx, table, mapping)?;
        Ok((run.report, Commit::Yes))
    })
}

/// One kind's rows run inside the caller's transaction, not yet committed.
pub(crate) struct ImportRun {
    pub(crate) report: ImportReport,
    batch: i64,
    set_aside: Vec<String>,
}

impl ImportRun {
    /// Restores the indexes, remembers the mapping, closes the log row.
    pub(crate) fn finish(
        &mut self,
        tx: &Transaction,
        table: &Table,
        mapping: &Mapping,
    ) -> Result<()> {
        // Every row written, the indexes still set aside: the riskiest
        // instant of an import to be killed at.
        crate::store::fail_point("import.before_finish");
        for sql in self.set_aside.drain(..) {
            tx.execute_batch(&sql)?;
        }
        save_mapping(tx, &table.headers, mapping)?;
        close_batch(tx, self.batch, &self.report)?;
        self.report.committed = true;
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn run_import<'a, I: Importable<Field = Field>>(
    tx: &Transaction,
    audit: &Audit,
    rules: &Rules,
    kind: ImportKind,
    table: &Table,
    rows: (usize, impl Iterator<Item = Result<RowChunk<'a>>> + Send),
    mapping: &Mapping,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportRun> {
    let batch = open_batch(tx, audit, kind, table, opts)?;
    let set_aside = match kind {
        ImportKind::Patent => set_aside_indexes(tx, rows.0)?,
        ImportKind::Trademark => Vec::new(),
    };
    let results = import_rows::<I>(
        tx,
        audit,
        batch,
        table,
        rows,
        &mapping.0,
        (opts.on_duplicate, opts.today, opts.cancel),
        rules,
        progress,
    )?;
    let mut report = ImportReport::start(kind, table, mapping, opts);
    report.errors = results.errors;
    for outcome in results.outcomes {
        report.tally(outcome);
    }
    Ok(ImportRun {
        report,
        batch,
        set_aside,
    })
}

/// Reads a spreadsheet (.xlsx, .xls, .ods, .csv in UTF-8, UTF-16 or GBK)
/// whose header row names ledger or trademark columns: the first sheet with
/// data, the header being the top row that names the most known columns.
/// Errors: [`crate::Error::BadFile`] for an unsupported type, a damaged or
/// empty file and one over [`crate::MAX_IMPORT_ROWS`] rows.
pub fn read_table(path: &Path) -> Result<Table> {
    open_table(path)?.collect()
}

/// [`read_table`] with the data rows still arriving (an .xlsx sheet is read
/// on its own thread while an import writes the rows already read).
pub fn open_table(path: &Path) -> Result<SheetStream> {
    open_table_with(path, is_import_header)
}

pub(super) fn is_import_header(h: &str) -> bool {
    Field::from_header_for(ImportKind::Patent, h).is_some()
        || Field::from_header_for(ImportKind::Trademark, h).is_some()
}

/// Opens an import's row in the log, counts still zero (see [`close_batch`]).
fn open_batch(
    tx: &Transaction,
    audit: &Audit,
    kind: ImportKind,
    table: &Table,
    opts: &ImportOptions,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO import_batch (at, os_user, kind, file, sheet, header_row, on_duplicate,
                                   rows, created, updated, unchanged, skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, 0)",
        params![
            audit.at,
            audit.user,
            kind,
            table.file,
            table.sheet,
            table.header_row as i64,
            opts.on_duplicate.code(),
            table.rows.len() as i64
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Fills in the counts; `rows` too, since a streamed sheet's row count is
/// known only once it has been read.
fn close_batch(tx: &Transaction, batch: i64, report: &ImportReport) -> Result<()> {
    tx.execute(
        "UPDATE import_batch SET rows = ?6, created = ?2, updated = ?3, unchanged = ?4, skipped = ?5
         WHERE id = ?1",
        params![
            batch,
            report.created as i64,
            report.updated as i64,
            report.unchanged as i64,
            report.skipped as i64,
            report.rows.len() as i64
        ],
    )?;
    Ok(())
}

/// Rows from which an import may set the patent table's secondary indexes
/// aside (see [`set_aside_indexes`]).
const SET_ASIDE_MIN_ROWS: usize = 10_000;

/// For an import of many rows into a smaller ledger, drops the patent
/// table's non-unique indexes inside the import's transaction and returns
/// their `CREATE INDEX` statements, to be run again before the commit.
/// Building an index once from sorted keys is cheaper than inserting 100,000
/// random keys into each of seven B-trees (BENCHMARKS.md, "Import"). The
/// unique index on the application number stays: every row looks it up.
/// DDL is transactional in SQLite, so a failed or dry-run import rolls the
/// indexes back with everything else.
fn set_aside_indexes(tx: &Transaction, rows: usize) -> Result<Vec<String>> {
    if rows < SET_ASIDE_MIN_ROWS {
        return Ok(Vec::new());
    }
    let held: i64 = tx.query_row("SELECT count(*) FROM patent", [], |r| r.get(0))?;
    if usize::try_from(held).unwrap_or(usize::MAX) >= rows {
        return Ok(Vec::new());
    }
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'patent' AND sql IS NOT NULL
               AND sql NOT LIKE 'CREATE UNIQUE%'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// FNV-1a over the normalised headers: stable across builds and platforms,
/// unlike std's hasher, so a remembered mapping survives an upgrade.
fn mapping_key(headers: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in headers
        .iter()
        .map(|s| normalise_header(s))
        .collect::<Vec<_>>()
        .join("\u{1f}")
        .bytes()
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("import.mapping.{h:016x}")
}

fn save_mapping(tx: &Transaction, headers: &[String], mapping: &Mapping) -> Result<()> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![mapping_key(headers), serde_json::to_string(mapping)?],
    )?;
    Ok(())
}

/// Patents import keyed by jurisdiction and application number; created
/// patents' audit rows point to the import log and their sheet row.
impl Importable for PatentData {
    type Field = Field;
    type Key = (String, String);
    type Prepared = NewPatent;
    const NUMBER: &'static str = "申请号";

    fn blank() -> Self {
        PatentData::default()
    }

    /// A mapped empty cell clears its field, except for kind, status and
    /// route, which cannot be empty; a CN patent's missing kind comes from
    /// its application number.
    fn apply_cells(
        self,
        mapping: &BTreeMap<usize, Field>,
        row: &SheetRow,
        fail: &mut dyn FnMut(usize, String, Error),
    ) -> Self {
        apply_patent_cells(self, mapping, row, fail)
    }

    fn normalise(self, rules: &Rules) -> Result<Self> {
        normalise_patent_under(rules, self)
    }

    /// A granted CN patent without a grant date (授权日待补) is imported: its
    /// fees are taken as paid through the patent year of the import day, and
    /// the row says so. Missing agency or inventors are only named.
    fn complete(&mut self, today: Option<chrono::NaiveDate>) -> Option<String> {
        let mut said = Vec::new();
        if self.is_cn() && self.grant_date.is_none() && self.status.is_in_force() {
            if let (None, Some(filed), Some(today)) =
                (self.fees_paid_through, self.filing_date, today)
            {
                if today >= filed {
                    let year = crate::calendar::patent_year_on(filed, today);
                    self.fees_paid_through = Some(year);
                    said.push(format!("授权日待补：缺少授权日，第 {year} 年及以前的年费视为已缴，请核对后补填授权日"));
                }
            } else if self.fees_paid_through.is_some() {
                said.push("授权日待补：缺少授权日，年费自「年费已缴至」的下一年起计".to_string());
            }
        } else if self.is_cn()
            && self.grant_date.is_none()
            && matches!(self.status, LegalStatus::Expired | LegalStatus::Lapsed)
        {
            said.push("授权日待补：缺少授权日".to_string());
        }
        let missing: Vec<&str> = [
            (self.agency.trim().is_empty(), "代理机构"),
            (self.inventors.is_empty(), "发明人"),
        ]
        .iter()
        .filter(|(empty, _)| *empty)
        .map(|(_, name)| *name)
        .collect();
        if !missing.is_empty() && !said.is_empty() {
            said.push(format!("未填{}", missing.join("、")));
        }
        (!said.is_empty()).then(|| said.join("；"))
    }

    fn header(field: Field) -> &'static str {
        field.header()
    }

    fn key(&self) -> (String, String) {
        (self.jurisdiction.clone(), self.app_no.clone())
    }

    fn number(&self) -> String {
        self.app_no.clone()
    }

    fn prepare(&self, rules: &Rules, batch: i64, row: usize) -> Result<NewPatent> {
        NewPatent::imported(rules, self, batch, row)
    }

    fn any_stored(tx: &Transaction) -> Result<bool> {
        Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM patent)", [], |r| r.get(0))?)
    }

    fn find(
        tx: &Transaction,
        (jurisdiction, app_no): &(String, String),
    ) -> Result<Option<(i64, Self)>> {
        Ok(patent_by_key(tx, jurisdiction, app_no)?.map(|p| (p.id, p.data)))
    }

    fn insert(tx: &Transaction, audit: &Audit, new: NewPatent) -> Result<()> {
        insert_prepared(tx, audit, &new).map(drop)
    }

    fn replace(
        tx: &Transaction,
        audit: &Audit,
        rules: &Rules,
        id: i64,
        before: &Self,
        after: &Self,
    ) -> Result<()> {
        update_patent(tx, audit, rules, id, before, after)
    }
}

fn apply_patent_cells(
    mut p: PatentData,
    mapping: &BTreeMap<usize, Field>,
    row: &SheetRow,
    fail: &mut dyn FnMut(usize, String, Error),
) -> PatentData {
    let mut kind_given = false;
    let mut status_given = false;
    let mut published_on = None;
    for (&col, &field) in mapping {
        let c = cell(row, col);
        let label = field.header();
        let text = c.text();
        let result: Result<()> = (|| {
            readable(label, c)?;
            match field {
                Field::AppNo => p.app_no = text.clone(),
                Field::Title => p.title = text.clone(),
                Field::Kind => {
                    if !c.is_empty() {
                        p.kind = text
                            .parse::<PatentKind>()
                            .or_else(|e| super::vendors::vendor_kind(&text).ok_or(e))?;
                        kind_given = true;
                    }
                }
                Field::Status => {
                    if !c.is_empty() {
                        p.status = text
                            .parse::<LegalStatus>()
                            .or_else(|e| super::vendors::vendor_status(&text).ok_or(e))?;
                        status_given = true;
                    }
                }
                Field::PublicationDate => published_on = date_of(label, c)?,
                Field::Route => {
                    if !c.is_empty() {
                        p.route = text.parse::<Route>()?;
                    }
                }
                Field::FeeReduction => {
                    p.fee_reduction = if c.is_empty() {
                        FeeReduction::None
                    } else {
                        text.parse::<FeeReduction>()?
                    }
                }
                Field::FilingDate => p.filing_date = date_of(label, c)?,
                Field::GrantDate => p.grant_date = date_of(label, c)?,
                Field::PriorityDate => p.priority_date = date_of(label, c)?,
                Field::FeeReductionFiled => p.fee_reduction_filed = date_of(label, c)?,
                Field::ExamRequestDate => p.exam_request_date = date_of(label, c)?,
                Field::GrantNo => p.grant_no = text.clone(),
                Field::PublicationNo => p.publication_no = text.clone(),
                Field::PublicationKind => p.publication_kind = text.clone(),
                Field::Ipc => p.ipc = text.clone(),
                Field::Agency => p.agency = text.clone(),
                Field::Agent => p.agent = text.clone(),
                Field::SeiCategory => p.sei_category = text.clone(),
                Field::Notes => p.notes = text.clone(),
                Field::Applicants => p.applicants = split_names(&text),
                Field::Inventors => p.inventors = split_list(&text),
                Field::Tags => p.tags = split_list(&text),
                Field::Jurisdiction => p.jurisdiction = jurisdiction_code(&text),
                Field::GrantFeeYear => p.grant_fee_year = year_of(label, &text)?,
                Field::FeesPaidThrough => p.fees_paid_through = year_of(label, &text)?,
                Field::CompensationDays => {
                    p.compensation_days = if c.is_empty() {
                        0
                    } else {
                        text.trim_end_matches('天').trim().parse().map_err(|_| {
                            Error::invalid(label, text.clone(), "应为不小于 0 的整数天数")
                        })?
                    }
                }
                Field::OverseasFamilyGrant => p.overseas_family_grant = bool_of(label, c)?,
                Field::Acquisition => {
                    p.acquisition = if c.is_empty() {
                        Acquisition::Own
                    } else {
                        text.parse::<Acquisition>()?
                    }
                }
                Field::AcquiredOn => p.acquired_on = date_of(label, c)?,
                Field::HnteUsedYear => p.hnte_used_year = calendar_year_of(label, &text)?,
                // Trademark fields: `Mapping::check_for` keeps them out.
                Field::RegNo
                | Field::Mark
                | Field::Classes
                | Field::RegDate
                | Field::ExpiryDate
                | Field::TrademarkStatus
                | Field::WellKnown
                | Field::GeographicalIndication => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            fail(col, text, e);
        }
    }
    if !kind_given && p.is_cn() {
        if let Ok(no) = parse_cn_app_no(&p.app_no) {
            p.kind = no.kind;
        }
    }
    // A publication number with a grant kind code (B, U, S; before 2010 C, Y,
    // D) means granted, and its date is the grant announcement date.
    if let Some(code) = super::vendors::cn_kind_code(&p.publication_no) {
        if p.publication_kind.is_empty() {
            p.publication_kind = code.clone();
        }
        if super::vendors::is_grant_code(&code) {
            if p.grant_date.is_none() {
                p.grant_date = published_on;
            }
            if p.grant_no.is_empty() {
                p.grant_no = p.publication_no.clone();
            }
            if !status_given {
                p.status = LegalStatus::Granted;
            }
        }
    }
    p
}
