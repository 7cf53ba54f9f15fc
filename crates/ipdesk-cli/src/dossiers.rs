//! 案卷四 项目申报 (part 1): `programs list|show|check|radar|validate` — the
//! funding programs shipped as data, checked against this database.

use std::path::PathBuf;

use chrono::Datelike;
use clap::{Args, Subcommand};
use ipdesk_core::{
    self_check_pdf, shipped_programs, Check, Error, Fact, Program, ProgramCheck, RadarRow, Subsidy,
    Verdict,
};

use crate::print;
use crate::{open, today, Failure};

#[derive(Debug, Subcommand)]
pub enum ProgramsCmd {
    /// Every shipped program: id, name, issuer, year, confirmed.
    List,
    /// A program's criteria and subsidy rules with their sources.
    Show { id: String },
    /// Check a program against this database: each criterion's verdict, the rows behind it, what is missing, the subsidy estimate.
    Check {
        id: String,
        /// The year whose records count as 本年度 (default: this year).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Every program with its status today and the estimated subsidy: where to apply this year.
    Radar {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Check a program file of one's own (same schema as assets/programs); exit 1 naming the field.
    Validate { file: PathBuf },
    /// Keep a program file of one's own in the database (validated first); it joins the radar.
    Add { file: PathBuf },
    /// Remove a program of one's own.
    Remove { id: String },
}

pub fn run(db: &Option<PathBuf>, json: bool, cmd: ProgramsCmd) -> std::result::Result<(), Failure> {
    match cmd {
        ProgramsCmd::List => {
            let store = open(db)?;
            list(json, &store.all_programs()?, shipped_programs().len());
        }
        ProgramsCmd::Show { id } => show(json, &open(db)?.find_program(&id)?),
        ProgramsCmd::Check { id, year, today: t } => {
            let day = today(&t)?;
            let c = open(db)?.check_program(&id, year.unwrap_or(day.year()), day)?;
            check(json, &c);
        }
        ProgramsCmd::Radar { year, today: t } => {
            let day = today(&t)?;
            radar(
                json,
                &open(db)?.program_radar(year.unwrap_or(day.year()), day)?,
            );
        }
        ProgramsCmd::Add { file } => {
            let (name, text) = read(&file)?;
            let p = open(db)?.add_own_program(&name, &text)?;
            if json {
                print::json(&p);
            } else {
                println!("已添加自定义申报项目 {}「{}」", p.id, p.name);
            }
        }
        ProgramsCmd::Remove { id } => {
            open(db)?.remove_own_program(&id)?;
            if json {
                print::json(&serde_json::json!({ "removed": id }));
            } else {
                println!("已删除自定义申报项目 {id}");
            }
        }
        ProgramsCmd::Validate { file } => {
            let (name, text) = read(&file)?;
            let p = Program::parse(&name, &text)?;
            if json {
                print::json(&p);
            } else {
                println!(
                    "{name}：有效（{}「{}」，{} 个版本）",
                    p.id,
                    p.name,
                    p.versions.len()
                );
            }
        }
    }
    Ok(())
}

/// A program file's name and text. Errors: [`Error::BadFile`].
fn read(file: &std::path::Path) -> ipdesk_core::Result<(String, String)> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::BadFile {
        path: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok((name, text))
}

/// The first `shipped` are the app's own; the rest are the officer's.
fn list(json: bool, programs: &[Program], shipped: usize) {
    if json {
        let rows: Vec<_> = programs
            .iter()
            .enumerate()
            .map(|(i, p)| serde_json::json!({ "id": p.id, "name": p.name, "issuer": p.issuer, "year": p.year, "confirmed": p.confirmed, "own": i >= shipped }))
            .collect();
        print::json(&rows);
        return;
    }
    let rows: Vec<Vec<String>> = programs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                p.id.clone(),
                p.name.clone(),
                p.issuer.clone(),
                p.year.to_string(),
                if p.confirmed {
                    "已确认"
                } else {
                    "未确认"
                }
                .into(),
                if i >= shipped { "自定义" } else { "自带" }.into(),
            ]
        })
        .collect();
    print::table(&["id", "项目", "发布单位", "年度", "来源", ""], &rows);
}

