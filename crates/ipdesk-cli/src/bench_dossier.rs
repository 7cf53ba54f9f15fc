//! `ipdesk bench-dossier`: a funding dossier's packet — about 30 pages of
//! its own and 200 attachment pages (PDFs and scans) — timed and its peak
//! memory taken, beside `pdfunite` (poppler) and `qpdf`, when installed,
//! merging the same PDF attachments. Results go to BENCHMARKS.md.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Args;
use ipdesk_core::pdf::{render, Block, DocMeta, Document, Fonts};
use ipdesk_core::{Company, Result, Store};

#[derive(Debug, Args)]
pub struct BenchDossierArgs {
    /// PDF attachments.
    #[arg(long, default_value_t = 8)]
    pdfs: usize,
    /// Pages of each PDF attachment.
    #[arg(long, default_value_t = 20)]
    pdf_pages: usize,
    /// Scanned pictures (one page each).
    #[arg(long, default_value_t = 40)]
    scans: usize,
    /// Paragraphs in each narrative section (sets the packet's own pages).
    #[arg(long, default_value_t = 60)]
    paragraphs: usize,
    /// Timed repetitions.
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

/// Runs a tool under /usr/bin/time: seconds and peak kB, or None when it
/// is not installed.
fn timed_tool(tool: &str, args: &[String]) -> Option<(f64, Option<u64>)> {
    // Not installed: no row to compare with.
    Command::new(tool).arg("--version").output().ok()?;
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(tool)
        .args(args)
        .output()
        .ok()?;
    let secs = t.elapsed().as_secs_f64();
    if !out.status.success() {
        eprintln!("{tool}: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let kb = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok());
    Some((secs, kb))
}

fn scan(i: usize) -> Vec<u8> {
    // An A4 scan at about 150 dpi, photographic (does not compress away).
    let (w, h) = (1240u32, 1754u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let v = (x.wrapping_mul(7) ^ y.wrapping_mul(13) ^ i as u32) as u8;
        image::Rgb([v, v.wrapping_add(40), 200u8.wrapping_sub(v / 2)])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("JPEG encoding of an in-memory image");
    out.into_inner()
}

fn attachment(i: usize, pages: usize, day: NaiveDate) -> Vec<u8> {
    let mut blocks = Vec::new();
    for p in 1..=pages {
        blocks.push(Block::Heading {
            level: 1,
            text: format!("附件 {i} 第 {p} 页"),
        });
        blocks.push(Block::Paragraph(
            "合同条款：甲乙双方就专利权质押融资事宜达成如下协议。".repeat(12),
        ));
        if p < pages {
            blocks.push(Block::PageBreak);
        }
    }
    render(
        &Document {
            meta: DocMeta::dated(&format!("附件 {i}"), "bench", day),
            blocks,
            ..Document::default()
        },
        Fonts::embedded(),
    )
    .expect("the bench's own document renders")
}

pub fn run(args: BenchDossierArgs) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("ipdesk-bench-dossier-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let day: NaiveDate = "2026-06-30".parse().expect("a date");
    let mut store = Store::open(&dir.join("bench.db"))?;
    store.set_company(Company {
        name: "衡阳智电装备科技有限公司".into(),
        ..Company::default()
    })?;
    let id = store.new_dossier("hengyang-2023-2-3", 2026)?.id;
    let text: String = (0..args.paragraphs)
        .map(|i| {
            format!(
                "第 {i} 段：本项目以专利权质押融资支持储能电池管理系统扩产，{}",
                "建立知识产权运营与风险防控机制，".repeat(6)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    for name in ipdesk_core::DEFAULT_SECTIONS {
        store.set_dossier_section(id, name, &text)?;
    }
    let mut pdf_paths: Vec<PathBuf> = Vec::new();
    for i in 0..args.pdfs {
        let bytes = attachment(i + 1, args.pdf_pages, day);
        let path = dir.join(format!("附件{:02}.pdf", i + 1));
        std::fs::write(&path, &bytes)?;
        store.attach_to_dossier(
            id,
            &format!("附件{:02}.pdf", i + 1),
            &bytes,
            &format!("合同 {}", i + 1),
        )?;
        pdf_paths.push(path);
    }
    let mut scans_bytes = 0u64;
    for i in 0..args.scans {
        let bytes = scan(i);
        scans_bytes += bytes.len() as u64;
        store.attach_to_dossier(
            id,
            &format!("扫描件{:02}.jpg", i + 1),
            &bytes,
            &format!("扫描件 {}", i + 1),
        )?;
    }
    let pages = store.dossier_page_count(id, day)?;
    let attached = args.pdfs * args.pdf_pages + args.scans;
    println!(
        "packet: {pages} pages = {} own + {attached} attachment pages ({} PDFs × {} pages, {} scans)",
        pages - attached,
        args.pdfs,
        args.pdf_pages,
        args.scans
    );
    drop(store);
    // The export in a process of its own, as the desktop's and the CLI's
    // are: its peak memory is its own, not the setup's.
    let exe = std::env::current_exe()?;
    let db = dir.join("bench.db").display().to_string();
    let packet = dir.join("packet.pdf").display().to_string();
    let export_args: Vec<String> = [
        "--db",
        &db,
        "export",
        "dossier",
        &id.to_string(),
        "--out",
        &packet,
        "--today",
        "2026-06-30",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut runs = Vec::new();
    for _ in 0..args.runs {
        if let Some(r) = timed_tool(&exe.display().to_string(), &export_args) {
            runs.push(r);
        }
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let input_mb: u64 = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("附件"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>()
        + scans_bytes;
    println!(
        "attachments: {:.1} MB ({} PDFs {:.1} MB, {} JPEG scans {:.1} MB)",
        input_mb as f64 / 1e6,
        args.pdfs,
        (input_mb - scans_bytes) as f64 / 1e6,
        args.scans,
        scans_bytes as f64 / 1e6
    );
    println!(
        "| job | seconds (median of {}) | peak memory MB | output MB |",
        runs.len()
    );
    println!("|---|---:|---:|---:|");
    if let Some((secs, kb)) = runs.get(runs.len() / 2) {
        println!(
            "| `ipdesk export dossier`: own pages + {} PDF pages + {} scans, merged, numbered, bookmarked | {secs:.2} | {} | {:.1} |",
            args.pdfs * args.pdf_pages,
            args.scans,
            kb.map_or("—".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
            std::fs::metadata(&packet).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
        );
    }
    let mut list: Vec<String> = pdf_paths.iter().map(|p| p.display().to_string()).collect();
    let out = dir.join("united.pdf").display().to_string();
    list.push(out.clone());
    match timed_tool("pdfunite", &list) {
        Some((secs, kb)) => println!(
            "| `pdfunite` over the same {} PDFs (no scans, no numbering) | {secs:.2} | {} | {:.1} |",
            args.pdfs,
            kb.map_or("—".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
            std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
        ),
        None => println!("| `pdfunite` | not installed | | |"),
    }
    let mut qargs = vec!["--empty".to_string(), "--pages".to_string()];
    qargs.extend(pdf_paths.iter().map(|p| p.display().to_string()));
    qargs.push("--".into());
    qargs.push(dir.join("qpdf.pdf").display().to_string());
    match timed_tool("qpdf", &qargs) {
        Some((secs, kb)) => println!(
            "| `qpdf --empty --pages … --` over the same {} PDFs | {secs:.2} | {} | |",
            args.pdfs,
            kb.map_or("—".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
        ),
        None => println!("| `qpdf` | not installed here | | |"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
