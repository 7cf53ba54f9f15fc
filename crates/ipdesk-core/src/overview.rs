//! The **知识产权工作概况**: the home page on paper — what is in force, what
//! falls due, what is late, and where each of the four case files stands
//! (active layout plans, lead deadlines, programs to apply for). An officer
//! hands it to management once a month.
//!
//! It reads every case file, so it sits outside them: it names only the
//! crate's root exports and the PDF engine, and nothing in the core uses it
//! (`tests/it/layout.rs`).

use chrono::{Datelike, NaiveDate};

use crate::pdf::{render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress};
use crate::{
    Company, Dashboard, LeadDeadline, Money, PlanStatus, PlanSummary, RadarRow, RadarStatus,
    Result, Store,
};

/// Lead deadlines the overview lists: due within this many days, or late.
pub const OVERVIEW_LEAD_DAYS: u32 = 30;

/// Everything the overview prints, gathered from the store.
#[derive(Debug, Clone)]
pub struct Overview {
    pub company: Company,
    pub today: NaiveDate,
    pub dashboard: Dashboard,
    /// Plans being carried out (状态 执行中).
    pub plans: Vec<PlanSummary>,
    pub lead_deadlines: Vec<LeadDeadline>,
    /// This year's programs that qualify or are one gate short.
    pub radar: Vec<RadarRow>,
}

impl Store {
    /// The home page's figures as of `today`, for [`overview_pdf`].
    pub fn overview(&self, today: NaiveDate) -> Result<Overview> {
        Ok(Overview {
            company: self.company()?,
            today,
            dashboard: self.dashboard(today)?,
            plans: self
                .plan_summaries(today)?
                .into_iter()
                .filter(|p| p.plan.data.status == PlanStatus::Active)
                .collect(),
            lead_deadlines: self.lead_deadlines(today, OVERVIEW_LEAD_DAYS)?,
            radar: self
                .program_radar(today.year(), today)?
                .into_iter()
                .filter(|r| r.status != RadarStatus::Not)
                .collect(),
        })
    }
}

fn yuan(m: Money) -> String {
    format!("{} 元", m.grouped())
}

/// A heading and its table; nothing when there are no rows, unless `none`
/// says in a line what an empty section means.
fn section(
    blocks: &mut Vec<Block>,
    heading: &str,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    none: Option<&str>,
) {
    if rows.is_empty() && none.is_none() {
        return;
    }
    blocks.push(Block::Heading {
        level: 2,
        text: heading.into(),
    });
    match none {
        Some(line) if rows.is_empty() => blocks.push(Block::Paragraph(line.into())),
        _ => blocks.push(Block::Table(crate::pdf::Table {
            columns,
            rows,
            field: heading.into(),
        })),
    }
}

