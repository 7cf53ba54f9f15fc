//! Spreadsheets in and out, backups: `ipdesk import`, `ipdesk import-log`,
//! `ipdesk export …`, `ipdesk backup` and `ipdesk restore`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ipdesk_core::{
    annuity_pdf, approval_pdf, ledger_pdf, open_table, ExportFormat, Field, ImportKind,
    ImportOptions, ImportReport, Mapping, OnDuplicate, PatentQuery, Result, RowAction, Store,
};

use crate::ledger::ListArgs;
use crate::plan::PlanExportArgs;
use crate::{open, print, today, Failure};

/// What `ipdesk export` can write. Each variant is one output kind with its
/// own arguments, so new kinds (PDF reports) are added as variants.
#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// The ledger (current filter) as an Excel workbook, in the columns `import` reads.
    Xlsx(ExportArgs),
    /// The ledger (current filter) as CSV, UTF-8 with BOM so Excel shows Chinese correctly.
    Csv(ExportArgs),
    /// The ledger (current filter) as a bureau-ready PDF (专利台账).
    Ledger(ExportArgs),
    /// Annual fees due over the next N months as a PDF (年费缴纳计划), with
    /// the trademark renewals (续展计划) in the same period.
    Annuities(AnnuitiesArgs),
    /// The fees due over the next N months with their keep-or-drop decisions,
    /// for management to sign (年费缴纳审批表, PDF).
    Approvals(AnnuitiesArgs),
    /// Every trademark as .xlsx or .csv (by the file's extension), in the
    /// columns `import` reads.
    Trademarks(TrademarksArgs),
    /// A layout plan as a PDF (专利布局计划).
    Plan(PlanExportArgs),
    /// The applications filed against a layout plan (与专利布局计划相对应的专利申请清单)
    /// as .pdf, .xlsx or .csv (by the file's extension).
    PlanApplications(PlanExportArgs),
    /// The infringement leads (侵权线索汇总表) as .pdf, .xlsx or .csv (by the file's extension).
    Leads(crate::leads::LeadsExportArgs),
    /// One lead's dossier (侵权线索案卷) as a PDF, with the evidence manifest and hashes.
    Lead(crate::leads::LeadExportArgs),
    /// A funding dossier's packet (申报材料) as one PDF with its attachments;
    /// a submitted dossier writes its frozen bytes.
    Dossier(crate::dossier::DossierExportArgs),
    /// A records page as a PDF in the page's columns (商标台账, 质押融资台账 …).
    Records(crate::records::RecordsExportArgs),
    /// A funding program checked against this database as the 申报条件自评表 (PDF).
    SelfCheck(crate::dossiers::SelfCheckExportArgs),
    /// One patent as its 专利信息卡 (PDF): fields, fees, payments, family, history.
    Patent(crate::ledger::PatentExportArgs),
    /// The trademark renewals of the next N months as the 商标续展计划 (PDF).
    Renewals(crate::records::RenewalsExportArgs),
    /// Every layout plan with its progress as the 专利布局计划一览表 (PDF).
    Plans(crate::plan::PlansExportArgs),
    /// Every funding program checked for a year as the 项目申报雷达 (PDF).
    Radar(crate::dossiers::RadarExportArgs),
    /// A year's holiday calendar as the 节假日安排表 (PDF).
    Holidays(crate::app::HolidaysExportArgs),
    /// The home page on paper, across the four case files: the 知识产权工作概况 (PDF).
    Overview(crate::app::OverviewExportArgs),
}

#[derive(Debug, Args)]
pub struct TrademarksArgs {
    /// The file to write: .xlsx, or .csv (UTF-8 with BOM).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct AnnuitiesArgs {
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 12)]
    pub months: u32,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub filter: ListArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .xlsx, .xls or .csv file (CSV in UTF-8 or GBK).
    pub file: PathBuf,
    /// Check every row and report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// A row whose application number is already in the ledger (or earlier in the file): update | skip.
    #[arg(long, default_value = "update", value_name = "update|skip")]
    pub on_duplicate: String,
    /// Override a column: `COLUMN=FIELD`, column as a letter (C) or header text, field as code or Chinese header (e.g. `C=title`, `题目=专利名称`). Repeat.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// What the sheet holds: patent | trademark, or auto (a remembered mapping, else guessed from the headers).
    #[arg(long, default_value = "auto", value_name = "auto|patent|trademark")]
    pub kind: String,
    /// The day of the import (what a row without a grant date assumes).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

