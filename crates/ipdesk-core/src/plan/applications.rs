//! The 与专利布局计划相对应的专利申请清单: every planned filing with the
//! ledger applications linked to it, as they are in the ledger now, as a PDF
//! or a spreadsheet; the weighted count at the foot.

use std::path::Path;

use chrono::NaiveDate;

use super::report::{branch_name, period, PlanReport, MISSING, WEIGHT_NOTE};
use super::{LinkedApplication, PlanDetail, PlanItem};
use crate::error::Result;
use crate::ledger::Route;
use crate::pdf::{
    render_staged, Align, Block, Column, Cover, DocMeta, Document, Orientation, Progress, Table,
};
use crate::sheet::{date_cell, text_cell, write_table, Cell, ExportFormat};
use crate::store::Store;

impl Store {
    /// Writes the application list of plan `id` to `out` (.xlsx or .csv),
    /// one row per linked application (an item not filed yet has one row
    /// without a number), the weighted count in a last row. Returns the
    /// number of rows above that foot.
    pub fn export_plan_applications(
        &self,
        id: i64,
        today: NaiveDate,
        format: ExportFormat,
        out: &Path,
    ) -> Result<usize> {
        self.refuse_own_files(out)?;
        let r = self.plan_report(id, today)?;
        let mut rows: Vec<Vec<Cell>> = application_rows(&r.detail)
            .into_iter()
            .map(|a| {
                let i = a.item;
                let l = a.link;
                vec![
                    Cell::Number(a.n as f64),
                    text_cell(&i.data.topic),
                    text_cell(&a.branch),
                    text_cell(i.data.kind.label()),
                    text_cell(i.data.route.label()),
                    text_cell(&i.data.jurisdictions.join("、")),
                    date_cell(i.data.planned_date),
                    text_cell(i.data.status.label()),
                    text_cell(l.map_or("", |l| l.app_no.as_str())),
                    date_cell(l.and_then(|l| l.filing_date)),
                    text_cell(l.and_then(|l| l.kind).map_or("", |k| k.label())),
                    text_cell(l.and_then(|l| l.route).map_or("", Route::label)),
                    text_cell(l.map_or("", |l| l.jurisdiction.as_str())),
                    text_cell(&a.status),
                    if a.first {
                        Cell::Number(i.data.weight().into())
                    } else {
                        Cell::Empty
                    },
                ]
            })
            .collect();
        let n = rows.len();
        let p = &r.detail.progress;
        let mut foot = vec![Cell::Empty; SHEET_HEADERS.len()];
        foot[1] = text_cell(&format!(
            "合计：加权计划 {} 件，加权已申请 {} 件，目标 {} 件（国际发明专利布局 1 件算作 2 件）",
            p.weighted_planned, p.weighted_filed, p.target
        ));
        foot[SHEET_HEADERS.len() - 1] = Cell::Number(p.weighted_filed.into());
        rows.push(foot);
        write_table(out, format, "专利申请清单", SHEET_HEADERS, &rows)?;
        Ok(n)
    }
}

const SHEET_HEADERS: &[&str] = &[
    "序号",
    "技术主题",
    "技术分支",
    "计划类型",
    "计划途径",
    "目标国家/地区",
    "计划申请日",
    "布局状态",
    "申请号",
    "申请日",
    "专利类型",
    "申请途径",
    "国家/地区",
    "法律状态",
    "计入件数",
];

/// One line of the application list: an item with one of its links (or
/// none when it is not filed yet).
struct AppRow<'a> {
    n: usize,
    first: bool,
    item: &'a PlanItem,
    branch: String,
    link: Option<&'a LinkedApplication>,
    /// The ledger's legal status now, 「台账中已删除」, or 「未申请」.
    status: String,
}

fn application_rows(d: &PlanDetail) -> Vec<AppRow<'_>> {
    let mut out = Vec::new();
    for (n, item) in d.items.iter().enumerate() {
        let branch = branch_name(d, item);
        if item.links.is_empty() {
            out.push(AppRow {
                n: n + 1,
                first: true,
                item,
                branch,
                link: None,
                status: "未申请".into(),
            });
            continue;
        }
        for (k, l) in item.links.iter().enumerate() {
            out.push(AppRow {
                n: n + 1,
                first: k == 0,
                item,
                branch: branch.clone(),
                link: Some(l),
                status: if l.missing {
                    MISSING.into()
                } else {
                    l.status.map(|s| s.label().to_string()).unwrap_or_default()
                },
            });
        }
    }
    out
}

