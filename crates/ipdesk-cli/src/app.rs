//! The desk itself rather than a case file: the database (`init`, `sample`),
//! identifier checks, the company profile, the holiday calendar, settings
//! and the rules in force.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ipdesk_core::{
    parse_cn_app_no, parse_date, parse_uscc, Company, Error, PatentQuery, Result, Rules, Store,
};

use crate::print::{self, opt};
use crate::{date, money, open, today};

#[derive(Debug, Subcommand)]
pub enum CheckCmd {
    /// A CN application number: prints the normalised number, kind and filing year.
    AppNo { number: String },
    /// A unified social credit code (统一社会信用代码).
    Uscc { code: String },
}

#[derive(Debug, Subcommand)]
pub enum CompanyCmd {
    Show,
    /// Set fields of the profile; fields not given keep their value.
    Set(Box<CompanyArgs>),
}

#[derive(Debug, Args)]
pub struct CompanyArgs {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    uscc: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    registration_date: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    legal_representative: Option<String>,
    #[arg(long)]
    contact_person: Option<String>,
    #[arg(long)]
    contact_phone: Option<String>,
    #[arg(long)]
    contact_email: Option<String>,
    #[arg(long)]
    headcount: Option<u32>,
    /// Repeat for each; replaces the list.
    #[arg(long = "qualification")]
    qualifications: Vec<String>,
    #[arg(long)]
    ip_department: Option<String>,
    #[arg(long)]
    ip_staff_count: Option<u32>,
    /// 所属产业链.
    #[arg(long)]
    industry_chain: Option<String>,
    /// 产业链龙头企业: true or false.
    #[arg(long)]
    chain_leader: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum HolidayCmd {
    Add {
        date: String,
        /// A make-up working day (调休上班) instead of a holiday.
        #[arg(long)]
        working: bool,
        #[arg(long, default_value = "")]
        name: String,
    },
    /// The calendar: the shipped State Council notices and your own days.
    List {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Remove a day you added (shipped days stay).
    Remove { date: String },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Show or set the pledge amount (yuan) from which a pledged invention counts as high-value.
    PledgeThreshold {
        amount: Option<String>,
        #[arg(long, conflicts_with = "amount")]
        unset: bool,
    },
    /// Show or set automatic backups: folder, days and weeks kept, on or off.
    Backup {
        /// The backup folder (a USB drive, a network share).
        #[arg(long, conflicts_with = "default_dir")]
        dir: Option<PathBuf>,
        /// Back to the default folder, ipdesk-backups beside the database.
        #[arg(long)]
        default_dir: bool,
        #[arg(long)]
        daily: Option<u32>,
        #[arg(long)]
        weekly: Option<u32>,
        #[arg(long, conflicts_with = "on")]
        off: bool,
        #[arg(long)]
        on: bool,
    },
}

pub fn init(db: &Option<PathBuf>, json: bool) -> Result<()> {
    let path = db.clone().unwrap_or_else(Store::default_path);
    let (store, report) = Store::open_with_report(&path)?;
    if json {
        print::json(&report);
    } else {
        println!(
            "数据库：{}（结构版本 {}）",
            path.display(),
            store.schema_version()?
        );
        if let Some(b) = report.backup {
            println!("升级前的副本：{}", b.display());
        }
    }
    Ok(())
}

pub fn check(json: bool, cmd: CheckCmd) -> Result<()> {
    match cmd {
        CheckCmd::AppNo { number } => {
            let n = parse_cn_app_no(&number)?;
            if json {
                print::json(&n);
            } else {
                print::fields(&[
                    ("申请号", n.to_string()),
                    ("规范化", n.digits.clone()),
                    ("专利号", n.patent_number()),
                    (
                        "类型",
                        format!(
                            "{}{}",
                            n.kind.label(),
                            if n.pct { "（PCT 国家阶段）" } else { "" }
                        ),
                    ),
                    ("申请年份", n.filing_year.to_string()),
                ]);
            }
        }
        CheckCmd::Uscc { code } => {
            let c = parse_uscc(&code)?;
            if json {
                print::json(&serde_json::json!({ "uscc": c, "valid": true }));
            } else {
                println!("{c} 有效");
            }
        }
    }
    Ok(())
}

pub fn company(db: &Option<PathBuf>, json: bool, cmd: CompanyCmd) -> Result<()> {
    let mut store = open(db)?;
    let c = match cmd {
        CompanyCmd::Show => store.company()?,
        CompanyCmd::Set(a) => {
            let mut c = store.company()?;
            let set = |dst: &mut String, v: Option<String>| {
                if let Some(v) = v {
                    *dst = v;
                }
            };
            set(&mut c.name, a.name);
            set(&mut c.uscc, a.uscc);
            set(&mut c.address, a.address);
            set(&mut c.legal_representative, a.legal_representative);
            set(&mut c.contact_person, a.contact_person);
            set(&mut c.contact_phone, a.contact_phone);
            set(&mut c.contact_email, a.contact_email);
            set(&mut c.ip_department, a.ip_department);
            if a.registration_date.is_some() {
                c.registration_date = date("注册日期", &a.registration_date)?;
            }
            c.headcount = a.headcount.or(c.headcount);
            c.ip_staff_count = a.ip_staff_count.or(c.ip_staff_count);
            set(&mut c.industry_chain, a.industry_chain);
            c.chain_leader = a.chain_leader.unwrap_or(c.chain_leader);
            if !a.qualifications.is_empty() {
                c.qualifications = a.qualifications;
            }
            store.set_company(c)?
        }
    };
    if json {
        print::json(&c);
    } else {
        print_company(&c);
    }
    Ok(())
}

fn print_company(c: &Company) {
    print::fields(&[
        ("企业名称", c.name.clone()),
        ("统一社会信用代码", c.uscc.clone()),
        ("注册日期", opt(&c.registration_date)),
        ("地址", c.address.clone()),
        ("法定代表人", c.legal_representative.clone()),
        ("联系人", c.contact_person.clone()),
        ("联系电话", c.contact_phone.clone()),
        ("电子邮箱", c.contact_email.clone()),
        ("职工人数", opt(&c.headcount)),
        ("资质", c.qualifications.join("、")),
        ("知识产权部门", c.ip_department.clone()),
        ("知识产权人员", opt(&c.ip_staff_count)),
        ("所属产业链", c.industry_chain.clone()),
        (
            "产业链龙头企业",
            if c.chain_leader { "是" } else { "否" }.into(),
        ),
    ]);
}

pub fn holiday(db: &Option<PathBuf>, json: bool, cmd: HolidayCmd) -> Result<()> {
    match cmd {
        HolidayCmd::Add {
            date: d,
            working,
            name,
        } => {
            let mut store = open(db)?;
            store.set_holiday(parse_date("日期", &d)?, working, &name)?;
            println!(
                "已登记 {d}{}",
                if working {
                    "（调休上班）"
                } else {
                    "（休假）"
                }
            );
        }
        HolidayCmd::List { year } => {
            let store = open(db)?;
            let cal = store.holiday_calendar(year)?;
            if json {
                print::json(&cal);
                return Ok(());
            }
            for n in &cal.notices {
                println!(
                    "{}年：{}{}",
                    n.year,
                    n.notice,
                    if n.confirmed { "" } else { "（未确认）" }
                );
            }
            if let Some(y) = year.filter(|y| !cal.shipped_years.contains(y)) {
                println!("未收录 {y} 年的国务院节假日安排，请按当年通知自行添加");
            }
            let rows: Vec<Vec<String>> = cal
                .days
                .iter()
                .map(|d| {
                    vec![
                        d.date.to_string(),
                        if d.working { "调休上班" } else { "休假" }.into(),
                        d.name.clone(),
                        if d.user {
                            "自行添加"
                        } else {
                            "国务院通知"
                        }
                        .into(),
                    ]
                })
                .collect();
            print::table(&["日期", "类型", "名称", "来源"], &rows);
        }
        HolidayCmd::Remove { date: d } => {
            let mut store = open(db)?;
            store.remove_holiday(parse_date("日期", &d)?)?;
            println!("已删除 {d}");
        }
    }
    Ok(())
}

pub fn settings(db: &Option<PathBuf>, cmd: SettingsCmd) -> Result<()> {
    let (amount, unset) = match cmd {
        SettingsCmd::PledgeThreshold { amount, unset } => (amount, unset),
        SettingsCmd::Backup {
            dir,
            default_dir,
            daily,
            weekly,
            off,
            on,
        } => {
            let mut store = open(db)?;
            let mut p = store.backup_policy()?;
            let before = p.clone();
            if let Some(dir) = dir {
                p.dir = Some(std::path::absolute(&dir)?);
            }
            if default_dir {
                p.dir = None;
            }
            p.daily = daily.unwrap_or(p.daily);
            p.weekly = weekly.unwrap_or(p.weekly);
            if off || on {
                p.enabled = on;
            }
            if p != before {
                p = store.set_backup_policy(p)?;
            }
            let dir = store.backup_dir(&p).unwrap_or_default();
            println!(
                "自动备份：{}；文件夹 {}；保留最近 {} 天、另加 {} 周各一份",
                if p.enabled { "开启" } else { "关闭" },
                dir.display(),
                p.daily,
                p.weekly
            );
            return Ok(());
        }
    };
    let mut store = open(db)?;
    if unset {
        store.set_pledge_threshold(None)?;
    } else if let Some(a) = money("质押融资阈值", &amount)? {
        store.set_pledge_threshold(Some(a))?;
    }
    match store.pledge_threshold()? {
        Some(m) => println!("质押融资高价值阈值：{m} 元"),
        None => {
            println!("质押融资高价值阈值：未设置（该类别不计入高价值，官方未公布数额）")
        }
    }
    Ok(())
}

pub fn rules(json: bool) -> Result<()> {
    let rules = Rules::bundled();
    if json {
        print::json(&rules.sources);
    } else {
        let rows: Vec<Vec<String>> = rules
            .sources
            .iter()
            .map(|s| {
                vec![
                    if s.confirmed {
                        "已确认".into()
                    } else {
                        "未确认".into()
                    },
                    s.rule.clone(),
                    s.source.clone(),
                ]
            })
            .collect();
        print::table(&["状态", "规则", "来源"], &rows);
    }
    Ok(())
}

/// Fills an empty database with the synthetic sample ledger; refuses one that has patents.
pub fn sample(db: &Option<PathBuf>, patents: usize, t: &Option<String>) -> Result<()> {
    let mut store = open(db)?;
    let today = today(t)?;
    if store
        .list_patents(
            &PatentQuery {
                limit: 1,
                ..PatentQuery::default()
            },
            today,
        )?
        .total
        > 0
    {
        return Err(Error::Invalid {
            field: "数据库".into(),
            value: store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            reason: "台账中已有专利；示例数据只写入空数据库".into(),
        });
    }
    if store.company()?.name.is_empty() {
        store.set_company(Company {
            name: "衡阳示例科技有限公司".into(),
            uscc: "914403001922038216".into(),
            qualifications: vec!["高新技术企业".into()],
            ..Company::default()
        })?;
    }
    let n = store
        .add_patents(ipdesk_core::sample::ledger(patents, 42, today))?
        .len();
    println!("已写入 {n} 件示例专利");
    Ok(())
}

#[derive(Debug, Args)]
pub struct HolidaysExportArgs {
    /// The year (default: every year known).
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export holidays --year Y --out FILE`: the 节假日安排表.
pub fn export_holidays(db: &Option<PathBuf>, json: bool, a: HolidaysExportArgs) -> Result<()> {
    let store = open(db)?;
    let data = store.holidays_report(a.year, crate::today(&a.today)?)?;
    let bytes = ipdesk_core::holidays_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, data.calendar.days.len(), "个日期")
}

#[derive(Debug, Args)]
pub struct OverviewExportArgs {
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The day the figures are counted on (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export overview --out FILE`: the 知识产权工作概况, the home page
/// on paper.
pub fn export_overview(db: &Option<PathBuf>, json: bool, a: OverviewExportArgs) -> Result<()> {
    let store = open(db)?;
    let data = store.overview(crate::today(&a.today)?)?;
    let bytes = ipdesk_core::overview_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    let d = &data.dashboard;
    let valid = d.valid_inventions + d.valid_utility_models + d.valid_designs;
    crate::io::report_pdf(json, &a.out, &bytes, valid as usize, "件有效专利")
}