pub fn export(db: &Option<PathBuf>, json: bool, cmd: ExportCmd) -> Result<()> {
    let (format, args) = match cmd {
        ExportCmd::Xlsx(a) => (ExportFormat::Xlsx, a),
        ExportCmd::Csv(a) => (ExportFormat::Csv, a),
        ExportCmd::Ledger(a) => {
            let store = open(db)?;
            let data = store.ledger_report(&a.filter.query()?, today(&a.filter.today)?)?;
            let bytes = ledger_pdf(&data, &mut |_| {})?;
            store.save_file(&a.out, &bytes)?;
            return report_pdf(json, &a.out, &bytes, data.rows.len(), "件专利");
        }
        ExportCmd::Annuities(a) => {
            let store = open(db)?;
            let data = store.annuity_report(a.months, today(&a.today)?)?;
            let bytes = annuity_pdf(&data, &mut |_| {})?;
            store.save_file(&a.out, &bytes)?;
            return report_pdf(json, &a.out, &bytes, data.forecast.items.len(), "项年费");
        }
        ExportCmd::Approvals(a) => {
            let store = open(db)?;
            let data = store.approval_report(a.months, today(&a.today)?)?;
            let bytes = approval_pdf(&data, &mut |_| {})?;
            store.save_file(&a.out, &bytes)?;
            return report_pdf(json, &a.out, &bytes, data.rows.len(), "项年费");
        }
        ExportCmd::Plan(a) => return crate::plan::export_plan(db, json, a),
        ExportCmd::PlanApplications(a) => return crate::plan::export_applications(db, json, a),
        ExportCmd::Leads(a) => return crate::leads::export_leads(db, json, a),
        ExportCmd::Lead(a) => return crate::leads::export_lead(db, json, a),
        ExportCmd::Dossier(a) => return crate::dossier::export_dossier(db, json, a),
        ExportCmd::Records(a) => return crate::records::export_records(db, json, a),
        ExportCmd::SelfCheck(a) => return crate::dossiers::export_self_check(db, json, a),
        ExportCmd::Patent(a) => return crate::ledger::export_patent(db, json, a),
        ExportCmd::Renewals(a) => return crate::records::export_renewals(db, json, a),
        ExportCmd::Plans(a) => return crate::plan::export_plans(db, json, a),
        ExportCmd::Radar(a) => return crate::dossiers::export_radar(db, json, a),
        ExportCmd::Holidays(a) => return crate::app::export_holidays(db, json, a),
        ExportCmd::Overview(a) => return crate::app::export_overview(db, json, a),
        ExportCmd::Trademarks(a) => {
            let ext = a
                .out
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            let format = match ext.as_deref() {
                Some("xlsx") => ExportFormat::Xlsx,
                Some("csv") => ExportFormat::Csv,
                _ => {
                    return Err(ipdesk_core::Error::Invalid {
                        field: "--out".into(),
                        value: a.out.display().to_string(),
                        reason: "文件名应以 .xlsx 或 .csv 结尾".into(),
                    })
                }
            };
            let n = open(db)?.export_trademarks(format, &a.out)?;
            if json {
                print::json(&serde_json::json!({ "path": a.out, "trademarks": n }));
            } else {
                println!("已导出 {n} 件商标到 {}", a.out.display());
            }
            return Ok(());
        }
    };
    let store = open(db)?;
    let q: PatentQuery = args.filter.query()?;
    let n = store.export_patents(&q, today(&args.filter.today)?, format, &args.out)?;
    if json {
        print::json(&serde_json::json!({ "path": args.out, "patents": n }));
    } else {
        println!("已导出 {n} 件专利到 {}", args.out.display());
    }
    Ok(())
}

