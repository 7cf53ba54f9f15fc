use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::JoinHandle;

use calamine::{Data, DataRef, Reader};

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
    /// that never calculated it); see [`crate::open_table`].
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

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

pub(crate) fn number_text(f: f64) -> String {
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

/// Whether a header cell names a column some case file imports; the header
/// row is the top row naming the most such columns.
pub type KnownHeader = fn(&str) -> bool;

/// Opens a spreadsheet or CSV file as a [`SheetStream`]: the header row (the
/// top row naming the most `known` columns) settled from the first rows, and
/// an .xlsx sheet going on being read on its own thread while the caller (an
/// import) writes the rows already read; [`SheetStream::collect`] gives the
/// whole [`Table`]. Other formats are read whole first.
///
/// The first worksheet with data is read. CSV encoding is detected: UTF-8
/// (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK,
/// which Excel and WPS on Chinese Windows write). Formula cells contribute
/// the value the file stores for them — what the user saw when saving — and a
/// formula with no stored value becomes [`Cell::UncachedFormula`], which an
/// import refuses naming the cell.
///
/// Errors: [`Error::BadFile`] for an unsupported type, a damaged or empty file
/// and a file over [`MAX_IMPORT_ROWS`] data rows. A file that turns out damaged or too long
/// part way through yields the error among the rows, so an import that
/// reads from the stream fails and writes nothing.
pub fn open_table_with(path: &Path, known: KnownHeader) -> Result<SheetStream> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" | "txt" | "tsv"
    ) {
        super::guard::check_file(path, &ext)?;
    }
    let grid = match ext.as_str() {
        "xlsx" | "xlsm" => return stream_xlsx(path, known),
        "xls" | "xlsb" | "ods" => apart(path, || read_workbook(path))?,
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
    let table = table_from_grid(path, grid, known)?;
    Ok(SheetStream {
        rows_hint: table.rows.len(),
        path: path.to_path_buf(),
        table,
        more: None,
    })
}

/// A sheet whose header is known and whose data rows may still be being
/// read; see [`crate::open_table`].
#[derive(Debug)]
pub struct SheetStream {
    /// File, sheet and header as [`crate::open_table`] gives them; `rows` holds the
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
    /// The file the sheet is read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

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
    pub(crate) fn into_parts(
        mut self,
    ) -> (Table, impl Iterator<Item = Result<Vec<SheetRow>>> + Send) {
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

/// Runs a reader library on a thread of its own: a panic inside it (a
/// file it cannot cope with) is a refused file, not the end of the app.
fn apart<T: Send>(path: &Path, read: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        scope.spawn(read).join().unwrap_or_else(|_| {
            Err(bad_file(
                path,
                "读取文件时出错（文件结构异常，读取中断），未写入任何数据",
            ))
        })
    })
}

/// Waits for a reading thread whose channel has closed; a panic there is
/// a file that could not be read to the end.
fn joined(path: &Path, reader: JoinHandle<()>) -> Result<()> {
    reader
        .join()
        .map_err(|_| bad_file(path, "读取文件时出错（读取中断），未写入任何数据"))
}

/// Rows per message from the reading thread.
pub(crate) const STREAM_CHUNK: usize = 128;

