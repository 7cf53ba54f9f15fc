//! Importing a patent ledger from a spreadsheet (.xlsx, .xls, .csv).
//!
//! Three steps, each a plain function so the app can show what happens in
//! between: [`read_table`] turns the file into rows of [`Cell`]s and finds the
//! header row; [`Store::import_mapping`] suggests (or recalls) which column
//! holds which [`Field`]; [`Store::import_patents`] checks every row and, unless
//! it is a dry run, commits them all in one transaction. A dry run executes the
//! very same writes and rolls them back, so its report and the commit agree
//! row for row.

mod trademark;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::JoinHandle;

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType, Reader};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::model::ImportKind;
use crate::model::{FeeReduction, LegalStatus, PatentData, PatentKind, Route};
use crate::patents::{insert_prepared, normalise_patent, patent_by_key, update_patent, NewPatent};
use crate::store::{Audit, Store};
use crate::validate::{parse_cn_app_no, parse_date};

/// Data rows above which a file is refused: a ledger this size is far past any
/// enterprise's portfolio, and reading more would only risk the user's memory.
pub const MAX_IMPORT_ROWS: usize = 200_000;

/// How many top rows are searched for the header row; ledgers often carry a
/// title line ("XX公司专利台账") or a date line above the headers.
const HEADER_SEARCH_ROWS: usize = 20;

/// One spreadsheet cell, in the shapes the readers give.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type", content = "value")]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error(String),
    /// A formula whose result the file does not hold (written by a program
    /// that never calculated it); see [`read_table`].
    UncachedFormula(String),
}

impl Cell {
    /// The cell as the user reads it on screen.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(f) => number_text(*f),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Cell::Error(e) => e.clone(),
            Cell::UncachedFormula(f) => format!("={f}"),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A data row with its row number as the user sees it in the sheet (from 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    pub row: usize,
    pub cells: Vec<Cell>,
}

/// A sheet read from a file: the header row and the data rows below it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// The file's name, without its folder.
    pub file: String,
    /// The worksheet's name, or the file name for a CSV.
    pub sheet: String,
    /// Row number of the header row as the user sees it (from 1).
    pub header_row: usize,
    pub headers: Vec<String>,
    /// Non-empty rows below the header.
    pub rows: Vec<SheetRow>,
}

/// Reads a spreadsheet or CSV file into a [`Table`].
///
/// The first worksheet with data is read. CSV encoding is detected: UTF-8
/// (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK,
/// which Excel and WPS on Chinese Windows write). Formula cells contribute
/// the value the file stores for them — what the user saw when saving — and a
/// formula with no stored value becomes [`Cell::UncachedFormula`], which an
/// import refuses naming the cell.
///
/// Errors: [`Error::BadFile`] for an unsupported type, a damaged or empty file
/// and a file over [`MAX_IMPORT_ROWS`] data rows.
pub fn read_table(path: &Path) -> Result<Table> {
    open_table(path)?.collect()
}

/// [`read_table`] with the data rows still arriving: the header is settled
/// from the first rows, and an .xlsx sheet goes on being read on its own
/// thread while the caller (an import) writes the rows already read. Other
/// formats are read whole first. A file that turns out damaged or too long
/// part way through yields the error among the rows, so an import that
/// reads from the stream fails and writes nothing.
pub fn open_table(path: &Path) -> Result<SheetStream> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let grid = match ext.as_str() {
        "xlsx" | "xlsm" => return stream_xlsx(path),
        "xls" | "xlsb" | "ods" => read_workbook(path)?,
        "csv" | "txt" | "tsv" => read_csv(path)?,
        _ => {
            return Err(bad_file(
                path,
                format!(
                    "不支持的文件类型「{}」，请选择 .xlsx、.xls 或 .csv 文件",
                    if ext.is_empty() {
                        "无扩展名".into()
                    } else {
                        format!(".{ext}")
                    }
                ),
            ))
        }
    };
    let table = table_from_grid(path, grid)?;
    Ok(SheetStream {
        rows_hint: table.rows.len(),
        path: path.to_path_buf(),
        table,
        more: None,
    })
}

/// A sheet whose header is known and whose data rows may still be being
/// read; see [`open_table`].
#[derive(Debug)]
pub struct SheetStream {
    /// File, sheet and header as [`read_table`] gives them; `rows` holds the
    /// data rows read while the header was looked for.
    pub table: Table,
    /// Data rows the sheet declares (its dimension), for progress; the rows
    /// that arrive are what counts.
    pub rows_hint: usize,
    path: PathBuf,
    /// The rows still to come, and the thread reading them.
    more: Option<(Receiver<Result<Vec<SheetRow>>>, ReadingThread)>,
}

/// The thread that reads a streamed sheet.
type ReadingThread = JoinHandle<()>;

impl SheetStream {
    /// Waits for every row: the whole [`Table`].
    pub fn collect(self) -> Result<Table> {
        let (mut table, more) = self.into_parts();
        for chunk in more {
            table.rows.extend(chunk?);
        }
        Ok(table)
    }

    /// The table without its rows, and every data row in chunks. The rows
    /// end with an error if the reading thread died: a closed channel alone
    /// would look like the end of the sheet.
    fn into_parts(mut self) -> (Table, impl Iterator<Item = Result<Vec<SheetRow>>> + Send) {
        let first = std::mem::take(&mut self.table.rows);
        let path = self.path;
        let (rows, reader) = match self.more {
            Some((rows, reader)) => (Some(rows), Some(reader)),
            None => (None, None),
        };
        let died = {
            let path = path.clone();
            std::iter::once_with(move || reader.map(|r| joined(&path, r))).filter_map(|r| match r {
                Some(Err(e)) => Some(Err(e)),
                _ => None,
            })
        };
        let mut count = 0usize;
        let more = std::iter::once(Ok(first))
            .chain(rows.into_iter().flatten())
            .chain(died)
            .map(move |chunk| {
                let chunk = chunk?;
                count += chunk.len();
                if count > MAX_IMPORT_ROWS {
                    return Err(too_many_rows(&path, count));
                }
                Ok(chunk)
            });
        (self.table, more)
    }
}

/// Waits for a reading thread whose channel has closed; a panic there is
/// a file that could not be read to the end.
fn joined(path: &Path, reader: JoinHandle<()>) -> Result<()> {
    reader
        .join()
        .map_err(|_| bad_file(path, "读取文件时出错（读取中断），未写入任何数据"))
}

/// Rows per message from the reading thread.
const STREAM_CHUNK: usize = 128;

