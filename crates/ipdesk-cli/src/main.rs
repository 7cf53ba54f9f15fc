//! `ipdesk`: the IP Desk command line. A public interface — commands and
//! flags are kept stable once released, extended rather than renamed.
//!
//! Exit codes: 0 success; 1 invalid input or a refused operation (message on
//! stderr, nothing written); 2 usage errors (from clap).
//!
//! This file holds the top-level clap types and the dispatch; each command's
//! arguments, handler and printing live in the module of its case file:
//! `ledger` (patents, high value, search), `fees`, `records`, `plan` (layout
//! plans, printed by `plan_print`), `leads` (infringement leads and the
//! evidence locker, printed by `leads_print`), `io` (import, export, backup, restore),
//! `dossiers` (funding programs checked against the ledger), `dossier` (the
//! dossier for one program and year, its packet PDF), `app` (database, checks, company, holidays, settings, rules, sample) and
//! `bench`.

mod app;
mod bench;
mod bench_dossier;
mod dossier;
mod dossiers;
mod fees;
mod io;
mod leads;
mod leads_print;
mod ledger;
mod plan;
mod plan_print;
mod print;
mod records;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};
use ipdesk_core::{parse_date, Money, Result, Store};

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
    Check(app::CheckCmd),
    /// The company profile (企业信息).
    #[command(subcommand)]
    Company(app::CompanyCmd),
    /// The patent ledger (专利台账).
    #[command(subcommand)]
    Patent(Box<ledger::PatentCmd>),
    /// Annual fees (年费): schedule, forecast, payments.
    #[command(subcommand)]
    Fees(fees::FeesCmd),
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
    /// High-value patent layout plans (高价值专利布局计划) and their planned filings.
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// Funding programs and qualifications (申报项目) checked against the ledger.
    #[command(subcommand)]
    Programs(dossiers::ProgramsCmd),
    /// The dossier for one program and year (申报材料): sections, attachments,
    /// submission (freezes the packet), status, copy.
    #[command(subcommand)]
    Dossier(dossier::DossierCmd),
    /// Infringement leads (侵权线索): the log, status workflow, actions and deadlines.
    #[command(subcommand)]
    Lead(leads::LeadCmd),
    /// A lead's evidence locker (证据库): intake with sha256, the custody log, verification.
    #[command(subcommand)]
    Evidence(leads::EvidenceCmd),
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
    /// 资质证书: qualifications held, with certificate and validity (the
    /// national programs count a title only while valid).
    #[command(subcommand)]
    Qualification(records::QualificationCmd),
    /// 软件著作权、集成电路布图设计等: rights other than patents and
    /// trademarks that the national programs count.
    #[command(subcommand, name = "other-ip")]
    OtherIp(records::OtherIpCmd),
    /// Statutory holidays and make-up working days that move deadlines.
    #[command(subcommand)]
    Holiday(app::HolidayCmd),
    /// Settings that rules depend on.
    #[command(subcommand)]
    Settings(app::SettingsCmd),
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
    /// Automatic backups (自动备份): take today's copy into the backup folder
    /// unless it exists, and rotate (see `settings backup`); `--list` only lists.
    AutoBackup {
        #[arg(long)]
        list: bool,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Time importing a generated N-row .xlsx (parse, dry run, commit).
    BenchImport(bench::BenchImportArgs),
    /// Time the lead list at 10,000 leads and evidence intake and verification beside sha256sum.
    BenchLeads(bench::BenchLeadsArgs),
    /// Time a funding dossier's packet (30 own pages, 200 attachment pages) beside pdfunite / qpdf.
    BenchDossier(bench_dossier::BenchDossierArgs),
}

/// See the workspace manifest: glibc's malloc made large imports a third slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `ipdesk … | head`: when the reader goes away, end quietly with the
/// status a shell gives a process stopped by SIGPIPE (141), as other
/// command-line tools do, instead of a panic. Rust ignores SIGPIPE, so a
/// write to a closed pipe fails and `println!` panics with that message.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        let closed = msg.contains("Broken pipe") || msg.contains("os error 232");
        if msg.starts_with("failed printing to stdout") && closed {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}

/// What ends a command with exit code 1: an error from the core, or an
/// operation the core refused as an ordinary outcome (an import with row
/// errors comes back as a report with `committed: false`), with the message
/// to print.
#[derive(Debug)]
pub enum Failure {
    Core(ipdesk_core::Error),
    Refused(String),
}

impl From<ipdesk_core::Error> for Failure {
    fn from(e: ipdesk_core::Error) -> Failure {
        Failure::Core(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Core(e) => e.fmt(f),
            Failure::Refused(why) => f.write_str(why),
        }
    }
}

// The few helpers every command module shares: the global `--db` and
// `--today`, and optional dates and amounts as typed.

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

fn run(cli: Cli) -> std::result::Result<(), Failure> {
    let (db, json) = (&cli.db, cli.json);
    match cli.command {
        Command::Import(args) => io::import(db, json, args)?,
        Command::Init => app::init(db, json)?,
        Command::Check(cmd) => app::check(json, cmd)?,
        Command::Company(cmd) => app::company(db, json, cmd)?,
        Command::Patent(cmd) => ledger::patent(db, json, *cmd)?,
        Command::Fees(cmd) => fees::run(db, json, cmd)?,
        Command::Highvalue { today: t } => ledger::high_value(db, json, &t)?,
        Command::Search { text, limit } => ledger::search(db, json, text, limit)?,
        Command::Plan(cmd) => plan::run(db, json, cmd)?,
        Command::Lead(cmd) => leads::lead(db, json, cmd)?,
        Command::Programs(cmd) => dossiers::run(db, json, cmd)?,
        Command::Dossier(cmd) => dossier::dossier(db, json, cmd)?,
        Command::Evidence(cmd) => leads::evidence(db, json, cmd)?,
        Command::Trademark(cmd) => records::trademark(db, json, cmd)?,
        Command::Pledge(cmd) => records::pledge(db, json, cmd)?,
        Command::Award(cmd) => records::award(db, json, cmd)?,
        Command::Transfer(cmd) => records::transfer(db, json, cmd)?,
        Command::Insurance(cmd) => records::insurance(db, json, cmd)?,
        Command::Qualification(cmd) => records::qualification(db, json, cmd)?,
        Command::OtherIp(cmd) => records::other_ip(db, json, cmd)?,
        Command::Product(cmd) => records::product(db, json, cmd)?,
        Command::Holiday(cmd) => app::holiday(db, json, cmd)?,
        Command::Settings(cmd) => app::settings(db, cmd)?,
        Command::Rules => app::rules(json)?,
        Command::Sample { patents, today: t } => app::sample(db, patents, &t)?,
        Command::Bench(args) => bench::run(json, *args)?,
        Command::BenchPdf(args) => bench::pdf(db, args)?,
        Command::ImportLog { limit } => io::import_log(db, json, limit)?,
        Command::Export(cmd) => io::export(db, json, cmd)?,
        Command::Backup { out } => io::backup(db, json, &out)?,
        Command::Restore { file } => io::restore(db, json, &file)?,
        Command::AutoBackup { list, today } => io::auto_backup(db, json, list, &today)?,
        Command::BenchImport(args) => bench::import(args)?,
        Command::BenchLeads(args) => bench::leads(args)?,
        Command::BenchDossier(args) => bench_dossier::run(args)?,
    };
    Ok(())
}
