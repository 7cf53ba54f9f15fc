//! The **商标续展计划**: the registered marks whose renewal window opens in
//! the period, is open, or is in grace, with the fee for the filing channel
//! — the 商标续展 page on paper. Its table is also the renewal section of the
//! 年费缴纳计划 ([`super::annuity_document`]).

use chrono::NaiveDate;

use super::*;
use crate::company::Company;
use crate::error::Result;
use crate::money::Money;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::rules::{FilingChannel, RenewalState};
use crate::store::Store;

/// Everything the renewal plan prints, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalReport {
    pub company: Company,
    pub today: NaiveDate,
    pub months: u32,
    pub channel: FilingChannel,
    pub rows: Vec<RenewalDue>,
}

impl Store {
    /// The renewals of [`Store::trademark_renewals`] with the company, for
    /// [`renewal_plan_pdf`]. Errors: as that function (months out of range).
    pub fn renewal_report(
        &self,
        months: u32,
        channel: FilingChannel,
        today: NaiveDate,
    ) -> Result<RenewalReport> {
        Ok(RenewalReport {
            rows: self.trademark_renewals(today, months, channel)?,
            company: self.company()?,
            today,
            months,
            channel,
        })
    }
}

/// What the renewals cost if filed on their day (late fees included); a
/// mark past its grace period can no longer be renewed and costs nothing.
fn renewal_total(rows: &[RenewalDue]) -> Money {
    rows.iter()
        .filter(|r| r.dates.state != RenewalState::Lapsed)
        .map(|r| r.dates.fee + r.dates.late_fee)
        .sum()
}

/// The renewal plan's columns, as the PDF and the CLI print them.
pub const RENEWAL_COLUMNS: [&str; 8] = [
    "注册号",
    "商标",
    "类别",
    "有效期至",
    "续展期起",
    "宽展期至",
    "状态",
    "费用（元）",
];

impl RenewalDue {
    /// The mark's row under [`RENEWAL_COLUMNS`]: an expiry worked out from
    /// the registration date is marked （推算）; the fee includes any late fee.
    pub fn cells(&self) -> Vec<String> {
        let d = &self.dates;
        vec![
            self.reg_no.clone(),
            self.mark.clone(),
            self.classes
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            format!(
                "{}{}",
                d.expiry,
                if self.expiry_computed {
                    "（推算）"
                } else {
                    ""
                }
            ),
            d.window_opens.to_string(),
            d.grace_end.to_string(),
            d.state.label().into(),
            (d.fee + d.late_fee).grouped(),
        ]
    }
}

/// One row per mark under [`RENEWAL_COLUMNS`].
pub(super) fn renewal_table(rows: &[RenewalDue]) -> Table {
    let widths = [10.0, 14.0, 8.0, 9.0, 9.0, 9.0, 8.0, 8.0];
    let aligns = [
        Align::Left,
        Align::Left,
        Align::Center,
        Align::Center,
        Align::Center,
        Align::Center,
        Align::Center,
        Align::Right,
    ];
    Table {
        columns: RENEWAL_COLUMNS
            .iter()
            .zip(widths)
            .zip(aligns)
            .map(|((title, w), a)| Column::new(title, w, a))
            .collect(),
        rows: rows.iter().map(RenewalDue::cells).collect(),
        field: "商标续展".into(),
    }
}

/// Builds the renewal plan: title, company, period and total, the table and
/// the rule it follows.
pub fn renewal_plan_document(r: &RenewalReport) -> Document {
    let name = r.company.display_name();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("{name}商标续展计划"),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("统一社会信用代码".into(), r.company.uscc.clone()),
            ("期间".into(), format!("未来 {} 个月", r.months)),
            ("提交方式".into(), r.channel.label().into()),
            ("打印日期".into(), r.today.to_string()),
            (
                "统计".into(),
                format!(
                    "共 {} 件，续展费用合计 {} 元（含宽展期延迟费）。",
                    r.rows.len(),
                    renewal_total(&r.rows).grouped()
                ),
            ),
        ]),
        Block::Spacer(3.0),
    ];
    if r.rows.is_empty() {
        blocks.push(Block::Paragraph("所选期间没有需要续展的注册商标。".into()));
    } else {
        blocks.push(Block::Table(renewal_table(&r.rows)));
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(
        "注：注册商标有效期十年，期满前十二个月内办理续展，期满后六个月宽展期内可续展并缴纳延迟费，宽展期满未续展的注销（商标法第40条）。「有效期至」标注（推算）的，由注册日推算。".into(),
    ));
    Document {
        meta: DocMeta::dated("商标续展计划", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 商标续展计划"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the renewal plan with the embedded fonts.
pub fn renewal_plan_pdf(r: &RenewalReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| renewal_plan_document(r), progress)?)
}