/// Streams the first .xlsx sheet with data: one pass over the sheet XML for
/// values and formulas together (a formula with no stored result becomes
/// [`Cell::UncachedFormula`]).
fn stream_xlsx(path: &Path) -> Result<SheetStream> {
    let (send, rows) = std::sync::mpsc::sync_channel::<Result<Vec<SheetRow>>>(16);
    let (send_sheet, sheet) = std::sync::mpsc::sync_channel::<Result<(String, usize)>>(1);
    let owned = path.to_path_buf();
    let reader = std::thread::spawn(move || {
        let mut named = false;
        if let Err(e) = read_xlsx_rows(&owned, &mut named, &send_sheet, &send) {
            // Before the sheet is named the error answers that; after, it
            // arrives among the rows, so no reader takes a cut-off sheet
            // for a whole one.
            // A failed send means the reader has gone: nobody to tell.
            if named {
                let _ = send.send(Err(e));
            } else {
                let _ = send_sheet.send(Err(e));
            }
        }
    });
    let gone = || bad_file(path, "读取文件时出错（读取线程意外结束）");
    let (sheet, last_row) = sheet.recv().map_err(|_| gone())??;
    // Enough non-empty rows to find the header, and one row past them.
    let mut head: Vec<SheetRow> = Vec::new();
    let mut ended = false;
    while head.len() <= HEADER_SEARCH_ROWS {
        match rows.recv() {
            Ok(chunk) => head.extend(chunk?),
            Err(_) => {
                ended = true;
                break;
            }
        }
    }
    let reader = if ended {
        joined(path, reader)?;
        None
    } else {
        Some(reader)
    };
    let table = table_from_grid(path, Grid { sheet, rows: head })?;
    Ok(SheetStream {
        // The declared last row may count rows that are only formatted.
        rows_hint: last_row
            .saturating_sub(table.header_row)
            .max(table.rows.len()),
        path: path.to_path_buf(),
        table,
        more: reader.map(|r| (rows, r)),
    })
}

/// The reading thread of [`stream_xlsx`]: finds the first worksheet with a
/// non-empty cell (chart sheets are passed over), names it (with its
/// declared last row, 1-based) on `sheet`, then sends its non-empty rows in
/// chunks. Stops quietly if the reader is gone; refuses a sheet with more
/// rows than an import takes as soon as it has read them.
fn read_xlsx_rows(
    path: &Path,
    named: &mut bool,
    sheet: &SyncSender<Result<(String, usize)>>,
    rows: &SyncSender<Result<Vec<SheetRow>>>,
) -> Result<()> {
    use calamine::XlsxError;
    let damaged =
        |e: XlsxError| bad_file(path, format!("文件已损坏、不完整或不是 Excel 文件（{e}）"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(damaged)?;
    for name in book.sheet_names() {
        let mut cells = match book.worksheet_cells_reader(&name) {
            Ok(c) => c,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(damaged(e)),
        };
        let last_row = cells.dimensions().end.0 as usize + 1;
        let mut sent = 0usize;
        let mut chunk: Vec<SheetRow> = Vec::with_capacity(STREAM_CHUNK);
        let mut current: Option<SheetRow> = None;
        loop {
            let next = cells.next_cell_with_formula().map_err(damaged)?;
            let row_done = match (&next, &current) {
                (Some(c), Some(r)) => c.pos.0 as usize + 1 != r.row,
                (None, Some(_)) => true,
                _ => false,
            };
            if row_done {
                let r = current.take().expect("a row is open");
                if r.cells.iter().any(|c| !c.is_empty()) {
                    if !*named {
                        if sheet.send(Ok((name.clone(), last_row))).is_err() {
                            return Ok(());
                        }
                        *named = true;
                    }
                    sent += 1;
                    if sent > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS {
                        return Err(too_many_rows(path, sent));
                    }
                    chunk.push(r);
                    if chunk.len() == STREAM_CHUNK
                        && rows.send(Ok(std::mem::take(&mut chunk))).is_err()
                    {
                        return Ok(());
                    }
                }
            }
            let Some(c) = next else { break };
            let (row, col) = (c.pos.0 as usize, c.pos.1 as usize);
            let r = current.get_or_insert_with(|| SheetRow {
                row: row + 1,
                cells: Vec::new(),
            });
            if r.cells.len() <= col {
                r.cells.resize(col + 1, Cell::Empty);
            }
            let uncached = matches!(c.value, DataRef::Empty)
                || matches!(&c.value, DataRef::String(v) if v.is_empty())
                || matches!(c.value, DataRef::SharedString(v) if v.is_empty());
            r.cells[col] = match c.formula {
                Some(f) if uncached && !f.is_empty() => Cell::UncachedFormula(f),
                _ => cell_of(&Data::from(c.value)),
            };
        }
        if *named {
            if !chunk.is_empty() {
                let _ = rows.send(Ok(chunk));
            }
            return Ok(());
        }
    }
    Err(bad_file(path, "文件中没有任何数据（所有工作表都是空的）"))
}

/// Rows of cells, each with its 1-based row number, before the header is found.
struct Grid {
    sheet: String,
    rows: Vec<SheetRow>,
}

fn bad_file(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn read_workbook(path: &Path) -> Result<Grid> {
    let damaged =
        |e: calamine::Error| bad_file(path, format!("文件已损坏、不完整或不是 Excel 文件（{e}）"));
    let mut book = calamine::open_workbook_auto(path).map_err(damaged)?;
    let names = book.sheet_names();
    // Formulas are read only to find those without a stored result. That is
    // a second parse of the sheet XML (40 % of reading a large .xlsx), so it
    // runs beside the value pass, over its own handle, for the first sheet —
    // the one that holds the ledger almost always.
    std::thread::scope(|scope| {
        let mut first_formulas = names.first().cloned().map(|first| {
            let path = path.to_path_buf();
            scope.spawn(move || {
                calamine::open_workbook_auto(&path)
                    .ok()
                    .and_then(|mut b| b.worksheet_formula(&first).ok())
            })
        });
        for (i, name) in names.iter().enumerate() {
            let range = book.worksheet_range(name).map_err(damaged)?;
            let Some((top, left)) = range.start() else {
                continue;
            };
            if range.used_cells().all(|(_, _, c)| matches!(c, Data::Empty)) {
                continue;
            }
            if range.height() > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS {
                return Err(too_many_rows(path, range.height()));
            }
            let early = first_formulas.take().and_then(|h| h.join().ok().flatten());
            let formulas = match (i, early) {
                (0, Some(f)) => f,
                _ => book.worksheet_formula(name).unwrap_or_default(),
            };
            return Ok(grid_of(name, &range, (top, left), &formulas));
        }
        Err(bad_file(path, "文件中没有任何数据（所有工作表都是空的）"))
    })
}

/// The rows of a sheet's values, with [`Cell::UncachedFormula`] where a
/// formula has no stored result.
fn grid_of(
    name: &str,
    range: &calamine::Range<Data>,
    (top, left): (u32, u32),
    formulas: &calamine::Range<String>,
) -> Grid {
    // Absolute row → (absolute column, formula).
    let mut uncached: HashMap<u32, Vec<(u32, String)>> = HashMap::new();
    if let Some((ft, fl)) = formulas.start() {
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let at = (ft + r as u32, fl + c as u32);
            if matches!(range.get_value(at), None | Some(Data::Empty))
                || matches!(range.get_value(at), Some(Data::String(v)) if v.is_empty())
            {
                uncached.entry(at.0).or_default().push((at.1, f.clone()));
            }
        }
    }
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let abs_row = top + i as u32;
            let mut cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, left as usize)
                .chain(cells.iter().map(cell_of))
                .collect();
            for (c, f) in uncached.get(&abs_row).into_iter().flatten() {
                let c = *c as usize;
                if cells.len() <= c {
                    cells.resize(c + 1, Cell::Empty);
                }
                cells[c] = Cell::UncachedFormula(f.clone());
            }
            SheetRow {
                row: abs_row as usize + 1,
                cells,
            }
        })
        .collect();
    Grid {
        sheet: name.to_string(),
        rows,
    }
}

