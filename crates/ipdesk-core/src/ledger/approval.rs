//! 年费缴纳审批表: the due fees with their keep-or-drop decisions and value
//! hints, and the boxes management signs.

use super::*;
use crate::error::Result;
use crate::money::Money;
use crate::pdf::{
    render_staged, Align, Block, Column, Cover, DocMeta, Document, Orientation, Progress, Table,
};

fn yuan(m: Money) -> String {
    format!("{:.2}", m.as_yuan_f64())
}

/// The approval sheet as a document: a summary, the table of fees with the
/// decision and its reason, and the sign-off boxes.
pub fn approval_document(r: &ApprovalReport) -> Document {
    let name = r.company.display_name();
    let (pay, drop, open, to_pay) = r.totals();
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let i = &row.item;
            let (decision, reason) = match &row.decision {
                Some(d) => (
                    d.decision.label().to_string(),
                    if d.decided_by.is_empty() {
                        d.reason.clone()
                    } else {
                        format!("{}（{}，{}）", d.reason, d.decided_by, d.decided_on)
                    },
                ),
                None => ("未定".into(), String::new()),
            };
            vec![
                (n + 1).to_string(),
                i.app_no.clone(),
                i.title.clone(),
                i.kind.label().into(),
                format!("第 {} 年", i.year),
                i.deadline.to_string(),
                yuan(i.payable + i.late_fee),
                row.hint.summary(),
                decision,
                reason,
            ]
        })
        .collect();
    let blocks = vec![
        Block::Heading {
            level: 1,
            text: "一、审批事项".into(),
        },
        Block::Paragraph(format!(
            "{} 至 {} 期间（含已进入滞纳期的）应缴专利年费共 {} 项。经办人建议缴纳 {} 项、放弃 {} 项，另有 {} 项待定或未定；除放弃外的年费（含滞纳金）合计 {} 元。放弃缴纳的专利将自应缴日起终止，请逐项审核「价值参考」与理由后签批。",
            r.today,
            crate::calendar::add_months(r.today, r.months),
            r.rows.len(),
            pay,
            drop,
            open,
            yuan(to_pay),
        )),
        Block::Heading {
            level: 1,
            text: "二、年费明细与决定".into(),
        },
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("申请号", 11.0, Align::Left),
                Column::new("专利名称", 17.0, Align::Left),
                Column::new("类型", 5.0, Align::Center),
                Column::new("年度", 6.0, Align::Center),
                Column::new("缴费期限", 9.0, Align::Center),
                Column::new("应缴（元）", 8.0, Align::Right),
                Column::new("价值参考", 17.0, Align::Left),
                Column::new("决定", 5.0, Align::Center),
                Column::new("理由", 16.0, Align::Left),
            ],
            rows,
            field: "年费明细".into(),
        }),
        Block::Heading {
            level: 1,
            text: "三、审批意见".into(),
        },
        Block::Table(Table {
            columns: vec![
                Column::new("审批环节", 1.0, Align::Center),
                Column::new("意见", 2.5, Align::Left),
                Column::new("签字", 1.0, Align::Center),
                Column::new("日期", 1.0, Align::Center),
            ],
            rows: ["经办人", "知识产权部门负责人", "分管领导"]
                .iter()
                .map(|who| {
                    vec![
                        format!("{who}\n\n"),
                        String::new(),
                        String::new(),
                        "　　年　月　日".into(),
                    ]
                })
                .collect(),
            field: "审批意见".into(),
        }),
        Block::Paragraph(
            "说明：「价值参考」列出该专利符合的高价值专利类别、关联的布局项、产品、质押与许可/转让记录数及自申请日起的年数，供决定参考；「未定」表示尚未登记决定。".into(),
        ),
    ];
    Document {
        meta: DocMeta::dated("年费缴纳审批表", r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} 年费缴纳审批表"),
        cover: Some(Cover {
            title: "专利年费缴纳审批表".into(),
            subtitle: Some(format!("未来 {} 个月", r.months)),
            lines: vec![
                ("编制单位".into(), name),
                ("统一社会信用代码".into(), r.company.uscc.clone()),
                ("待审批年费".into(), format!("{} 项", r.rows.len())),
                ("拟缴合计".into(), format!("{} 元", yuan(to_pay))),
                ("打印日期".into(), r.today.to_string()),
            ],
        }),
        toc: false,
        blocks,
    }
}

pub fn approval_pdf(r: &ApprovalReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| approval_document(r), progress)?)
}