fn show(json: bool, p: &Program) {
    if json {
        print::json(p);
        return;
    }
    print::fields(&[
        ("项目", format!("{}（{}）", p.name, p.id)),
        ("发布单位", p.issuer.clone()),
        ("主管科室", p.office.clone()),
        ("支持范围", p.scope.clone()),
        (
            "来源",
            format!(
                "《{}》{}{}",
                p.source.document,
                p.source.section,
                if p.confirmed { "" } else { "（未确认）" }
            ),
        ),
    ]);
    for v in &p.versions {
        let period = match (v.from, v.to) {
            (None, None) => "长期有效".to_string(),
            (a, b) => format!("{} 至 {}", print::opt(&a), print::opt(&b)),
        };
        println!("\n版本：{period}");
        let rows: Vec<Vec<String>> = v
            .criteria
            .iter()
            .map(|c| {
                let how = match &c.check {
                    Check::Metric {
                        metric,
                        op,
                        value,
                        scheme,
                        ..
                    } => {
                        let (unit, label) = metric.label();
                        let basis =
                            scheme.map_or(String::new(), |s| format!("（{}口径）", s.label()));
                        format!("自动：{label} {} {value} {unit}{basis}", op.symbol())
                    }
                    Check::Profile { fact, value } => match fact {
                        Fact::Qualification => format!(
                            "资质证书：{}（当日有效）",
                            value.clone().unwrap_or_default()
                        ),
                        Fact::IpDepartment => "企业信息：知识产权部门".into(),
                        Fact::ChainLeader => "企业信息：产业链龙头企业".into(),
                    },
                    Check::Evidence { item } => format!("材料：{item}"),
                    Check::Band { bands, .. } => {
                        let scale: Vec<String> = bands
                            .iter()
                            .map(|b| format!("{} {} {}", b.label, b.text, b.points))
                            .collect();
                        let who = if bands.iter().all(|b| b.when.is_none()) {
                            "专家评分"
                        } else {
                            "评分档次"
                        };
                        format!("{who}：{}", scale.join("；"))
                    }
                };
                let mut mark = Vec::new();
                if c.bonus {
                    mark.push("优先".to_string());
                }
                if let Some(t) = &c.tier {
                    mark.push(t.clone());
                }
                if c.confirmed == Some(false) {
                    mark.push("未确认".into());
                }
                vec![c.id.clone(), c.text.clone(), how, mark.join(" ")]
            })
            .collect();
        print::table(&["条件", "要求", "判断方式", ""], &rows);
        for s in &v.subsidies {
            let text = match s {
                Subsidy::PledgeTiers { text, .. } | Subsidy::PerForeignGrant { text, .. } => text,
            };
            println!("补助：{text}");
        }
    }
}

fn check(json: bool, c: &ProgramCheck) {
    if json {
        print::json(c);
        return;
    }
    let period = match (c.version_from, c.version_to) {
        (None, None) => String::new(),
        (a, b) => format!("（适用版本 {} 至 {}）", print::opt(&a), print::opt(&b)),
    };
    println!(
        "{}（{}）— {} 年度，{}{period}：{}{}",
        c.program.name,
        c.program.id,
        c.year,
        c.today,
        c.tier.as_deref().map_or(String::new(), |t| format!("{t} ")),
        c.status.label()
    );
    for t in &c.tiers {
        let mut line = format!("  {}：{}", t.name, t.status.label());
        if !t.short.is_empty() {
            line.push_str(&format!("，尚缺 {}", t.short.join("；")));
        }
        println!("{line}");
    }
    for r in &c.criteria {
        let mut line = format!("[{}] {}", r.verdict.label(), r.text);
        if r.bonus {
            line.push_str("（优先条件）");
        }
        if !r.confirmed {
            line.push_str("（未确认，仅作提示）");
        }
        if r.scored {
            match r.scale.iter().find(|b| b.reached) {
                Some(b) => line.push_str(&format!("　档次 {} {}（{}）", b.label, b.text, b.points)),
                None => line.push_str(&format!("　{}", r.required)),
            }
        } else if let Some(a) = r.actual {
            line.push_str(&format!("　现有 {a}，要求 {}", r.required));
        }
        println!("{line}");
        if let Some(m) = &r.missing {
            if r.verdict != Verdict::Met || r.scored {
                println!("    → {m}");
            }
        }
        for row in &r.rows {
            println!(
                "    · {} {} {} {}",
                row.kind, row.number, row.title, row.detail
            );
        }
        if r.more_rows > 0 {
            println!("    · 另有 {} 条", r.more_rows);
        }
    }
    for s in &c.subsidies {
        println!("\n补助测算（{}）：合计 {} 元", s.text, s.total);
        for l in &s.lines {
            println!(
                "    · {} {} {}：{} 元",
                l.row.kind, l.row.number, l.row.detail, l.amount
            );
        }
    }
}

fn radar(json: bool, rows: &[RadarRow]) {
    if json {
        print::json(&rows);
        return;
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                match &r.tier {
                    Some(t) => format!("{t}：{}", r.status.label()),
                    None => r.status.label().into(),
                },
                match r.short.len() {
                    0 | 1 => r.short.join(""),
                    n => format!("{n} 项，如：{}", r.short[0]),
                },
                r.evidence_due.to_string(),
                if r.subsidy_total.0 > 0 {
                    format!("{} 元", r.subsidy_total)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    print::table(
        &["id", "项目", "结论", "尚缺", "待提供材料", "预计补助"],
        &table,
    );
}

#[derive(Debug, Args)]
pub struct SelfCheckExportArgs {
    /// The program's id (`ipdesk programs list`).
    id: String,
    /// The year whose records count as 本年度 (default: the year of --today).
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The application date: it picks the rule version in force (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export self-check ID --out FILE`: the 申报条件自评表.
pub fn export_self_check(
    db: &Option<PathBuf>,
    json: bool,
    a: SelfCheckExportArgs,
) -> ipdesk_core::Result<()> {
    let day = today(&a.today)?;
    let store = open(db)?;
    let data = store.self_check_report(&a.id, a.year.unwrap_or(day.year()), day)?;
    let bytes = self_check_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(
        json,
        &a.out,
        &bytes,
        data.check.criteria.len(),
        "项申报条件",
    )
}

#[derive(Debug, Args)]
pub struct RadarExportArgs {
    /// The year whose records count as 本年度 (default: the year of --today).
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export radar --out FILE`: the 项目申报雷达.
pub fn export_radar(
    db: &Option<PathBuf>,
    json: bool,
    a: RadarExportArgs,
) -> ipdesk_core::Result<()> {
    let day = today(&a.today)?;
    let store = open(db)?;
    let data = store.radar_report(a.year.unwrap_or(day.year()), day)?;
    let bytes = ipdesk_core::radar_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, data.rows.len(), "个申报项目")
}