pub fn report_pdf(json: bool, out: &Path, bytes: &[u8], n: usize, what: &str) -> Result<()> {
    if json {
        print::json(&serde_json::json!({ "path": out, "count": n, "bytes": bytes.len() }));
    } else {
        println!(
            "已导出 {n} {what}到 {}（{} KB）",
            out.display(),
            bytes.len() / 1024
        );
    }
    Ok(())
}

pub fn import(
    db: &Option<PathBuf>,
    json: bool,
    args: ImportArgs,
) -> std::result::Result<(), Failure> {
    let opts = ImportOptions {
        on_duplicate: args.on_duplicate.parse::<OnDuplicate>()?,
        dry_run: args.dry_run,
        today: Some(today(&args.today)?),
        ..ImportOptions::default()
    };
    let mut store = open(db)?;
    // Rows go on being read while the first ones are written.
    let sheet = open_table(&args.file)?;
    let headers = sheet.table.headers.clone();
    let (kind, mut mapping) = match args.kind.trim() {
        "auto" | "" => store.import_plan(&headers)?,
        k => {
            let kind: ImportKind = k.parse()?;
            (kind, store.import_mapping_for(kind, &headers)?)
        }
    };
    for m in &args.map {
        apply_override(&mut mapping, kind, &headers, m)?;
    }
    let tty = std::io::stderr().is_terminal();
    let mut last = 0;
    let mut progress = |done: usize, total: usize| {
        let pct = done * 100 / total.max(1);
        if tty && (pct != last || done == total) {
            last = pct;
            eprint!("\r处理中 {done}/{total}（{pct}%）");
            if done == total {
                eprintln!();
            }
        }
    };
    let report = store.import_sheet(sheet, kind, &mapping, &opts, &mut progress)?;
    print_report(json, &report);
    if let (false, Some(m)) = (json, &report.trademarks) {
        print_report(false, m);
    }
    if !report.errors.is_empty() {
        return Err(Failure::Refused(report.rejection()));
    }
    if let Some(m) = report.trademarks.as_ref().filter(|m| !m.errors.is_empty()) {
        return Err(Failure::Refused(m.rejection()));
    }
    Ok(())
}

/// `C=title` or `题目=专利名称`: the column by letter or by header text.
fn apply_override(
    mapping: &mut Mapping,
    kind: ImportKind,
    headers: &[String],
    spec: &str,
) -> Result<()> {
    let bad = || ipdesk_core::Error::Invalid {
        field: "列映射（--map）".into(),
        value: spec.to_string(),
        reason: "应写作 列=字段，例如 C=title 或 题目=专利名称".into(),
    };
    let (col, field) = spec.split_once('=').ok_or_else(bad)?;
    let field = match Field::from_header_for(kind, field) {
        Some(f) => f,
        None => field.parse::<Field>()?,
    };
    let col = col.trim();
    let index = headers
        .iter()
        .position(|h| h.trim() == col)
        .or_else(|| letters_index(col))
        .filter(|i| *i < headers.len())
        .ok_or_else(bad)?;
    mapping.0.retain(|_, f| *f != field);
    mapping.0.insert(index, field);
    Ok(())
}

fn letters_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    s.bytes()
        .map(|b| (b.to_ascii_uppercase() - b'A') as usize + 1)
        .try_fold(0usize, |acc, d| Some(acc * 26 + d))
        .map(|n| n - 1)
}

