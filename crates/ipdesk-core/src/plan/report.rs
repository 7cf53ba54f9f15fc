//! A plan's two documents: the **专利布局计划** (the plan with its items,
//! progress, coverage and attached reports) and the **与专利布局计划相对应的
//! 专利申请清单** (the applications filed against it, as PDF or spreadsheet;
//! built in `applications`). Data is gathered from the store first
//! ([`Store::plan_report`]) so the caller can release the store while the
//! PDF renders.

use chrono::NaiveDate;

use super::{PlanDetail, PlanItem};
use crate::company::Company;
use crate::error::Result;
use crate::pdf::{
    render_staged, Align, Block, Column, Cover, DocMeta, Document, Orientation, Progress, Table,
};
use crate::records::{ProductData, Stored};
use crate::store::Store;

/// Everything both plan documents print, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanReport {
    pub company: Company,
    pub today: NaiveDate,
    pub detail: PlanDetail,
    /// Names of the ledger products the plan serves.
    pub products: Vec<String>,
}

/// Shown in place of a legal status for a link whose patent was deleted.
pub(super) const MISSING: &str = "台账中已删除";

/// The weighting rule and where it comes from, printed under both documents.
pub(super) const WEIGHT_NOTE: &str = "加权件数按衡阳市 2023 年知识产权项目申报指南计算：高质量高价值发明专利布局中，国际发明专利布局（PCT 或巴黎公约途径，或目标国家/地区含中国以外）1 件算作 2 件，国内发明专利 1 件算作 1 件，实用新型和外观设计不计入。";

impl Store {
    /// The plan, its items and progress, the company and the products'
    /// names, for [`plan_pdf`], [`super::plan_applications_pdf`] and
    /// [`Store::export_plan_applications`].
    pub fn plan_report(&self, id: i64, today: NaiveDate) -> Result<PlanReport> {
        let detail = self.plan_detail(id, today)?;
        let wanted = &detail.plan.data.product_ids;
        let products = self
            .list_records::<ProductData>()?
            .into_iter()
            .filter(|p: &Stored<ProductData>| wanted.contains(&p.id))
            .map(|p| p.data.name)
            .collect();
        Ok(PlanReport {
            company: self.company()?,
            today,
            detail,
            products,
        })
    }
}

pub(super) fn branch_name(d: &PlanDetail, i: &PlanItem) -> String {
    i.data
        .branch_id
        .and_then(|b| d.branches.iter().find(|x| x.id == b))
        .map(|b| b.name.clone())
        .unwrap_or_default()
}

