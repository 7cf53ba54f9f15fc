//! The fuzz targets' seeds (`fuzz/seeds/<target>/`), saved corpus
//! (`fuzz/corpus/<target>/`, minimised) and every crash the fuzzer found
//! (`fuzz/regressions/<target>/`), replayed through the
//! same functions the targets call (`ipdesk_core::fuzzing`): each input must
//! be answered, not panic. The fuzzer itself runs outside CI
//! (`scripts/fuzz.sh`, BENCHMARKS.md "Fuzzing").

use std::path::{Path, PathBuf};

use ipdesk_core::fuzzing;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; none if it is missing.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let mut out: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// Runs every saved input of `target` through `body`, naming the file that
/// panics.
fn replay(target: &str, body: Body) {
    let corpus = inputs("corpus", target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target} is empty or gone: the replay would prove nothing \
         (bash scripts/fuzz.sh {target}, then cargo fuzz cmin)"
    );
    let seeds = inputs("seeds", target);
    for path in seeds
        .iter()
        .chain(&corpus)
        .chain(&inputs("regressions", target))
    {
        let bytes = std::fs::read(path).unwrap();
        let answered = std::panic::catch_unwind(|| body(&bytes));
        assert!(
            answered.is_ok(),
            "{} panicked: every input must be answered",
            path.display()
        );
    }
}

/// A target's body: answers any bytes.
type Body = fn(&[u8]);

/// Every target, by its directory name under `fuzz/*/`.
const TARGETS: &[(&str, Body)] = &[
    ("sheet_csv", fuzzing::sheet_csv),
    ("sheet_xlsx", fuzzing::sheet_xlsx),
    ("sheet_xls", fuzzing::sheet_xls),
    ("sheet_ods", fuzzing::sheet_ods),
    ("validators", fuzzing::validators),
    ("dtos", fuzzing::dtos),
    ("pdf_text", fuzzing::pdf_text),
    ("restore_file", fuzzing::restore_file),
];

/// Crashes found and not fixed yet (`fuzz/open/<target>/`, each described
/// in BENCHMARKS.md, "Fuzzing"): kept in view rather than dropped. Each
/// must still panic; one that no longer does has been fixed, and moves to
/// `fuzz/regressions/<target>/`, where it must keep passing.
#[test]
fn open_crashes_still_panic_until_fixed() {
    for (target, body) in TARGETS {
        for path in inputs("open", target) {
            let bytes = std::fs::read(&path).unwrap();
            let answered = std::panic::catch_unwind(|| body(&bytes));
            assert!(
                answered.is_err(),
                "{} no longer panics: move it to fuzz/regressions/{target}/",
                path.display()
            );
        }
    }
}

#[test]
fn csv_corpus_is_answered() {
    replay("sheet_csv", fuzzing::sheet_csv);
}

#[test]
fn xlsx_corpus_is_answered() {
    replay("sheet_xlsx", fuzzing::sheet_xlsx);
}

#[test]
fn xls_corpus_is_answered() {
    replay("sheet_xls", fuzzing::sheet_xls);
}

#[test]
fn ods_corpus_is_answered() {
    replay("sheet_ods", fuzzing::sheet_ods);
}

#[test]
fn validator_corpus_is_answered() {
    replay("validators", fuzzing::validators);
}

#[test]
fn dto_corpus_is_answered() {
    replay("dtos", fuzzing::dtos);
}

#[test]
fn pdf_text_corpus_is_answered() {
    replay("pdf_text", fuzzing::pdf_text);
}

#[test]
fn restore_corpus_is_answered() {
    replay("restore_file", fuzzing::restore_file);
}

