//! One patent printed as its **专利信息卡**: the bibliographic fields, where
//! it stands on annual fees (each year's deadline, amount and state), the
//! payments recorded, the keep-or-drop decisions, high value, family and the
//! history of changes — what the patent's page shows, for the paper file.

use chrono::NaiveDate;

use super::*;
use crate::company::Company;
use crate::error::Result;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::store::Store;

/// Everything the card prints, gathered from the store.
#[derive(Debug, Clone)]
pub struct PatentCard {
    pub company: Company,
    pub today: NaiveDate,
    pub detail: PatentDetail,
}

impl Store {
    /// Patent `id` as of `today` with the company, for [`patent_card_pdf`].
    /// Errors: [`crate::Error::NotFound`].
    pub fn patent_card(&self, id: i64, today: NaiveDate) -> Result<PatentCard> {
        Ok(PatentCard {
            company: self.company()?,
            today,
            detail: self.patent_detail(id, today)?,
        })
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s
    }
}

/// The state of one year's fee as the card prints it.
fn fee_state(s: &FeeState) -> String {
    match s {
        FeeState::Paid {
            date: Some(d),
            amount: Some(a),
        } => format!("已缴（{d}，{} 元）", a.grouped()),
        FeeState::Paid { date: Some(d), .. } => format!("已缴（{d}）"),
        FeeState::InGrace {
            late_fee,
            grace_end,
            ..
        } => format!("滞纳期，至 {grace_end}（滞纳金 {} 元）", late_fee.grouped()),
        FeeState::Lapsed { grace_end } => format!("逾期未缴（宽限期至 {grace_end}）"),
        other => other.label().into(),
    }
}

/// An audit action as the officer reads it.
fn action(a: &str) -> &str {
    match a {
        "create" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "decide" => "年费决定",
        other => other,
    }
}

/// What an audit entry changed: the fields' names as the import headers
/// call them (the DTO's name when a field has none).
fn changed(e: &crate::store::AuditEntry) -> String {
    if let Some(i) = &e.imported_from {
        return format!("导入自 {}（{}）第 {} 行", i.file, i.sheet, i.row);
    }
    match e.changes.as_object() {
        Some(map) if e.action == "update" => map
            .keys()
            .map(|k| {
                let code: String = k
                    .chars()
                    .flat_map(|c| {
                        if c.is_ascii_uppercase() {
                            vec!['-', c.to_ascii_lowercase()]
                        } else {
                            vec![c]
                        }
                    })
                    .collect();
                Field::by_code(&code).map_or(k.clone(), |f| f.header().to_string())
            })
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    }
}

