//! Exporting the ledger to .xlsx and .csv, with the headers and value
//! spellings the importer reads, so an export imports back unchanged.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::part_path;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Xlsx,
    /// UTF-8 with a BOM: without it Excel on Chinese Windows reads the file
    /// as GBK and shows mojibake.
    Csv,
}

/// Writes beside `out` and moves the file into place.
pub(crate) fn write_table(
    out: &Path,
    format: ExportFormat,
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
) -> Result<()> {
    let part = part_path(out);
    let written = match format {
        ExportFormat::Xlsx => write_xlsx(&part, sheet, headers, rows),
        ExportFormat::Csv => write_csv(&part, headers, rows),
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    crate::store::commit_part(&part, out)?;
    Ok(())
}

/// A text cell, empty for "".
pub(crate) fn text_cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

pub(crate) fn date_cell(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

/// 是 / 否, as the importer reads yes/no columns back.
pub(crate) fn yes_no_cell(b: bool) -> Cell {
    text_cell(if b { "是" } else { "否" })
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Error::Io(io),
        other => Error::Io(std::io::Error::other(other.to_string())),
    }
}

fn write_xlsx(out: &Path, name: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    // Constant memory streams rows to disk: a 100,000-row ledger would
    // otherwise hold every cell in memory until save.
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(xlsx_error)?;
    sheet.set_name(name).map_err(xlsx_error)?;
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n).map_err(xlsx_error)?;
                }
                Cell::Date(d) => {
                    let xd =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(xlsx_error)?;
                    sheet
                        .write_datetime_with_format(r, c, xd, &date_fmt)
                        .map_err(xlsx_error)?;
                }
                other => {
                    sheet.write_string(r, c, other.text()).map_err(xlsx_error)?;
                }
            }
        }
    }
    sheet.set_column_width(0, 18).map_err(xlsx_error)?;
    sheet.set_column_width(1, 40).map_err(xlsx_error)?;
    book.save(out).map_err(xlsx_error)
}

/// Characters that make a spreadsheet read a cell as a formula (or, for tab
/// and CR, shift it into one). A title or note from a third-party sheet may
/// start with one; the OWASP advice for CSV is to prefix such text with `'`.
pub(crate) const FORMULA_LEADS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as CSV text: text that a spreadsheet would evaluate is written
/// with a leading `'`, which Excel and WPS show as plain text (and which the
/// CSV reader drops again). Numbers and dates are written as they are.
fn csv_text(c: &Cell) -> String {
    // The text as written (trimmed), not as stored: " =cmd" is written
    // "=cmd" and must be neutralised too.
    let text = c.text();
    match c {
        Cell::Text(_) | Cell::Error(_) | Cell::UncachedFormula(_)
            if text.starts_with(FORMULA_LEADS) =>
        {
            format!("'{text}")
        }
        _ => text,
    }
}

fn write_csv(out: &Path, headers: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(file);
    let csv_err = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    w.write_record(headers).map_err(csv_err)?;
    for row in rows {
        w.write_record(row.iter().map(csv_text)).map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_a_formula_once_trimmed_is_neutralised() {
        // Stored text is trimmed on save, but a restored or hand-edited
        // database may hold it untrimmed; the cell is written trimmed.
        assert_eq!(
            csv_text(&Cell::Text(" =cmd|' /C calc'!A0".into())),
            "'=cmd|' /C calc'!A0"
        );
        assert_eq!(csv_text(&Cell::Text("\n@SUM(A1)".into())), "'@SUM(A1)");
        assert_eq!(csv_text(&Cell::Text("+86 0734".into())), "'+86 0734");
        assert_eq!(csv_text(&Cell::Text("一种电机".into())), "一种电机");
        // A number is a number: -3 stays a value.
        assert_eq!(csv_text(&Cell::Number(-3.0)), "-3");
    }
}
