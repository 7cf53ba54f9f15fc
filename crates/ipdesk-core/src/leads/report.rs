//! The lead documents: the **侵权线索汇总表** for the market-regulation
//! bureau (PDF, and the list as a spreadsheet) and the **single-lead
//! dossier** with its timeline, the rights involved, the evidence manifest
//! with hashes and thumbnails of the pictures. Data is gathered from the
//! store first so the caller can release the store while the PDF renders.

use std::path::Path;

use chrono::NaiveDate;

use super::custody::{append_custody, CustodyAction, NewCustody};
use super::evidence::FileCheck;
use super::{Channel, LeadDetail, LeadQuery, LeadStatus, LeadSummary};
use crate::company::Company;
use crate::error::Result;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Figure, Orientation, Picture, Progress,
    Table,
};
use crate::sheet::{date_cell, text_cell, write_table, Cell, ExportFormat};
use crate::store::Store;

/// What a local hash proves and what it does not, printed under every manifest.
pub const HASH_NOTE: &str = "说明：SHA-256 为文件入库时由本软件计算的数字指纹，任何一个字节的改动都会使其改变，可用于证明文件自入库以来未被改动（完整性），但不能证明取证的时间；取证时间以公证书或可信时间戳证书为准。可用 sha256sum（Linux）或 certutil -hashfile 文件名 SHA256（Windows）独立核对。";

/// Everything the 侵权线索汇总表 prints.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadsReport {
    pub company: Company,
    pub today: NaiveDate,
    pub query: LeadQuery,
    pub leads: Vec<LeadSummary>,
}

/// Everything the single-lead dossier prints.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadReport {
    pub company: Company,
    pub today: NaiveDate,
    pub detail: LeadDetail,
    /// Each evidence file checked against its intake hash when the dossier
    /// was made.
    pub checks: Vec<FileCheck>,
    /// Thumbnails of the pictures that passed the check, by evidence id.
    pub pictures: Vec<(i64, Picture)>,
    /// The custody chain's head when the dossier was made.
    pub head: Option<(i64, String)>,
}

impl Store {
    /// The leads `q` selects, for [`leads_pdf`].
    pub fn leads_report(&self, q: &LeadQuery, today: NaiveDate) -> Result<LeadsReport> {
        Ok(LeadsReport {
            company: self.company()?,
            today,
            query: q.clone(),
            leads: self.leads(q)?,
        })
    }

    /// A lead's dossier data, its evidence re-checked against the intake
    /// hashes. Once the PDF is written, [`Store::log_lead_export`] records
    /// it in the custody log.
    pub fn lead_report(&self, id: i64, today: NaiveDate) -> Result<LeadReport> {
        let detail = self.lead_detail(id)?;
        let mut checks = Vec::new();
        let mut pictures = Vec::new();
        for e in &detail.evidence {
            let check = self.verify_one(e)?;
            if check.ok && e.is_image() {
                let bytes = self.read_attachment(e.attachment_id)?;
                if let Some(p) = crate::files::picture(&bytes, 480) {
                    pictures.push((e.id, p));
                }
            }
            checks.push(check);
        }
        Ok(LeadReport {
            company: self.company()?,
            today,
            detail,
            checks,
            pictures,
            head: self.custody_head()?,
        })
    }

    /// Records in the custody log that the lead's dossier (with its
    /// evidence manifest and thumbnails) was written to `out`.
    pub fn log_lead_export(&mut self, id: i64, out: &Path) -> Result<()> {
        let lead = self.lead(id)?;
        let n = self.evidence_of(id)?.len();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        self.write(|tx, audit| {
            append_custody(
                tx,
                audit,
                NewCustody {
                    action: CustodyAction::Export,
                    lead_id: Some(lead.id),
                    lead_title: lead.data.title.clone(),
                    evidence_id: None,
                    file_name: String::new(),
                    sha256: String::new(),
                    detail: format!("导出线索案卷 {name}（含 {n} 个证据文件的清单）"),
                },
            )
        })
    }

    /// Writes the lead list `q` selects as .xlsx or .csv.
    pub fn export_leads(&self, q: &LeadQuery, out: &Path, format: ExportFormat) -> Result<usize> {
        self.refuse_own_files(out)?;
        let leads = self.leads(q)?;
        let rows: Vec<Vec<Cell>> = leads.iter().map(list_cells).collect();
        write_table(out, format, "侵权线索", &LIST_HEADERS, &rows)?;
        Ok(leads.len())
    }
}

const LIST_HEADERS: [&str; 14] = [
    "序号",
    "线索名称",
    "发现日期",
    "发现渠道",
    "涉嫌侵权方",
    "地区",
    "涉及权利",
    "优先级",
    "状态",
    "维权措施数",
    "最近措施",
    "下一步期限",
    "证据文件数",
    "反馈市场监管部门",
];

