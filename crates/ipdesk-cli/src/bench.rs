//! `ipdesk bench`: builds a synthetic ledger in a scratch database and times
//! what users wait for. Results are printed as Markdown for BENCHMARKS.md;
//! nothing here is a pass/fail test.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;
use ipdesk_core::{report, sample, LegalStatus, PatentKind, PatentQuery, Result, SortKey, Store};

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

pub fn run(args: BenchArgs) -> Result<()> {
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
    let mut out = String::new();
    out.push_str(&format!(
        "| 测量 | 结果 |\n|---|---|\n| 批量写入 {} 件（一个事务，含全文索引与审计） | {:.2} s |\n",
        args.patents,
        insert.as_secs_f64()
    ));
    // "Change filter" is the first page after the filter changed: the store
    // has no listing for it yet (`forget_listings`) and filters and sorts
    // every match. "Turn page" is a random page of a filter already listed.
    let cold_runs = args.runs.clamp(1, 30);
    out.push_str(
        "\n| 分页查询（每页 50 行，含总数） | 换筛选 p50 ms | 换筛选 p95 ms | 翻页 p50 ms | 翻页 p95 ms |\n|---|---|---|---|---|\n",
    );
    for (name, q) in &queries {
        let total = store.list_patents(q, today)?.total as u32;
        let pages = (total / page).max(1);
        let (c50, c95) = time_runs(cold_runs, |_| {
            store.forget_listings();
            store.list_patents(q, today).map(|_| ())
        })?;
        let (p50, p95) = time_runs(args.runs, |i| {
            let mut q = q.clone();
            q.offset = ((i as u32 * 7919) % pages.min(n)) * page;
            store.list_patents(&q, today).map(|_| ())
        })?;
        out.push_str(&format!(
            "| {name}（{total} 件匹配） | {} | {} | {} | {} |\n",
            ms(c50),
            ms(c95),
            ms(p50),
            ms(p95)
        ));
    }
    out.push_str(
        "\n| 全文检索（前 50 条，含总数） | 换检索词 p50 ms | 换检索词 p95 ms | 再次 p50 ms | 再次 p95 ms |\n|---|---|---|---|---|\n",
    );
    for text in ["电池管理系统", "衡阳华菱", "张伟", "电机", "2015100"] {
        let q = PatentQuery {
            text: text.into(),
            limit: page,
            ..Default::default()
        };
        let total = store.list_patents(&q, today)?.total;
        let (c50, c95) = time_runs(cold_runs, |_| {
            store.forget_listings();
            store.list_patents(&q, today).map(|_| ())
        })?;
        let (p50, p95) = time_runs(args.runs, |_| store.list_patents(&q, today).map(|_| ()))?;
        out.push_str(&format!(
            "| 「{text}」（{total} 件） | {} | {} | {} | {} |\n",
            ms(c50),
            ms(c95),
            ms(p50),
            ms(p95)
        ));
    }
    let mut items = 0;
    let (p50, p95) = time_runs(10, |_| {
        items = store.forecast(today, 24)?.items.len();
        Ok(())
    })?;
    out.push_str(&format!(
        "\n| 24 个月年费预测（{items} 项） | p50 {} ms | p95 {} ms |\n|---|---|---|\n",
        ms(p50),
        ms(p95)
    ));
    println!("{out}");
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

/// Times `report::ledger_pdf` alone: the store is read once, and a warm-up
/// render parses the embedded fonts, so what is timed is layout, subsetting
/// and writing — what the app pays per export once running.
pub fn pdf(db: &Option<PathBuf>, args: BenchPdfArgs) -> Result<()> {
    let today: NaiveDate = ipdesk_core::parse_date("--today", &args.today)?;
    let store = crate::open(db)?;
    let data = store.ledger_report(&PatentQuery::default(), today)?;
    let t = Instant::now();
    let bytes = report::ledger_pdf(&data, &mut |_| {})?;
    let first = t.elapsed();
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let t = Instant::now();
        report::ledger_pdf(&data, &mut |_| {})?;
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