fn too_many_rows(path: &Path, n: usize) -> Error {
    bad_file(
        path,
        format!("行数过多（约 {n} 行），一次最多导入 {MAX_IMPORT_ROWS} 行，请拆分后分批导入"),
    )
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(t) => Cell::Date(t.date()),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn read_csv(path: &Path) -> Result<Grid> {
    let bytes = std::fs::read(path)?;
    let text = decode_text(&bytes).ok_or_else(|| {
        bad_file(
            path,
            "无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030 文本，可能不是 CSV 文件",
        )
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad_file(path, format!("CSV 格式错误（{e}）")))?;
        if i > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS {
            return Err(too_many_rows(path, i));
        }
        rows.push(SheetRow {
            row: i + 1,
            cells: record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect(),
        });
    }
    let sheet = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(Grid { sheet, rows })
}

/// UTF-8 strictly first, then a BOM-declared encoding, then GB18030; `None`
/// for bytes that are text in none of them (or contain NUL, i.e. binary).
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|s| s.into_owned());
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

fn table_from_grid(path: &Path, grid: Grid) -> Result<Table> {
    let mut non_empty: Vec<SheetRow> = grid
        .rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if non_empty.is_empty() {
        return Err(bad_file(path, format!("工作表「{}」是空的", grid.sheet)));
    }
    // The header is the top row naming the most known columns.
    let mut best = (0usize, 0usize);
    for (i, r) in non_empty.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let score = r
            .cells
            .iter()
            .map(|c| c.text())
            .filter(|t| {
                Field::from_header_for(ImportKind::Patent, t).is_some()
                    || Field::from_header_for(ImportKind::Trademark, t).is_some()
            })
            .count();
        if score > best.1 {
            best = (i, score);
        }
    }
    let rows = non_empty.split_off(best.0 + 1);
    let header = &non_empty[best.0];
    let headers: Vec<String> = header.cells.iter().map(Cell::text).collect();
    if rows.is_empty() {
        return Err(bad_file(
            path,
            format!("工作表「{}」只有表头，没有数据行", grid.sheet),
        ));
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(too_many_rows(path, rows.len()));
    }
    Ok(Table {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sheet: grid.sheet,
        header_row: header.row,
        headers,
        rows,
    })
}

/// A patent field a column can hold. [`Field::ALL`] is also the column order
/// of exports, whose headers are [`Field::header`], so an export imports back
/// unchanged.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    AppNo,
    Title,
    Kind,
    FilingDate,
    Status,
    GrantDate,
    GrantNo,
    Applicants,
    Inventors,
    Jurisdiction,
    Route,
    PriorityDate,
    PublicationNo,
    PublicationKind,
    Ipc,
    Agency,
    Agent,
    Tags,
    SeiCategory,
    FeeReduction,
    FeeReductionFiled,
    GrantFeeYear,
    FeesPaidThrough,
    ExamRequestDate,
    CompensationDays,
    OverseasFamilyGrant,
    /// 备注: patents and trademarks alike.
    Notes,
    // Trademark fields (see `trademark.rs`).
    RegNo,
    Mark,
    Classes,
    RegDate,
    ExpiryDate,
    TrademarkStatus,
    WellKnown,
    GeographicalIndication,
}