fn list_cells(l: &LeadSummary) -> Vec<Cell> {
    vec![
        Cell::Number(l.id as f64),
        text_cell(&l.title),
        date_cell(Some(l.discovered_date)),
        text_cell(l.channel.label()),
        text_cell(&l.suspect_name),
        text_cell(&l.region),
        text_cell(&l.rights.join("、")),
        text_cell(l.priority.label()),
        text_cell(l.status.label()),
        Cell::Number(f64::from(l.actions)),
        text_cell(&last_action(l)),
        date_cell(l.next_due),
        Cell::Number(f64::from(l.evidence)),
        text_cell(&reported(l)),
    ]
}

fn last_action(l: &LeadSummary) -> String {
    l.last_action
        .map(|(k, d)| format!("{d} {}", k.label()))
        .unwrap_or_default()
}

fn reported(l: &LeadSummary) -> String {
    match l.reported_date {
        Some(d) if l.reported_to.is_empty() => d.to_string(),
        Some(d) => format!("{d} {}", l.reported_to),
        None => "未反馈".into(),
    }
}

fn period(q: &LeadQuery) -> String {
    match (q.from, q.to) {
        (None, None) => "全部".into(),
        (Some(a), None) => format!("{a} 起"),
        (None, Some(b)) => format!("截至 {b}"),
        (Some(a), Some(b)) => format!("{a} 至 {b}"),
    }
}

/// The 侵权线索汇总表 (landscape): one row per lead, then counts by status
/// and by channel.
pub fn leads_document(r: &LeadsReport) -> Document {
    let name = r.company.display_name();
    let title = "侵权线索汇总表";
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.into(),
        },
        Block::KeyValues(vec![
            ("填报单位".into(), name.clone()),
            ("统计期间（发现日期）".into(), period(&r.query)),
            (
                "状态".into(),
                r.query
                    .status
                    .map_or("全部".into(), |s| s.label().to_string()),
            ),
            ("线索数".into(), format!("{} 条", r.leads.len())),
            ("打印日期".into(), r.today.to_string()),
        ]),
        Block::Spacer(2.0),
    ];
    if r.leads.is_empty() {
        blocks.push(Block::Paragraph("所选期间和状态下没有侵权线索。".into()));
    } else {
        let rows = r
            .leads
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let actions = match (l.actions, last_action(l)) {
                    (0, _) => "—".to_string(),
                    (n, last) => format!("{n} 项；最近 {last}"),
                };
                vec![
                    (i + 1).to_string(),
                    l.discovered_date.to_string(),
                    l.channel.label().into(),
                    format!("{}\n{}", l.suspect_name, l.title),
                    if l.rights.is_empty() {
                        "—".into()
                    } else {
                        l.rights.join("\n")
                    },
                    l.status.label().into(),
                    actions,
                    reported(l),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("发现日期", 8.5, Align::Center),
                Column::new("渠道", 7.0, Align::Center),
                Column::new("涉嫌侵权方／线索", 26.0, Align::Left),
                Column::new("涉及权利", 14.0, Align::Left),
                Column::new("状态", 6.5, Align::Center),
                Column::new("维权措施", 16.0, Align::Left),
                Column::new("反馈日期／单位", 14.0, Align::Left),
            ],
            rows,
            field: "侵权线索汇总表".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 2,
        text: "按状态统计".into(),
    });
    blocks.push(count_table(
        "状态",
        LeadStatus::ALL
            .iter()
            .map(|s| (s.label(), r.leads.iter().filter(|l| l.status == *s).count())),
        r.leads.len(),
    ));
    blocks.push(Block::Heading {
        level: 2,
        text: "按发现渠道统计".into(),
    });
    blocks.push(count_table(
        "发现渠道",
        Channel::ALL.iter().map(|c| {
            (
                c.label(),
                r.leads.iter().filter(|l| l.channel == *c).count(),
            )
        }),
        r.leads.len(),
    ));
    let reported_n = r.leads.iter().filter(|l| l.reported_date.is_some()).count();
    blocks.push(Block::Paragraph(format!(
        "以上 {} 条线索中，已向市场监督管理部门反馈 {} 条，未反馈 {} 条。",
        r.leads.len(),
        reported_n,
        r.leads.len() - reported_n
    )));
    Document {
        meta: DocMeta::dated(title, r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

fn count_table<'a>(
    what: &str,
    counts: impl Iterator<Item = (&'a str, usize)>,
    total: usize,
) -> Block {
    let mut rows: Vec<Vec<String>> = counts
        .map(|(label, n)| vec![label.to_string(), n.to_string()])
        .collect();
    rows.push(vec!["合计".into(), total.to_string()]);
    Block::Table(Table {
        columns: vec![
            Column::new(what, 10.0, Align::Left),
            Column::new("线索数", 6.0, Align::Right),
        ],
        rows,
        field: format!("按{what}统计"),
    })
}

/// Renders the 侵权线索汇总表 with the embedded fonts.
pub fn leads_pdf(r: &LeadsReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| leads_document(r), progress)?)
}

