use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::error::Result;
use crate::sheet::*;
use crate::store::Store;

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
        self.refuse_own_files(out)?;
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
        write_table(out, format, "专利台账", &Field::headers(Field::ALL), &rows)?;
        Ok(rows.len())
    }
}

/// One patent as a row of [`Field::ALL`] columns, in the spellings the
/// importer reads back: labels for enums, `；` between list items.
fn export_row(p: &PatentData) -> Vec<Cell> {
    let list = |l: &[String]| text_cell(&l.join("；"));
    let num = |n: Option<u32>| n.map_or(Cell::Empty, |n| Cell::Number(n.into()));
    Field::ALL
        .iter()
        .map(|f| match f {
            // Dotted, as officers write it; the check digit survives Excel
            // (a bare 13-digit number would be shown in scientific notation).
            Field::AppNo => text_cell(&if p.is_cn() {
                parse_cn_app_no(&p.app_no)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|_| p.app_no.clone())
            } else {
                p.app_no.clone()
            }),
            Field::Title => text_cell(&p.title),
            Field::Kind => text_cell(p.kind.label()),
            Field::FilingDate => date_cell(p.filing_date),
            Field::Status => text_cell(p.status.label()),
            Field::GrantDate => date_cell(p.grant_date),
            Field::GrantNo => text_cell(&p.grant_no),
            Field::Applicants => list(&p.applicants),
            Field::Inventors => list(&p.inventors),
            Field::Jurisdiction => text_cell(&p.jurisdiction),
            Field::Route => text_cell(p.route.label()),
            Field::PriorityDate => date_cell(p.priority_date),
            Field::PublicationNo => text_cell(&p.publication_no),
            Field::PublicationKind => text_cell(&p.publication_kind),
            Field::Ipc => text_cell(&p.ipc),
            Field::Agency => text_cell(&p.agency),
            Field::Agent => text_cell(&p.agent),
            Field::Tags => list(&p.tags),
            Field::SeiCategory => text_cell(&p.sei_category),
            Field::FeeReduction => text_cell(p.fee_reduction.label()),
            Field::FeeReductionFiled => date_cell(p.fee_reduction_filed),
            Field::GrantFeeYear => num(p.grant_fee_year),
            Field::FeesPaidThrough => num(p.fees_paid_through),
            Field::ExamRequestDate => date_cell(p.exam_request_date),
            Field::CompensationDays => Cell::Number(p.compensation_days.into()),
            Field::OverseasFamilyGrant => yes_no_cell(p.overseas_family_grant),
            Field::Acquisition => text_cell(p.acquisition.label()),
            Field::AcquiredOn => date_cell(p.acquired_on),
            Field::HnteUsedYear => p
                .hnte_used_year
                .map_or(Cell::Empty, |y| Cell::Number(y.into())),
            Field::Notes => text_cell(&p.notes),
            // Trademark fields are not in `Field::ALL`.
            _ => Cell::Empty,
        })
        .collect()
}