/// Builds the overview: the figures, then one section per case file.
pub fn overview_document(r: &Overview) -> Document {
    let d = &r.dashboard;
    let name = r.company.display_name();
    let title = "知识产权工作概况";
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("{name}{title}"),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("统计日".into(), r.today.to_string()),
            (
                "有效专利（中国）".into(),
                format!(
                    "发明 {} 件，实用新型 {} 件，外观设计 {} 件",
                    d.valid_inventions, d.valid_utility_models, d.valid_designs
                ),
            ),
            (
                "高价值发明专利".into(),
                format!(
                    "{} 件（维持年限超过 7 年的有效发明 {} 件）",
                    d.high_value_inventions, d.over_seven_years
                ),
            ),
            ("国外有效专利".into(), format!("{} 件", d.foreign_valid)),
            ("在审申请".into(), format!("{} 件", d.pending)),
            ("注册商标".into(), format!("{} 件", d.trademarks)),
            (
                "宽限期内年费".into(),
                format!(
                    "{} 笔，今日缴纳合计 {}（含滞纳金）",
                    d.in_grace_count,
                    yuan(d.in_grace_total)
                ),
            ),
            ("逾期未缴（可能已终止）".into(), format!("{} 件", d.lapsed)),
        ]),
    ];
    section(
        &mut blocks,
        "年费到期",
        vec![
            Column::new("期限", 10.0, Align::Left),
            Column::new("笔数", 6.0, Align::Right),
            Column::new("应缴（元）", 10.0, Align::Right),
        ],
        d.due
            .iter()
            .map(|b| {
                vec![
                    format!("{} 天内到期", b.days),
                    b.count.to_string(),
                    b.payable.grouped(),
                ]
            })
            .collect(),
        None,
    );
    let mut notes = Vec::new();
    if d.dropped > 0 {
        notes.push(format!(
            "另有 {} 笔年费已决定放弃，不计入以上合计。",
            d.dropped
        ));
    }
    if !d.calendar_missing.is_empty() {
        notes.push(format!(
            "{} 年的节假日安排尚未录入，这些年份的期限未顺延，请核对。",
            d.calendar_missing
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    if !notes.is_empty() {
        blocks.push(Block::Paragraph(notes.join("\n")));
    }
    let grace_heading = if (d.in_grace_count as usize) > d.in_grace.len() {
        format!(
            "宽限期内的年费（共 {} 笔，列出宽限期最先届满的 {} 笔）",
            d.in_grace_count,
            d.in_grace.len()
        )
    } else {
        "宽限期内的年费".to_string()
    };
    section(
        &mut blocks,
        &grace_heading,
        vec![
            Column::new("申请号", 15.0, Align::Left),
            Column::new("专利名称", 18.0, Align::Left),
            Column::new("年度", 7.5, Align::Center),
            Column::new("缴费截止日", 9.0, Align::Center),
            Column::new("应缴（元）", 8.0, Align::Right),
            Column::new("今日滞纳金（元）", 9.0, Align::Right),
            Column::new("决定", 6.0, Align::Center),
        ],
        d.in_grace
            .iter()
            .map(|i| {
                vec![
                    i.app_no.clone(),
                    i.title.clone(),
                    format!("第 {} 年", i.year),
                    i.due_date.to_string(),
                    i.payable.grouped(),
                    i.late_fee.grouped(),
                    i.decision.map_or("未决定", |x| x.label()).into(),
                ]
            })
            .collect(),
        Some("无。"),
    );
    section(
        &mut blocks,
        "年费按到期月份（宽限期内及未来 12 个月）",
        vec![
            Column::new("月份", 8.0, Align::Center),
            Column::new("笔数", 6.0, Align::Right),
            Column::new("应缴（元）", 10.0, Align::Right),
            Column::new("滞纳金（元）", 10.0, Align::Right),
        ],
        d.fees_by_month
            .iter()
            .filter(|m| m.count > 0)
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.count.to_string(),
                    m.payable.grouped(),
                    m.late_fee.grouped(),
                ]
            })
            .collect(),
        Some("未来 12 个月没有到期的年费。"),
    );
    section(
        &mut blocks,
        "商标续展",
        vec![
            Column::new("状态", 8.0, Align::Center),
            Column::new("注册号", 10.0, Align::Left),
            Column::new("商标", 14.0, Align::Left),
            Column::new("类别", 8.0, Align::Left),
            Column::new("有效期至", 9.0, Align::Center),
            Column::new("宽展期至", 9.0, Align::Center),
        ],
        d.renewals
            .iter()
            .map(|x| {
                vec![
                    x.dates.state.label().into(),
                    x.reg_no.clone(),
                    x.mark.clone(),
                    x.classes
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join("、"),
                    x.dates.expiry.to_string(),
                    x.dates.grace_end.to_string(),
                ]
            })
            .collect(),
        None,
    );
    section(
        &mut blocks,
        "专利申请量（按申请年份）",
        vec![
            Column::new("申请年份", 8.0, Align::Center),
            Column::new("发明", 6.0, Align::Right),
            Column::new("实用新型", 6.0, Align::Right),
            Column::new("外观设计", 6.0, Align::Right),
        ],
        d.by_filing_year
            .iter()
            .filter(|y| y.invention + y.utility + y.design > 0)
            .map(|y| {
                vec![
                    y.year.to_string(),
                    y.invention.to_string(),
                    y.utility.to_string(),
                    y.design.to_string(),
                ]
            })
            .collect(),
        None,
    );
    section(
        &mut blocks,
        "高价值专利布局计划（执行中）",
        vec![
            Column::new("计划", 22.0, Align::Left),
            Column::new("计划项", 6.0, Align::Right),
            Column::new("已申请", 6.0, Align::Right),
            Column::new("已授权", 6.0, Align::Right),
            Column::new("加权已申请 / 目标", 10.0, Align::Center),
            Column::new("逾期未申请", 7.0, Align::Right),
        ],
        r.plans
            .iter()
            .map(|p| {
                let g = &p.progress;
                vec![
                    p.plan.data.name.clone(),
                    g.planned.to_string(),
                    g.filed.to_string(),
                    g.granted.to_string(),
                    format!(
                        "{} / {}{}",
                        g.weighted_filed,
                        g.target,
                        if g.target_met { "（已达成）" } else { "" }
                    ),
                    g.overdue.len().to_string(),
                ]
            })
            .collect(),
        None,
    );
    section(
        &mut blocks,
        &format!("侵权线索：{OVERVIEW_LEAD_DAYS} 天内到期或已逾期的措施"),
        vec![
            Column::new("期限", 9.0, Align::Center),
            Column::new("剩余", 8.0, Align::Center),
            Column::new("线索", 18.0, Align::Left),
            Column::new("措施", 8.0, Align::Left),
            Column::new("对象", 12.0, Align::Left),
        ],
        r.lead_deadlines
            .iter()
            .map(|x| {
                vec![
                    x.due_date.to_string(),
                    x.left(),
                    x.lead_title.clone(),
                    x.kind.label().into(),
                    x.counterpart.clone(),
                ]
            })
            .collect(),
        None,
    );
    section(
        &mut blocks,
        &format!("{} 年度可申报项目", r.today.year()),
        vec![
            Column::new("结论", 8.0, Align::Center),
            Column::new("申报项目", 22.0, Align::Left),
            Column::new("尚不满足的条件", 20.0, Align::Left),
            Column::new("预计补助（元）", 9.0, Align::Right),
        ],
        r.radar
            .iter()
            .map(|x| {
                vec![
                    match &x.tier {
                        Some(t) => format!("{t}：{}", x.status.label()),
                        None => x.status.label().into(),
                    },
                    x.name.clone(),
                    x.short.join("\n"),
                    x.subsidy_total.grouped(),
                ]
            })
            .collect(),
        None,
    );
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(
        "注：年费期限按官方规则与节假日安排计算；可申报项目按各地申报指南逐条核对台账得出，仅供参考，以主管部门审核为准。".into(),
    ));
    Document {
        meta: DocMeta::dated(title, r.company.author(), r.today),
        orientation: Orientation::Portrait,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the overview with the embedded fonts.
pub fn overview_pdf(r: &Overview, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| overview_document(r), progress)?)
}
