//! The **专利布局计划一览表**: every plan with its technology, period,
//! target and progress — the 布局计划 page on paper.

use chrono::NaiveDate;

use super::report::WEIGHT_NOTE;
use super::PlanSummary;
use crate::company::Company;
use crate::error::Result;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::store::Store;

/// Everything the plan list prints, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct PlansReport {
    pub company: Company,
    pub today: NaiveDate,
    pub plans: Vec<PlanSummary>,
}

impl Store {
    /// Every plan with its progress on `today`, for [`plans_pdf`].
    pub fn plans_report(&self, today: NaiveDate) -> Result<PlansReport> {
        Ok(PlansReport {
            company: self.company()?,
            today,
            plans: self.plan_summaries(today)?,
        })
    }
}

/// Builds the plan list: title, company and totals, one row per plan.
pub fn plans_document(r: &PlansReport) -> Document {
    let name = r.company.display_name();
    let met = r.plans.iter().filter(|p| p.progress.target_met).count();
    let rows = r
        .plans
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let p = &s.plan.data;
            let g = &s.progress;
            let period = match (p.start_date, p.end_date) {
                (None, None) => "未定".to_string(),
                (a, b) => format!(
                    "{} 至 {}",
                    a.map_or("—".into(), |x| x.to_string()),
                    b.map_or("—".into(), |x| x.to_string())
                ),
            };
            vec![
                (n + 1).to_string(),
                p.name.clone(),
                p.technology.clone(),
                period,
                p.status.label().into(),
                format!("{} / {} / {}", g.planned, g.filed, g.granted),
                format!("{} / {}", g.weighted_filed, g.target),
                if g.target_met {
                    "已达到".into()
                } else {
                    format!("尚差 {} 件", g.target.saturating_sub(g.weighted_filed))
                },
                g.overdue.len().to_string(),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("{name}专利布局计划一览表"),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("统一社会信用代码".into(), r.company.uscc.clone()),
            ("打印日期".into(), r.today.to_string()),
            (
                "统计".into(),
                format!("共 {} 项计划，{met} 项已达到目标件数。", r.plans.len()),
            ),
        ]),
        Block::Spacer(3.0),
    ];
    if r.plans.is_empty() {
        blocks.push(Block::Paragraph("尚未制定专利布局计划。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("计划名称", 18.0, Align::Left),
                Column::new("关键核心技术", 16.0, Align::Left),
                Column::new("计划期间", 12.0, Align::Center),
                Column::new("状态", 6.0, Align::Center),
                Column::new("计划/已申请/已授权（项）", 11.0, Align::Center),
                Column::new("加权已申请/目标（件）", 10.0, Align::Center),
                Column::new("目标", 8.0, Align::Center),
                Column::new("逾期未申请（项）", 8.0, Align::Center),
            ],
            rows,
            field: "专利布局计划一览表".into(),
        }));
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(format!("注：{WEIGHT_NOTE}")));
    Document {
        meta: DocMeta::dated("专利布局计划一览表", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 专利布局计划一览表"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the plan list with the embedded fonts.
pub fn plans_pdf(r: &PlansReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| plans_document(r), progress)?)
}