/// (field, code, header, other accepted headers). Headers equal the field
/// names in the core's error messages, so an error finds its column. Aliases
/// are written normalised (see [`normalise_header`]).
const FIELD_SPECS: &[(Field, &str, &str, &[&str])] = &[
    (
        Field::AppNo,
        "app-no",
        "申请号",
        &[
            "专利号",
            "申请号/专利号",
            "专利申请号",
            "申请(专利)号",
            "applicationno",
            "applicationnumber",
            "appno",
        ],
    ),
    (
        Field::Title,
        "title",
        "专利名称",
        &["发明名称", "名称", "发明创造名称", "标题", "title"],
    ),
    (
        Field::Kind,
        "kind",
        "专利类型",
        &["类型", "专利种类", "kind", "type"],
    ),
    (
        Field::FilingDate,
        "filing-date",
        "申请日",
        &["申请日期", "filingdate"],
    ),
    (
        Field::Status,
        "status",
        "法律状态",
        &[
            "当前状态",
            "案件状态",
            "专利状态",
            "状态",
            "status",
            "legalstatus",
        ],
    ),
    (
        Field::GrantDate,
        "grant-date",
        "授权日",
        &["授权公告日", "授权日期", "grantdate"],
    ),
    (Field::GrantNo, "grant-no", "授权公告号", &["grantno"]),
    (
        Field::Applicants,
        "applicants",
        "申请人",
        &[
            "专利权人",
            "申请(专利权)人",
            "申请人/专利权人",
            "权利人",
            "applicant",
            "applicants",
        ],
    ),
    (
        Field::Inventors,
        "inventors",
        "发明人",
        &["发明(设计)人", "设计人", "inventor", "inventors"],
    ),
    (
        Field::Jurisdiction,
        "jurisdiction",
        "国家/地区",
        &[
            "国家",
            "地区",
            "国别",
            "国家地区",
            "jurisdiction",
            "country",
        ],
    ),
    (Field::Route, "route", "申请途径", &["途径", "route"]),
    (
        Field::PriorityDate,
        "priority-date",
        "优先权日",
        &["prioritydate"],
    ),
    (
        Field::PublicationNo,
        "publication-no",
        "公开号",
        &["公告号", "公开(公告)号", "publicationno"],
    ),
    (
        Field::PublicationKind,
        "publication-kind",
        "公开文献类型",
        &["文献类型", "publicationkind"],
    ),
    (
        Field::Ipc,
        "ipc",
        "IPC",
        &["主分类号", "ipc分类号", "ipc主分类号", "分类号"],
    ),
    (
        Field::Agency,
        "agency",
        "代理机构",
        &["专利代理机构", "agency"],
    ),
    (Field::Agent, "agent", "代理人", &["专利代理人", "agent"]),
    (
        Field::Tags,
        "tags",
        "标签",
        &["产品/技术标签", "技术标签", "tags", "tag"],
    ),
    (
        Field::SeiCategory,
        "sei-category",
        "战略性新兴产业类别",
        &["战新类别", "战略性新兴产业"],
    ),
    (
        Field::FeeReduction,
        "fee-reduction",
        "费减比例",
        &["费减", "减缴比例", "feereduction"],
    ),
    (
        Field::FeeReductionFiled,
        "fee-reduction-filed",
        "费减备案日",
        &["费减备案日期"],
    ),
    (Field::GrantFeeYear, "grant-fee-year", "授权当年年度", &[]),
    (
        Field::FeesPaidThrough,
        "fees-paid-through",
        "年费已缴至",
        &["年费缴至", "已缴年度", "年费缴纳至"],
    ),
    (
        Field::ExamRequestDate,
        "exam-request-date",
        "实审请求日",
        &["实质审查请求日"],
    ),
    (
        Field::CompensationDays,
        "compensation-days",
        "补偿天数",
        &["期限补偿天数"],
    ),
    (
        Field::OverseasFamilyGrant,
        "overseas-family-grant",
        "海外同族授权",
        &[],
    ),
    (Field::Notes, "notes", "备注", &["notes", "remarks", "note"]),
    // Trademark ledgers. Looked up only when importing trademarks, so they
    // may share spellings with patent headers (状态, 申请号).
    (
        Field::RegNo,
        "reg-no",
        "注册号",
        &[
            "商标注册号",
            "注册证号",
            "申请号/注册号",
            "申请/注册号",
            "申请号",
            "regno",
            "registrationno",
        ],
    ),
    (
        Field::Mark,
        "mark",
        "商标名称",
        &["商标", "商标名", "商标文字", "mark", "trademark"],
    ),
    (
        Field::Classes,
        "classes",
        "类别",
        &[
            "国际分类",
            "商品类别",
            "核定使用类别",
            "尼斯分类",
            "类号",
            "分类",
            "class",
            "classes",
        ],
    ),
    (
        Field::RegDate,
        "reg-date",
        "注册日",
        &["注册日期", "注册公告日", "核准注册日", "regdate"],
    ),
    (
        Field::ExpiryDate,
        "expiry-date",
        "有效期至",
        &[
            "到期日",
            "有效期",
            "专用权期限至",
            "专用权到期日",
            "有效期截止日",
            "expirydate",
        ],
    ),
    (
        Field::TrademarkStatus,
        "trademark-status",
        "商标状态",
        &["状态", "法律状态", "当前状态", "status"],
    ),
    (
        Field::WellKnown,
        "well-known",
        "驰名商标",
        &["是否驰名商标", "wellknown"],
    ),
    (
        Field::GeographicalIndication,
        "geographical-indication",
        "地理标志",
        &["地理标志商标", "是否地理标志"],
    ),
];

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::AppNo,
        Field::Title,
        Field::Kind,
        Field::FilingDate,
        Field::Status,
        Field::GrantDate,
        Field::GrantNo,
        Field::Applicants,
        Field::Inventors,
        Field::Jurisdiction,
        Field::Route,
        Field::PriorityDate,
        Field::PublicationNo,
        Field::PublicationKind,
        Field::Ipc,
        Field::Agency,
        Field::Agent,
        Field::Tags,
        Field::SeiCategory,
        Field::FeeReduction,
        Field::FeeReductionFiled,
        Field::GrantFeeYear,
        Field::FeesPaidThrough,
        Field::ExamRequestDate,
        Field::CompensationDays,
        Field::OverseasFamilyGrant,
        Field::Notes,
    ];

    /// Fields an import cannot do without.
    pub const REQUIRED: &'static [Field] = &[Field::AppNo, Field::Title, Field::FilingDate];

    /// Trademark columns, in export order.
    pub const TRADEMARK: &'static [Field] = &[
        Field::RegNo,
        Field::Mark,
        Field::Classes,
        Field::RegDate,
        Field::ExpiryDate,
        Field::TrademarkStatus,
        Field::WellKnown,
        Field::GeographicalIndication,
        Field::Notes,
    ];

    pub const TRADEMARK_REQUIRED: &'static [Field] = &[Field::RegNo, Field::Mark];

    /// The fields of one kind of record ([`Field::ALL`] for patents).
    pub fn of(kind: ImportKind) -> &'static [Field] {
        match kind {
            ImportKind::Patent => Field::ALL,
            ImportKind::Trademark => Field::TRADEMARK,
        }
    }

    pub fn required(kind: ImportKind) -> &'static [Field] {
        match kind {
            ImportKind::Patent => Field::REQUIRED,
            ImportKind::Trademark => Field::TRADEMARK_REQUIRED,
        }
    }

    fn spec(self) -> &'static (Field, &'static str, &'static str, &'static [&'static str]) {
        FIELD_SPECS
            .iter()
            .find(|s| s.0 == self)
            .expect("every field has a spec")
    }

    /// Stable ASCII name, used on the command line.
    pub fn code(self) -> &'static str {
        self.spec().1
    }

    /// The Chinese column header exports write.
    pub fn header(self) -> &'static str {
        self.spec().2
    }

    /// The patent field a column header names, in any usual spelling.
    pub fn from_header(header: &str) -> Option<Field> {
        Field::from_header_for(ImportKind::Patent, header)
    }

    /// The field of this kind whose own header or code this is (no aliases).
    fn named_for(kind: ImportKind, header: &str) -> Option<Field> {
        let h = normalise_header(header);
        Field::of(kind)
            .iter()
            .copied()
            .find(|f| !h.is_empty() && (normalise_header(f.header()) == h || f.code() == h))
    }

    /// The field of this kind a column header names, in any usual spelling.
    pub fn from_header_for(kind: ImportKind, header: &str) -> Option<Field> {
        let h = normalise_header(header);
        if h.is_empty() {
            return None;
        }
        let fields = Field::of(kind);
        FIELD_SPECS
            .iter()
            .filter(|s| fields.contains(&s.0))
            .find(|(_, code, main, aliases)| {
                normalise_header(main) == h || *code == h || aliases.contains(&h.as_str())
            })
            .map(|s| s.0)
    }
}

impl ImportKind {
    /// Trademarks when the headers name a mark but no patent title, or
    /// more trademark columns than patent ones; patents otherwise.
    pub fn guess(headers: &[String]) -> ImportKind {
        let found = |kind, field| {
            headers
                .iter()
                .any(|h| Field::from_header_for(kind, h) == Some(field))
        };
        let score = |kind| {
            headers
                .iter()
                .filter(|h| Field::from_header_for(kind, h).is_some())
                .count()
        };
        let mark = found(ImportKind::Trademark, Field::Mark);
        let title = found(ImportKind::Patent, Field::Title);
        if (mark && !title) || score(ImportKind::Trademark) > score(ImportKind::Patent) {
            ImportKind::Trademark
        } else {
            ImportKind::Patent
        }
    }