/// A sha256 in two lines of 32 hex digits (a cell fits 32); a value of any
/// other shape (a damaged database) is printed as it is.
fn two_lines(sha: &str) -> String {
    match (sha.get(..32), sha.get(32..)) {
        (Some(a), Some(b)) if sha.len() == 64 => format!("{a}\n{b}"),
        _ => sha.to_string(),
    }
}

fn human_size(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} 字节"),
    }
}

/// The single-lead dossier (portrait).
pub fn lead_document(r: &LeadReport) -> Document {
    let d = &r.detail;
    let l = &d.lead;
    let name = r.company.display_name();
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("侵权线索案卷：{}", l.data.title),
        },
        Block::KeyValues(vec![
            ("权利人".into(), name.clone()),
            ("线索编号".into(), l.id.to_string()),
            (
                "发现日期".into(),
                l.data
                    .discovered_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            ("发现渠道".into(), l.data.channel.label().into()),
            ("当前状态".into(), l.status.label().into()),
            ("优先级".into(), l.data.priority.label().into()),
            ("地区".into(), or_dash(&l.data.region)),
            ("涉嫌侵权产品".into(), or_dash(&l.data.products)),
            ("规模".into(), or_dash(&l.data.scale)),
            ("预估损失".into(), format!("{} 元", l.data.estimated_loss)),
            (
                "反馈市场监管部门".into(),
                l.reported_date
                    .map(|d| format!("{d} {}", l.reported_to))
                    .unwrap_or_else(|| "未反馈".into()),
            ),
            ("打印日期".into(), r.today.to_string()),
        ]),
    ];
    if !l.data.description.trim().is_empty() {
        blocks.push(Block::Paragraph(l.data.description.clone()));
    }
    blocks.push(Block::Heading {
        level: 2,
        text: "一、涉嫌侵权方".into(),
    });
    let s = &l.data;
    blocks.push(Block::KeyValues(vec![
        ("名称".into(), s.suspect_name.clone()),
        ("统一社会信用代码".into(), or_dash(&s.suspect_uscc)),
        ("地址".into(), or_dash(&s.suspect_address)),
        ("店铺".into(), or_dash(&s.suspect_shop)),
        ("平台".into(), or_dash(&s.suspect_platform)),
        ("网址".into(), or_dash(&s.suspect_url)),
    ]));
    blocks.push(Block::Heading {
        level: 2,
        text: "二、涉及的权利".into(),
    });
    if l.rights.is_empty() {
        blocks.push(Block::Paragraph("未关联台账中的专利或商标。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("类别", 5.0, Align::Center),
                Column::new("申请号／注册号", 12.0, Align::Left),
                Column::new("名称／商标", 20.0, Align::Left),
                Column::new("台账信息", 14.0, Align::Left),
            ],
            rows: l
                .rights
                .iter()
                .map(|x| {
                    vec![
                        x.entity.label().into(),
                        x.number.clone(),
                        or_dash(&x.name),
                        x.detail.clone(),
                    ]
                })
                .collect(),
            field: "涉及的权利".into(),
        }));
    }
    blocks.push(Block::Heading {
        level: 2,
        text: "三、处置经过".into(),
    });
    let mut timeline: Vec<(NaiveDate, u8, Vec<String>)> = d
        .changes
        .iter()
        .map(|c| {
            let what = match c.from {
                None => format!("登记为「{}」", c.to.label()),
                Some(f) => format!("状态「{}」→「{}」", f.label(), c.to.label()),
            };
            (
                c.date,
                0,
                vec![c.date.to_string(), what, or_dash(&c.note), c.by.clone()],
            )
        })
        .collect();
    for a in &d.actions {
        let date = a.data.date.unwrap_or(r.today);
        let mut what = a.data.kind.label().to_string();
        if !a.data.counterpart.is_empty() {
            what.push_str(&format!("（{}）", a.data.counterpart));
        }
        let mut note = Vec::new();
        if !a.data.reference.is_empty() {
            note.push(format!("编号 {}", a.data.reference));
        }
        if let Some(o) = a.data.outcome {
            note.push(format!("结果：{}", o.label()));
        }
        if a.data.amount.0 > 0 {
            note.push(format!("金额 {} 元", a.data.amount));
        }
        if let Some(due) = a.data.due_date {
            note.push(format!(
                "下一步期限 {due}{}",
                if a.data.done { "（已处理）" } else { "" }
            ));
        }
        if !a.data.notes.is_empty() {
            note.push(a.data.notes.clone());
        }
        timeline.push((
            date,
            1,
            vec![
                date.to_string(),
                what,
                or_dash(&note.join("；")),
                String::new(),
            ],
        ));
    }
    if let Some(rd) = l.reported_date {
        timeline.push((
            rd,
            2,
            vec![
                rd.to_string(),
                "反馈市场监督管理部门".into(),
                or_dash(&l.reported_to),
                String::new(),
            ],
        ));
    }
    timeline.sort_by_key(|(d, order, _)| (*d, *order));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("日期", 8.0, Align::Center),
            Column::new("事项", 16.0, Align::Left),
            Column::new("说明", 24.0, Align::Left),
            Column::new("经办", 6.0, Align::Center),
        ],
        rows: timeline.into_iter().map(|(_, _, row)| row).collect(),
        field: "处置经过".into(),
    }));
    blocks.push(Block::Heading {
        level: 2,
        text: "四、证据清单".into(),
    });
    if d.evidence.is_empty() {
        blocks.push(Block::Paragraph("证据库中尚无文件。".into()));
    } else {
        let rows = d
            .evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let check = r.checks.iter().find(|c| c.evidence_id == e.id);
                let mut how = Vec::new();
                if !e.captured_at.is_empty() {
                    how.push(format!("取证 {}", e.captured_at));
                }
                if !e.captured_by.is_empty() {
                    how.push(e.captured_by.clone());
                }
                if !e.notary_ref.is_empty() {
                    how.push(format!("公证/时间戳 {}", e.notary_ref));
                }
                if !e.source_url.is_empty() {
                    how.push(e.source_url.clone());
                }
                vec![
                    (i + 1).to_string(),
                    format!("{}\n{}", e.original_name, e.kind.label()),
                    human_size(e.size),
                    two_lines(&e.sha256),
                    or_dash(&how.join("\n")),
                    match check {
                        Some(c) if c.ok => "一致".into(),
                        Some(_) => "不一致".into(),
                        None => "—".into(),
                    },
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 3.5, Align::Center),
                Column::new("文件名／类别", 12.0, Align::Left),
                Column::new("大小", 6.0, Align::Right),
                Column::new("SHA-256", 26.0, Align::Left),
                Column::new("取证情况", 12.0, Align::Left),
                Column::new("核验", 4.5, Align::Center),
            ],
            rows,
            field: "证据清单".into(),
        }));
        for c in r.checks.iter().filter(|c| !c.ok) {
            if let Some(p) = &c.problem {
                blocks.push(Block::Paragraph(format!("核验未通过：{p}")));
            }
        }
        blocks.push(Block::Paragraph(HASH_NOTE.into()));
        if let Some((seq, hash)) = &r.head {
            blocks.push(Block::KeyValues(vec![(
                "保管记录链头".into(),
                format!("第 {seq} 条，哈希 {hash}"),
            )]));
        }
    }
    if !r.pictures.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "五、图片证据缩略图".into(),
        });
        let figures = r
            .pictures
            .iter()
            .filter_map(|(id, p)| {
                let (n, e) = d.evidence.iter().enumerate().find(|(_, e)| e.id == *id)?;
                Some(Figure {
                    picture: p.clone(),
                    caption: format!("{}. {}", n + 1, e.original_name),
                })
            })
            .collect();
        blocks.push(Block::Figures(figures));
    }
    if !d.custody.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: format!(
                "{}、证据保管记录",
                if r.pictures.is_empty() { "五" } else { "六" }
            ),
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 4.0, Align::Center),
                Column::new("时间", 14.0, Align::Center),
                Column::new("动作", 5.0, Align::Center),
                Column::new("文件", 14.0, Align::Left),
                Column::new("说明", 18.0, Align::Left),
                Column::new("经办", 8.0, Align::Center),
            ],
            rows: d
                .custody
                .iter()
                .map(|c| {
                    vec![
                        c.seq.to_string(),
                        c.at.replace('T', " ").chars().take(19).collect(),
                        c.action.label().into(),
                        or_dash(&c.file_name),
                        or_dash(&c.detail),
                        c.actor.clone(),
                    ]
                })
                .collect(),
            field: "证据保管记录".into(),
        }));
    }
    Document {
        meta: DocMeta::dated(
            &format!("侵权线索案卷 {}", l.data.title),
            r.company.author(),
            r.today,
        ),
        orientation: Orientation::Portrait,
        header: format!("{name} 侵权线索案卷"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the single-lead dossier with the embedded fonts.
pub fn lead_pdf(r: &LeadReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| lead_document(r), progress)?)
}
