//! `ipdesk bench`, `ipdesk bench-pdf` and `ipdesk bench-import`: build a
//! synthetic ledger in a scratch database and time what users wait for.
//! Results are printed for BENCHMARKS.md; nothing here is a pass/fail test.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;
use ipdesk_core::{
    ledger_pdf, open_table, read_table, sample, ExportFormat, ImportKind, ImportOptions,
    LegalStatus, PatentKind, PatentQuery, Result, SortKey, Store,
};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Patents in the synthetic ledger.
    #[arg(long, default_value_t = 100_000)]
    patents: usize,
    /// Timed repetitions of each query.
    #[arg(long, default_value_t = 200)]
    runs: usize,
    /// The fixed "today" for the ledger and the queries.
    #[arg(long, default_value = "2026-11-21")]
    today: String,
    /// Scratch database (default: a file in the system temp directory, removed afterwards).
    #[arg(long)]
    scratch: Option<PathBuf>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// What `ipdesk bench` measured, as a table for BENCHMARKS.md or as JSON
/// (`--json`) to compare runs.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CoreFigures {
    patents: usize,
    runs: usize,
    today: NaiveDate,
    machine: Machine,
    /// Seconds to add every patent in one transaction.
    insert_s: f64,
    queries: Vec<QueryFigure>,
    searches: Vec<QueryFigure>,
    forecast: ForecastFigure,
    /// The home page's numbers (`Store::dashboard`: counts, the 12-month
    /// forecast, renewals), as the app computes them.
    dashboard_p50_ms: f64,
    dashboard_p95_ms: f64,
}

/// Where the figures were measured: they only compare within one machine.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Machine {
    cores: usize,
    /// The 1-minute load average when the run ended (Linux), else null.
    load_average: Option<f64>,
    os: &'static str,
}

impl Machine {
    fn here() -> Machine {
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            load_average: std::fs::read_to_string("/proc/loadavg")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok()),
            os: std::env::consts::OS,
        }
    }
}

/// One listing: the first page after the filter changed, and a page of a
/// filter already listed (paging), each p50 / p95 in milliseconds.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct QueryFigure {
    name: String,
    matches: u64,
    change_p50_ms: f64,
    change_p95_ms: f64,
    again_p50_ms: f64,
    again_p95_ms: f64,
}

impl QueryFigure {
    fn new(
        name: &str,
        matches: u64,
        change: (Duration, Duration),
        again: (Duration, Duration),
    ) -> QueryFigure {
        QueryFigure {
            name: name.into(),
            matches,
            change_p50_ms: millis(change.0),
            change_p95_ms: millis(change.1),
            again_p50_ms: millis(again.0),
            again_p95_ms: millis(again.1),
        }
    }
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct ForecastFigure {
    months: u32,
    items: usize,
    p50_ms: f64,
    p95_ms: f64,
}

impl CoreFigures {
    fn table(&self) -> String {
        let mut out = format!(
            "| 测量 | 结果 |\n|---|---|\n| 批量写入 {} 件（一个事务，含全文索引与审计） | {:.2} s |\n",
            self.patents, self.insert_s
        );
        let rows = |out: &mut String, head: &str, figures: &[QueryFigure], quote: bool| {
            out.push_str(head);
            for f in figures {
                let name = if quote {
                    format!("「{}」", f.name)
                } else {
                    f.name.clone()
                };
                out.push_str(&format!(
                    "| {name}（{} 件匹配） | {:.2} | {:.2} | {:.2} | {:.2} |\n",
                    f.matches, f.change_p50_ms, f.change_p95_ms, f.again_p50_ms, f.again_p95_ms
                ));
            }
        };
        rows(
            &mut out,
            "\n| 分页查询（每页 50 行，含总数） | 换筛选 p50 ms | 换筛选 p95 ms | 翻页 p50 ms | 翻页 p95 ms |\n|---|---|---|---|---|\n",
            &self.queries,
            false,
        );
        rows(
            &mut out,
            "\n| 全文检索（前 50 条，含总数） | 换检索词 p50 ms | 换检索词 p95 ms | 再次 p50 ms | 再次 p95 ms |\n|---|---|---|---|---|\n",
            &self.searches,
            true,
        );
        let f = &self.forecast;
        out.push_str(&format!(
            "\n| {} 个月年费预测（{} 项） | p50 {:.2} ms | p95 {:.2} ms |\n|---|---|---|\n",
            f.months, f.items, f.p50_ms, f.p95_ms
        ));
        out.push_str(&format!(
            "| 首页统计（含 12 个月预测） | p50 {:.2} ms | p95 {:.2} ms |\n",
            self.dashboard_p50_ms, self.dashboard_p95_ms
        ));
        out.push_str(&format!(
            "\n机器：{} 核，{}，负载 {}\n",
            self.machine.cores,
            self.machine.os,
            self.machine
                .load_average
                .map_or("未知".into(), |l| format!("{l:.2}"))
        ));
        out
    }
}

fn time_runs(runs: usize, mut f: impl FnMut(usize) -> Result<()>) -> Result<(Duration, Duration)> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        f(i)?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok((percentile(&times, 0.5), percentile(&times, 0.95)))
}

