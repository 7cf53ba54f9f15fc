//! The bodies of the fuzz targets (`fuzz/fuzz_targets/`, issue 15), here so
//! that the fuzzer and the test that replays the saved corpus and every
//! crash (`tests/it/fuzz_corpus.rs`) run the same code.
//!
//! Each function takes any bytes and must return for every input: an error
//! is an ordinary outcome, a panic is a bug. They reach the core through
//! what `lib.rs` exports (and the public `pdf` module), as the desktop shell
//! and the command line do, so a target tests what a caller can call.
//! Not part of the API: hidden from the docs and free to change.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;

use crate::pdf::{self, Align, Block, Column, Document, Fonts};
use crate::{
    app_no_check_char, normalise_header, parse_cn_app_no, parse_date, parse_uscc, recognise_format,
    strip_app_no, ActionData, AwardData, Company, DecisionInput, InsuranceData, LayoutPlanData,
    LeadData, LeadQuery, Money, OtherIpData, PatentData, PatentQuery, PaymentInput, PlanItemData,
    PledgeData, ProductData, QualificationData, Store, TrademarkData, TransferData,
};

/// For the spreadsheet targets' `init`: a panic in one of the core's reader
/// threads (calamine asserting on a broken file) is contained there and
/// answered as a refused file (读取中断), in the app as here, so it is
/// printed and not a crash. A panic on the fuzzing thread itself still
/// goes to libFuzzer's hook, which aborts: that one would reach the caller.
pub fn contain_reader_panics() {
    let fuzzing = std::thread::current().id();
    let aborting = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == fuzzing {
            aborting(info);
        } else {
            eprintln!("contained in a reader thread (a refused file): {info}");
        }
    }));
}

/// A .csv (UTF-8, UTF-16 or GB18030, as the reader detects) read as an
/// import would read it.
pub fn sheet_csv(bytes: &[u8]) {
    sheet(bytes, "csv");
}

/// An .xlsx, streamed on the reader's thread, then its other sheets.
pub fn sheet_xlsx(bytes: &[u8]) {
    sheet(bytes, "xlsx");
}

/// An .xls (BIFF), then its other sheets.
pub fn sheet_xls(bytes: &[u8]) {
    sheet(bytes, "xls");
}

/// An .ods, then its other sheets.
pub fn sheet_ods(bytes: &[u8]) {
    sheet(bytes, "ods");
}

/// The readers take a path (the extension picks the format), so the bytes
/// go to a file of their own.
fn sheet(bytes: &[u8], ext: &str) {
    let file = TempFile::new(ext, bytes);
    if let Ok(table) = crate::read_table(&file.0) {
        // What an import does next with the header it found.
        let _ = recognise_format(&table.headers);
        if let Ok(store) = Store::open_in_memory() {
            let _ = store.import_plan(&table.headers);
        }
        // Workbooks: the other sheets a mixed import reads, under any
        // header (the widest reading of the file).
        let _ = crate::sheet::other_sheets(&file.0, &table.sheet, |h| !h.trim().is_empty());
    }
}

/// The text validators, on the bytes as (lossy) UTF-8: application numbers,
/// dates, credit codes, amounts and header names.
pub fn validators(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = strip_app_no(&text);
    if let Ok(app_no) = parse_cn_app_no(&text) {
        // A number that parses has a check character computed over its
        // digits without the check character itself.
        let digits = &app_no.digits[..app_no.digits.len() - 1];
        let _ = app_no_check_char(digits);
        let _ = app_no.to_string();
    }
    let _ = parse_date("fuzz", &text);
    let _ = parse_uscc(&text);
    let _ = Money::parse("fuzz", &text);
    let _ = normalise_header(&text);
}

