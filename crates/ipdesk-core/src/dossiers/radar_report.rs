//! The **项目申报雷达**: every program for enterprises checked against the
//! ledger for one year — the 项目申报 page on paper, to decide where to
//! apply.

use chrono::NaiveDate;

use super::check::RadarRow;
use crate::company::Company;
use crate::error::Result;
use crate::money::Money;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::store::Store;

/// Everything the radar prints, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarReport {
    pub company: Company,
    pub today: NaiveDate,
    pub year: i32,
    pub rows: Vec<RadarRow>,
}

impl Store {
    /// [`Store::program_radar`] with the company, for [`radar_pdf`].
    pub fn radar_report(&self, year: i32, today: NaiveDate) -> Result<RadarReport> {
        Ok(RadarReport {
            company: self.company()?,
            today,
            year,
            rows: self.program_radar(year, today)?,
        })
    }
}

/// Builds the radar: title, company, year and totals, one row per program.
pub fn radar_document(r: &RadarReport) -> Document {
    let name = r.company.display_name();
    let title = format!("项目申报雷达（{} 年度）", r.year);
    let qualifies = r
        .rows
        .iter()
        .filter(|x| x.status == super::RadarStatus::Qualifies)
        .count();
    let total: Money = r.rows.iter().map(|x| x.subsidy_total).sum();
    let rows = r
        .rows
        .iter()
        .enumerate()
        .map(|(n, x)| {
            vec![
                (n + 1).to_string(),
                if x.own {
                    format!("{}（自定义）", x.name)
                } else {
                    x.name.clone()
                },
                x.issuer.clone(),
                x.program_year.to_string(),
                match &x.tier {
                    Some(t) => format!("{t}：{}", x.status.label()),
                    None => x.status.label().into(),
                },
                x.short.join("\n"),
                x.evidence_due.to_string(),
                x.subsidy_total.grouped(),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("{name}{title}"),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("统一社会信用代码".into(), r.company.uscc.clone()),
            ("申报年度".into(), format!("{} 年度", r.year)),
            ("核对日".into(), r.today.to_string()),
            (
                "统计".into(),
                format!(
                    "共 {} 个项目，{qualifies} 个符合申报条件；预计补助合计 {} 元（估算）。",
                    r.rows.len(),
                    total.grouped()
                ),
            ),
        ]),
        Block::Spacer(3.0),
    ];
    if r.rows.is_empty() {
        blocks.push(Block::Paragraph("当日没有有效的申报项目。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("申报项目", 20.0, Align::Left),
                Column::new("发布单位", 14.0, Align::Left),
                Column::new("指南年度", 6.0, Align::Center),
                Column::new("结论", 10.0, Align::Center),
                Column::new("尚不满足的条件", 26.0, Align::Left),
                Column::new("待提供材料（项）", 7.0, Align::Center),
                Column::new("预计补助（元）", 10.0, Align::Right),
            ],
            rows,
            field: title.clone(),
        }));
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(
        "注：按各地申报指南逐条核对台账生成，结论仅供准备申报参考，以主管部门审核为准；未经原文确认的条件不影响结论。".into(),
    ));
    Document {
        meta: DocMeta::dated(&title, r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the radar with the embedded fonts.
pub fn radar_pdf(r: &RadarReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| radar_document(r), progress)?)
}