/// Streams the first .xlsx sheet with data: one pass over the sheet XML for
/// values and formulas together (a formula with no stored result becomes
/// [`Cell::UncachedFormula`]).
fn stream_xlsx(path: &Path, known: KnownHeader) -> Result<SheetStream> {
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
    let table = table_from_grid(path, Grid { sheet, rows: head }, known)?;
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
            let uncached = matches!(c.value, DataRef::Empty)
                || matches!(&c.value, DataRef::String(v) if v.is_empty())
                || matches!(c.value, DataRef::SharedString(v) if v.is_empty());
            let cell = match c.formula {
                Some(f) if uncached && !f.is_empty() => Cell::UncachedFormula(f),
                _ => cell_of(&Data::from(c.value)),
            };
            // Before the row grows to the cell: a reference like XFD1 or
            // ZZZZZZ1 must not allocate a row that wide.
            super::guard::check_cell(path, row + 1, col, &cell)?;
            if col >= super::guard::MAX_COLUMNS {
                continue;
            }
            if r.cells.len() <= col {
                r.cells.resize(col + 1, Cell::Empty);
            }
            r.cells[col] = cell;
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

pub(crate) fn bad_file(path: &Path, reason: impl Into<String>) -> Error {
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
    // Formulas are read only to find those without a stored result. An
    // .xls or .ods has parsed them with the book, so asking costs a copy.
    // An .xlsb parses them on request, a second pass over the sheet, so for
    // the first sheet (the ledger, almost always) that runs beside the
    // value pass over its own handle. Opening a second .xls or .ods handle
    // would parse the whole book again and double the memory it takes.
    let xlsb = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsb"));
    std::thread::scope(|scope| {
        let mut first_formulas = names.first().cloned().filter(|_| xlsb).map(|first| {
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
            // The side pass failing (or panicking) is no answer: the
            // formulas are read again here, and a failure refuses the file.
            let early = first_formulas.take().and_then(|h| h.join().ok().flatten());
            let formulas = match (i, early) {
                (0, Some(f)) => f,
                _ => formulas_of(path, &mut book, name)?,
            };
            return Ok(grid_of(name, &range, (top, left), &formulas));
        }
        Err(bad_file(path, "文件中没有任何数据（所有工作表都是空的）"))
    })
}

/// The formulas of sheet `name`. Unreadable formulas refuse the file: the
/// check for formulas without a stored result cannot be skipped quietly, or
/// an uncalculated formula would come in as an empty value.
fn formulas_of<R: std::io::Read + std::io::Seek>(
    path: &Path,
    book: &mut calamine::Sheets<R>,
    name: &str,
) -> Result<calamine::Range<String>> {
    book.worksheet_formula(name).map_err(|e| {
        bad_file(
            path,
            format!(
                "无法读取工作表「{name}」中的公式（{e}），无法确认每个公式都有计算结果；\
                 请在 Excel 或 WPS 中另存为 .xlsx 后再导入"
            ),
        )
    })
}

/// The worksheets of a workbook other than `first` that hold a list: each
/// under its own header row, which must name at least two `known` columns
/// (a sheet of notes or a pivot table is passed over). Empty for a CSV.
/// An import reads them when one workbook keeps patents on one sheet and
/// trademarks on another. Errors: [`Error::BadFile`] for a damaged
/// workbook or a sheet over [`MAX_IMPORT_ROWS`] rows.
pub fn other_sheets(path: &Path, first: &str, known: KnownHeader) -> Result<Vec<Table>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return Ok(Vec::new());
    }
    super::guard::check_file(path, &ext)?;
    apart(path, || other_sheets_of(path, first, known))
}

fn other_sheets_of(path: &Path, first: &str, known: KnownHeader) -> Result<Vec<Table>> {
    let damaged =
        |e: calamine::Error| bad_file(path, format!("文件已损坏、不完整或不是 Excel 文件（{e}）"));
    let mut book = calamine::open_workbook_auto(path).map_err(damaged)?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        if name == first {
            continue;
        }
        // A chart sheet has no cells: not a list.
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let Some(start) = range.start() else {
            continue;
        };
        if range.height() > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS {
            return Err(too_many_rows(path, range.height()));
        }
        let formulas = formulas_of(path, &mut book, &name)?;
        let Ok(table) = table_from_grid(path, grid_of(&name, &range, start, &formulas), known)
        else {
            continue;
        };
        if table.headers.iter().filter(|h| known(h)).count() >= 2 {
            tables.push(table);
        }
    }
    Ok(tables)
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
                        // Text an export neutralised for spreadsheets
                        // ('=…, '+…) reads back as written.
                        let s = s
                            .strip_prefix('\'')
                            .filter(|rest| rest.starts_with(super::write::FORMULA_LEADS))
                            .unwrap_or(s);
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
pub(crate) fn decode_text(bytes: &[u8]) -> Option<String> {
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

fn table_from_grid(path: &Path, grid: Grid, known: KnownHeader) -> Result<Table> {
    let mut non_empty: Vec<SheetRow> = Vec::new();
    for mut r in grid.rows {
        for (col, c) in r.cells.iter().enumerate() {
            super::guard::check_cell(path, r.row, col, c)?;
        }
        r.cells.truncate(super::guard::MAX_COLUMNS);
        if r.cells.iter().any(|c| !c.is_empty()) {
            non_empty.push(r);
        }
    }
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
            .filter(|t| known(t))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The headers of the test workbooks.
    fn known(h: &str) -> bool {
        ["申请号", "专利名称", "申请日", "发明人"].contains(&h)
    }

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

    /// Formulas that cannot be read refuse the file, naming the sheet:
    /// they were once read as "no formulas", which skipped the check for
    /// formulas without a stored result.
    #[test]
    fn unreadable_formulas_refuse_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write(0, 0, "申请号").unwrap();
        book.save(&path).unwrap();
        let mut opened = calamine::open_workbook_auto(&path).unwrap();
        assert!(formulas_of(&path, &mut opened, "Sheet1").is_ok());
        let err = formulas_of(&path, &mut opened, "第二页").unwrap_err();
        assert!(matches!(err, Error::BadFile { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains("工作表「第二页」中的公式") && msg.contains("另存为 .xlsx"),
            "{msg}"
        );
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

        let whole = table_from_grid(&path, read_workbook(&path).unwrap(), known).unwrap();
        let streamed = stream_xlsx(&path, known).unwrap().collect().unwrap();
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
}