pub fn run(json: bool, args: BenchArgs) -> Result<()> {
    let today: NaiveDate = ipdesk_core::parse_date("--today", &args.today)?;
    let path = args.scratch.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("ipdesk-bench-{}.db", std::process::id()))
    });
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let mut store = Store::open(&path)?;
    let rows = sample::ledger(args.patents, 42, today);
    let t = Instant::now();
    store.add_patents(rows)?;
    let insert = t.elapsed();

    let n = args.patents as u32;
    let page = 50u32;
    let queries: Vec<(&str, PatentQuery)> = vec![
        (
            "全部，按申请日排序",
            PatentQuery {
                limit: page,
                ..Default::default()
            },
        ),
        (
            "发明 + 授权，按名称降序",
            PatentQuery {
                kind: Some(PatentKind::Invention),
                status: Some(LegalStatus::Granted),
                sort: SortKey::Title,
                descending: true,
                limit: page,
                ..Default::default()
            },
        ),
        (
            "90 天内缴费，按下次缴费日",
            PatentQuery {
                fee_due_within_days: Some(90),
                sort: SortKey::NextFeeDue,
                limit: page,
                ..Default::default()
            },
        ),
        (
            "高价值，按申请日",
            PatentQuery {
                high_value: Some(true),
                limit: page,
                ..Default::default()
            },
        ),
        (
            "标签「电池」+ 实用新型，按申请号",
            PatentQuery {
                tag: Some("电池".into()),
                kind: Some(PatentKind::Utility),
                sort: SortKey::AppNo,
                limit: page,
                ..Default::default()
            },
        ),
    ];
    // "Change filter" is the first page after the filter changed: the store
    // has no listing for it yet (`forget_listings`) and filters and sorts
    // every match. "Turn page" is a random page of a filter already listed.
    let cold_runs = args.runs.clamp(1, 30);
    let mut figures = CoreFigures {
        patents: args.patents,
        runs: args.runs,
        today,
        machine: Machine::here(),
        insert_s: insert.as_secs_f64(),
        queries: Vec::new(),
        searches: Vec::new(),
        forecast: ForecastFigure::default(),
        dashboard_p50_ms: 0.0,
        dashboard_p95_ms: 0.0,
    };
    for (name, q) in &queries {
        let total = store.list_patents(q, today)?.total as u32;
        let pages = (total / page).max(1);
        let change = time_runs(cold_runs, |_| {
            store.forget_listings();
            store.list_patents(q, today).map(|_| ())
        })?;
        let again = time_runs(args.runs, |i| {
            let mut q = q.clone();
            q.offset = ((i as u32 * 7919) % pages.min(n)) * page;
            store.list_patents(&q, today).map(|_| ())
        })?;
        figures
            .queries
            .push(QueryFigure::new(name, total.into(), change, again));
    }
    for text in ["电池管理系统", "衡阳华菱", "张伟", "电机", "电", "2015100"] {
        let q = PatentQuery {
            text: text.into(),
            limit: page,
            ..Default::default()
        };
        let total = store.list_patents(&q, today)?.total;
        let change = time_runs(cold_runs, |_| {
            store.forget_listings();
            store.list_patents(&q, today).map(|_| ())
        })?;
        let again = time_runs(args.runs, |_| store.list_patents(&q, today).map(|_| ()))?;
        figures
            .searches
            .push(QueryFigure::new(text, total, change, again));
    }
    let mut items = 0;
    let (p50, p95) = time_runs(args.runs.clamp(1, 20), |_| {
        items = store.forecast(today, 24)?.items.len();
        Ok(())
    })?;
    figures.forecast = ForecastFigure {
        months: 24,
        items,
        p50_ms: millis(p50),
        p95_ms: millis(p95),
    };
    let (p50, p95) = time_runs(args.runs.clamp(1, 20), |_| {
        store.dashboard(today).map(|_| ())
    })?;
    figures.dashboard_p50_ms = millis(p50);
    figures.dashboard_p95_ms = millis(p95);
    if json {
        crate::print::json(&figures);
    } else {
        println!("{}", figures.table());
    }
    drop(store);
    if args.scratch.is_none() {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct BenchPdfArgs {
    /// Timed renders after the warm-up.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// The "today" printed on the report.
    #[arg(long, default_value = "2026-11-21")]
    today: String,
}

/// Times `ledger_pdf` alone: the store is read once, and a warm-up
/// render parses the embedded fonts, so what is timed is layout, subsetting
/// and writing — what the app pays per export once running.
pub fn pdf(db: &Option<PathBuf>, args: BenchPdfArgs) -> Result<()> {
    let today: NaiveDate = ipdesk_core::parse_date("--today", &args.today)?;
    let store = crate::open(db)?;
    let data = store.ledger_report(&PatentQuery::default(), today)?;
    let t = Instant::now();
    let bytes = ledger_pdf(&data, &mut |_| {})?;
    let first = t.elapsed();
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let t = Instant::now();
        ledger_pdf(&data, &mut |_| {})?;
        times.push(t.elapsed());
    }
    times.sort();
    let median = if times.is_empty() {
        first
    } else {
        percentile(&times, 0.5)
    };
    println!(
        "rows={} bytes={} first_ms={} median_ms={} runs={}",
        data.rows.len(),
        bytes.len(),
        ms(first),
        ms(median),
        args.runs
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct BenchImportArgs {
    /// Rows in the generated workbook.
    #[arg(long, default_value_t = 100_000)]
    pub rows: usize,
    /// Import the workbook this many times, each into a fresh database, and
    /// report every run and the median: one run on a shared machine varies
    /// by a quarter.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub repeat: u32,
}

/// Writes a synthetic ledger as .xlsx and times reading, a dry run and a
/// commit into a fresh database file — the path an officer's first import takes.
pub fn import(args: BenchImportArgs) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let today = chrono::Local::now().date_naive();
    let xlsx = dir.path().join("ledger.xlsx");
    {
        let mut src = Store::open(&dir.path().join("src.db"))?;
        let t = Instant::now();
        src.add_patents(sample::ledger(args.rows, 42, today))?;
        let gen = t.elapsed();
        let t = Instant::now();
        src.export_patents(&PatentQuery::default(), today, ExportFormat::Xlsx, &xlsx)?;
        println!(
            "准备：生成 {} 行 {:.2} s，导出 xlsx {:.2} s（{} KB）",
            args.rows,
            gen.as_secs_f64(),
            t.elapsed().as_secs_f64(),
            std::fs::metadata(&xlsx)?.len() / 1024
        );
    }
    let mut totals = Vec::new();
    for run in 1..=args.repeat {
        let db = dir.path().join(format!("target-{run}.db"));
        let mut store = Store::open(&db)?;
        let t = Instant::now();
        let table = read_table(&xlsx)?;
        let parse = t.elapsed();
        let mapping = store.import_mapping(&table.headers)?;
        let dry = ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        };
        let t = Instant::now();
        let r = store.import_patents(&table, &mapping, &dry, &mut |_, _| {})?;
        let validate = t.elapsed();
        let t = Instant::now();
        let c =
            store.import_patents(&table, &mapping, &ImportOptions::default(), &mut |_, _| {})?;
        let commit = t.elapsed();
        drop(store);
        // What `ipdesk import FILE` and the app do: open the file and commit
        // while it is still being read, into a second fresh database.
        let streamed_db = dir.path().join(format!("streamed-{run}.db"));
        let mut store = Store::open(&streamed_db)?;
        let t = Instant::now();
        let sheet = open_table(&xlsx)?;
        let s = store.import_sheet(
            sheet,
            ImportKind::Patent,
            &mapping,
            &ImportOptions::default(),
            &mut |_, _| {},
        )?;
        let streamed = t.elapsed();
        drop(store);
        println!(
            "第 {run} 次：读取解析 {:.2} s；试运行（校验，回滚）{:.2} s；提交 {:.2} s；读取+提交合计 {:.2} s；边读边写（导入命令的做法）{:.2} s；数据库 {} MB",
            parse.as_secs_f64(),
            validate.as_secs_f64(),
            commit.as_secs_f64(),
            (parse + commit).as_secs_f64(),
            streamed.as_secs_f64(),
            std::fs::metadata(&db)?.len() / 1_000_000
        );
        std::fs::remove_file(&streamed_db)?;
        if r.created != args.rows || c.created != args.rows || s.created != args.rows {
            return Err(ipdesk_core::Error::Invalid {
                field: "导入行数".into(),
                value: format!(
                    "试运行 {}，提交 {}，边读边写 {}",
                    r.created, c.created, s.created
                ),
                reason: format!("应新增 {} 行", args.rows),
            });
        }
        totals.push(((parse + commit).as_secs_f64(), streamed.as_secs_f64()));
        std::fs::remove_file(&db)?;
    }
    for (name, mut t) in [
        ("读取+提交", totals.iter().map(|t| t.0).collect::<Vec<_>>()),
        ("边读边写", totals.iter().map(|t| t.1).collect()),
    ] {
        t.sort_by(f64::total_cmp);
        println!(
            "{name}：中位数 {:.2} s，最快 {:.2} s，最慢 {:.2} s（{} 次）",
            t[t.len() / 2],
            t[0],
            t[t.len() - 1],
            t.len()
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct BenchLeadsArgs {
    /// Leads in the synthetic log (each with one action; every tenth with a right).
    #[arg(long, default_value_t = 10_000)]
    leads: usize,
    /// Evidence files taken in and verified.
    #[arg(long, default_value_t = 20)]
    files: usize,
    /// Size of each evidence file in MB.
    #[arg(long, default_value_t = 5)]
    file_mb: usize,
    /// Timed repetitions of each listing.
    #[arg(long, default_value_t = 50)]
    runs: usize,
}

/// `ipdesk bench-leads`: the lead list at 10,000 leads, and evidence intake
/// and verification throughput beside `sha256sum` over the same files.
pub fn leads(args: BenchLeadsArgs) -> Result<()> {
    use ipdesk_core::{
        ActionData, ActionKind, Channel, EvidenceData, LeadData, LeadQuery, LeadStatus, PatentData,
    };
    let dir = std::env::temp_dir().join(format!("ipdesk-bench-leads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open(&dir.join("bench.db"))?;
    let today: NaiveDate = "2026-11-21".parse().expect("a date");
    let patents: Vec<i64> = sample::ledger(200, 7, today)
        .into_iter()
        .map(|p: PatentData| store.add_patent(p).map(|p| p.id))
        .collect::<Result<_>>()?;
    let channels = Channel::ALL;
    let t = Instant::now();
    for i in 0..args.leads {
        let day = today - chrono::Days::new((i % 900) as u64);
        let lead = store.add_lead(LeadData {
            title: format!("线索 {i}：某店铺销售仿冒产品"),
            discovered_date: Some(day),
            channel: channels[i % channels.len()],
            suspect_name: format!("某商行{}", i % 700),
            suspect_shop: format!("某某专营店{}", i % 300),
            patent_ids: if i % 10 == 0 {
                vec![patents[i % patents.len()]]
            } else {
                vec![]
            },
            ..LeadData::default()
        })?;
        store.add_lead_action(
            lead.id,
            ActionData {
                kind: ActionKind::PlatformComplaint,
                date: Some(day),
                due_date: Some(day + chrono::Days::new(15)),
                ..ActionData::default()
            },
        )?;
        if i % 3 == 0 {
            store.set_lead_status(lead.id, LeadStatus::Verifying, day, "")?;
        }
    }
    let added = t.elapsed();
    println!(
        "{} leads with an action each: {:.1} s ({:.2} ms per lead, two or three transactions each)",
        args.leads,
        added.as_secs_f64(),
        added.as_secs_f64() * 1000.0 / args.leads as f64
    );
    println!("| listing | rows | p50 ms | p95 ms |");
    println!("|---|---:|---:|---:|");
    let queries = [
        ("all leads, newest first", LeadQuery::default()),
        (
            "status 核实中",
            LeadQuery {
                status: Some(LeadStatus::Verifying),
                ..LeadQuery::default()
            },
        ),
        (
            "one quarter",
            LeadQuery {
                from: Some(today - chrono::Days::new(90)),
                to: Some(today),
                ..LeadQuery::default()
            },
        ),
        (
            "text 专营店12",
            LeadQuery {
                text: "专营店12".into(),
                ..LeadQuery::default()
            },
        ),
    ];
    for (name, q) in &queries {
        let rows = store.leads(q)?.len();
        let (p50, p95) = time_runs(args.runs, |_| store.leads(q).map(|_| ()))?;
        println!("| {name} | {rows} | {} | {} |", ms(p50), ms(p95));
    }
    let rows = store.lead_deadlines(today, 30)?.len();
    let (p50, p95) = time_runs(args.runs, |_| store.lead_deadlines(today, 30).map(|_| ()))?;
    println!(
        "| dashboard deadlines (30 days) | {rows} | {} | {} |",
        ms(p50),
        ms(p95)
    );

    // Evidence: distinct pseudo-random files (incompressible, as photos and videos are).
    let mut paths = Vec::new();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for f in 0..args.files {
        let mut bytes = vec![0u8; args.file_mb * 1024 * 1024];
        for chunk in bytes.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
        }
        let p = dir.join(format!("evidence-{f:02}.bin"));
        std::fs::write(&p, &bytes)?;
        paths.push(p);
    }
    let mb = (args.files * args.file_mb) as f64;
    let t = Instant::now();
    store.add_evidence_files(1, &paths, EvidenceData::default())?;
    let intake = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let report = store.verify_evidence(None)?;
    let verify = t.elapsed().as_secs_f64();
    assert!(report.ok, "a fresh locker verifies");
    let t = Instant::now();
    let status = std::process::Command::new("sha256sum")
        .args(&paths)
        .stdout(std::process::Stdio::null())
        .status()?;
    let sums = t.elapsed().as_secs_f64();
    println!();
    println!(
        "| {} files × {} MB = {mb:.0} MB | seconds | MB/s |",
        args.files, args.file_mb
    );
    println!("|---|---:|---:|");
    println!(
        "| evidence intake (read, hash, store, log; one transaction) | {intake:.2} | {:.0} |",
        mb / intake
    );
    println!(
        "| verify all (read back, re-hash, walk the chain) | {verify:.2} | {:.0} |",
        mb / verify
    );
    if status.success() {
        println!(
            "| `sha256sum` over the same files | {sums:.2} | {:.0} |",
            mb / sums
        );
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