fn print_report(json: bool, r: &ImportReport) {
    if json {
        print::json(r);
        return;
    }
    println!(
        "{}台账，工作表「{}」，表头在第 {} 行；列映射：{}",
        r.kind.label(),
        r.sheet,
        r.header_row,
        r.mapping
            .0
            .iter()
            .map(|(c, f)| {
                let header = r.headers.get(*c).map_or("", String::as_str);
                format!("{header}→{}", f.header())
            })
            .collect::<Vec<_>>()
            .join("，")
    );
    if let Some(f) = &r.format {
        println!(
            "识别为：{}{}",
            f.name,
            if f.confirmed {
                ""
            } else {
                "（表头未经两个来源核实）"
            }
        );
    }
    for o in &r.rows {
        let action = match o.action {
            RowAction::Created => "新增",
            RowAction::Updated => "更新",
            RowAction::Unchanged => "无变化",
            RowAction::Skipped => "跳过",
            RowAction::Failed => continue,
        };
        if !o.warning.is_empty() {
            println!("第 {} 行 {} 提示：{}", o.row, o.app_no, o.warning);
        }
        if o.action != RowAction::Created || r.rows.len() <= 50 {
            let note = if o.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", o.note)
            };
            println!("第 {} 行 {} {action}{note}", o.row, o.app_no);
        }
    }
    for e in &r.errors {
        println!("{e}");
    }
    println!(
        "{}：新增 {}，更新 {}，无变化 {}，跳过 {}，有错误 {} 行，有提示 {} 行",
        if r.committed {
            "已导入"
        } else if r.dry_run {
            "试运行（未写入）"
        } else {
            "未导入"
        },
        r.created,
        r.updated,
        r.unchanged,
        r.skipped,
        r.failed,
        r.warned
    );
}

pub fn backup(db: &Option<PathBuf>, json: bool, out: &Path) -> Result<()> {
    let store = open(db)?;
    let r = store.backup_to(out)?;
    if json {
        print::json(&r);
    } else {
        println!(
            "已备份到 {}（{} 件专利，{} 字节）",
            r.path.display(),
            r.patents,
            r.bytes
        );
    }
    Ok(())
}

/// `ipdesk auto-backup`: what the app does on open and daily.
pub fn auto_backup(
    db: &Option<PathBuf>,
    json: bool,
    list: bool,
    today_arg: &Option<String>,
) -> Result<()> {
    let store = open(db)?;
    let report = if list {
        let policy = store.backup_policy()?;
        let dir = store.backup_dir(&policy).unwrap_or_default();
        ipdesk_core::AutoBackupReport {
            kept: store.auto_backups(&dir)?,
            dir,
            taken: None,
            removed: Vec::new(),
        }
    } else {
        store.auto_backup(today(today_arg)?)?
    };
    if json {
        print::json(&report);
        return Ok(());
    }
    println!("备份文件夹：{}", report.dir.display());
    if let Some(t) = &report.taken {
        println!(
            "已备份到 {}（{} 件专利，{} 字节）",
            t.path.display(),
            t.patents,
            t.bytes
        );
    } else if !list {
        println!("今天的自动备份已存在（或自动备份已关闭），未重复备份");
    }
    for r in &report.removed {
        println!("已按保留规则删除 {}", r.display());
    }
    let rows: Vec<Vec<String>> = report
        .kept
        .iter()
        .map(|e| {
            vec![
                e.day.to_string(),
                e.bytes.to_string(),
                e.path.display().to_string(),
            ]
        })
        .collect();
    print::table(&["日期", "字节", "文件"], &rows);
    Ok(())
}

pub fn import_log(db: &Option<PathBuf>, json: bool, limit: usize) -> Result<()> {
    let log = open(db)?.import_batches(limit)?;
    if json {
        print::json(&log);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = log
        .iter()
        .map(|b| {
            vec![
                b.id.to_string(),
                b.at.chars().take(19).collect::<String>().replace('T', " "),
                b.kind.label().to_string(),
                b.file.clone(),
                b.sheet.clone(),
                b.rows.to_string(),
                b.created.to_string(),
                b.updated.to_string(),
                b.unchanged.to_string(),
                b.skipped.to_string(),
                b.os_user.clone(),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "时间",
            "类别",
            "文件",
            "工作表",
            "数据行",
            "新增",
            "更新",
            "无变化",
            "跳过",
            "操作人",
        ],
        &rows,
    );
    Ok(())
}

pub fn restore(db: &Option<PathBuf>, json: bool, file: &Path) -> Result<()> {
    let target = db.clone().unwrap_or_else(Store::default_path);
    let r = Store::restore(file, &target)?;
    // Opening migrates a backup taken by an older version.
    open(db)?;
    if json {
        print::json(&r);
    } else {
        println!(
            "已从 {} 恢复到 {}（{} 件专利）",
            file.display(),
            r.target.display(),
            r.patents
        );
        if let Some(p) = r.previous {
            println!("原数据库已保留为 {}", p.display());
        }
    }
    Ok(())
}
