//! 专利台账 (the ledger) and 年费缴纳计划 (the annual-fee plan) as printable
//! documents. Data is gathered from the store first ([`Store::ledger_report`],
//! [`Store::annuity_report`]) so the caller can release the store while the
//! PDF renders.

use chrono::NaiveDate;

use super::*;
use crate::company::Company;
use crate::error::Result;
use crate::money::Money;
use crate::pdf::{
    render_staged, Align, Block, Column, Cover, DocMeta, Document, Orientation, Progress, Table,
};
use crate::rules::{PatentKind, Rules};
use crate::store::Store;

/// Everything the ledger PDF prints, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerReport {
    pub company: Company,
    pub today: NaiveDate,
    /// The filter in words, e.g. 「类型：发明；法律状态：授权/有效」.
    pub filter: String,
    pub rows: Vec<PatentRow>,
}

/// Everything the annual-fee plan prints.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnuityReport {
    pub company: Company,
    pub today: NaiveDate,
    pub months: u32,
    pub forecast: Forecast,
}

impl Store {
    /// The rows of the current filter (all pages) for the ledger PDF.
    pub fn ledger_report(&self, query: &PatentQuery, today: NaiveDate) -> Result<LedgerReport> {
        let all = PatentQuery {
            offset: 0,
            limit: 0,
            ..query.clone()
        };
        Ok(LedgerReport {
            company: self.company()?,
            today,
            filter: describe_filter(query),
            rows: self.list_patents(&all, today)?.items,
        })
    }

    pub fn annuity_report(&self, months: u32, today: NaiveDate) -> Result<AnnuityReport> {
        Ok(AnnuityReport {
            company: self.company()?,
            today,
            months,
            forecast: self.forecast(today, months)?,
        })
    }
}

fn describe_filter(q: &PatentQuery) -> String {
    let mut parts = Vec::new();
    if !q.text.trim().is_empty() {
        parts.push(format!("关键词：{}", q.text.trim()));
    }
    if q.grant_date_missing {
        parts.push("授权日待补".to_string());
    }
    if let Some(k) = q.kind {
        parts.push(format!("类型：{}", k.label()));
    }
    if let Some(s) = q.status {
        parts.push(format!("法律状态：{}", s.label()));
    }
    if let Some(j) = q.jurisdiction.as_deref().filter(|j| !j.is_empty()) {
        parts.push(format!("国家/地区：{j}"));
    }
    if q.high_value == Some(true) {
        parts.push("仅高价值发明".into());
    }
    if let Some(d) = q.fee_due_within_days {
        parts.push(format!("{d} 天内缴费"));
    }
    if let Some(t) = q.tag.as_deref().filter(|t| !t.is_empty()) {
        parts.push(format!("标签：{t}"));
    }
    if parts.is_empty() {
        "全部专利".into()
    } else {
        parts.join("；")
    }
}

/// `1,289,770.00`: amounts on paper get thousands separators.
fn yuan(m: Money) -> String {
    m.grouped()
}