pub(super) fn period(d: &PlanDetail) -> String {
    let p = &d.plan.data;
    match (p.start_date, p.end_date) {
        (None, None) => "未定".into(),
        (a, b) => format!(
            "{} 至 {}",
            a.map_or("—".into(), |x| x.to_string()),
            b.map_or("—".into(), |x| x.to_string())
        ),
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// A linked number as printed: the number, marked when the ledger lost it.
fn link_text(i: &PlanItem) -> String {
    i.links
        .iter()
        .map(|l| {
            if l.missing {
                format!("{}（{MISSING}）", l.app_no)
            } else {
                l.app_no.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn progress_lines(d: &PlanDetail) -> Vec<(String, String)> {
    let p = &d.progress;
    vec![
        ("计划布局".into(), format!("{} 项", p.planned)),
        ("已申请（已关联台账）".into(), format!("{} 项", p.filed)),
        ("已授权".into(), format!("{} 项", p.granted)),
        ("加权计划件数".into(), format!("{} 件", p.weighted_planned)),
        ("加权已申请件数".into(), format!("{} 件", p.weighted_filed)),
        ("目标件数".into(), format!("{} 件", p.target)),
        (
            "是否达到目标".into(),
            if p.target_met {
                "已达到".into()
            } else {
                format!(
                    "未达到（尚差 {} 件）",
                    p.target.saturating_sub(p.weighted_filed)
                )
            },
        ),
        ("逾期未申请".into(), format!("{} 项", p.overdue.len())),
    ]
}

/// Builds the 专利布局计划: a cover, contents, the plan summary, branches,
/// the items, progress, the coverage matrix and the attached reports.
pub fn plan_document(r: &PlanReport) -> Document {
    let d = &r.detail;
    let p = &d.plan.data;
    let name = r.company.display_name();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: "一、计划概况".into(),
        },
        Block::KeyValues(vec![
            ("计划名称".into(), p.name.clone()),
            ("关键核心技术".into(), p.technology.clone()),
            ("产业链".into(), or_dash(&p.industry_chain)),
            ("计划期间".into(), period(d)),
            ("目标件数（加权）".into(), format!("{} 件", p.target)),
            ("检索分析机构".into(), or_dash(&p.analysis_agency)),
            ("申请代理机构".into(), or_dash(&p.filing_agency)),
            ("计划状态".into(), p.status.label().into()),
            ("服务产品".into(), or_dash(&r.products.join("、"))),
            ("备注".into(), or_dash(&p.notes)),
        ]),
        Block::Heading {
            level: 1,
            text: "二、技术分支".into(),
        },
    ];
    if d.branches.is_empty() {
        blocks.push(Block::Paragraph("本计划未划分技术分支。".into()));
    } else {
        let rows = d
            .branches
            .iter()
            .enumerate()
            .map(|(n, b)| {
                let of = |i: &&PlanItem| i.data.branch_id == Some(b.id);
                vec![
                    (n + 1).to_string(),
                    b.name.clone(),
                    d.items.iter().filter(of).count().to_string(),
                    d.items
                        .iter()
                        .filter(of)
                        .filter(|i| i.links.iter().any(|l| !l.missing))
                        .count()
                        .to_string(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 5.0, Align::Center),
                Column::new("技术分支", 30.0, Align::Left),
                Column::new("计划项数", 8.0, Align::Center),
                Column::new("已申请项数", 8.0, Align::Center),
            ],
            rows,
            field: "技术分支".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "三、布局明细".into(),
    });
    if d.items.is_empty() {
        blocks.push(Block::Paragraph("本计划尚无布局项目。".into()));
    } else {
        let rows = d
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                vec![
                    (n + 1).to_string(),
                    i.data.topic.clone(),
                    branch_name(d, i),
                    i.data.kind.label().into(),
                    i.data.route.label().into(),
                    i.data.jurisdictions.join("、"),
                    i.data
                        .planned_date
                        .map(|x| x.to_string())
                        .unwrap_or_default(),
                    i.data.status.label().into(),
                    i.data.weight().to_string(),
                    link_text(i),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.5, Align::Center),
                Column::new("技术主题", 22.0, Align::Left),
                Column::new("技术分支", 10.0, Align::Left),
                Column::new("类型", 7.0, Align::Center),
                Column::new("途径", 7.5, Align::Center),
                Column::new("国家/地区", 8.0, Align::Center),
                Column::new("计划申请日", 9.5, Align::Center),
                Column::new("状态", 6.5, Align::Center),
                Column::new("计入", 4.5, Align::Center),
                Column::new("关联申请号", 18.0, Align::Left),
            ],
            rows,
            field: "布局明细".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "四、进度".into(),
    });
    blocks.push(Block::KeyValues(progress_lines(d)));
    let overdue: Vec<Vec<String>> = d
        .items
        .iter()
        .filter(|i| d.progress.overdue.contains(&i.id))
        .map(|i| {
            vec![
                i.data.topic.clone(),
                i.data
                    .planned_date
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                i.data.status.label().into(),
            ]
        })
        .collect();
    if !overdue.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "逾期未申请的布局".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("技术主题", 30.0, Align::Left),
                Column::new("计划申请日", 10.0, Align::Center),
                Column::new("状态", 8.0, Align::Center),
            ],
            rows: overdue,
            field: "逾期未申请".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "五、覆盖矩阵".into(),
    });
    blocks.extend(coverage_blocks(d));
    blocks.push(Block::Heading {
        level: 1,
        text: "六、分析报告".into(),
    });
    if d.attachments.is_empty() {
        blocks.push(Block::Paragraph("本计划尚未附分析报告。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("文件名", 16.0, Align::Left),
                Column::new("标签", 10.0, Align::Left),
                Column::new("SHA-256", 30.0, Align::Left),
            ],
            rows: d
                .attachments
                .iter()
                .map(|a| {
                    vec![
                        a.attachment.file_name.clone(),
                        a.label.clone(),
                        a.attachment.sha256.clone(),
                    ]
                })
                .collect(),
            field: "分析报告".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "说明".into(),
    });
    blocks.push(Block::Paragraph(format!(
        "{WEIGHT_NOTE}「已申请」指已关联台账中申请的布局项目；覆盖矩阵中「计划/已申请」按目标国家/地区计数。进度截至 {}。",
        r.today
    )));
    Document {
        meta: DocMeta::dated("专利布局计划", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 专利布局计划"),
        cover: Some(Cover {
            title: "专利布局计划".into(),
            subtitle: Some(p.name.clone()),
            lines: vec![
                ("编制单位".into(), name),
                ("统一社会信用代码".into(), r.company.uscc.clone()),
                ("关键核心技术".into(), p.technology.clone()),
                ("计划期间".into(), period(d)),
                ("打印日期".into(), r.today.to_string()),
            ],
        }),
        toc: true,
        blocks,
    }
}

/// Branch × jurisdiction, each cell 「计划/已申请」; CN first.
fn coverage_blocks(d: &PlanDetail) -> Vec<Block> {
    let cells = &d.progress.coverage;
    if cells.is_empty() {
        return vec![Block::Paragraph("尚无布局项目。".into())];
    }
    let mut juris: Vec<&str> = Vec::new();
    let mut branches: Vec<&str> = Vec::new();
    for c in cells {
        if !juris.contains(&c.jurisdiction.as_str()) {
            juris.push(&c.jurisdiction);
        }
        if !branches.contains(&c.branch.as_str()) {
            branches.push(&c.branch);
        }
    }
    juris.sort_by_key(|j| (*j != "CN", *j));
    let mut columns = vec![Column::new("技术分支", 20.0, Align::Left)];
    columns.extend(juris.iter().map(|j| Column::new(j, 7.0, Align::Center)));
    let rows = branches
        .iter()
        .map(|b| {
            let mut row = vec![if b.is_empty() {
                "（未分支）".to_string()
            } else {
                b.to_string()
            }];
            row.extend(juris.iter().map(|j| {
                cells
                    .iter()
                    .find(|c| c.branch == *b && c.jurisdiction == *j)
                    .map(|c| format!("{}/{}", c.planned, c.filed))
                    .unwrap_or_else(|| "—".into())
            }));
            row
        })
        .collect();
    vec![
        Block::Paragraph("各格为「计划项数/已申请项数」。".into()),
        Block::Table(Table {
            columns,
            rows,
            field: "覆盖矩阵".into(),
        }),
    ]
}

/// Renders the 专利布局计划 with the embedded fonts.
pub fn plan_pdf(r: &PlanReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| plan_document(r), progress)?)
}
