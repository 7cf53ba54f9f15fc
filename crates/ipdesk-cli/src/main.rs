//! `ipdesk`: the IP Desk command line. A public interface — commands and
//! flags are kept stable once released, extended rather than renamed.
//!
//! Exit codes: 0 success; 1 invalid input or a refused operation (message on
//! stderr, nothing written); 2 usage errors (from clap).

mod bench;
mod io;
mod print;
mod records;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Args, Parser, Subcommand};
use ipdesk_core::{
    parse_cn_app_no, parse_date, parse_uscc, Company, Error, FeeReduction, FeeState, LegalStatus,
    Money, PatentData, PatentKind, PatentQuery, PaymentInput, Result, Route, Rules, Store,
};

use crate::print::opt;

#[derive(Debug, Parser)]
#[command(
    name = "ipdesk",
    version,
    about = "IP Desk 知产案卷台：专利台账、年费与报表的命令行"
)]
struct Cli {
    /// Database file (default: the per-user data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create (or migrate) the database and print where it is.
    Init,
    /// Validate an identifier without touching the database.
    #[command(subcommand)]
    Check(CheckCmd),
    /// The company profile (企业信息).
    #[command(subcommand)]
    Company(CompanyCmd),
    /// The patent ledger (专利台账).
    #[command(subcommand)]
    Patent(Box<PatentCmd>),
    /// Annual fees (年费): schedule, forecast, payments.
    #[command(subcommand)]
    Fees(FeesCmd),
    /// Valid inventions with the high-value categories they meet.
    Highvalue {
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Full-text search over titles, numbers, applicants, inventors and tags.
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    #[command(subcommand)]
    Trademark(records::TrademarkCmd),
    #[command(subcommand)]
    Pledge(records::PledgeCmd),
    #[command(subcommand)]
    Award(records::AwardCmd),
    #[command(subcommand)]
    Transfer(records::TransferCmd),
    #[command(subcommand)]
    Insurance(records::InsuranceCmd),
    #[command(subcommand)]
    Product(records::ProductCmd),
    /// Statutory holidays and make-up working days that move deadlines.
    #[command(subcommand)]
    Holiday(HolidayCmd),
    /// Settings that rules depend on.
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// The rules in force, each with its source and whether it is confirmed.
    Rules,
    /// Fill an empty database with a synthetic sample ledger (示例数据), for trying IP Desk out.
    Sample {
        #[arg(long, default_value_t = 200)]
        patents: usize,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Build a synthetic ledger and measure inserts, queries, search and forecast.
    Bench(Box<bench::BenchArgs>),
    /// Time rendering the ledger PDF of the database in process (after one warm-up render).
    BenchPdf(bench::BenchPdfArgs),
    /// Import patents from a spreadsheet (.xlsx, .xls, .csv): all rows or none.
    Import(io::ImportArgs),
    /// The import log (导入记录): committed imports, newest first.
    ImportLog {
        /// At most this many imports.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Export the ledger (same filters as `patent list`).
    #[command(subcommand)]
    Export(io::ExportCmd),
    /// Copy the database to FILE while it may be in use.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup (the old file is kept beside it).
    Restore { file: PathBuf },
    /// Time importing a generated N-row .xlsx (parse, dry run, commit).
    BenchImport(io::BenchImportArgs),
}

#[derive(Debug, Subcommand)]
enum CheckCmd {
    /// A CN application number: prints the normalised number, kind and filing year.
    AppNo { number: String },
    /// A unified social credit code (统一社会信用代码).
    Uscc { code: String },
}

#[derive(Debug, Subcommand)]
enum CompanyCmd {
    Show,
    /// Set fields of the profile; fields not given keep their value.
    Set(Box<CompanyArgs>),
}

#[derive(Debug, Args)]
struct CompanyArgs {
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
}

#[derive(Debug, Subcommand)]
enum PatentCmd {
    /// Add a patent or application.
    Add(PatentAddArgs),
    /// Change fields of a patent; fields not given keep their value.
    Edit(PatentEditArgs),
    Show {
        app_no: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    List(ListArgs),
    Delete {
        app_no: String,
    },
    /// The change history (audit trail) of a patent.
    History {
        app_no: String,
    },
    /// Link two patents as one family (e.g. a CN patent and its PCT/foreign member).
    LinkFamily {
        app_no: String,
        member: String,
    },
}

#[derive(Debug, Args)]
struct PatentAddArgs {
    #[arg(long)]
    app_no: String,
    /// invention | utility | design (or 发明 / 实用新型 / 外观设计).
    #[arg(long)]
    kind: String,
    #[arg(long)]
    title: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    filing_date: String,
    #[command(flatten)]
    more: PatentFields,
}

#[derive(Debug, Args)]
struct PatentEditArgs {
    /// The patent to edit.
    target: String,
    #[arg(long)]
    app_no: Option<String>,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    filing_date: Option<String>,
    #[command(flatten)]
    more: PatentFields,
}

#[derive(Debug, Args)]
struct PatentFields {
    /// CN (default), an ISO country code, EP or WO.
    #[arg(long)]
    jurisdiction: Option<String>,
    /// domestic | pct | paris.
    #[arg(long)]
    route: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    priority_date: Option<String>,
    #[arg(long)]
    publication_no: Option<String>,
    #[arg(long)]
    publication_kind: Option<String>,
    #[arg(long)]
    grant_no: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    grant_date: Option<String>,
    /// filed | published | examination | granted | expired | lapsed | rejected | withdrawn | abandoned | invalidated (or the Chinese label).
    #[arg(long)]
    status: Option<String>,
    /// none | 85 | 70.
    #[arg(long)]
    fee_reduction: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    fee_reduction_filed: Option<String>,
    /// Repeat for each applicant / owner; replaces the list.
    #[arg(long = "applicant")]
    applicants: Vec<String>,
    /// Repeat for each inventor; replaces the list.
    #[arg(long = "inventor")]
    inventors: Vec<String>,
    #[arg(long)]
    ipc: Option<String>,
    #[arg(long)]
    agency: Option<String>,
    #[arg(long)]
    agent: Option<String>,
    /// Product / technology tag; repeat; replaces the list.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// 战略性新兴产业 category.
    #[arg(long)]
    sei_category: Option<String>,
    /// Patent year of the grant-year fee, from the 办理登记手续通知书.
    #[arg(long)]
    grant_fee_year: Option<u32>,
    /// Annual fees already paid up to this patent year.
    #[arg(long)]
    fees_paid_through: Option<u32>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    exam_request_date: Option<String>,
    #[arg(long)]
    compensation_days: Option<u32>,
    /// A family member is granted abroad: true | false.
    #[arg(long)]
    overseas_family_grant: Option<bool>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Full-text filter.
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub jurisdiction: Option<String>,
    /// Only high-value inventions.
    #[arg(long)]
    pub high_value: bool,
    /// Next annual fee due within N days (overdue included).
    #[arg(long, value_name = "N")]
    pub due_within: Option<u32>,
    #[arg(long)]
    pub tag: Option<String>,
    /// filing-date | app-no | title | kind | status | grant-date | next-fee-due | fees-paid-to | applicants | jurisdiction | updated-at.
    #[arg(long, default_value = "filing-date")]
    pub sort: String,
    #[arg(long)]
    pub desc: bool,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// 0 lists everything.
    #[arg(long, default_value_t = 0)]
    pub limit: u32,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

impl ListArgs {
    pub fn query(&self) -> Result<PatentQuery> {
        Ok(PatentQuery {
            text: self.text.clone().unwrap_or_default(),
            kind: self.kind.as_deref().map(str::parse).transpose()?,
            status: self.status.as_deref().map(str::parse).transpose()?,
            jurisdiction: self.jurisdiction.clone(),
            high_value: self.high_value.then_some(true),
            fee_due_within_days: self.due_within,
            tag: self.tag.clone(),
            sort: self.sort.parse()?,
            descending: self.desc,
            offset: self.offset,
            limit: self.limit,
        })
    }
}

#[derive(Debug, Subcommand)]
enum FeesCmd {
    /// Every patent year with due date, full and payable amount, late fee as of today, status.
    Schedule {
        app_no: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Fees due over the next N months, with monthly subtotals.
    Forecast {
        #[arg(long)]
        months: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Record a payment.
    Pay {
        app_no: String,
        #[arg(long)]
        year: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Amount paid (yuan); default: the payable amount.
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// Late fee paid (yuan); default: as the rules compute for the date.
        #[arg(long, allow_hyphen_values = true)]
        late_fee: Option<String>,
        #[arg(long)]
        receipt: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum HolidayCmd {
    Add {
        date: String,
        /// A make-up working day (调休上班) instead of a holiday.
        #[arg(long)]
        working: bool,
        #[arg(long, default_value = "")]
        name: String,
    },
    List,
}

#[derive(Debug, Subcommand)]
enum SettingsCmd {
    /// Show or set the pledge amount (yuan) from which a pledged invention counts as high-value.
    PledgeThreshold {
        amount: Option<String>,
        #[arg(long, conflicts_with = "amount")]
        unset: bool,
    },
}

/// See the workspace manifest: glibc's malloc made large imports a third slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}

pub fn today(arg: &Option<String>) -> Result<NaiveDate> {
    match arg {
        Some(s) => parse_date("今天（--today）", s),
        None => Ok(Local::now().date_naive()),
    }
}

pub fn date(field: &'static str, v: &Option<String>) -> Result<Option<NaiveDate>> {
    v.as_deref().map(|s| parse_date(field, s)).transpose()
}

pub fn money(field: &'static str, v: &Option<String>) -> Result<Option<Money>> {
    v.as_deref().map(|s| Money::parse(field, s)).transpose()
}

pub fn open(cli_db: &Option<PathBuf>) -> Result<Store> {
    let path = cli_db.clone().unwrap_or_else(Store::default_path);
    Store::open(&path)
}

fn run(cli: Cli) -> Result<()> {
    let json = cli.json;
    match cli.command {
        Command::Init => {
            let path = cli.db.clone().unwrap_or_else(Store::default_path);
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
        }
        Command::Check(CheckCmd::AppNo { number }) => {
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
        Command::Check(CheckCmd::Uscc { code }) => {
            let c = parse_uscc(&code)?;
            if json {
                print::json(&serde_json::json!({ "uscc": c, "valid": true }));
            } else {
                println!("{c} 有效");
            }
        }
        Command::Company(cmd) => company(&cli.db, json, cmd)?,
        Command::Patent(cmd) => patent(&cli.db, json, *cmd)?,
        Command::Fees(cmd) => fees(&cli.db, json, cmd)?,
        Command::Highvalue { today: t } => {
            let store = open(&cli.db)?;
            let list = store.high_value(today(&t)?)?;
            if json {
                print::json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|h| {
                        vec![
                            h.app_no.clone(),
                            h.title.clone(),
                            h.years_maintained.to_string(),
                            if h.is_high_value() {
                                "是".into()
                            } else {
                                "否".into()
                            },
                            if h.over_seven_years {
                                "是".into()
                            } else {
                                "否".into()
                            },
                            h.reasons
                                .iter()
                                .map(|r| format!("{}（{}）", r.label, r.detail))
                                .collect::<Vec<_>>()
                                .join("；"),
                        ]
                    })
                    .collect();
                print::table(
                    &[
                        "申请号",
                        "专利名称",
                        "维持年数",
                        "高价值",
                        "维持超7年",
                        "依据",
                    ],
                    &rows,
                );
                let n = list.iter().filter(|h| h.is_high_value()).count();
                println!(
                    "有效发明专利 {} 件，其中高价值 {n} 件，维持超过 7 年 {} 件",
                    list.len(),
                    list.iter().filter(|h| h.over_seven_years).count()
                );
            }
        }
        Command::Search { text, limit } => {
            let store = open(&cli.db)?;
            let q = PatentQuery {
                text,
                limit,
                ..PatentQuery::default()
            };
            let page = store.list_patents(&q, Local::now().date_naive())?;
            print_patents(json, &page);
        }
        Command::Trademark(cmd) => records::trademark(&cli.db, json, cmd)?,
        Command::Pledge(cmd) => records::pledge(&cli.db, json, cmd)?,
        Command::Award(cmd) => records::award(&cli.db, json, cmd)?,
        Command::Transfer(cmd) => records::transfer(&cli.db, json, cmd)?,
        Command::Insurance(cmd) => records::insurance(&cli.db, json, cmd)?,
        Command::Product(cmd) => records::product(&cli.db, json, cmd)?,
        Command::Holiday(HolidayCmd::Add {
            date: d,
            working,
            name,
        }) => {
            let mut store = open(&cli.db)?;
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
        Command::Holiday(HolidayCmd::List) => {
            let store = open(&cli.db)?;
            let h = store.holidays()?;
            let mut rows: Vec<Vec<String>> = h
                .off
                .iter()
                .map(|d| vec![d.to_string(), "休假".into()])
                .collect();
            rows.extend(
                h.work
                    .iter()
                    .map(|d| vec![d.to_string(), "调休上班".into()]),
            );
            rows.sort();
            if json {
                print::json(&rows);
            } else {
                print::table(&["日期", "类型"], &rows);
            }
        }
        Command::Settings(SettingsCmd::PledgeThreshold { amount, unset }) => {
            let mut store = open(&cli.db)?;
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
        }
        Command::Sample { patents, today: t } => {
            let mut store = open(&cli.db)?;
            let today = today(&t)?;
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
                    field: "数据库",
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
        }
        Command::Rules => {
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
        }
        Command::Bench(args) => bench::run(*args)?,
        Command::BenchPdf(args) => bench::pdf(&cli.db, args)?,
        Command::Import(args) => io::import(&cli.db, json, args)?,
        Command::ImportLog { limit } => io::import_log(&cli.db, json, limit)?,
        Command::Export(cmd) => io::export(&cli.db, json, cmd)?,
        Command::Backup { out } => io::backup(&cli.db, json, &out)?,
        Command::Restore { file } => io::restore(&cli.db, json, &file)?,
        Command::BenchImport(args) => io::bench_import(args)?,
    }
    Ok(())
}

fn company(db: &Option<PathBuf>, json: bool, cmd: CompanyCmd) -> Result<()> {
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
    ]);
}

fn apply_fields(p: &mut PatentData, f: PatentFields) -> Result<()> {
    let set = |dst: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *dst = v;
        }
    };
    set(&mut p.jurisdiction, f.jurisdiction);
    set(&mut p.publication_no, f.publication_no);
    set(&mut p.publication_kind, f.publication_kind);
    set(&mut p.grant_no, f.grant_no);
    set(&mut p.ipc, f.ipc);
    set(&mut p.agency, f.agency);
    set(&mut p.agent, f.agent);
    set(&mut p.sei_category, f.sei_category);
    set(&mut p.notes, f.notes);
    if let Some(r) = f.route {
        p.route = r.parse::<Route>()?;
    }
    if let Some(s) = f.status {
        p.status = s.parse::<LegalStatus>()?;
    }
    if let Some(r) = f.fee_reduction {
        p.fee_reduction = r.parse::<FeeReduction>()?;
    }
    if f.priority_date.is_some() {
        p.priority_date = date("优先权日", &f.priority_date)?;
    }
    if f.grant_date.is_some() {
        p.grant_date = date("授权日", &f.grant_date)?;
    }
    if f.fee_reduction_filed.is_some() {
        p.fee_reduction_filed = date("费减备案日", &f.fee_reduction_filed)?;
    }
    if f.exam_request_date.is_some() {
        p.exam_request_date = date("实审请求日", &f.exam_request_date)?;
    }
    if !f.applicants.is_empty() {
        p.applicants = f.applicants;
    }
    if !f.inventors.is_empty() {
        p.inventors = f.inventors;
    }
    if !f.tags.is_empty() {
        p.tags = f.tags;
    }
    p.grant_fee_year = f.grant_fee_year.or(p.grant_fee_year);
    p.fees_paid_through = f.fees_paid_through.or(p.fees_paid_through);
    p.compensation_days = f.compensation_days.unwrap_or(p.compensation_days);
    p.overseas_family_grant = f.overseas_family_grant.unwrap_or(p.overseas_family_grant);
    Ok(())
}

fn patent(db: &Option<PathBuf>, json: bool, cmd: PatentCmd) -> Result<()> {
    let mut store = open(db)?;
    match cmd {
        PatentCmd::Add(a) => {
            let mut p = PatentData {
                app_no: a.app_no,
                kind: a.kind.parse::<PatentKind>()?,
                title: a.title,
                filing_date: Some(parse_date("申请日", &a.filing_date)?),
                ..PatentData::default()
            };
            apply_fields(&mut p, a.more)?;
            // A granted date without a status means the patent is granted.
            if p.grant_date.is_some() && p.status == LegalStatus::Filed {
                p.status = LegalStatus::Granted;
            }
            let saved = store.add_patent(p)?;
            if json {
                print::json(&saved);
            } else {
                println!("已添加 {} {}", saved.display_app_no(), saved.data.title);
            }
        }
        PatentCmd::Edit(a) => {
            let before = store.find_patent(&a.target)?;
            let mut p = before.data.clone();
            if let Some(v) = a.app_no {
                p.app_no = v;
            }
            if let Some(v) = a.kind {
                p.kind = v.parse()?;
            }
            if let Some(v) = a.title {
                p.title = v;
            }
            if a.filing_date.is_some() {
                p.filing_date = date("申请日", &a.filing_date)?;
            }
            apply_fields(&mut p, a.more)?;
            let saved = store.update_patent(before.id, p)?;
            if json {
                print::json(&saved);
            } else {
                println!("已更新 {} {}", saved.display_app_no(), saved.data.title);
            }
        }
        PatentCmd::Show { app_no, today: t } => {
            let p = store.find_patent(&app_no)?;
            let today = today(&t)?;
            let schedule = store.fee_schedule(p.id, today)?;
            let hv = store.high_value_of(p.id, today)?;
            let family = store.family(p.id)?;
            if json {
                print::json(&serde_json::json!({
                    "patent": p, "feeStatus": schedule.status, "feesPaidTo": schedule.paid_through,
                    "expiry": schedule.expiry, "highValue": hv,
                    "family": family.iter().map(|m| m.display_app_no()).collect::<Vec<_>>(),
                }));
            } else {
                let d = &p.data;
                print::fields(&[
                    ("申请号", p.display_app_no()),
                    ("专利名称", d.title.clone()),
                    ("类型", d.kind.label().into()),
                    ("国家/地区", d.jurisdiction.clone()),
                    ("申请途径", d.route.label().into()),
                    ("申请日", opt(&d.filing_date)),
                    ("优先权日", opt(&d.priority_date)),
                    (
                        "公开/公告号",
                        format!("{}{}", d.publication_no, d.publication_kind),
                    ),
                    ("授权公告号", d.grant_no.clone()),
                    ("授权日", opt(&d.grant_date)),
                    ("法律状态", d.status.label().into()),
                    ("申请人/专利权人", d.applicants.join("、")),
                    ("发明人", d.inventors.join("、")),
                    ("IPC", d.ipc.clone()),
                    (
                        "代理机构",
                        format!("{} {}", d.agency, d.agent).trim().to_string(),
                    ),
                    ("标签", d.tags.join("、")),
                    ("战略性新兴产业", d.sei_category.clone()),
                    ("费减", d.fee_reduction.label().into()),
                    ("保护期至", opt(&schedule.expiry)),
                    (
                        "年费缴至",
                        schedule
                            .paid_through
                            .map(|y| format!("第 {y} 年"))
                            .unwrap_or_default(),
                    ),
                    ("年费状态", schedule.status.describe()),
                    (
                        "高价值",
                        if hv.is_high_value() {
                            hv.reasons
                                .iter()
                                .map(|r| r.label.clone())
                                .collect::<Vec<_>>()
                                .join("；")
                        } else {
                            "否".into()
                        },
                    ),
                    (
                        "同族",
                        family
                            .iter()
                            .map(|m| format!("{} {}", m.data.jurisdiction, m.display_app_no()))
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
                    ("备注", d.notes.clone()),
                ]);
            }
        }
        PatentCmd::List(args) => {
            let page = store.list_patents(&args.query()?, today(&args.today)?)?;
            print_patents(json, &page);
        }
        PatentCmd::Delete { app_no } => {
            let p = store.find_patent(&app_no)?;
            store.delete_patent(p.id)?;
            println!("已删除 {} {}", p.display_app_no(), p.data.title);
        }
        PatentCmd::History { app_no } => {
            let p = store.find_patent(&app_no)?;
            let h = store.history("patent", p.id)?;
            if json {
                print::json(&h);
            } else {
                let rows: Vec<Vec<String>> = h
                    .iter()
                    .map(|e| {
                        vec![
                            e.at.clone(),
                            e.os_user.clone(),
                            e.action.clone(),
                            match &e.imported_from {
                                Some(f) => format!(
                                    "导入自 {}（工作表 {}）第 {} 行，导入记录 #{}",
                                    f.file, f.sheet, f.row, f.batch
                                ),
                                None => e
                                    .changes
                                    .as_object()
                                    .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
                                    .unwrap_or_default(),
                            },
                        ]
                    })
                    .collect();
                print::table(&["时间", "用户", "操作", "字段"], &rows);
            }
        }
        PatentCmd::LinkFamily { app_no, member } => {
            let a = store.find_patent(&app_no)?;
            let b = store.find_patent(&member)?;
            store.link_family(a.id, b.id)?;
            println!(
                "已关联同族：{} ↔ {}",
                a.display_app_no(),
                b.display_app_no()
            );
        }
    }
    Ok(())
}

fn print_patents(json: bool, page: &ipdesk_core::PatentPage) {
    if json {
        print::json(page);
        return;
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|r| {
            let d = &r.patent.data;
            vec![
                r.display_app_no.clone(),
                d.title.clone(),
                d.kind.label().into(),
                opt(&d.filing_date),
                opt(&d.grant_date),
                d.status.label().into(),
                r.fees_paid_to
                    .map(|y| format!("第{y}年"))
                    .unwrap_or_default(),
                opt(&r.next_fee_due),
                if r.high_value {
                    "是".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    print::table(
        &[
            "申请号",
            "专利名称",
            "类型",
            "申请日",
            "授权日",
            "法律状态",
            "年费缴至",
            "下次缴费日",
            "高价值",
        ],
        &rows,
    );
    println!("共 {} 件", page.total);
}

fn fees(db: &Option<PathBuf>, json: bool, cmd: FeesCmd) -> Result<()> {
    match cmd {
        FeesCmd::Schedule { app_no, today: t } => {
            let store = open(db)?;
            let p = store.find_patent(&app_no)?;
            let s = store.fee_schedule(p.id, today(&t)?)?;
            if json {
                print::json(&s);
                return Ok(());
            }
            println!("{} {}", p.display_app_no(), p.data.title);
            let rows: Vec<Vec<String>> = s
                .rows
                .iter()
                .map(|r| {
                    let (late, note) = match &r.state {
                        FeeState::InGrace {
                            late_fee,
                            late_percent,
                            grace_end,
                        } => (
                            late_fee.to_string(),
                            format!("滞纳金 {late_percent}%，最迟 {grace_end}"),
                        ),
                        FeeState::Lapsed { grace_end } => {
                            (String::new(), format!("滞纳期已于 {grace_end} 届满"))
                        }
                        FeeState::Paid {
                            date: Some(d),
                            amount,
                        } => (String::new(), format!("{d} 缴 {} 元", opt(amount))),
                        FeeState::Paid { date: None, .. } => (
                            String::new(),
                            if Some(r.year) == s.grant_year {
                                "授权登记时缴纳".into()
                            } else {
                                "此前已缴".into()
                            },
                        ),
                        FeeState::Open | FeeState::Terminated => (String::new(), String::new()),
                    };
                    vec![
                        format!("第{}年", r.year),
                        r.due_date.to_string(),
                        if r.deadline != r.due_date {
                            r.deadline.to_string()
                        } else {
                            String::new()
                        },
                        r.full.to_string(),
                        r.payable.to_string(),
                        late,
                        r.state.label().into(),
                        note,
                    ]
                })
                .collect();
            print::table(
                &[
                    "年度",
                    "应缴日",
                    "顺延至",
                    "全额",
                    "应缴金额",
                    "滞纳金",
                    "状态",
                    "说明",
                ],
                &rows,
            );
            println!("{}", s.status.describe());
        }
        FeesCmd::Forecast { months, today: t } => {
            let store = open(db)?;
            let f = store.forecast(today(&t)?, months)?;
            if json {
                print::json(&f);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = f
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.deadline.to_string(),
                        i.app_no.clone(),
                        i.title.clone(),
                        format!("第{}年", i.year),
                        i.full.to_string(),
                        i.payable.to_string(),
                        if i.in_grace {
                            i.late_fee.to_string()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            print::table(
                &[
                    "缴费期限",
                    "申请号",
                    "专利名称",
                    "年度",
                    "全额",
                    "应缴金额",
                    "滞纳金",
                ],
                &rows,
            );
            println!();
            let months: Vec<Vec<String>> = f
                .months
                .iter()
                .map(|m| {
                    vec![
                        m.month.clone(),
                        m.count.to_string(),
                        m.payable.to_string(),
                        m.late_fee.to_string(),
                    ]
                })
                .collect();
            print::table(&["月份", "件数", "应缴金额", "滞纳金"], &months);
            println!(
                "{} 至 {}：合计应缴 {} 元，滞纳金 {} 元",
                f.from, f.to, f.total_payable, f.total_late_fee
            );
            if !f.lapsed.is_empty() {
                println!(
                    "另有 {} 项年费已超过滞纳期未缴，相关专利可能已终止",
                    f.lapsed.len()
                );
            }
        }
        FeesCmd::Pay {
            app_no,
            year,
            date: d,
            amount,
            late_fee,
            receipt,
        } => {
            let mut store = open(db)?;
            let p = store.find_patent(&app_no)?;
            let pay = store.record_payment(
                p.id,
                PaymentInput {
                    patent_year: year,
                    paid_date: Some(parse_date("缴费日期", &d)?),
                    amount: money("缴费金额", &amount)?,
                    late_fee: money("滞纳金", &late_fee)?,
                    receipt_no: receipt.unwrap_or_default(),
                },
            )?;
            if json {
                print::json(&pay);
            } else {
                println!(
                    "已登记 {} 第 {} 年年费 {} 元{}",
                    p.display_app_no(),
                    pay.patent_year,
                    pay.amount,
                    if pay.late_fee.0 > 0 {
                        format!("，滞纳金 {} 元", pay.late_fee)
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    Ok(())
}

/// Maps a linked patent given by number to its id, for record commands.
pub fn patent_ids(store: &Store, app_nos: &[String]) -> Result<Vec<i64>> {
    app_nos
        .iter()
        .map(|n| {
            store
                .find_patent(n)
                .map(|p| p.id)
                .map_err(|_| Error::Invalid {
                    field: "关联专利",
                    value: n.clone(),
                    reason: "台账中没有该申请号".into(),
                })
        })
        .collect()
}
