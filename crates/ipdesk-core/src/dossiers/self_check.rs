//! A program's check printed as the officer hands it round before writing a
//! dossier: the **申报条件自评表** — the program and its source, each
//! criterion with what is required, what the ledger holds, the verdict and
//! the records behind it, the tiers, the subsidy estimate, and lines to sign.

use chrono::NaiveDate;

use super::check::{CriterionResult, ProgramCheck, Verdict};
use crate::company::Company;
use crate::error::Result;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::store::Store;

/// Everything the 自评表 prints, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfCheckReport {
    pub company: Company,
    pub check: ProgramCheck,
}

/// Rows of proof printed under one criterion before 「另有 N 条」.
const PROOF_ROWS: usize = 8;

impl Store {
    /// Program `id` checked for `year` on `day` (the application date: it
    /// picks the rule version), with the company, for [`self_check_pdf`].
    /// Errors: as [`Store::check_program`].
    pub fn self_check_report(
        &self,
        id: &str,
        year: i32,
        day: NaiveDate,
    ) -> Result<SelfCheckReport> {
        Ok(SelfCheckReport {
            company: self.company()?,
            check: self.check_program(id, year, day)?,
        })
    }
}

/// 现有: the count or amount found, as the criterion measures it.
fn actual(c: &CriterionResult) -> String {
    if let Some(b) = c.scale.iter().find(|b| b.reached) {
        return format!("{}（{}）", b.label, b.points);
    }
    c.actual.map(|a| a.to_string()).unwrap_or_default()
}

/// 依据与说明: the records behind the verdict, then what is missing.
fn basis(c: &CriterionResult) -> String {
    let mut lines: Vec<String> = c
        .rows
        .iter()
        .take(PROOF_ROWS)
        .map(|r| {
            [r.kind.as_str(), r.number.as_str(), r.title.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let more = c.rows.len().saturating_sub(PROOF_ROWS) + c.more_rows as usize;
    if more > 0 {
        lines.push(format!("另有 {more} 条"));
    }
    if let Some(m) = c.missing.as_deref().filter(|m| !m.is_empty()) {
        lines.push(m.to_string());
    }
    lines.join("\n")
}

/// Builds the 自评表: a portrait form with the program, the conclusion and
/// one row per criterion that applies.
pub fn self_check_document(r: &SelfCheckReport) -> Document {
    let c = &r.check;
    let p = &c.program;
    let name = r.company.display_name();
    let title = format!("{}申报条件自评表", p.name);
    let conclusion = match &c.tier {
        Some(t) => format!("{t}：{}", c.status.label()),
        None => c.status.label().to_string(),
    };
    let version = match (c.version_from, c.version_to) {
        (None, None) => "现行".to_string(),
        (a, b) => format!(
            "{} 至 {}",
            a.map_or("—".into(), |d| d.to_string()),
            b.map_or("今".into(), |d| d.to_string())
        ),
    };
    let mut facts = vec![
        ("申报单位".into(), name.clone()),
        ("统一社会信用代码".into(), r.company.uscc.clone()),
        ("申报项目".into(), p.name.clone()),
        ("主管部门".into(), p.issuer.clone()),
        (
            "依据".into(),
            format!("《{}》{}", p.source.document, p.source.section),
        ),
        ("申报年度".into(), format!("{} 年度", c.year)),
        ("核对日（申报日）".into(), c.today.to_string()),
        ("适用版本".into(), version),
        ("自评结论".into(), conclusion),
    ];
    if !c.short.is_empty() {
        facts.push(("尚未满足".into(), c.short.join("；")));
    }
    if !c.evidence_due.is_empty() {
        facts.push(("待提供材料".into(), c.evidence_due.join("；")));
    }
    if !c.subsidies.is_empty() {
        facts.push((
            "预计资助".into(),
            format!("{} 元（估算）", c.subsidy_total.grouped()),
        ));
    }
    let applies: Vec<&CriterionResult> = c
        .criteria
        .iter()
        .filter(|x| !matches!(x.verdict, Verdict::NotApplicable))
        .collect();
    let rows = applies
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut text = x.text.clone();
            if let Some(t) = &x.tier {
                text = format!("【{t}】{text}");
            }
            if x.bonus || x.scored {
                text.push_str("（加分项）");
            }
            if !x.confirmed {
                text.push('※');
            }
            vec![
                (i + 1).to_string(),
                text,
                x.required.clone(),
                actual(x),
                x.verdict.label().to_string(),
                basis(x),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.clone(),
        },
        Block::KeyValues(facts),
        Block::Spacer(3.0),
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("申报条件", 24.0, Align::Left),
                Column::new("要求", 12.0, Align::Left),
                Column::new("现有", 8.0, Align::Center),
                Column::new("自评", 8.0, Align::Center),
                Column::new("依据与说明", 28.0, Align::Left),
            ],
            rows,
            field: title.clone(),
        }),
    ];
    if !c.tiers.is_empty() {
        blocks.push(Block::Heading {
            level: 3,
            text: "各层级情况".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("层级", 10.0, Align::Left),
                Column::new("结论", 6.0, Align::Center),
                Column::new("尚未满足", 30.0, Align::Left),
            ],
            rows: c
                .tiers
                .iter()
                .map(|t| vec![t.name.clone(), t.status.label().into(), t.short.join("；")])
                .collect(),
            field: "各层级情况".into(),
        }));
    }
    if !c.subsidies.is_empty() {
        blocks.push(Block::Heading {
            level: 3,
            text: "资助估算".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("资助标准", 30.0, Align::Left),
                Column::new("条数", 5.0, Align::Center),
                Column::new("金额（元）", 10.0, Align::Right),
            ],
            rows: c
                .subsidies
                .iter()
                .map(|s| vec![s.text.clone(), s.lines.len().to_string(), s.total.grouped()])
                .collect(),
            field: "资助估算".into(),
        }));
    }
    let mut note = format!(
        "注：本表由台账数据按《{}》逐条核对生成，结论以主管部门审核为准。",
        p.source.document
    );
    if applies.iter().any(|x| !x.confirmed) {
        note.push_str("标注※的条件依据尚未经原文确认，仅供参考，不影响自评结论。");
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(note));
    blocks.push(Block::Spacer(6.0));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("填表人（签字）", 1.0, Align::Center),
            Column::new("审核人（签字）", 1.0, Align::Center),
            Column::new("单位（盖章）", 1.0, Align::Center),
        ],
        rows: vec![vec!["\n\n\n".into(), "\n\n\n".into(), "\n\n\n".into()]],
        field: "签字栏".into(),
    }));
    Document {
        meta: DocMeta::dated(&title, r.company.author(), c.today),
        orientation: Orientation::Portrait,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the 自评表 with the embedded fonts.
pub fn self_check_pdf(r: &SelfCheckReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| self_check_document(r), progress)?)
}