/// Builds the ledger document: a title, the company and print date, summary
/// counts, then one landscape table of the filtered patents.
pub fn ledger_document(r: &LedgerReport) -> Document {
    let count = |kind: PatentKind| r.rows.iter().filter(|p| p.patent.data.kind == kind).count();
    let valid = |kind: PatentKind| {
        r.rows
            .iter()
            .filter(|p| p.patent.data.kind == kind && p.patent.data.status == LegalStatus::Granted)
            .count()
    };
    let summary = format!(
        "共 {} 件：发明 {} 件（有效 {} 件），实用新型 {} 件（有效 {} 件），外观设计 {} 件（有效 {} 件）；高价值发明 {} 件。",
        r.rows.len(),
        count(PatentKind::Invention),
        valid(PatentKind::Invention),
        count(PatentKind::Utility),
        valid(PatentKind::Utility),
        count(PatentKind::Design),
        valid(PatentKind::Design),
        r.rows.iter().filter(|p| p.high_value).count(),
    );
    let rows = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let d = &p.patent.data;
            vec![
                (i + 1).to_string(),
                p.display_app_no.clone(),
                d.title.clone(),
                d.kind.label().into(),
                d.filing_date.map(|x| x.to_string()).unwrap_or_default(),
                d.grant_date.map(|x| x.to_string()).unwrap_or_default(),
                d.status.label().into(),
                d.applicants.join("；"),
                p.fees_paid_to
                    .map(|y| format!("第 {y} 年"))
                    .unwrap_or_default(),
                p.next_fee_due.map(|x| x.to_string()).unwrap_or_default(),
                if p.high_value {
                    "是".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let name = r.company.display_name();
    Document {
        meta: DocMeta::dated("专利台账", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 专利台账"),
        cover: None,
        toc: false,
        blocks: vec![
            Block::Heading { level: 1, text: format!("{name}专利台账") },
            Block::KeyValues(vec![
                ("编制单位".into(), name.clone()),
                ("统一社会信用代码".into(), r.company.uscc.clone()),
                ("筛选条件".into(), r.filter.clone()),
                ("打印日期".into(), r.today.to_string()),
                ("统计".into(), summary),
            ]),
            Block::Spacer(3.0),
            Block::Table(Table {
                columns: vec![
                    Column::new("序号", 5.0, Align::Center),
                    Column::new("申请号", 12.5, Align::Left),
                    Column::new("专利名称", 24.0, Align::Left),
                    Column::new("类型", 7.5, Align::Center),
                    Column::new("申请日", 9.0, Align::Center),
                    Column::new("授权日", 9.0, Align::Center),
                    Column::new("法律状态", 8.5, Align::Center),
                    Column::new("专利权人", 14.5, Align::Left),
                    Column::new("年费缴至", 8.0, Align::Center),
                    Column::new("下次缴费日", 10.0, Align::Center),
                    Column::new("高价值", 6.5, Align::Center),
                ],
                rows,
                field: "专利台账".into(),
            }),
            Block::Spacer(3.0),
            Block::Paragraph(format!(
                "注：「年费缴至」「下次缴费日」依据申请日、授权日、已登记的缴费记录和国家知识产权局年费标准计算；高价值发明按国家知识产权局五类口径认定，截至 {}。",
                r.today
            )),
        ],
    }
}

/// Renders the ledger PDF with the embedded fonts.
pub fn ledger_pdf(r: &LedgerReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| ledger_document(r), progress)?)
}

/// Builds the annual-fee plan: a cover, contents, the fees in deadline order
/// with monthly subtotals, a monthly summary, lapsed fees, and the rules used.
pub fn annuity_document(r: &AnnuityReport) -> Document {
    let f = &r.forecast;
    let name = r.company.display_name();
    let money = yuan;
    let mut rows = Vec::new();
    let mut n = 0;
    for month in &f.months {
        for i in f
            .items
            .iter()
            .filter(|i| i.deadline.format("%Y-%m").to_string() == month.month)
        {
            n += 1;
            rows.push(vec![
                n.to_string(),
                i.deadline.to_string(),
                i.app_no.clone(),
                i.title.clone(),
                i.kind.label().into(),
                format!("第 {} 年", i.year),
                money(i.full),
                money(i.payable),
                if i.in_grace {
                    money(i.late_fee)
                } else {
                    String::new()
                },
                money(i.payable + i.late_fee),
                i.decision.map_or("", |d| d.label()).into(),
            ]);
        }
        rows.push(vec![
            String::new(),
            format!("{} 小计", month.month),
            format!("{} 项", month.count),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            money(month.payable),
            money(month.late_fee),
            money(month.payable + month.late_fee),
            String::new(),
        ]);
    }
    let total = f.total_payable + f.total_late_fee;
    let by_month = f
        .months
        .iter()
        .map(|m| {
            vec![
                m.month.clone(),
                m.count.to_string(),
                money(m.payable),
                money(m.late_fee),
                money(m.payable + m.late_fee),
            ]
        })
        .chain(std::iter::once(vec![
            "合计".into(),
            f.items.len().to_string(),
            money(f.total_payable),
            money(f.total_late_fee),
            money(total),
        ]))
        .collect();
    let lapsed: Vec<Vec<String>> = f
        .lapsed
        .iter()
        .map(|i| {
            let (closes, cost) = match &i.restoration {
                Some(r) => (
                    format!(
                        "{}{}",
                        r.closes,
                        if r.closes < f.from {
                            "（已过）"
                        } else if r.estimated {
                            "（估算）"
                        } else {
                            ""
                        }
                    ),
                    money(r.request_fee + r.annual_fee + r.late_fee),
                ),
                None => (String::new(), String::new()),
            };
            vec![
                i.app_no.clone(),
                i.title.clone(),
                format!("第 {} 年", i.year),
                i.due_date.to_string(),
                closes,
                cost,
            ]
        })
        .collect();
    let dropped = f.items.iter().filter(|i| i.dropped()).count();
    let in_grace = f.items.iter().filter(|i| i.in_grace).count();
    let mut blocks = vec![
        Block::Heading { level: 1, text: "一、概况".into() },
        Block::Paragraph(format!(
            "本计划列出 {} 至 {} 期间应缴纳的专利年费共 {} 项，合计应缴 {} 元（已按费减比例计算），其中 {} 项已超过缴费期限、处于六个月滞纳期内，需另缴滞纳金 {} 元；总计 {} 元。请在「缴费期限」前办理缴费。{}",
            f.from,
            f.to,
            f.items.len(),
            money(f.total_payable),
            in_grace,
            money(f.total_late_fee),
            money(total),
            if dropped > 0 {
                format!("其中 {dropped} 项已决定放弃（见「决定」栏与年费缴纳审批表），不再提醒。")
            } else {
                String::new()
            },
        )),
        Block::Heading { level: 1, text: "二、缴费明细".into() },
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 5.0, Align::Center),
                Column::new("缴费期限", 9.0, Align::Center),
                Column::new("申请号", 12.0, Align::Left),
                Column::new("专利名称", 21.0, Align::Left),
                Column::new("类型", 5.0, Align::Center),
                Column::new("年度", 6.0, Align::Center),
                Column::new("全额（元）", 8.0, Align::Right),
                Column::new("应缴（元）", 8.0, Align::Right),
                Column::new("滞纳金（元）", 8.0, Align::Right),
                Column::new("小计（元）", 8.0, Align::Right),
                Column::new("决定", 5.0, Align::Center),
            ],
            rows,
            field: "缴费明细".into(),
        }),
        Block::Heading { level: 1, text: "三、按月汇总".into() },
        Block::Table(Table {
            columns: vec![
                Column::new("月份", 8.0, Align::Center),
                Column::new("项数", 6.0, Align::Center),
                Column::new("应缴（元）", 10.0, Align::Right),
                Column::new("滞纳金（元）", 10.0, Align::Right),
                Column::new("合计（元）", 10.0, Align::Right),
            ],
            rows: by_month,
            field: "按月汇总".into(),
        }),
    ];
    let mut next_section = ["四", "五"].into_iter();
    if !lapsed.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: format!("{}、已超过滞纳期的年费", next_section.next().expect("two")),
        });
        blocks.push(Block::Paragraph(
            "下列年费在六个月滞纳期届满前未缴纳，专利权自应缴日起终止。如属需要保留的专利，可自收到权利终止通知之日起两个月内请求恢复权利，缴纳恢复权利请求费 1000 元、所欠年费及全额年费 25% 的滞纳金（专利法实施细则第6条第2款）。通知日期未登记的，恢复期限按滞纳期满后约一个月发出通知估算，请以收到的通知为准。".into(),
        ));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("申请号", 12.0, Align::Left),
                Column::new("专利名称", 22.0, Align::Left),
                Column::new("年度", 6.0, Align::Center),
                Column::new("应缴日", 9.0, Align::Center),
                Column::new("恢复期限", 12.0, Align::Center),
                Column::new("恢复费用（元）", 9.0, Align::Right),
            ],
            rows: lapsed,
            field: "已超过滞纳期".into(),
        }));
    }
    if !f.renewals.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: format!("{}、商标续展计划", next_section.next().expect("two")),
        });
        blocks.push(Block::Paragraph(format!(
            "下列注册商标的续展期将在 {} 前开始或已经开始。注册商标有效期满前十二个月内办理续展，期满后六个月宽展期内可续展并缴纳迟延费，宽展期满未续展的注销（商标法第40条）。费用按网上申请并接受电子发文的标准计，共 {} 元。",
            f.to,
            money(f.renewal_total)
        )));
        blocks.push(Block::Table(super::renewal_plan::renewal_table(
            &f.renewals,
        )));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "说明".into(),
    });
    let rules = Rules::bundled();
    let unconfirmed: Vec<String> = rules
        .sources
        .iter()
        .filter(|s| !s.confirmed)
        .map(|s| s.rule.clone())
        .collect();
    blocks.push(Block::Paragraph(format!(
        "年费按国家知识产权局公布的收费标准计算；缴费期限为申请日在该年的相应日，遇周末或国务院公布的节假日顺延至下一工作日（调休上班日为工作日）{}；逾期六个月内可补缴，每超过一个月加收当年全额年费的 5% 滞纳金；费减自授权当年起十年内有效。以下规则的来源尚待核对官方原文：{}。",
        if f.calendar_missing.is_empty() {
            String::new()
        } else {
            format!(
                "；{} 年的节假日安排尚未收录，这些年份的期限仅按周末顺延",
                f.calendar_missing.iter().map(i32::to_string).collect::<Vec<_>>().join("、")
            )
        },
        if unconfirmed.is_empty() { "无".into() } else { unconfirmed.join("；") }
    )));
    Document {
        meta: DocMeta::dated("年费缴纳计划", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 年费缴纳计划"),
        cover: Some(Cover {
            title: "专利年费缴纳计划".into(),
            subtitle: Some(format!("{} 至 {}", f.from, f.to)),
            lines: vec![
                ("编制单位".into(), name),
                ("统一社会信用代码".into(), r.company.uscc.clone()),
                ("计划期间".into(), format!("未来 {} 个月", r.months)),
                ("应缴合计".into(), format!("{} 元", money(total))),
                ("打印日期".into(), r.today.to_string()),
            ],
        }),
        toc: true,
        blocks,
    }
}

pub fn annuity_pdf(r: &AnnuityReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| annuity_document(r), progress)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_with_thousands_separators() {
        assert_eq!(yuan(Money(128_977_000)), "1,289,770.00");
        assert_eq!(yuan(Money(18_000)), "180.00");
        assert_eq!(yuan(Money(100_000)), "1,000.00");
        assert_eq!(yuan(Money(5)), "0.05");
    }
}
