//! `ipdesk dossier …`: the dossier for one program and year (申报材料) —
//! sections, attachments, submission (which freezes the packet), status,
//! copy — and `ipdesk export dossier`.

use std::path::PathBuf;

use chrono::Datelike;
use clap::{Args, Subcommand};
use ipdesk_core::{Dossier, DossierDetail, DossierStatus, Money, Result};

use crate::print::{self, opt};
use crate::{date, money, open, today};

#[derive(Debug, Subcommand)]
pub enum DossierCmd {
    /// Start the dossier for a program and year; prints its id.
    New {
        program: String,
        /// 申报年度 (this year when left out).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Every dossier with its status.
    List,
    /// One dossier: sections, attachments, gaps, the live check, history.
    Show {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Write a narrative section (实施方案 …) from a text file (UTF-8;
    /// paragraphs separated by a blank line).
    Section {
        id: i64,
        name: String,
        #[arg(long)]
        text_file: PathBuf,
    },
    /// Add a PDF or a picture to the attachments, last.
    Attach {
        id: i64,
        file: PathBuf,
        /// 附件名称 as listed (the file's name when left out).
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Take an attachment out (by its file id, as `show` lists it).
    Detach { id: i64, file: i64 },
    /// Put the attachments in this order (every file id, once).
    Order { id: i64, files: Vec<i64> },
    /// Rename an attachment as the list prints it.
    Label {
        id: i64,
        file: i64,
        #[arg(long)]
        label: String,
    },
    /// Submit on DATE: renders the packet and freezes its exact bytes.
    Submit {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// Move on: 已受理 | 已立项 | 未立项 | 已拨付 (with --amount), or back to
    /// 草稿 with --reason.
    Status(StatusArgs),
    /// Start the dossier of another year from this one.
    Copy {
        id: i64,
        #[arg(long)]
        year: i32,
    },
    /// Delete a draft.
    Delete { id: i64 },
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    id: i64,
    #[arg(long)]
    to: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Amount received (yuan), for 已拨付.
    #[arg(long)]
    amount: Option<String>,
    /// Why a submitted dossier goes back to 草稿.
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Debug, Args)]
pub struct DossierExportArgs {
    id: i64,
    #[arg(long)]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

pub fn dossier(db: &Option<PathBuf>, json: bool, cmd: DossierCmd) -> Result<()> {
    let mut store = open(db)?;
    match cmd {
        DossierCmd::New { program, year } => {
            let year = year.unwrap_or_else(|| chrono::Local::now().year());
            let d = store.new_dossier(&program, year)?;
            print_id(json, &d);
        }
        DossierCmd::List => {
            let list = store.dossiers()?;
            if json {
                print::json(&list);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|d| {
                    let name = store
                        .find_program(&d.program_id)
                        .map(|p| p.name)
                        .unwrap_or_default();
                    vec![
                        d.id.to_string(),
                        d.year.to_string(),
                        d.program_id.clone(),
                        name,
                        d.status.label().into(),
                        opt(&d.submitted_on),
                    ]
                })
                .collect();
            print::table(&["id", "年度", "项目", "名称", "状态", "提交日期"], &rows);
        }
        DossierCmd::Show { id, today: t } => {
            let detail = store.dossier_detail(id, today(&t)?)?;
            let pages = store.dossier_page_count(id, today(&t)?)?;
            if json {
                let mut v = serde_json::to_value(&detail)?;
                v["pages"] = pages.into();
                print::json(&v);
            } else {
                show(&detail, pages);
            }
        }
        DossierCmd::Section {
            id,
            name,
            text_file,
        } => {
            let text = std::fs::read(&text_file).map_err(|e| ipdesk_core::Error::BadFile {
                path: text_file.clone(),
                reason: e.to_string(),
            })?;
            let text = String::from_utf8(text).map_err(|_| ipdesk_core::Error::BadFile {
                path: text_file.clone(),
                reason: "不是 UTF-8 文本".into(),
            })?;
            store.set_dossier_section(id, &name, &text)?;
            done(json, id, &format!("已写入「{name}」"));
        }
        DossierCmd::Attach { id, file, label } => {
            let f = store.attach_file_to_dossier(id, &file, &label)?;
            if json {
                print::json(&f);
            } else {
                println!(
                    "已添加附件「{}」（文件 #{}，sha256 {}）",
                    f.label, f.attachment.id, f.attachment.sha256
                );
            }
        }
        DossierCmd::Order { id, files } => {
            let labels = store.dossier_files(id)?;
            let order: Vec<(i64, String)> = files
                .iter()
                .map(|f| {
                    let label = labels
                        .iter()
                        .find(|x| x.attachment.id == *f)
                        .map(|x| x.label.clone())
                        .unwrap_or_else(|| f.to_string());
                    (*f, label)
                })
                .collect();
            store.arrange_dossier_files(id, &order)?;
            done(json, id, "已调整附件顺序");
        }
        DossierCmd::Label { id, file, label } => {
            let order: Vec<(i64, String)> = store
                .dossier_files(id)?
                .into_iter()
                .map(|x| {
                    let l = if x.attachment.id == file {
                        label.clone()
                    } else {
                        x.label
                    };
                    (x.attachment.id, l)
                })
                .collect();
            if !order.iter().any(|(f, _)| *f == file) {
                return Err(ipdesk_core::Error::NotFound {
                    entity: "申报附件",
                    key: file.to_string(),
                });
            }
            store.arrange_dossier_files(id, &order)?;
            done(json, id, &format!("已改名为「{label}」"));
        }
        DossierCmd::Detach { id, file } => {
            store.remove_dossier_file(id, file)?;
            done(json, id, &format!("已移除文件 #{file}"));
        }
        DossierCmd::Submit { id, date: d } => {
            let on = ipdesk_core::parse_date("提交日期（--date）", &d)?;
            let bytes = store.submit_dossier(id, on)?;
            let sha = ipdesk_core::sha256_hex(&bytes);
            if json {
                print::json(&serde_json::json!({ "id": id, "sha256": sha, "bytes": bytes.len() }));
            } else {
                println!(
                    "已提交并冻结（{} KB，sha256 {sha}）；此后台账变化不会改变已提交的材料",
                    bytes.len() / 1024
                );
            }
        }
        DossierCmd::Status(a) => {
            let to: DossierStatus = a.to.parse()?;
            let amount: Option<Money> = money("拨付金额（--amount）", &a.amount)?;
            let d = store.set_dossier_status(
                a.id,
                to,
                date("日期（--date）", &a.date)?,
                amount,
                &a.reason,
            )?;
            done(json, d.id, &format!("状态：{}", d.status.label()));
        }
        DossierCmd::Copy { id, year } => {
            let d = store.copy_dossier(id, year)?;
            print_id(json, &d);
        }
        DossierCmd::Delete { id } => {
            store.delete_dossier(id)?;
            done(json, id, "已删除");
        }
    }
    Ok(())
}

fn print_id(json: bool, d: &Dossier) {
    if json {
        print::json(d);
    } else {
        println!("{}", d.id);
    }
}

fn done(json: bool, id: i64, what: &str) {
    if json {
        print::json(&serde_json::json!({ "id": id, "done": what }));
    } else {
        println!("{what}");
    }
}

fn show(d: &DossierDetail, pages: usize) {
    let x = &d.dossier;
    print::fields(&[
        (
            "申报材料",
            format!("#{} {}（{} 年度）", x.id, d.program_name, x.year),
        ),
        ("状态", x.status.label().into()),
        ("提交日期", opt(&x.submitted_on)),
        ("受理日期", opt(&x.accepted_on)),
        ("立项结果日期", opt(&x.decided_on)),
        (
            "拨付",
            match (x.paid_on, x.amount_received) {
                (Some(on), Some(m)) => format!("{on} {m} 元"),
                _ => String::new(),
            },
        ),
        (
            "冻结材料 sha256",
            x.packet_sha256.clone().unwrap_or_default(),
        ),
        ("预计页数", pages.to_string()),
        (
            "申报条件",
            format!(
                "{}（尚缺 {} 项，待提供材料 {} 项）",
                d.check.status.label(),
                d.check.short.len(),
                d.check.evidence_due.len()
            ),
        ),
    ]);
    println!("\n章节：");
    for s in &d.sections {
        let chars = s.body.chars().count();
        println!(
            "  {}：{}",
            s.name,
            if chars == 0 {
                "（未填写）".to_string()
            } else {
                format!("{chars} 字")
            }
        );
    }
    println!("\n附件：");
    for (i, f) in d.files.iter().enumerate() {
        println!(
            "  {}. {}（{}，文件 #{}）",
            i + 1,
            f.label,
            f.attachment.file_name,
            f.attachment.id
        );
    }
    if !d.missing_attachments.is_empty() {
        println!("\n尚缺附件：{}", d.missing_attachments.join("；"));
    }
    if !d.changes.is_empty() {
        println!("\n自提交以来：");
        for c in &d.changes {
            println!("  · {c}");
        }
    }
}

pub fn export_dossier(db: &Option<PathBuf>, json: bool, a: DossierExportArgs) -> Result<()> {
    let store = open(db)?;
    let bytes = store.dossier_pdf(a.id, today(&a.today)?)?;
    store.save_file(&a.out, &bytes)?;
    if json {
        print::json(&serde_json::json!({
            "path": a.out,
            "bytes": bytes.len(),
            "sha256": ipdesk_core::sha256_hex(&bytes),
        }));
    } else {
        println!(
            "已导出申报材料到 {}（{} KB，sha256 {}）",
            a.out.display(),
            bytes.len() / 1024,
            ipdesk_core::sha256_hex(&bytes)
        );
    }
    Ok(())
}
