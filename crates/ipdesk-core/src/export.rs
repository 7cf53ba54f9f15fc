//! Exporting the ledger to .xlsx and .csv, with the headers and value
//! spellings the importer reads, so an export imports back unchanged.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::{Cell, Field};
use crate::model::{PatentData, TrademarkData};
use crate::patents::PatentQuery;
use crate::store::Store;
use crate::validate::parse_cn_app_no;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Xlsx,
    /// UTF-8 with a BOM: without it Excel on Chinese Windows reads the file
    /// as GBK and shows mojibake.
    Csv,
}

impl Store {
    /// Writes every patent matching the filter and sort of `q` (all pages:
    /// its offset and limit are ignored) to `out`, returning how many.
    ///
    /// The file is written beside `out` first and moved into place, so a
    /// failed export never leaves a half-written file under the chosen name.
    pub fn export_patents(
        &self,
        q: &PatentQuery,
        today: NaiveDate,
        format: ExportFormat,
        out: &Path,
    ) -> Result<usize> {
        let q = PatentQuery {
            offset: 0,
            limit: 0,
            ..q.clone()
        };
        let page = self.list_patents(&q, today)?;
        let rows: Vec<Vec<Cell>> = page
            .items
            .iter()
            .map(|r| export_row(&r.patent.data))
            .collect();
        write_table(out, format, "专利台账", Field::ALL, &rows)?;
        Ok(rows.len())
    }

    /// Writes every trademark to `out` with the trademark import's headers.
    pub fn export_trademarks(&self, format: ExportFormat, out: &Path) -> Result<usize> {
        let rows: Vec<Vec<Cell>> = self
            .list_records::<TrademarkData>()?
            .iter()
            .map(|t| trademark_row(&t.data))
            .collect();
        write_table(out, format, "商标台账", Field::TRADEMARK, &rows)?;
        Ok(rows.len())
    }
}

/// Writes beside `out` and moves the file into place.
fn write_table(
    out: &Path,
    format: ExportFormat,
    sheet: &str,
    fields: &[Field],
    rows: &[Vec<Cell>],
) -> Result<()> {
    let part = part_path(out);
    let written = match format {
        ExportFormat::Xlsx => write_xlsx(&part, sheet, fields, rows),
        ExportFormat::Csv => write_csv(&part, fields, rows),
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    std::fs::rename(&part, out)?;
    Ok(())
}

/// A text cell, empty for "".
fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

/// 是 / 否, as the importer reads yes/no columns back.
fn yes_no(b: bool) -> Cell {
    text(if b { "是" } else { "否" })
}

fn trademark_row(t: &TrademarkData) -> Vec<Cell> {
    Field::TRADEMARK
        .iter()
        .map(|f| match f {
            Field::RegNo => text(&t.reg_no),
            Field::Mark => text(&t.mark),
            Field::Classes => text(
                &t.classes
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            Field::RegDate => date(t.reg_date),
            Field::ExpiryDate => date(t.expiry_date),
            Field::TrademarkStatus => text(t.status.label()),
            Field::WellKnown => yes_no(t.well_known),
            Field::GeographicalIndication => yes_no(t.geographical_indication),
            Field::Notes => text(&t.notes),
            _ => Cell::Empty,
        })
        .collect()
}

pub(crate) fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

/// One patent as a row of [`Field::ALL`] columns, in the spellings the
/// importer reads back: labels for enums, `；` between list items.
fn export_row(p: &PatentData) -> Vec<Cell> {
    let list = |l: &[String]| text(&l.join("；"));
    let num = |n: Option<u32>| n.map_or(Cell::Empty, |n| Cell::Number(n.into()));
    Field::ALL
        .iter()
        .map(|f| match f {
            // Dotted, as officers write it; the check digit survives Excel
            // (a bare 13-digit number would be shown in scientific notation).
            Field::AppNo => text(&if p.is_cn() {
                parse_cn_app_no(&p.app_no)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|_| p.app_no.clone())
            } else {
                p.app_no.clone()
            }),
            Field::Title => text(&p.title),
            Field::Kind => text(p.kind.label()),
            Field::FilingDate => date(p.filing_date),
            Field::Status => text(p.status.label()),
            Field::GrantDate => date(p.grant_date),
            Field::GrantNo => text(&p.grant_no),
            Field::Applicants => list(&p.applicants),
            Field::Inventors => list(&p.inventors),
            Field::Jurisdiction => text(&p.jurisdiction),
            Field::Route => text(p.route.label()),
            Field::PriorityDate => date(p.priority_date),
            Field::PublicationNo => text(&p.publication_no),
            Field::PublicationKind => text(&p.publication_kind),
            Field::Ipc => text(&p.ipc),
            Field::Agency => text(&p.agency),
            Field::Agent => text(&p.agent),
            Field::Tags => list(&p.tags),
            Field::SeiCategory => text(&p.sei_category),
            Field::FeeReduction => text(p.fee_reduction.label()),
            Field::FeeReductionFiled => date(p.fee_reduction_filed),
            Field::GrantFeeYear => num(p.grant_fee_year),
            Field::FeesPaidThrough => num(p.fees_paid_through),
            Field::ExamRequestDate => date(p.exam_request_date),
            Field::CompensationDays => Cell::Number(p.compensation_days.into()),
            Field::OverseasFamilyGrant => yes_no(p.overseas_family_grant),
            Field::Notes => text(&p.notes),
            // Trademark fields are not in `Field::ALL`.
            _ => Cell::Empty,
        })
        .collect()
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Error::Io(io),
        other => Error::Io(std::io::Error::other(other.to_string())),
    }
}

fn write_xlsx(out: &Path, name: &str, fields: &[Field], rows: &[Vec<Cell>]) -> Result<()> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    // Constant memory streams rows to disk: a 100,000-row ledger would
    // otherwise hold every cell in memory until save.
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(xlsx_error)?;
    sheet.set_name(name).map_err(xlsx_error)?;
    for (c, f) in fields.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, f.header(), &bold)
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

fn write_csv(out: &Path, fields: &[Field], rows: &[Vec<Cell>]) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(file);
    let csv_err = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    w.write_record(fields.iter().map(|f| f.header()))
        .map_err(csv_err)?;
    for row in rows {
        w.write_record(row.iter().map(Cell::text))
            .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}
