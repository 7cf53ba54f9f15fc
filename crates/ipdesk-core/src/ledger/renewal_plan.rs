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

/// One row per mark: number, mark, classes, expiry, window, grace, state, fee.
pub(super) fn renewal_table(rows: &[RenewalDue]) -> Table {
    Table {
        columns: vec![
            Column::new("注册号", 10.0, Align::Left),
            Column::new("商标", 14.0, Align::Left),
            Column::new("类别", 8.0, Align::Center),
            Column::new("有效期至", 9.0, Align::Center),
            Column::new("续展期起", 9.0, Align::Center),
            Column::new("宽展期至", 9.0, Align::Center),
            Column::new("状态", 8.0, Align::Center),
            Column::new("费用（元）", 8.0, Align::Right),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.reg_no.clone(),
                    r.mark.clone(),
                    r.classes
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join("、"),
                    format!(
                        "{}{}",
                        r.dates.expiry,
                        if r.expiry_computed {
                            "（推算）"
                        } else {
                            ""
                        }
                    ),
                    r.dates.window_opens.to_string(),
                    r.dates.grace_end.to_string(),
                    r.dates.state.label().into(),
                    (r.dates.fee + r.dates.late_fee).grouped(),
                ]
            })
            .collect(),
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