/// Builds the 与专利布局计划相对应的专利申请清单: every item with its
/// linked applications as the ledger has them now, the weighted count at
/// the foot.
pub fn plan_applications_document(r: &PlanReport) -> Document {
    let d = &r.detail;
    let p = &d.plan.data;
    let name = r.company.display_name();
    let title = "与专利布局计划相对应的专利申请清单";
    let rows: Vec<Vec<String>> = application_rows(d)
        .into_iter()
        .map(|a| {
            let l = a.link;
            vec![
                if a.first {
                    a.n.to_string()
                } else {
                    String::new()
                },
                if a.first {
                    a.item.data.topic.clone()
                } else {
                    String::new()
                },
                if a.first {
                    format!(
                        "{}／{}",
                        a.item.data.kind.label(),
                        a.item.data.route.label()
                    )
                } else {
                    String::new()
                },
                l.map(|l| l.app_no.clone()).unwrap_or_default(),
                l.and_then(|l| l.filing_date)
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                l.and_then(|l| l.kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or_default(),
                l.and_then(|l| l.route)
                    .map(|k| k.label().to_string())
                    .unwrap_or_default(),
                l.map(|l| l.jurisdiction.clone())
                    .unwrap_or_else(|| a.item.data.jurisdictions.join("、")),
                a.status,
                if a.first {
                    a.item.data.weight().to_string()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let pr = &d.progress;
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.into(),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("计划名称".into(), p.name.clone()),
            ("关键核心技术".into(), p.technology.clone()),
            ("计划期间".into(), period(d)),
            ("打印日期".into(), r.today.to_string()),
        ]),
        Block::Spacer(3.0),
    ];
    if rows.is_empty() {
        blocks.push(Block::Paragraph("本计划尚无布局项目。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.5, Align::Center),
                Column::new("技术主题", 20.0, Align::Left),
                Column::new("计划类型／途径", 12.0, Align::Center),
                Column::new("申请号", 14.0, Align::Left),
                Column::new("申请日", 9.0, Align::Center),
                Column::new("专利类型", 7.0, Align::Center),
                Column::new("申请途径", 7.5, Align::Center),
                Column::new("国家/地区", 7.0, Align::Center),
                Column::new("法律状态", 9.5, Align::Center),
                Column::new("计入件数", 6.0, Align::Center),
            ],
            rows,
            field: "专利申请清单".into(),
        }));
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::KeyValues(vec![
        (
            "计划布局".into(),
            format!(
                "{} 项，已申请 {} 项，已授权 {} 项",
                pr.planned, pr.filed, pr.granted
            ),
        ),
        ("加权计划件数".into(), format!("{} 件", pr.weighted_planned)),
        (
            "加权已申请件数".into(),
            format!(
                "{} 件（目标 {} 件，{}）",
                pr.weighted_filed,
                pr.target,
                if pr.target_met {
                    "已达到"
                } else {
                    "未达到"
                }
            ),
        ),
    ]));
    blocks.push(Block::Paragraph(format!(
        "说明：{WEIGHT_NOTE}法律状态取自专利台账，截至 {}；「{MISSING}」表示关联的申请已从台账中删除，申请号为关联时的记录。",
        r.today
    )));
    Document {
        meta: DocMeta::dated(title, r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 专利申请清单"),
        cover: Some(Cover {
            title: title.into(),
            subtitle: Some(p.name.clone()),
            lines: vec![
                ("编制单位".into(), name),
                ("统一社会信用代码".into(), r.company.uscc.clone()),
                ("关键核心技术".into(), p.technology.clone()),
                ("加权已申请件数".into(), format!("{} 件", pr.weighted_filed)),
                ("打印日期".into(), r.today.to_string()),
            ],
        }),
        toc: false,
        blocks,
    }
}

/// Renders the 与专利布局计划相对应的专利申请清单 with the embedded fonts.
pub fn plan_applications_pdf(
    r: &PlanReport,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>> {
    Ok(render_staged(|| plan_applications_document(r), progress)?)
}