    /// The kind a (remembered) mapping's fields belong to.
    pub fn of_mapping(mapping: &Mapping) -> Option<ImportKind> {
        let only = |kind| {
            mapping.0.values().all(|f| Field::of(kind).contains(f))
                && mapping.0.values().any(|f| *f != Field::Notes)
        };
        [ImportKind::Patent, ImportKind::Trademark]
            .into_iter()
            .find(|k| only(*k))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.header())
    }
}

impl FromStr for Field {
    type Err = Error;
    fn from_str(s: &str) -> Result<Field> {
        Field::from_header(s)
            .or_else(|| Field::from_header_for(ImportKind::Trademark, s))
            .ok_or_else(|| {
                let names: Vec<String> = Field::ALL
                    .iter()
                    .chain(Field::TRADEMARK.iter().filter(|f| **f != Field::Notes))
                    .map(|f| format!("{}（{}）", f.header(), f.code()))
                    .collect();
                Error::invalid("导入字段", s, format!("应为：{}", names.join("、")))
            })
    }
}

/// Folds the spellings a header comes in: full-width letters and brackets to
/// ASCII, spaces (also U+3000) and a trailing required-marker `*` dropped,
/// ASCII lower-cased.
pub fn normalise_header(h: &str) -> String {
    h.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            '【' | '〔' => Some('('),
            '】' | '〕' => Some(')'),
            _ => Some(c),
        })
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which column holds which field: column index (from 0) → field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping(pub BTreeMap<usize, Field>);

impl Mapping {
    /// Recognises the usual patent headers; each field goes to its leftmost
    /// column.
    pub fn suggest(headers: &[String]) -> Mapping {
        Mapping::suggest_for(ImportKind::Patent, headers)
    }