/// Writes the seed inputs in `fuzz/seeds/<target>/` that the first runs
/// started from: real files from the core's own writers. Run by hand
/// (`cargo test -p ipdesk-core --test it write_fuzz_seeds -- --ignored`);
/// the .ods and .xls seeds are written by `fuzz/seeds/make_workbooks.py`.
#[test]
#[ignore = "writes fuzz/seeds; run by hand"]
fn write_fuzz_seeds() {
    use ipdesk_core::{sample, ExportFormat, PatentQuery, Store};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let seeds = fuzz_dir().join("seeds");
    let dir = |t: &str| {
        let d = seeds.join(t);
        std::fs::create_dir_all(&d).unwrap();
        d
    };
    let mut store = Store::open_in_memory().unwrap();
    store.add_patents(sample::ledger(4, 15, today)).unwrap();
    let tmp = tempfile::tempdir().unwrap();

    let xlsx = tmp.path().join("ledger.xlsx");
    let q = PatentQuery::default();
    store
        .export_patents(&q, today, ExportFormat::Xlsx, &xlsx)
        .unwrap();
    std::fs::copy(&xlsx, dir("sheet_xlsx").join("ledger.xlsx")).unwrap();

    let csv = tmp.path().join("ledger.csv");
    store
        .export_patents(&q, today, ExportFormat::Csv, &csv)
        .unwrap();
    let bom = std::fs::read(&csv).unwrap();
    let text = String::from_utf8(bom.clone()).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let out = dir("sheet_csv");
    std::fs::write(out.join("utf8-bom.csv"), &bom).unwrap();
    std::fs::write(out.join("utf8.csv"), text).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(out.join("utf16le-bom.csv"), utf16).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(out.join("gbk.csv"), &gbk).unwrap();

    // A backup as Store::backup_to writes it, compacted: named without
    // .db, which .gitignore keeps out.
    let backup = tmp.path().join("backup.db");
    store.backup_to(&backup).unwrap();
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    drop(conn);
    std::fs::copy(&backup, dir("restore_file").join("backup-4-patents")).unwrap();

    let v = dir("validators");
    for (name, text) in [
        ("app-no-modern", "2019 1 0123456.X"),
        ("app-no-old", "ZL 92 1 00001.2"),
        ("date", "2024年2月29日"),
        ("uscc", "91350100M000100Y43"),
        ("money", "¥1,234.50元"),
    ] {
        std::fs::write(v.join(name), text).unwrap();
    }
    let d = dir("dtos");
    let patent = serde_json::to_vec(&sample::ledger(1, 3, today)[0]).unwrap();
    std::fs::write(d.join("patent"), [&[0u8][..], &patent].concat()).unwrap();
    // The rest as the types serialise (so the field names are right),
    // with a few values set.
    use ipdesk_core::{
        ActionData, Company, LayoutPlanData, LeadData, LeadQuery, PaymentInput, PlanItemData,
        TrademarkData,
    };
    let json = |v: serde_json::Value| serde_json::to_vec(&v).unwrap();
    let cases: Vec<(u8, &str, Vec<u8>)> = vec![
        (
            1,
            "payment",
            serde_json::to_vec(&PaymentInput {
                patent_year: 3,
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            2,
            "decision",
            json(serde_json::json!({"patentYear": 4, "decision": "drop", "reason": "无价值"})),
        ),
        (
            3,
            "plan",
            serde_json::to_vec(&LayoutPlanData {
                name: "齿轮箱".into(),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            4,
            "plan-item",
            serde_json::to_vec(&PlanItemData::default()).unwrap(),
        ),
        (
            5,
            "lead",
            serde_json::to_vec(&LeadData {
                title: "某网店侵权".into(),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            6,
            "action",
            serde_json::to_vec(&ActionData::default()).unwrap(),
        ),
        (
            7,
            "patent-query",
            serde_json::to_vec(&PatentQuery {
                limit: 20,
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            8,
            "lead-query",
            serde_json::to_vec(&LeadQuery::default()).unwrap(),
        ),
        (
            9,
            "company",
            serde_json::to_vec(&Company {
                name: "某公司".into(),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            10,
            "trademark",
            serde_json::to_vec(&TrademarkData::default()).unwrap(),
        ),
    ];
    for (pick, name, json) in cases {
        std::fs::write(d.join(name), [&[pick][..], &json].concat()).unwrap();
    }
    let p = dir("pdf_text");
    std::fs::write(
        p.join("mixed"),
        "一种齿轮箱（ZL201910123456.X）——润滑……\n第二行\tCN-123/456.7%\n「引号」，句号。",
    )
    .unwrap();
}

/// The hand-made workbooks of `make_workbooks.py` are ones the readers
/// accept, or they would seed nothing but the first error.
#[test]
#[ignore = "reads fuzz/seeds; run by hand with write_fuzz_seeds"]
fn hand_made_workbook_seeds_are_read() {
    for name in ["sheet_ods/ledger.ods", "sheet_xls/ledger.xls"] {
        let path = fuzz_dir().join("seeds").join(name);
        let table = ipdesk_core::read_table(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(table.rows.len(), 2, "{name}: both patents are read");
    }
}