/// The argument DTOs the desktop shell receives over IPC, from JSON: the
/// first byte picks the type, the rest is the JSON. A value that parses is
/// put through the store's validation and what is computed from it.
pub fn dtos(bytes: &[u8]) {
    let Some((&pick, json)) = bytes.split_first() else {
        return;
    };
    let Some(mut kit) = Kit::new() else {
        return;
    };
    let store = &mut kit.store;
    let today = kit.today;
    match pick % 16 {
        0 => {
            if let Some(p) = parse::<PatentData>(json).and_then(|d| store.add_patent(d).ok()) {
                let _ = store.patent_detail(p.id, today);
                let _ = store.forecast(today, 36);
            }
        }
        1 => {
            if let Some(i) = parse::<PaymentInput>(json) {
                let _ = store.record_payment(kit.patent, i);
                let _ = store.fee_schedule(kit.patent, today);
            }
        }
        2 => {
            if let Some(d) = parse::<DecisionInput>(json) {
                let _ = store.decide_fee(kit.patent, d, today);
            }
        }
        3 => {
            if let Some(p) = parse::<LayoutPlanData>(json).and_then(|d| store.add_plan(d).ok()) {
                let _ = store.plan_detail(p.id, today);
            }
        }
        4 => {
            if let Some(d) = parse::<PlanItemData>(json) {
                let _ = store.add_plan_item(kit.plan, d);
                let _ = store.plan_detail(kit.plan, today);
            }
        }
        5 => {
            if let Some(l) = parse::<LeadData>(json).and_then(|d| store.add_lead(d).ok()) {
                let _ = store.lead_detail(l.id);
            }
        }
        6 => {
            if let Some(d) = parse::<ActionData>(json) {
                let _ = store.add_lead_action(kit.lead, d);
                let _ = store.lead_deadlines(today, 60);
            }
        }
        7 => {
            if let Some(q) = parse::<PatentQuery>(json) {
                let _ = store.list_patents(&q, today);
            }
        }
        8 => {
            if let Some(q) = parse::<LeadQuery>(json) {
                let _ = store.leads(&q);
            }
        }
        9 => {
            if let Some(c) = parse::<Company>(json) {
                let _ = store.set_company(c);
            }
        }
        10 => record::<TrademarkData>(store, json),
        11 => record::<PledgeData>(store, json),
        12 => record::<AwardData>(store, json),
        13 => record::<InsuranceData>(store, json),
        14 => record::<ProductData>(store, json),
        _ => {
            record::<QualificationData>(store, json);
            record::<TransferData>(store, json);
            record::<OtherIpData>(store, json);
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(json: &[u8]) -> Option<T> {
    serde_json::from_slice(json).ok()
}

fn record<T: crate::Record + serde::de::DeserializeOwned>(store: &mut Store, json: &[u8]) {
    if let Some(d) = parse::<T>(json) {
        let _ = store.add_record(d);
    }
}

/// A store with one patent, plan and lead for the DTOs that name one.
struct Kit {
    store: Store,
    today: NaiveDate,
    patent: i64,
    plan: i64,
    lead: i64,
}

impl Kit {
    fn new() -> Option<Kit> {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1)?;
        let mut store = Store::open_in_memory().ok()?;
        let patent = store
            .add_patent(crate::sample::ledger(1, 1, today).remove(0))
            .ok()?
            .id;
        let plan = store
            .add_plan(LayoutPlanData {
                name: "布局计划".into(),
                ..LayoutPlanData::default()
            })
            .ok()?
            .id;
        let lead = store
            .add_lead(LeadData {
                title: "线索".into(),
                ..LeadData::default()
            })
            .ok()?
            .id;
        Some(Kit {
            store,
            today,
            patent,
            plan,
            lead,
        })
    }
}

/// The PDF engine's text layout: the bytes (lossy UTF-8) as a heading, a
/// paragraph, key/value lines and a table whose cells are the lines of the
/// text, laid out on A4 with the embedded fonts (parsed once per process).
/// Rendering to bytes is left out: it is slow and sees only what layout
/// placed.
pub fn pdf_text(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let fonts = Fonts::embedded();
    let _ = pdf::break_lines(&text, 40.0, 8.0, |c| {
        fonts.text_width(pdf::FontKind::Serif, 12.0, c.encode_utf8(&mut [0; 4]))
    });
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let width = lines.len().clamp(1, 8);
    let rows = lines
        .chunks(width)
        .map(|c| {
            let mut row = c.to_vec();
            row.resize(width, String::new());
            row
        })
        .collect();
    let columns = (0..width)
        .map(|i| {
            let align = [Align::Left, Align::Center, Align::Right][i % 3];
            Column::new(&format!("列{i}"), (i + 1) as f32, align)
        })
        .collect();
    let doc = Document {
        header: text.chars().take(80).collect(),
        toc: true,
        blocks: vec![
            Block::Heading {
                level: bytes.first().map_or(1, |b| b % 5),
                text: text.to_string(),
            },
            Block::Paragraph(text.to_string()),
            Block::KeyValues(vec![(text.to_string(), text.to_string())]),
            Block::Table(pdf::Table {
                columns,
                rows,
                field: "fuzz".into(),
            }),
        ],
        ..Document::default()
    };
    let _ = pdf::layout(&doc, fonts);
}

/// A backup restored over a database path: the bytes as the backup file.
/// Whatever they hold, the answer is the restored report or an error, and
/// nothing is left beside the target but what a restore leaves.
pub fn restore_file(bytes: &[u8]) {
    let backup = TempFile::new("db", bytes);
    let dir = unique_path("restore");
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let _ = Store::restore(&backup.0, &dir.join("ledger.db"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(ext: &str, bytes: &[u8]) -> TempFile {
        let path = unique_path(ext).with_extension(ext);
        // A full disk is not what is being fuzzed: the reader then sees a
        // missing or short file, an error like any other.
        let _ = std::fs::write(&path, bytes);
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        remove_with_journals(&self.0);
    }
}

fn remove_with_journals(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// A path no other execution (thread or process) uses.
fn unique_path(tag: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("ipdesk-fuzz-{}-{tag}-{n}", std::process::id()))
}