    /// Recognises the usual headers of this kind of sheet.
    ///
    /// A column headed with a field's own name (or code) wins over one that
    /// only matches an alias: a trademark sheet with both 申请号 and 注册号
    /// maps 注册号 to the 注册号 column, not to the leftmost match.
    pub fn suggest_for(kind: ImportKind, headers: &[String]) -> Mapping {
        let mut m = BTreeMap::new();
        let mut taken = HashSet::new();
        for exact in [true, false] {
            for (i, h) in headers.iter().enumerate() {
                if m.contains_key(&i) {
                    continue;
                }
                let found = if exact {
                    Field::named_for(kind, h)
                } else {
                    Field::from_header_for(kind, h)
                };
                if let Some(f) = found {
                    if taken.insert(f) {
                        m.insert(i, f);
                    }
                }
            }
        }
        Mapping(m)
    }

    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }

    /// [`Mapping::check_for`] a patent sheet.
    pub fn check(&self, headers: &[String]) -> Result<()> {
        self.check_for(ImportKind::Patent, headers)
    }

    /// Refuses a mapping that misses a required field, names a column the
    /// sheet does not have, maps one field twice or maps a field of another
    /// kind of record.
    pub fn check_for(&self, kind: ImportKind, headers: &[String]) -> Result<()> {
        let mut seen = HashSet::new();
        for (col, f) in &self.0 {
            if !Field::of(kind).contains(f) {
                return Err(Error::invalid(
                    "列映射",
                    f.header(),
                    format!("不是{}台账的字段", kind.label()),
                ));
            }
            if *col >= headers.len() {
                return Err(Error::invalid(
                    "列映射",
                    format!("第 {} 列", col + 1),
                    format!("表头只有 {} 列", headers.len()),
                ));
            }
            if !seen.insert(*f) {
                return Err(Error::invalid("列映射", f.header(), "同一字段映射到了多列"));
            }
        }
        let missing: Vec<&str> = Field::required(kind)
            .iter()
            .filter(|f| !seen.contains(f))
            .map(|f| f.header())
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(
                "列映射",
                missing.join("、"),
                format!(
                    "缺少必需的列（表头为：{}），请在表头中使用这些名称或手动指定列",
                    headers.join("、")
                ),
            ));
        }
        Ok(())
    }
}

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
        self.rows.push(outcome);
    }

    /// The message of a refused import.
    pub(crate) fn rejection(&self) -> String {
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
    /// Errors: an invalid mapping; [`Error::ImportRejected`] with the full
    /// report when a row is bad (a dry run returns the report instead).
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

    /// Imports a sheet opened with [`open_table`] as `kind`: patents while
    /// the sheet is still being read, trademarks (small ledgers) once it is.
    pub fn import_sheet(
        &mut self,
        sheet: SheetStream,
        kind: ImportKind,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        match kind {
            ImportKind::Patent => self.import_patents_streamed(sheet, mapping, opts, progress),
            ImportKind::Trademark => {
                self.import_trademarks(&sheet.collect()?, mapping, opts, progress)
            }
        }
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
        let kind = ImportKind::Patent;
        self.import_in_transaction(kind, table, mapping, opts, |tx, audit, batch| {
            let set_aside = set_aside_indexes(tx, rows.0)?;
            let report = import_rows(tx, audit, batch, table, rows, mapping, opts, progress)?;
            Ok((report, set_aside))
        })
    }

    /// The transaction around an import of any kind. It opens the import's
    /// row in the import log; `rows` writes every row (given that row's id,
    /// which created records point to) and returns the report and the
    /// statements to run before the commit (indexes set aside). The
    /// transaction commits only if the run is not a dry run and no row
    /// failed, and then also remembers the mapping and the counts. A dry run
    /// performs exactly the writes of a commit and then fails the
    /// transaction on purpose, so the two can never disagree; the rollback
    /// also brings back whatever `rows` dropped.
    pub(crate) fn import_in_transaction(
        &mut self,
        kind: ImportKind,
        table: &Table,
        mapping: &Mapping,
        opts: &ImportOptions,
        rows: impl FnOnce(&Transaction, &Audit, i64) -> Result<(ImportReport, Vec<String>)>,
    ) -> Result<ImportReport> {
        let out = self.write_bulk(|tx, audit| {
            let batch = open_batch(tx, audit, kind, table, opts)?;
            let (mut report, before_commit) = rows(tx, audit, batch)?;
            if opts.dry_run || !report.errors.is_empty() {
                return Err(Error::ImportRejected(Box::new(report)));
            }
            for sql in before_commit {
                tx.execute_batch(&sql)?;
            }
            save_mapping(tx, &table.headers, mapping)?;
            close_batch(tx, batch, &report)?;
            report.committed = true;
            Ok(report)
        });
        match out {
            Err(Error::ImportRejected(report)) if opts.dry_run => Ok(*report),
            other => other,
        }
    }
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

/// Data rows in chunks, borrowed from a whole table or owned as they arrive.
type RowChunk<'a> = Vec<Cow<'a, SheetRow>>;

/// Writes the rows of `chunks` (about `hint` of them) as patents; see
/// [`Store::import_patents`].
#[allow(clippy::too_many_arguments)]
fn import_rows<'a>(
    tx: &Transaction,
    audit: &Audit,
    batch: i64,
    table: &Table,
    (hint, chunks): (usize, impl Iterator<Item = Result<RowChunk<'a>>> + Send),
    mapping: &Mapping,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport::start(ImportKind::Patent, table, mapping, opts);
    report.rows.reserve(hint);
    // Key → first row that had it, to name the earlier row of a duplicate.
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    // Into an empty ledger only an earlier row of the file can hold a number,
    // and `seen` knows those: the per-row lookup is skipped (a first import
    // of 100,000 rows spent a tenth of its writing time on it).
    let lookup = tx.query_row("SELECT EXISTS (SELECT 1 FROM patent)", [], |r| r.get(0))?;
    // Reading the cells, checking them and building each INSERT does not
    // touch the database, so it runs on a second thread, rows ahead of the
    // writer; the writer (this thread, which owns the transaction) does the
    // SQLite work in row order. Dropping the receiver on an early return
    // stops the preparer; a panic there resurfaces when the scope joins.
    // Rows travel in chunks: one message per row woke the other thread so
    // often that futex calls took a tenth of the import. A streamed sheet is
    // still being read on a third thread meanwhile.
    let mut done = 0usize;
    let mut last = (0, 0);
    std::thread::scope(|scope| {
        let (send, prepared) = std::sync::mpsc::sync_channel::<Result<PreparedChunk<'a>>>(8);
        scope.spawn(move || {
            for chunk in chunks {
                let chunk = chunk.map(|rows| {
                    rows.into_iter()
                        .map(|r| {
                            let p = prepare_row(table, mapping, batch, &r);
                            (r, p)
                        })
                        .collect()
                });
                if send.send(chunk).is_err() {
                    break;
                }
            }
        });
        for chunk in prepared {
            for (row, prepared) in chunk? {
                let outcome = store_row(
                    tx,
                    audit,
                    table,
                    mapping,
                    opts,
                    &row,
                    prepared,
                    lookup,
                    &mut seen,
                    &mut report.errors,
                )?;
                report.tally(outcome);
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
    Ok(report)
}

type PreparedChunk<'a> = Vec<(Cow<'a, SheetRow>, Prepared)>;

/// One row as the preparing thread leaves it for the writer.
// Nearly every row is `Good`: boxing it would add an allocation per row to
// spare the rare `Bad` one some bytes.
#[allow(clippy::large_enum_variant)]
enum Prepared {
    /// The row's own cells are wrong; nothing to look up.
    Bad(Vec<RowError>),
    /// A valid row and, should the ledger not have its number yet, its INSERT.
    Good(PatentData, Result<NewPatent>),
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
        column: col.map(|c| table.headers[c].clone()),
        cell: col.map(|c| format!("{}{}", column_letters(c), row.row)),
        value,
        message: e.to_string(),
    }
}

/// The sheet column holding the field a record-level error names (the
/// error knows the field by its header), among `fields`.
pub(crate) fn column_of_error(fields: &[Field], mapping: &Mapping, e: &Error) -> Option<usize> {
    let f = e.field()?;
    fields
        .iter()
        .find(|x| x.header() == f)
        .and_then(|x| mapping.column_of(*x))
}

fn prepare_row(table: &Table, mapping: &Mapping, batch: i64, row: &SheetRow) -> Prepared {
    let mut errors = Vec::new();
    let fresh = apply_cells(PatentData::default(), mapping, row, |c, v, e| {
        errors.push(error_at(table, row, Some(c), v, &e))
    });
    if !errors.is_empty() {
        return Prepared::Bad(errors);
    }
    match normalise_patent(fresh) {
        Ok(p) => {
            let new = NewPatent::imported(&p, batch, row.row);
            Prepared::Good(p, new)
        }
        Err(e) => {
            let col = column_of_error(Field::ALL, mapping, &e);
            let value = col.map(|c| cell(row, c).text()).unwrap_or_default();
            Prepared::Bad(vec![error_at(table, row, col, value, &e)])
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn store_row(
    tx: &Transaction,
    audit: &Audit,
    table: &Table,
    mapping: &Mapping,
    opts: &ImportOptions,
    row: &SheetRow,
    prepared: Prepared,
    lookup: bool,
    seen: &mut HashMap<(String, String), usize>,
    errors: &mut Vec<RowError>,
) -> Result<RowOutcome> {
    let mut outcome = RowOutcome {
        row: row.row,
        app_no: String::new(),
        action: RowAction::Failed,
        note: String::new(),
    };
    let (checked, new) = match prepared {
        Prepared::Bad(e) => {
            errors.extend(e);
            return Ok(outcome);
        }
        Prepared::Good(checked, new) => (checked, new),
    };
    outcome.app_no = checked.app_no.clone();
    let key = (checked.jurisdiction.clone(), checked.app_no.clone());
    let earlier = seen.get(&key).copied();
    seen.entry(key).or_insert(row.row);
    let existing = if lookup || earlier.is_some() {
        patent_by_key(tx, &checked.jurisdiction, &checked.app_no)?
    } else {
        None
    };
    let Some(existing) = existing else {
        insert_prepared(tx, audit, &new?)?;
        outcome.action = RowAction::Created;
        return Ok(outcome);
    };
    let where_ = match earlier {
        Some(r) => format!("与第 {r} 行申请号相同"),
        None => "台账中已有该申请号".to_string(),
    };
    if opts.on_duplicate == OnDuplicate::Skip {
        outcome.action = RowAction::Skipped;
        outcome.note = where_;
        return Ok(outcome);
    }
    // Columns the sheet does not map keep what the ledger has.
    let merged = apply_cells(existing.data.clone(), mapping, row, |_, _, _| {});
    let merged = match normalise_patent(merged) {
        Ok(p) => p,
        Err(e) => {
            errors.push(error_at(table, row, None, String::new(), &e));
            return Ok(outcome);
        }
    };
    if merged == existing.data {
        outcome.action = RowAction::Unchanged;
    } else {
        update_patent(tx, audit, &existing, &merged)?;
        outcome.action = RowAction::Updated;
    }
    outcome.note = where_;
    Ok(outcome)
}

fn cell(row: &SheetRow, col: usize) -> &Cell {
    row.cells.get(col).unwrap_or(&Cell::Empty)
}

/// `0` → `A`, `26` → `AA`, as Excel names columns.
pub(crate) fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Writes the mapped cells of `row` over `base`, reporting each cell that
/// cannot be read as `(column, value, error)`. A mapped empty cell clears
/// its field, except for kind, status and route, which cannot be empty; a
/// CN patent's missing kind comes from its application number.
fn apply_cells(
    mut p: PatentData,
    mapping: &Mapping,
    row: &SheetRow,
    mut fail: impl FnMut(usize, String, Error),
) -> PatentData {
    let mut kind_given = false;
    for (&col, &field) in &mapping.0 {
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
                        p.kind = text.parse::<PatentKind>()?;
                        kind_given = true;
                    }
                }
                Field::Status => {
                    if !c.is_empty() {
                        p.status = text.parse::<LegalStatus>()?;
                    }
                }
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
    p
}

/// Refuses a cell whose value can't be read: an Excel error value, or a
/// formula the file holds no result for.
fn readable(label: &'static str, c: &Cell) -> Result<()> {
    match c {
        Cell::Error(e) => Err(Error::invalid(label, e.clone(), "单元格是错误值，请先在表格中修正")),
        Cell::UncachedFormula(f) => Err(Error::invalid(
            label,
            format!("={f}"),
            "单元格是公式，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或将该列粘贴为数值",
        )),
        _ => Ok(()),
    }
}

/// Splits a list cell on the separators ledgers use: ；;、,， and line breaks.
fn split_list(s: &str) -> Vec<String> {
    s.split(['；', ';', '、', ',', '，', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// [`split_list`] for applicant names: a comma before a company-form suffix
/// ("Co., Ltd.", "Co.，Ltd.", "Inc.") is part of the name, so
/// "Huawei Technologies Co., Ltd." stays one applicant, written as in the
/// sheet.
fn split_names(s: &str) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "ltd",
        "ltd.",
        "limited",
        "inc",
        "inc.",
        "llc",
        "l.l.c.",
        "corp",
        "corp.",
        "corporation",
        "gmbh",
        "s.a.",
        "b.v.",
        "plc",
    ];
    let is_sep = |c: char| matches!(c, '；' | ';' | '、' | ',' | '，' | '\n' | '\r');
    let mut out: Vec<String> = Vec::new();
    let mut rest = s;
    // The separator before the current piece, if it was a comma.
    let mut comma_before: Option<char> = None;
    loop {
        let end = rest.find(is_sep).unwrap_or(rest.len());
        let piece = &rest[..end];
        let t = piece.trim();
        let suffix = SUFFIXES.contains(&t.to_ascii_lowercase().as_str());
        match (comma_before, out.last_mut()) {
            (Some(comma), Some(prev)) if suffix && !prev.is_empty() => {
                prev.push(comma);
                prev.push_str(piece.trim_end());
            }
            _ => out.push(t.to_string()),
        }
        let Some(sep) = rest[end..].chars().next() else {
            break;
        };
        comma_before = matches!(sep, ',' | '，').then_some(sep);
        rest = &rest[end + sep.len_utf8()..];
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Country names officers write instead of codes.
fn jurisdiction_code(s: &str) -> String {
    let t = s.trim();
    let code = match t {
        "" | "中国" | "中国大陆" | "国内" => "CN",
        "美国" => "US",
        "欧洲" | "欧专局" | "欧洲专利局" => "EP",
        "日本" => "JP",
        "韩国" => "KR",
        "德国" => "DE",
        "英国" => "GB",
        "法国" => "FR",
        "PCT" | "pct" | "世界知识产权组织" | "国际局" => "WO",
        _ => return t.to_string(),
    };
    code.to_string()
}

fn year_of(label: &'static str, s: &str) -> Result<Option<u32>> {
    let t = s
        .trim()
        .trim_start_matches('第')
        .trim_end_matches('年')
        .trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| Error::invalid(label, s.trim(), "应为专利年度（整数，如 5 或 第5年）"))
}

fn bool_of(label: &'static str, c: &Cell) -> Result<bool> {
    match c {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) => Ok(*n != 0.0),
        _ => match c.text().to_ascii_lowercase().as_str() {
            "" | "否" | "无" | "false" | "n" | "no" | "0" => Ok(false),
            "是" | "有" | "true" | "y" | "yes" | "1" => Ok(true),
            other => Err(Error::invalid(label, other, "应为「是」或「否」")),
        },
    }
}

/// A date in any shape Excel and officers give it: a date cell, a serial
/// number, `2023-01-05`, `2023/1/5`, `2023.01.05`, `2023年1月5日`,
/// `20230105`, optionally followed by a time.
fn date_of(label: &'static str, c: &Cell) -> Result<Option<NaiveDate>> {
    let bad = |v: String| {
        Error::invalid(
            label,
            v,
            "不是有效日期（可写作 2023-01-05、2023/1/5、2023.01.05、2023年1月5日 或 20230105）",
        )
    };
    match c {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(f) => {
            let n = *f;
            if n.fract() == 0.0 && (19_000_101.0..=22_001_231.0).contains(&n) {
                return loose_date(label, &number_text(n)).map(Some);
            }
            if (1.0..=110_000.0).contains(&n) {
                let serial = ExcelDateTime::new(n, ExcelDateTimeType::DateTime, false);
                if let Some(d) = serial.as_datetime() {
                    return Ok(Some(d.date()));
                }
            }
            Err(bad(number_text(n)))
        }
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => loose_date(label, s).map(Some),
        other => Err(bad(other.text())),
    }
}

fn loose_date(label: &'static str, s: &str) -> Result<NaiveDate> {
    let original = s.trim();
    let day = original.split([' ', 'T']).next().unwrap_or_default();
    let mut t: String = day
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' | '／' | '．' => '-',
            c => c,
        })
        .filter(|c| *c != '日')
        .collect();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        t = format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]);
    }
    let parsed = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .ok()
        .map(|d| d.to_string())
        .unwrap_or(t);
    parse_date(label, &parsed)
        .map_err(|_| {
            Error::invalid(
                label,
                original,
                "不是有效日期（可写作 2023-01-05、2023/1/5、2023.01.05、2023年1月5日 或 20230105）",
            )
        })
        .and_then(|d| {
            // Two-digit years ("23/1/5") parse as year 23; parse_date refuses
            // them, this keeps the message about the original text.
            if d.year() < 1900 {
                Err(Error::invalid(label, original, "年份应写四位数字"))
            } else {
                Ok(d)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// A row's cells without the empty ones at its end: the whole-sheet
    /// reader pads rows to the sheet's width, the streamed one does not.
    fn trimmed(mut cells: Vec<Cell>) -> Vec<Cell> {
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        cells
    }

    #[test]
    fn the_streamed_xlsx_reader_reads_what_the_whole_sheet_reader_reads() {
        use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tricky.xlsx");
        let mut wb = Workbook::new();
        // A chart sheet first (Excel puts a new one before the current
        // sheet), then an empty sheet, then the ledger.
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_values("台账!$D$4:$D$6");
        wb.add_chartsheet().insert_chart(0, 0, &chart).unwrap();
        wb.add_worksheet().set_name("空").unwrap();
        let ws = wb.add_worksheet().set_name("台账").unwrap();
        ws.set_formula_result_default("");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        ws.write(0, 0, "某公司专利台账").unwrap();
        // Header at C3, data from C4, a blank row in between.
        for (c, h) in ["申请号", "专利名称", "申请日", "发明人"]
            .iter()
            .enumerate()
        {
            ws.write(2, 2 + c as u16, *h).unwrap();
        }
        ws.write(3, 2, "201910123456.X").unwrap();
        ws.write(3, 3, 12).unwrap();
        let d = ExcelDateTime::from_ymd(2019, 3, 5).unwrap();
        ws.write_datetime_with_format(3, 4, &d, &date).unwrap();
        ws.write(5, 2, "202020123456.X").unwrap();
        ws.write_formula(5, 3, "=\"一种\"&\"齿轮\"").unwrap();
        ws.write(5, 6, "表头以外的列").unwrap();
        ws.write(6, 2, "").unwrap();
        ws.write(7, 2, "202030123456.X").unwrap();
        ws.write(7, 3, 3.5).unwrap();
        // Formatted but empty rows far below the data.
        ws.set_row_format(400, &date).unwrap();
        wb.save(&path).unwrap();

        let whole = table_from_grid(&path, read_workbook(&path).unwrap()).unwrap();
        let streamed = stream_xlsx(&path).unwrap().collect().unwrap();
        assert_eq!(
            streamed.sheet, "台账",
            "the chart sheet and the empty sheet are passed over"
        );
        assert_eq!(
            (streamed.sheet.as_str(), streamed.header_row),
            (whole.sheet.as_str(), 3)
        );
        let headers = |t: &Table| {
            let mut h = t.headers.clone();
            while h.last().is_some_and(|s| s.is_empty()) {
                h.pop();
            }
            h
        };
        assert_eq!(headers(&streamed), headers(&whole));
        let rows = |t: &Table| -> Vec<(usize, Vec<Cell>)> {
            t.rows
                .iter()
                .map(|r| (r.row, trimmed(r.cells.clone())))
                .collect()
        };
        assert_eq!(rows(&streamed), rows(&whole));
        // And what both read is what the sheet holds.
        let got = rows(&streamed);
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 6, 8]);
        assert_eq!(
            got[0].1[4],
            Cell::Date(NaiveDate::from_ymd_opt(2019, 3, 5).unwrap())
        );
        assert_eq!(
            got[1].1[3],
            Cell::UncachedFormula("\"一种\"&\"齿轮\"".into())
        );
        assert_eq!(got[1].1[6], text("表头以外的列"));
        assert_eq!(got[2].1[3], Cell::Number(3.5));
    }

    #[test]
    fn dates_are_read_in_every_shape_ledgers_use() {
        let want = NaiveDate::from_ymd_opt(2023, 1, 5).unwrap();
        for s in [
            "2023-01-05",
            "2023/1/5",
            "2023.01.05",
            "2023年1月5日",
            "20230105",
            "2023-01-05 00:00:00",
        ] {
            assert_eq!(
                date_of("申请日", &text(s)).unwrap(),
                Some(want),
                "{s} is a common spelling"
            );
        }
        assert_eq!(
            date_of("申请日", &Cell::Number(44931.0)).unwrap(),
            Some(want),
            "Excel serial 44931 is 2023-01-05"
        );
        assert_eq!(
            date_of("申请日", &Cell::Number(20230105.0)).unwrap(),
            Some(want),
            "yyyymmdd typed as a number"
        );
        let err = date_of("申请日", &text("2023-13-05")).unwrap_err();
        assert!(
            err.to_string().contains("申请日「2023-13-05」"),
            "names field and value: {err}"
        );
    }

    #[test]
    fn headers_match_across_full_width_brackets_and_spaces() {
        assert_eq!(
            Field::from_header("申请（专利权）人"),
            Some(Field::Applicants)
        );
        assert_eq!(
            Field::from_header(" 发明 (设计) 人 "),
            Some(Field::Inventors)
        );
        assert_eq!(Field::from_header("ＩＰＣ"), Some(Field::Ipc));
        assert_eq!(Field::from_header("授权公告日"), Some(Field::GrantDate));
        assert_eq!(Field::from_header("年费缴至"), Some(Field::FeesPaidThrough));
        assert_eq!(
            Field::from_header("序号"),
            None,
            "unknown columns stay unmapped"
        );
        for f in Field::ALL {
            assert_eq!(
                Field::from_header(f.header()),
                Some(*f),
                "export headers import back"
            );
        }
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("张伟；王芳、李娜,刘洋，陈静\n杨磊"),
            vec!["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"]
        );
        assert_eq!(split_list("AR, AG"), vec!["AR", "AG"], "tags are not names");
    }

    #[test]
    fn applicant_names_keep_a_comma_before_a_company_suffix() {
        assert_eq!(
            split_names("Huawei Technologies Co., Ltd.；衡阳华菱钢管有限公司"),
            vec!["Huawei Technologies Co., Ltd.", "衡阳华菱钢管有限公司"]
        );
        assert_eq!(
            split_names("ABC Co.,Ltd., XYZ Inc."),
            vec!["ABC Co.,Ltd.", "XYZ Inc."],
            "written as in the sheet"
        );
        assert_eq!(
            split_names("DEF Co.，Ltd."),
            vec!["DEF Co.，Ltd."],
            "full-width comma"
        );
        assert_eq!(split_names("甲公司,乙大学"), vec!["甲公司", "乙大学"]);
        assert_eq!(split_names(", Ltd."), vec!["Ltd."], "nothing to join to");
    }

    #[test]
    fn a_header_with_the_fields_own_name_wins_over_an_alias() {
        let headers: Vec<String> = ["申请号", "商标", "注册号", "状态", "商标状态"]
            .map(String::from)
            .to_vec();
        let m = Mapping::suggest_for(ImportKind::Trademark, &headers);
        assert_eq!(m.column_of(Field::RegNo), Some(2));
        assert_eq!(m.column_of(Field::TrademarkStatus), Some(4));
        assert_eq!(m.column_of(Field::Mark), Some(1));
        let only_alias: Vec<String> = ["申请号", "商标"].map(String::from).to_vec();
        assert_eq!(
            Mapping::suggest_for(ImportKind::Trademark, &only_alias).column_of(Field::RegNo),
            Some(0),
            "an alias still maps when the field's own name is absent"
        );
    }

    #[test]
    fn gbk_bytes_decode_when_utf8_fails() {
        let (gbk, _, _) = encoding_rs::GBK.encode("申请号,专利名称");
        assert_eq!(decode_text(&gbk).as_deref(), Some("申请号,专利名称"));
        assert_eq!(
            decode_text("\u{feff}申请号".as_bytes()).as_deref(),
            Some("申请号"),
            "BOM is dropped"
        );
        assert_eq!(decode_text(b"PK\x03\x04\0\0"), None, "binary is not text");
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