/// Builds the card: the fields, annual fees, payments, decisions, high
/// value, family and history, each under its heading.
pub fn patent_card_document(r: &PatentCard) -> Document {
    let d = &r.detail;
    let p = &d.patent.data;
    let name = r.company.display_name();
    let s = &d.schedule;
    let next = s
        .rows
        .iter()
        .find(|x| !matches!(x.state, FeeState::Paid { .. } | FeeState::Terminated));
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("专利信息卡：{}", p.title),
        },
        Block::KeyValues(vec![
            ("申请号".into(), d.display_app_no.clone()),
            ("专利名称".into(), p.title.clone()),
            ("专利类型".into(), p.kind.label().into()),
            ("国家/地区".into(), p.jurisdiction.clone()),
            ("申请途径".into(), p.route.label().into()),
            ("申请日".into(), or_dash(day(p.filing_date))),
            ("优先权日".into(), or_dash(day(p.priority_date))),
            ("公开（公告）号".into(), or_dash(p.publication_no.clone())),
            ("授权公告号".into(), or_dash(p.grant_no.clone())),
            ("授权日".into(), or_dash(day(p.grant_date))),
            ("法律状态".into(), p.status.label().into()),
            ("专利权人".into(), or_dash(p.applicants.join("；"))),
            ("发明人".into(), or_dash(p.inventors.join("；"))),
            ("IPC 分类号".into(), or_dash(p.ipc.clone())),
            (
                "代理机构".into(),
                or_dash(format!("{} {}", p.agency, p.agent).trim().to_string()),
            ),
            ("费减比例".into(), p.fee_reduction.label().into()),
            ("获得方式".into(), p.acquisition.label().into()),
            ("标签".into(), or_dash(p.tags.join("、"))),
            ("备注".into(), or_dash(p.notes.clone())),
        ]),
        Block::Heading {
            level: 2,
            text: "年费".into(),
        },
        Block::KeyValues(vec![
            (
                "年费缴至".into(),
                s.paid_through.map_or("—".into(), |y| format!("第 {y} 年")),
            ),
            (
                "下次缴费".into(),
                next.map_or("—".into(), |x| {
                    format!(
                        "第 {} 年，截止 {}，应缴 {} 元",
                        x.year,
                        x.deadline,
                        x.payable.grouped()
                    )
                }),
            ),
            ("保护期届满".into(), or_dash(day(s.expiry))),
        ]),
    ];
    if !s.rows.is_empty() {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("年度", 7.0, Align::Center),
                Column::new("缴费截止日", 10.0, Align::Center),
                Column::new("官费（元）", 9.0, Align::Right),
                Column::new("应缴（元）", 9.0, Align::Right),
                Column::new("状态", 24.0, Align::Left),
            ],
            rows: s
                .rows
                .iter()
                .map(|x| {
                    vec![
                        format!("第 {} 年", x.year),
                        x.deadline.to_string(),
                        x.full.grouped(),
                        x.payable.grouped(),
                        fee_state(&x.state),
                    ]
                })
                .collect(),
            field: "年费".into(),
        }));
    }
    if !d.payments.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "缴费记录".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("年度", 7.0, Align::Center),
                Column::new("缴费日", 10.0, Align::Center),
                Column::new("金额（元）", 9.0, Align::Right),
                Column::new("滞纳金（元）", 9.0, Align::Right),
                Column::new("收据号", 14.0, Align::Left),
            ],
            rows: d
                .payments
                .iter()
                .map(|x| {
                    vec![
                        format!("第 {} 年", x.patent_year),
                        x.paid_date.to_string(),
                        x.amount.grouped(),
                        x.late_fee.grouped(),
                        x.receipt_no.clone(),
                    ]
                })
                .collect(),
            field: "缴费记录".into(),
        }));
    }
    if !d.fee_decisions.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "年费决定".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("年度", 7.0, Align::Center),
                Column::new("决定", 6.0, Align::Center),
                Column::new("理由", 20.0, Align::Left),
                Column::new("决定人", 8.0, Align::Left),
                Column::new("日期", 9.0, Align::Center),
            ],
            rows: d
                .fee_decisions
                .iter()
                .map(|x| {
                    vec![
                        format!("第 {} 年", x.patent_year),
                        x.decision.label().into(),
                        x.reason.clone(),
                        x.decided_by.clone(),
                        x.decided_on.to_string(),
                    ]
                })
                .collect(),
            field: "年费决定".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 2,
        text: "高价值认定".into(),
    });
    blocks.push(Block::Paragraph(if d.high_value.reasons.is_empty() {
        "不属于高价值发明专利。".into()
    } else {
        d.high_value
            .reasons
            .iter()
            .map(|x| format!("{}：{}", x.label, x.detail))
            .collect::<Vec<_>>()
            .join("\n")
    }));
    if !d.family.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "同族专利".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("申请号", 12.0, Align::Left),
                Column::new("国家/地区", 6.0, Align::Center),
                Column::new("专利名称", 22.0, Align::Left),
                Column::new("法律状态", 8.0, Align::Center),
            ],
            rows: d
                .family
                .iter()
                .map(|f| {
                    vec![
                        f.display_app_no(),
                        f.data.jurisdiction.clone(),
                        f.data.title.clone(),
                        f.data.status.label().into(),
                    ]
                })
                .collect(),
            field: "同族专利".into(),
        }));
    }
    if !d.history.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "变更记录".into(),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("时间", 12.0, Align::Center),
                Column::new("操作人", 8.0, Align::Left),
                Column::new("操作", 6.0, Align::Center),
                Column::new("变更内容", 24.0, Align::Left),
            ],
            rows: d
                .history
                .iter()
                .map(|e| {
                    vec![
                        e.at.clone(),
                        e.os_user.clone(),
                        action(&e.action).into(),
                        changed(e),
                    ]
                })
                .collect(),
            field: "变更记录".into(),
        }));
    }
    Document {
        meta: DocMeta::dated(
            &format!("专利信息卡 {}", d.display_app_no),
            r.company.author(),
            r.today,
        ),
        orientation: Orientation::Portrait,
        header: format!("{name} 专利信息卡 {}", d.display_app_no),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the card with the embedded fonts.
pub fn patent_card_pdf(r: &PatentCard, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| patent_card_document(r), progress)?)
}
