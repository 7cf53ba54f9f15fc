//! 案卷三 侵权线索: `lead …`, `evidence …` and the two lead exports
//! (`export leads`, `export lead`). Printing is in `leads_print`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ipdesk_core::{
    lead_pdf, leads_pdf, ActionData, ActionKind, Channel, Error, EvidenceData, EvidenceKind,
    ExportFormat, LeadData, LeadQuery, LeadStatus, Outcome, Priority, Result, Store,
};

use crate::leads_print as show;
use crate::print;
use crate::{date, money, open, today, Failure};

#[derive(Debug, Subcommand)]
pub enum LeadCmd {
    /// Register an infringement lead (侵权线索) as 新线索; prints its id.
    Add(LeadAddArgs),
    /// Leads, newest discovered first.
    List(ListArgs),
    /// A lead with its timeline, actions, rights, evidence and custody log.
    Show { lead: i64 },
    /// Change fields of a lead; fields not given keep their value.
    Edit(LeadEditArgs),
    /// Delete a lead; its evidence leaves the locker (the custody log keeps the entries).
    Delete { lead: i64 },
    /// Move a lead through the workflow: 新线索 → 核实中 → 已取证 → 处置中 → 已结案 / 不予处理.
    Status {
        lead: i64,
        /// new | verifying | evidenced | handling | closed | dropped (or the Chinese label).
        #[arg(long)]
        to: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Why (required for 不予处理 and for reopening).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record an action taken (警告函, 电商平台投诉, 行政投诉, 诉讼 …); prints its id.
    Action(ActionArgs),
    /// Mark an action's next-step deadline as dealt with (it leaves the dashboard).
    ActionDone { action: i64 },
    /// Record when the lead was fed back to the market-regulation bureau and to which body.
    Reported {
        lead: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The body reported to, e.g. 衡阳市市场监督管理局.
        #[arg(long)]
        to: String,
    },
    /// Open next-step deadlines of open leads, due within DAYS or overdue.
    Deadlines {
        #[arg(long, default_value_t = 30)]
        days: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCmd {
    /// Take files into a lead's evidence locker (all or none); prints each file's sha256.
    Add {
        lead: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// When it was captured: YYYY-MM-DD or "YYYY-MM-DD HH:MM".
        #[arg(long, value_name = "WHEN")]
        captured_at: Option<String>,
        #[arg(long)]
        captured_by: Option<String>,
        /// The page or place it came from.
        #[arg(long, value_name = "URL")]
        source: Option<String>,
        /// 公证书编号 or 可信时间戳 certificate number.
        #[arg(long, value_name = "REF")]
        notary: Option<String>,
        /// screenshot | receipt | notarial | timestamp | photo | video | web_archive | other (default: by file type).
        #[arg(long)]
        kind: Option<String>,
    },
    /// A lead's evidence files with their sha256 and size.
    List { lead: i64 },
    /// Re-hash every evidence file (of one lead, or all) and the custody chain; exit 1 naming what fails.
    Verify { lead: Option<i64> },
    /// The custody log (保管记录) of one lead, or all of it.
    Log { lead: Option<i64> },
    /// Copy a lead's evidence files into DIR with SHA256SUMS.txt (`sha256sum -c` checks it) and 说明.txt.
    Export {
        lead: i64,
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// Take a file out of a lead's locker; the reason is logged.
    Remove {
        evidence: i64,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// new | verifying | evidenced | handling | closed | dropped (or the Chinese label).
    #[arg(long)]
    status: Option<String>,
    /// Discovered on or after.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Discovered on or before.
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    #[arg(long)]
    channel: Option<String>,
    /// Words in the title, the suspect's name or shop.
    #[arg(long)]
    search: Option<String>,
}

impl ListArgs {
    fn query(&self) -> Result<LeadQuery> {
        Ok(LeadQuery {
            status: self.status.as_deref().map(str::parse).transpose()?,
            channel: self.channel.as_deref().map(str::parse).transpose()?,
            from: date("起始日期（--from）", &self.from)?,
            to: date("截止日期（--to）", &self.to)?,
            text: self.search.clone().unwrap_or_default(),
        })
    }
}

#[derive(Debug, Args)]
pub struct LeadAddArgs {
    #[arg(long)]
    title: String,
    /// ecommerce | exhibition | market | report | self_check | customs | partner | other (or 电商平台 / 展会 …).
    #[arg(long)]
    channel: String,
    /// The suspected infringer's name.
    #[arg(long)]
    suspect: String,
    /// The date found (default today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    discovered: Option<String>,
    #[command(flatten)]
    more: LeadFields,
}

#[derive(Debug, Args)]
pub struct LeadEditArgs {
    lead: i64,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    channel: Option<String>,
    #[arg(long)]
    suspect: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    discovered: Option<String>,
    #[command(flatten)]
    more: LeadFields,
}

#[derive(Debug, Args)]
pub struct LeadFields {
    /// The suspect's 统一社会信用代码 (check character verified).
    #[arg(long, value_name = "CODE")]
    suspect_uscc: Option<String>,
    #[arg(long)]
    suspect_address: Option<String>,
    /// Shop or store name.
    #[arg(long)]
    shop: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    platform: Option<String>,
    /// A ledger patent involved, by application number; repeat; replaces the list.
    #[arg(long = "patent", value_name = "APP_NO")]
    patents: Vec<String>,
    /// A ledger trademark involved, by registration number; repeat; replaces the list.
    #[arg(long = "trademark", value_name = "REG_NO")]
    trademarks: Vec<String>,
    #[arg(long)]
    region: Option<String>,
    /// high | medium | low (or 高 / 中 / 低).
    #[arg(long)]
    priority: Option<String>,
    /// The suspected products.
    #[arg(long)]
    products: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Estimated scale (sales, shops …).
    #[arg(long)]
    scale: Option<String>,
    /// Estimated loss in yuan.
    #[arg(long, value_name = "YUAN")]
    loss: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    lead: i64,
    /// warning_letter | platform_complaint | admin_complaint | admin_ruling | lawsuit | mediation | customs | other (or 警告函 / 电商平台投诉 …).
    #[arg(long)]
    kind: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// The next step's deadline.
    #[arg(long, value_name = "YYYY-MM-DD")]
    due: Option<String>,
    /// taken_down | settled | damages | penalty | rejected | withdrawn | pending | other (or 下架 / 和解 / 判赔 / 罚没 / 驳回 …).
    #[arg(long)]
    outcome: Option<String>,
    /// Damages, settlement or penalty in yuan.
    #[arg(long, value_name = "YUAN")]
    amount: Option<String>,
    /// The platform, bureau, court or party.
    #[arg(long)]
    counterpart: Option<String>,
    /// Complaint, case or letter number.
    #[arg(long)]
    reference: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct LeadsExportArgs {
    /// The file to write: .pdf (侵权线索汇总表), .xlsx or .csv.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct LeadExportArgs {
    pub lead: i64,
    /// The PDF to write (侵权线索案卷).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

pub fn lead(db: &Option<PathBuf>, json: bool, cmd: LeadCmd) -> std::result::Result<(), Failure> {
    let mut store = open(db)?;
    match cmd {
        LeadCmd::Add(a) => {
            let data = LeadData {
                title: a.title,
                channel: a.channel.parse::<Channel>()?,
                discovered_date: Some(match date("发现日期（--discovered）", &a.discovered)? {
                    Some(d) => d,
                    None => today(&None)?,
                }),
                ..LeadData::default()
            };
            let mut data = apply(&store, data, a.more)?;
            data.suspect_name = a.suspect;
            let lead = store.add_lead(data)?;
            if json {
                print::json(&lead);
            } else {
                println!("{}", lead.id);
            }
        }
        LeadCmd::List(a) => show::list(json, &store.leads(&a.query()?)?),
        LeadCmd::Show { lead } => show::detail(json, &store.lead_detail(lead)?),
        LeadCmd::Edit(a) => {
            let mut data = store.lead(a.lead)?.data;
            if let Some(t) = a.title {
                data.title = t;
            }
            if let Some(c) = a.channel {
                data.channel = c.parse()?;
            }
            if let Some(s) = a.suspect {
                data.suspect_name = s;
            }
            if let Some(d) = date("发现日期（--discovered）", &a.discovered)? {
                data.discovered_date = Some(d);
            }
            let data = apply(&store, data, a.more)?;
            let lead = store.update_lead(a.lead, data)?;
            if json {
                print::json(&lead);
            } else {
                println!("已更新侵权线索 {}「{}」", lead.id, lead.data.title);
            }
        }
        LeadCmd::Delete { lead } => {
            let title = store.lead(lead)?.data.title;
            store.delete_lead(lead)?;
            if json {
                print::json(&serde_json::json!({ "deleted": lead }));
            } else {
                println!("已删除侵权线索 {lead}「{title}」");
            }
        }
        LeadCmd::Status {
            lead,
            to,
            date: day,
            note,
        } => {
            let to: LeadStatus = to.parse()?;
            let day = ipdesk_core::parse_date("变更日期（--date）", &day)?;
            let lead = store.set_lead_status(lead, to, day, &note)?;
            if json {
                print::json(&lead);
            } else {
                println!(
                    "侵权线索 {}「{}」现为「{}」",
                    lead.id,
                    lead.data.title,
                    lead.status.label()
                );
            }
        }
        LeadCmd::Action(a) => {
            let data = ActionData {
                kind: a.kind.parse::<ActionKind>()?,
                date: Some(ipdesk_core::parse_date("措施日期（--date）", &a.date)?),
                due_date: date("下一步期限（--due）", &a.due)?,
                outcome: a
                    .outcome
                    .as_deref()
                    .map(str::parse::<Outcome>)
                    .transpose()?,
                amount: money("金额（--amount）", &a.amount)?.unwrap_or_default(),
                counterpart: a.counterpart.unwrap_or_default(),
                reference: a.reference.unwrap_or_default(),
                notes: a.notes.unwrap_or_default(),
                done: false,
            };
            let action = store.add_lead_action(a.lead, data)?;
            if json {
                print::json(&action);
            } else {
                println!("{}", action.id);
            }
        }
        LeadCmd::ActionDone { action } => {
            let mut data = store.lead_action(action)?.data;
            data.done = true;
            let action = store.update_lead_action(action, data)?;
            if json {
                print::json(&action);
            } else {
                println!("已将维权措施 {} 的下一步期限标记为已处理", action.id);
            }
        }
        LeadCmd::Reported {
            lead,
            date: day,
            to,
        } => {
            let day = ipdesk_core::parse_date("反馈日期（--date）", &day)?;
            let lead = store.report_lead(lead, Some(day), &to)?;
            if json {
                print::json(&lead);
            } else {
                println!(
                    "已记录：侵权线索 {}「{}」于 {day} 反馈至 {}",
                    lead.id, lead.data.title, lead.reported_to
                );
            }
        }
        LeadCmd::Deadlines { days, today: t } => {
            show::deadlines(json, &store.lead_deadlines(today(&t)?, days)?);
        }
    }
    Ok(())
}

pub fn evidence(
    db: &Option<PathBuf>,
    json: bool,
    cmd: EvidenceCmd,
) -> std::result::Result<(), Failure> {
    let mut store = open(db)?;
    match cmd {
        EvidenceCmd::Add {
            lead,
            files,
            captured_at,
            captured_by,
            source,
            notary,
            kind,
        } => {
            let data = EvidenceData {
                kind: kind
                    .as_deref()
                    .map(str::parse::<EvidenceKind>)
                    .transpose()?,
                captured_at: captured_at.unwrap_or_default(),
                captured_by: captured_by.unwrap_or_default(),
                source_url: source.unwrap_or_default(),
                notary_ref: notary.unwrap_or_default(),
                note: String::new(),
            };
            let added = store.add_evidence_files(lead, &files, data)?;
            if json {
                print::json(&added);
            } else {
                // The `sha256sum` format: the line can be checked by it.
                for (e, path) in added.iter().zip(&files) {
                    println!("{}  {}", e.sha256, path.display());
                }
            }
        }
        EvidenceCmd::List { lead } => show::evidence(json, &store.evidence_of(lead)?),
        EvidenceCmd::Verify { lead } => {
            let report = store.verify_evidence(lead)?;
            show::verify(json, &report);
            if !report.ok {
                return Err(Failure::Refused(format!(
                    "证据核验未通过：{}",
                    report.problems().join("；")
                )));
            }
        }
        EvidenceCmd::Log { lead } => show::custody(json, &store.custody_log(lead)?),
        EvidenceCmd::Export { lead, dir } => {
            let written = store.export_evidence(lead, &dir)?;
            if json {
                print::json(&written);
            } else {
                println!(
                    "已导出 {} 个证据文件和 SHA256SUMS.txt、说明.txt 到 {}",
                    written.len().saturating_sub(2),
                    dir.display()
                );
            }
        }
        EvidenceCmd::Remove { evidence, reason } => {
            let e = store.evidence(evidence)?;
            store.remove_evidence(evidence, &reason)?;
            if json {
                print::json(&serde_json::json!({ "removed": evidence }));
            } else {
                println!(
                    "已将「{}」移出线索 {} 的证据库（原因已记入保管记录）",
                    e.original_name, e.lead_id
                );
            }
        }
    }
    Ok(())
}

/// Applies the optional fields; patents and trademarks are looked up in
/// the ledger by number.
fn apply(store: &Store, mut d: LeadData, f: LeadFields) -> Result<LeadData> {
    let set = |slot: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *slot = v;
        }
    };
    set(&mut d.suspect_uscc, f.suspect_uscc);
    set(&mut d.suspect_address, f.suspect_address);
    set(&mut d.suspect_shop, f.shop);
    set(&mut d.suspect_url, f.url);
    set(&mut d.suspect_platform, f.platform);
    set(&mut d.region, f.region);
    set(&mut d.products, f.products);
    set(&mut d.description, f.description);
    set(&mut d.scale, f.scale);
    set(&mut d.notes, f.notes);
    if let Some(p) = f.priority {
        d.priority = p.parse::<Priority>()?;
    }
    if let Some(m) = money("预估损失（--loss）", &f.loss)? {
        d.estimated_loss = m;
    }
    if !f.patents.is_empty() {
        d.patent_ids = f
            .patents
            .iter()
            .map(|n| match store.find_patent(n) {
                Ok(p) => Ok(p.id),
                Err(Error::NotFound { .. }) => Err(Error::Invalid {
                    field: "涉及专利（--patent）".into(),
                    value: n.trim().into(),
                    reason: "台账中没有该申请号的专利，请先用 ipdesk patent add 登记".into(),
                }),
                Err(e) => Err(e),
            })
            .collect::<Result<_>>()?;
    }
    if !f.trademarks.is_empty() {
        d.trademark_ids = f
            .trademarks
            .iter()
            .map(|n| match store.find_trademark_id(n) {
                Err(Error::NotFound { .. }) => Err(Error::Invalid {
                    field: "涉及商标（--trademark）".into(),
                    value: n.trim().into(),
                    reason: "台账中没有该注册号的商标，请先用 ipdesk trademark add 登记".into(),
                }),
                other => other,
            })
            .collect::<Result<_>>()?;
    }
    Ok(d)
}

/// `export leads --out F.pdf|F.xlsx|F.csv`.
pub fn export_leads(db: &Option<PathBuf>, json: bool, a: LeadsExportArgs) -> Result<()> {
    let store = open(db)?;
    let q = LeadQuery {
        status: a.status.as_deref().map(str::parse).transpose()?,
        from: date("起始日期（--from）", &a.from)?,
        to: date("截止日期（--to）", &a.to)?,
        ..LeadQuery::default()
    };
    let ext = a
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("pdf") => {
            let data = store.leads_report(&q, today(&a.today)?)?;
            let bytes = leads_pdf(&data, &mut |_| {})?;
            store.save_file(&a.out, &bytes)?;
            return crate::io::report_pdf(json, &a.out, &bytes, data.leads.len(), "条侵权线索");
        }
        Some("xlsx") => ExportFormat::Xlsx,
        Some("csv") => ExportFormat::Csv,
        _ => {
            return Err(Error::Invalid {
                field: "--out".into(),
                value: a.out.display().to_string(),
                reason: "文件名应以 .pdf、.xlsx 或 .csv 结尾".into(),
            })
        }
    };
    let n = store.export_leads(&q, &a.out, format)?;
    if json {
        print::json(&serde_json::json!({ "path": a.out, "rows": n }));
    } else {
        println!("已导出 {n} 条侵权线索到 {}", a.out.display());
    }
    Ok(())
}

/// `export lead LEAD --out F.pdf`: the single-lead dossier.
pub fn export_lead(db: &Option<PathBuf>, json: bool, a: LeadExportArgs) -> Result<()> {
    let mut store = open(db)?;
    if a.out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        != Some("pdf".into())
    {
        return Err(Error::Invalid {
            field: "--out".into(),
            value: a.out.display().to_string(),
            reason: "文件名应以 .pdf 结尾".into(),
        });
    }
    store.lead(a.lead)?;
    let data = store.lead_report(a.lead, today(&a.today)?)?;
    let bytes = lead_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    store.log_lead_export(a.lead, &a.out)?;
    crate::io::report_pdf(
        json,
        &a.out,
        &bytes,
        data.detail.evidence.len(),
        "个证据文件的线索案卷",
    )
}
