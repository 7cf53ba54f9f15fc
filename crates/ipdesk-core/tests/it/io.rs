//! Import, export, backup and restore end to end: round trips, encodings,
//! bad files that must leave nothing written, dry run against commit,
//! duplicates, and restores that refuse what they cannot trust.

use std::path::Path;

use chrono::NaiveDate;
use ipdesk_core::{
    open_table, read_table, sample, Cell, Entity, Error, ExportFormat, ImportKind, ImportOptions,
    ImportReport, OnDuplicate, PatentData, PatentQuery, RowAction, Store, Table, TrademarkData,
};
use rusqlite::Connection;

use crate::Db;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn ledger_store(n: usize) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.add_patents(sample::ledger(n, 7, today())).unwrap();
    s
}

/// [`ledger_store`] in a file, for tests that check what was written.
fn ledger_on_disk(n: usize) -> (Db, Store) {
    let (db, mut s) = Db::new();
    s.add_patents(sample::ledger(n, 7, today())).unwrap();
    (db, s)
}

fn import(s: &mut Store, path: &Path, opts: ImportOptions) -> ipdesk_core::Result<ImportReport> {
    let table = read_table(path)?;
    let mapping = s.import_mapping(&table.headers)?;
    s.import_patents(&table, &mapping, &opts, &mut |_, _| {})
}

fn commit() -> ImportOptions {
    ImportOptions::default()
}

fn dry() -> ImportOptions {
    ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    }
}

fn sheet_text(path: &Path) -> Vec<Vec<String>> {
    let t = read_table(path).unwrap();
    std::iter::once(t.headers.clone())
        .chain(
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(Cell::text).collect()),
        )
        .collect()
}

const HEADER: &str =
    "序号,申请号,专利名称,专利类型,申请日,法律状态,授权日,申请（专利权）人,发明（设计）人";

fn write_csv(path: &Path, body: &str) {
    std::fs::write(path, format!("{HEADER}\n{body}")).unwrap();
}

#[test]
fn xlsx_export_imports_into_an_empty_store_and_exports_identically() {
    let dir = tempfile::tempdir().unwrap();
    let src = ledger_store(60);
    let first = dir.path().join("first.xlsx");
    let n = src
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &first)
        .unwrap();
    assert_eq!(n, 60);
    let mut dst = Store::open_in_memory().unwrap();
    let report = import(&mut dst, &first, commit()).unwrap();
    assert_eq!(
        report.created, 60,
        "every exported row imports: {:?}",
        report.errors
    );
    assert!(report.committed);
    let second = dir.path().join("second.xlsx");
    dst.export_patents(
        &PatentQuery::default(),
        today(),
        ExportFormat::Xlsx,
        &second,
    )
    .unwrap();
    assert_eq!(
        sheet_text(&first),
        sheet_text(&second),
        "export → import → export changes nothing"
    );
    let again = import(&mut dst, &second, commit()).unwrap();
    assert_eq!(
        again.unchanged, 60,
        "re-importing the same export touches no patent"
    );
}

#[test]
fn csv_export_is_utf8_with_bom_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let src = ledger_store(20);
    let out = dir.path().join("ledger.csv");
    src.export_patents(&PatentQuery::default(), today(), ExportFormat::Csv, &out)
        .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel on Windows needs the BOM to read UTF-8"
    );
    let mut dst = Store::open_in_memory().unwrap();
    let report = import(&mut dst, &out, commit()).unwrap();
    assert_eq!(report.created, 20, "{:?}", report.errors);
    let a: Vec<PatentData> = page(&src);
    let b: Vec<PatentData> = page(&dst);
    assert_eq!(a, b, "every field survives the CSV round trip");
}

fn page(s: &Store) -> Vec<PatentData> {
    s.list_patents(&PatentQuery::default(), today())
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.patent.data)
        .collect()
}

#[test]
fn gbk_csv_with_chinese_headers_and_loose_values_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.csv");
    let text = format!(
        "{HEADER}\n1,ZL 2019 1 0123456.X,一种齿轮箱,发明专利,2019/3/5,有效,2021年6月1日,衡阳华菱钢管有限公司；湘南新材料股份有限公司,张伟、王芳\n2,CN202020123456.X,一种液压阀,实用新型,20200105,审中,,衡阳华菱钢管有限公司,李娜\n"
    );
    let text = fix_check_digits(&text);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let report = import(&mut s, &path, commit()).unwrap();
    assert_eq!(report.created, 2, "{:?}", report.errors);
    let p = page(&s);
    assert_eq!(p[0].title, "一种齿轮箱", "GBK decoded");
    assert_eq!(p[0].applicants.len(), 2, "list split on ；");
    assert_eq!(p[0].inventors, vec!["张伟", "王芳"]);
    assert_eq!(p[0].grant_date, NaiveDate::from_ymd_opt(2021, 6, 1));
    assert_eq!(p[1].filing_date, NaiveDate::from_ymd_opt(2020, 1, 5));

    let bom = dir.path().join("bom.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(&bom, bytes).unwrap();
    let mut s2 = Store::open_in_memory().unwrap();
    let r2 = import(&mut s2, &bom, commit()).unwrap();
    assert_eq!(
        r2.created, 2,
        "UTF-8 with BOM reads the same: {:?}",
        r2.errors
    );
    assert_eq!(page(&s2), page(&s), "both encodings give the same ledger");
}

// qualification-programs.md §1.2: each right's acquisition mode and
// transfer date, and its use in 高企 applications, come in from the sheet.
#[test]
fn acquisition_transfer_date_and_hnte_use_import_from_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.csv");
    let text = fix_check_digits(
        "申请号,专利名称,申请日,获得方式,受让登记日,高企申报使用年度\n\
         CN201910123456.X,一种齿轮箱,2019-03-05,受让,2024/6/30,2025年\n\
         CN202020123456.X,一种液压阀,2020-01-05,,,\n",
    );
    std::fs::write(&path, &text).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let report = import(&mut s, &path, commit()).unwrap();
    assert_eq!(report.created, 2, "{:?}", report.errors);
    let p = page(&s);
    assert_eq!(p[0].acquisition, ipdesk_core::Acquisition::Transfer);
    assert_eq!(p[0].acquired_on, NaiveDate::from_ymd_opt(2024, 6, 30));
    assert_eq!(p[0].hnte_used_year, Some(2025));
    assert_eq!(
        p[1].acquisition,
        ipdesk_core::Acquisition::Own,
        "empty is 自主研发"
    );

    std::fs::write(
        &path,
        fix_check_digits(
            "申请号,专利名称,申请日,获得方式\nCN201910123457.X,一种轴承,2019-03-05,捡来的\n",
        ),
    )
    .unwrap();
    let report = import(&mut s, &path, commit()).unwrap();
    assert!(!report.committed, "a bad 获得方式 rejects the import");
    let err = report.errors[0].to_string();
    assert!(err.contains("获得方式") && err.contains("捡来的"), "{err}");
}

/// Replaces each `…X` placeholder check digit with the real one.
fn fix_check_digits(text: &str) -> String {
    let mut out = text.to_string();
    for body in ["201910123456", "202020123456"] {
        let c = ipdesk_core::app_no_check_char(body);
        out = out.replace(
            &format!("{} {} {}.X", &body[..4], &body[4..5], &body[5..]),
            &format!("{body}.{c}"),
        );
        out = out.replace(&format!("{body}.X"), &format!("{body}.{c}"));
    }
    out
}

#[test]
fn bad_files_are_refused_with_a_chinese_reason_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = ledger_on_disk(5);
    let before = db.rows();
    let good = dir.path().join("good.xlsx");
    s.export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &good)
        .unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("wrong.pdf", b"%PDF-1.7".to_vec()),
        ("truncated.xlsx", bytes[..bytes.len() / 2].to_vec()),
        ("garbage.xlsx", b"this is not a zip".to_vec()),
        ("empty.csv", Vec::new()),
        ("header-only.csv", HEADER.as_bytes().to_vec()),
        ("binary.csv", vec![0, 159, 146, 150, 0, 1]),
        ("no-columns.csv", "甲,乙\n1,2\n".as_bytes().to_vec()),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = import(&mut s, &path, commit()).unwrap_err();
        assert!(
            err.is_user_error(),
            "{name}: a bad file is the user's to fix: {err}"
        );
        assert!(
            err.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: message in Chinese: {err}"
        );
        db.assert_unchanged(&before, &format!("{name}: a refused file"));
    }

    let empty = dir.path().join("empty.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    wb.save(&empty).unwrap();
    let err = import(&mut s, &empty, commit()).unwrap_err();
    assert!(
        matches!(err, Error::BadFile { .. }),
        "an empty sheet is refused: {err}"
    );
    db.assert_unchanged(&before, "an empty sheet");
}

#[test]
fn a_streamed_import_matches_the_whole_table_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.xlsx");
    // 600 rows: more than a few chunks of the reading thread.
    ledger_store(600)
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &path)
        .unwrap();
    let mut whole = Store::open_in_memory().unwrap();
    let a = import(&mut whole, &path, commit()).unwrap();

    let mut streamed = Store::open_in_memory().unwrap();
    let sheet = open_table(&path).unwrap();
    assert!(
        sheet.table.rows.len() < 600,
        "rows still arriving after the header"
    );
    let mapping = streamed.import_mapping(&sheet.table.headers).unwrap();
    let mut seen = Vec::new();
    let b = streamed
        .import_sheet(
            sheet,
            ImportKind::Patent,
            &mapping,
            &commit(),
            &mut |d, t| seen.push((d, t)),
        )
        .unwrap();
    assert_eq!(a.rows, b.rows, "same outcome for every row");
    assert_eq!((b.created, b.committed), (600, true));
    let log = streamed.import_batches(1).unwrap();
    assert_eq!(
        (log[0].rows, log[0].created),
        (600, 600),
        "the log counts the rows that streamed in"
    );
    assert_eq!(page(&whole), page(&streamed), "the same ledger");
    assert_eq!(seen.last(), Some(&(600, 600)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "monotonic");
}

/// The file with one byte of the sheet's compressed data changed, half way
/// through it: the sheet opens, and fails while its rows are being read.
fn damage_sheet_data(bytes: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8], from: usize| {
        bytes[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
            .unwrap()
    };
    let start = find(b"xl/worksheets/sheet1.xml", 0);
    let end = find(b"PK\x03\x04", start);
    let mut out = bytes.to_vec();
    let mid = start + (end - start) / 2;
    for b in &mut out[mid..mid + 16] {
        *b ^= 0x5a;
    }
    out
}

#[test]
fn a_file_that_fails_while_streaming_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    ledger_store(2000)
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &good)
        .unwrap();
    let bad = dir.path().join("damaged.xlsx");
    std::fs::write(&bad, damage_sheet_data(&std::fs::read(&good).unwrap())).unwrap();

    let (db, mut s) = ledger_on_disk(5);
    let before = db.rows();
    let sheet = open_table(&bad).expect("the header is read before the damage");
    let mapping = s.import_mapping(&sheet.table.headers).unwrap();
    let err = s
        .import_sheet(
            sheet,
            ImportKind::Patent,
            &mapping,
            &commit(),
            &mut |_, _| {},
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::BadFile { .. }),
        "refused as a damaged file: {err}"
    );
    assert!(err.to_string().contains("损坏"), "{err}");
    db.assert_unchanged(
        &before,
        "a file that failed half way, nothing logged either",
    );
    assert!(read_table(&bad).is_err(), "reading it whole fails too");
}

#[test]
fn formula_without_a_stored_result_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formula.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["申请号", "专利名称", "申请日"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let no = format!(
        "201910123456.{}",
        ipdesk_core::app_no_check_char("201910123456")
    );
    ws.write_string(1, 0, &no).unwrap();
    // An empty stored result, as a script that never opened the file in
    // Excel leaves it.
    ws.set_formula_result_default("");
    ws.write_formula(1, 1, "=\"一种\"&\"齿轮\"").unwrap();
    // A formula with its result stored contributes that result.
    let no2 = format!(
        "202010123456.{}",
        ipdesk_core::app_no_check_char("202010123456")
    );
    ws.write_formula(
        2,
        0,
        rust_xlsxwriter::Formula::new(format!("=\"{no2}\"")).set_result(&no2),
    )
    .unwrap();
    ws.write_string(2, 1, "一种液压阀").unwrap();
    ws.write_string(2, 2, "2020-01-05").unwrap();
    ws.write_string(1, 2, "2019-03-05").unwrap();
    wb.save(&path).unwrap();
    let (db, mut s) = Db::new();
    let before = db.rows();
    let report = import(&mut s, &path, commit()).unwrap();
    assert!(!report.committed, "a row error rejects the import");
    assert_eq!(
        report.errors[0].cell.as_deref(),
        Some("B2"),
        "names the cell"
    );
    assert!(
        report.errors[0].message.contains("公式"),
        "{}",
        report.errors[0]
    );
    assert_eq!(
        report.errors.len(),
        1,
        "the cached formula in A3 is accepted: {:?}",
        report.errors
    );
    assert_eq!(
        report.rows[1].action,
        RowAction::Created,
        "A3 took its stored result"
    );
    db.assert_unchanged(&before, "a refused import, its good row included");
}

#[test]
fn a_row_error_rejects_the_whole_file_and_names_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad-row.csv");
    let text = fix_check_digits(
        "1,201910123456.X,一种齿轮箱,发明,2019-03-05,申请中,,甲公司,张伟\n2,202020123456.X,一种液压阀,实用新型,2020-13-05,申请中,,甲公司,李娜\n",
    );
    write_csv(&path, &text);
    let (db, mut s) = ledger_on_disk(3);
    let before = db.rows();
    let report = import(&mut s, &path, commit()).unwrap();
    assert!(!report.committed, "a row error rejects the import");
    assert_eq!(report.errors.len(), 1);
    let e = &report.errors[0];
    assert_eq!(
        (e.row, e.column.as_deref(), e.cell.as_deref()),
        (3, Some("申请日"), Some("E3")),
        "row as the sheet shows it"
    );
    assert!(e.message.contains("2020-13-05"), "{e}");
    db.assert_unchanged(
        &before,
        "a refused import: its good first row is not written either",
    );
}

#[test]
fn dry_run_and_commit_agree_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let src = ledger_store(30);
    let path = dir.path().join("l.xlsx");
    src.export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &path)
        .unwrap();
    let (db, mut s) = ledger_on_disk(10);
    let before = db.rows();
    let dry_report = import(&mut s, &path, dry()).unwrap();
    assert!(!dry_report.committed);
    db.assert_unchanged(&before, "a dry run");
    let real = import(&mut s, &path, commit()).unwrap();
    assert_eq!(dry_report.rows, real.rows, "same outcome for every row");
    assert_eq!(
        (dry_report.created, dry_report.unchanged),
        (real.created, real.unchanged)
    );
}

#[test]
fn duplicates_update_or_skip_as_chosen_once_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let a = fix_check_digits("201910123456.X");
    let b = fix_check_digits("202020123456.X");
    let mut s = Store::open_in_memory().unwrap();
    s.add_patent(PatentData {
        app_no: a.clone(),
        title: "旧名称".into(),
        filing_date: NaiveDate::from_ymd_opt(2019, 3, 5),
        ipc: "F16H 1/00".into(),
        ..PatentData::default()
    })
    .unwrap();
    let path = dir.path().join("dups.csv");
    // `a` is in the ledger; `b` appears twice in the file; ZL/dots differ.
    write_csv(
        &path,
        &format!(
            "1,ZL{a},新名称,发明,2019-03-05,申请中,,甲公司,张伟\n2,{b},液压阀,实用新型,2020-01-05,申请中,,甲公司,李娜\n3,CN {b},液压阀（改）,实用新型,2020-01-05,申请中,,甲公司,李娜\n"
        ),
    );

    let mut skip = Store::open_in_memory().unwrap();
    skip.add_patents(page(&s)).unwrap();
    let r = import(
        &mut skip,
        &path,
        ImportOptions {
            on_duplicate: OnDuplicate::Skip,
            dry_run: false,
            today: None,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    let actions: Vec<RowAction> = r.rows.iter().map(|o| o.action).collect();
    assert_eq!(
        actions,
        [RowAction::Skipped, RowAction::Created, RowAction::Skipped]
    );
    assert_eq!(
        r.rows[2].note, "与第 3 行申请号相同",
        "names the earlier row"
    );
    let titles: Vec<String> = page(&skip).into_iter().map(|p| p.title).collect();
    assert_eq!(titles, ["旧名称", "液压阀"], "skip keeps what exists");

    let r = import(&mut s, &path, commit()).unwrap();
    let actions: Vec<RowAction> = r.rows.iter().map(|o| o.action).collect();
    assert_eq!(
        actions,
        [RowAction::Updated, RowAction::Created, RowAction::Updated]
    );
    let p = page(&s);
    assert_eq!(p[0].title, "新名称");
    assert_eq!(
        p[0].ipc, "F16H 1/00",
        "an unmapped column keeps the ledger's value"
    );
    assert_eq!(p[1].title, "液压阀（改）", "the later row in the file wins");
}

#[test]
fn an_import_is_logged_and_its_records_name_the_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let a = fix_check_digits("201910123456.X");
    let b = fix_check_digits("202020123456.X");
    let path = dir.path().join("台账.csv");
    // Into an empty ledger, `b` twice: the second row must find the first.
    write_csv(
        &path,
        &format!(
            "1,{a},齿轮箱,发明,2019-03-05,申请中,,甲公司,张伟\n2,{b},液压阀,实用新型,2020-01-05,申请中,,甲公司,李娜\n3,ZL{b},液压阀（改）,实用新型,2020-01-05,申请中,,甲公司,李娜\n"
        ),
    );
    let (db, mut s) = Db::new();
    let empty = db.rows();
    import(&mut s, &path, dry()).unwrap();
    db.assert_unchanged(&empty, "a dry run is not logged, nor anything else written");

    let r = import(&mut s, &path, commit()).unwrap();
    let actions: Vec<RowAction> = r.rows.iter().map(|o| o.action).collect();
    assert_eq!(
        actions,
        [RowAction::Created, RowAction::Created, RowAction::Updated]
    );
    let log = s.import_batches(10).unwrap();
    assert_eq!(log.len(), 1);
    let batch = &log[0];
    assert_eq!(
        (
            batch.kind,
            batch.file.as_str(),
            batch.header_row,
            batch.rows
        ),
        (ImportKind::Patent, "台账.csv", 1, 3)
    );
    assert_eq!(
        (batch.created, batch.updated, batch.unchanged, batch.skipped),
        (2, 1, 0, 0)
    );
    assert_eq!(batch.on_duplicate, OnDuplicate::Update);

    let page = s.list_patents(&PatentQuery::default(), today()).unwrap();
    let id_of = |title: &str| {
        page.items
            .iter()
            .find(|r| r.patent.data.title == title)
            .unwrap()
            .patent
            .id
    };
    let ids = [id_of("齿轮箱"), id_of("液压阀（改）")];
    let by_row = |id: i64| {
        let h = s.history(Entity::Patent, id).unwrap();
        let created = h.last().unwrap().clone();
        assert_eq!(created.action, "create");
        (h.len(), created.imported_from.unwrap())
    };
    let (n, from) = by_row(ids[0]);
    assert_eq!(
        (n, from.batch, from.file.as_str(), from.row),
        (1, batch.id, "台账.csv", 2)
    );
    let (n, from) = by_row(ids[1]);
    assert_eq!(
        (n, from.row),
        (2, 3),
        "created by row 3, then updated by row 4"
    );
    let h = s.history(Entity::Patent, ids[1]).unwrap();
    assert_eq!(h[0].action, "update");
    assert_eq!(
        h[0].changes["title"],
        serde_json::json!(["液压阀", "液压阀（改）"])
    );
    assert!(h[0].imported_from.is_none());

    // A refused file is not logged either.
    let bad = dir.path().join("bad.csv");
    write_csv(
        &bad,
        "1,不是申请号,齿轮箱,发明,2019-03-05,申请中,,甲公司,张伟\n",
    );
    let before = db.rows();
    assert!(!import(&mut s, &bad, commit()).unwrap().committed);
    db.assert_unchanged(
        &before,
        "a refused file is not logged, nor anything else written",
    );
}

#[test]
fn a_mapping_is_remembered_only_when_its_import_commits() {
    let dir = tempfile::tempdir().unwrap();
    let headers = "编号,题目,日子,类别";
    let good = dir.path().join("m.csv");
    std::fs::write(
        &good,
        fix_check_digits(&format!(
            "{headers}\n201910123456.X,一种齿轮箱,2019-03-05,发明\n"
        )),
    )
    .unwrap();
    // The same header row, and a date that does not exist.
    let bad = dir.path().join("m-bad.csv");
    std::fs::write(
        &bad,
        fix_check_digits(&format!(
            "{headers}\n201910123456.X,一种齿轮箱,2019-02-30,发明\n"
        )),
    )
    .unwrap();
    let (db, mut s) = Db::new();
    let table: Table = read_table(&good).unwrap();
    let suggested = s.import_mapping(&table.headers).unwrap();
    assert!(suggested.0.is_empty(), "nothing recognisable");
    assert!(
        suggested.check(&table.headers).is_err(),
        "required columns missing"
    );
    let mapping = ipdesk_core::Mapping(
        [(0, "app-no"), (1, "title"), (2, "filing-date"), (3, "kind")]
            .into_iter()
            .map(|(c, f)| (c, f.parse().unwrap()))
            .collect(),
    );
    let empty = db.rows();

    let refused = s
        .import_patents(
            &read_table(&bad).unwrap(),
            &mapping,
            &commit(),
            &mut |_, _| {},
        )
        .unwrap();
    assert!(!refused.committed, "the bad date refuses the file");
    assert_eq!(
        s.import_mapping(&table.headers).unwrap(),
        suggested,
        "a refused import does not remember its mapping"
    );
    let dry_report = s
        .import_patents(&table, &mapping, &dry(), &mut |_, _| {})
        .unwrap();
    assert_eq!(dry_report.created, 1, "{:?}", dry_report.errors);
    assert_eq!(
        s.import_mapping(&table.headers).unwrap(),
        suggested,
        "a dry run does not remember its mapping"
    );
    db.assert_unchanged(&empty, "a refused import and a dry run (setting included)");

    let r = s
        .import_patents(&table, &mapping, &commit(), &mut |_, _| {})
        .unwrap();
    assert_eq!(r.created, 1);
    assert_eq!(
        s.import_mapping(&table.headers).unwrap(),
        mapping,
        "remembered for next time"
    );
    assert_ne!(
        db.rows().of("setting"),
        empty.of("setting"),
        "the mapping is kept in the settings"
    );
}

#[test]
fn progress_reaches_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.xlsx");
    ledger_store(250)
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Xlsx, &path)
        .unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let table = read_table(&path).unwrap();
    let mapping = s.import_mapping(&table.headers).unwrap();
    let mut seen = Vec::new();
    s.import_patents(&table, &mapping, &commit(), &mut |d, t| seen.push((d, t)))
        .unwrap();
    assert_eq!(
        seen.last(),
        Some(&(250, 250)),
        "the last call reports completion"
    );
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "monotonic");
}

#[test]
fn backup_of_an_open_store_is_consistent_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ipdesk.db");
    let bak = dir.path().join("backup.db");
    let mut s = Store::open(&db).unwrap();
    s.add_patents(sample::ledger(40, 3, today())).unwrap();
    let report = s.backup_to(&bak).unwrap();
    assert_eq!(report.patents, 40);
    // Changes after the backup must disappear on restore.
    s.add_patents(sample::ledger(45, 3, today())[40..].to_vec())
        .unwrap();
    assert_eq!(page(&s).len(), 45);
    drop(s);
    let r = Store::restore(&bak, &db).unwrap();
    assert_eq!(r.patents, 40);
    let previous = r.previous.expect("the replaced database is kept");
    assert!(previous.to_string_lossy().contains("before-restore"));
    let restored = Store::open(&db).unwrap();
    assert_eq!(page(&restored).len(), 40, "the backup's content");
    let old = Store::open(&previous).unwrap();
    assert_eq!(
        page(&old).len(),
        45,
        "the replaced file is complete (its WAL was folded in)"
    );
}

#[test]
fn restore_refuses_corrupt_and_newer_files_and_keeps_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ipdesk.db");
    let mut s = Store::open(&db).unwrap();
    s.add_patents(sample::ledger(5, 3, today())).unwrap();
    drop(s);

    let corrupt = dir.path().join("corrupt.db");
    let good = dir.path().join("good.db");
    Store::open(&db).unwrap().backup_to(&good).unwrap();
    let mut bytes = std::fs::read(&good).unwrap();
    let half = bytes.len() / 2;
    bytes[100..half].iter_mut().for_each(|b| *b = 0xAB);
    std::fs::write(&corrupt, bytes).unwrap();

    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();

    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
        .unwrap();

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "not a database at all, just text").unwrap();

    for bad in [&corrupt, &newer, &foreign, &text] {
        let err = Store::restore(bad, &db).unwrap_err();
        assert!(err.is_user_error(), "{}: {err}", bad.display());
        if bad == &newer {
            assert!(
                matches!(err, Error::NewerSchema { found: 999, .. }),
                "{err}"
            );
        }
        let kept = Store::open(&db).unwrap();
        assert_eq!(
            page(&kept).len(),
            5,
            "{}: the database is untouched",
            bad.display()
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("before-restore") || n.ends_with(".part"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a refused restore moves nothing: {leftovers:?}"
    );
}

/// The patent table's indexes as `sqlite_schema` lists them.
fn patent_indexes(db: &Path) -> Vec<(String, Option<String>)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'patent' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_large_import_puts_back_every_index_it_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    // Above the size where an import drops the secondary indexes for the
    // duration and rebuilds them (import::SET_ASIDE_MIN_ROWS).
    let n = 10_000;
    let csv = dir.path().join("big.csv");
    ledger_store(n)
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Csv, &csv)
        .unwrap();
    let (disk, mut s) = Db::new();
    let empty = disk.rows();
    let db = disk.path.clone();
    let fresh = patent_indexes(&db);
    assert!(fresh.len() >= 5, "{fresh:?}");

    let dry_report = import(&mut s, &csv, dry()).unwrap();
    assert_eq!(dry_report.created, n);
    assert_eq!(patent_indexes(&db), fresh, "a dry run leaves the indexes");

    // A bad last row rejects the file: the rollback restores the indexes.
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("不是申请号,一种方法,发明,2020-01-01\n");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, text).unwrap();
    assert!(
        !import(&mut s, &bad, commit()).unwrap().committed,
        "a bad last row refuses the file"
    );
    assert_eq!(patent_indexes(&db), fresh, "a rejected import leaves them");
    disk.assert_unchanged(&empty, "a dry run and a rejected import of 10,000 rows");

    let report = import(&mut s, &csv, commit()).unwrap();
    assert_eq!(report.created, n);
    assert_eq!(patent_indexes(&db), fresh, "a commit rebuilds them all");
    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "the rebuilt indexes match the table");
    let granted_inventions = s
        .list_patents(
            &PatentQuery {
                kind: Some(ipdesk_core::PatentKind::Invention),
                status: Some(ipdesk_core::LegalStatus::Granted),
                ..PatentQuery::default()
            },
            today(),
        )
        .unwrap()
        .total;
    let by_table: i64 = conn
        .query_row(
            "SELECT count(*) FROM patent NOT INDEXED WHERE kind = 'invention' AND status = 'granted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(granted_inventions as i64, by_table);
}

/// What a trademark sheet holds, read back through the trademark import.
fn import_any(
    s: &mut Store,
    path: &Path,
    opts: ImportOptions,
) -> ipdesk_core::Result<ImportReport> {
    let table = read_table(path)?;
    let (kind, mapping) = s.import_plan(&table.headers)?;
    match kind {
        ImportKind::Patent => s.import_patents(&table, &mapping, &opts, &mut |_, _| {}),
        ImportKind::Trademark => s.import_trademarks(&table, &mapping, &opts, &mut |_, _| {}),
    }
}

fn trademarks(s: &Store) -> Vec<TrademarkData> {
    s.list_records::<TrademarkData>()
        .unwrap()
        .into_iter()
        .map(|t| t.data)
        .collect()
}

#[test]
fn a_gbk_trademark_ledger_is_recognised_and_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("商标台账.csv");
    let text = "序号,商标名称,注册号,类别,注册日期,有效期至,商标状态,驰名商标,备注\n\
                1,华菱,12345678,第6类；第7类,2015年3月7日,2025/3/6,已注册,是,主商标\n\
                2,HUALING,G1234567,\"9, 35\",20160101,20260101,有效,否,马德里\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let (db, mut s) = Db::new();
    let empty = db.rows();
    let table = read_table(&path).unwrap();
    let (kind, _) = s.import_plan(&table.headers).unwrap();
    assert_eq!(
        kind,
        ImportKind::Trademark,
        "guessed from 商标名称/注册号/类别"
    );

    let dry_report = import_any(&mut s, &path, dry()).unwrap();
    assert_eq!(dry_report.kind, ImportKind::Trademark);
    db.assert_unchanged(&empty, "a trademark dry run");
    let report = import_any(&mut s, &path, commit()).unwrap();
    assert_eq!(report.rows, dry_report.rows, "dry run and commit agree");
    assert_eq!(report.created, 2, "{:?}", report.errors);
    let t = trademarks(&s);
    assert_eq!(t[0].mark, "华菱");
    assert_eq!(t[0].classes, vec![6, 7]);
    assert_eq!(t[0].reg_date, NaiveDate::from_ymd_opt(2015, 3, 7));
    assert_eq!(t[0].expiry_date, NaiveDate::from_ymd_opt(2025, 3, 6));
    assert!(t[0].well_known);
    assert_eq!(t[1].reg_no, "G1234567");
    assert_eq!(t[1].classes, vec![9, 35]);

    // Export → import into a fresh store gives the same trademarks, and the
    // same file imported again changes nothing.
    let out = dir.path().join("商标.xlsx");
    assert_eq!(s.export_trademarks(ExportFormat::Xlsx, &out).unwrap(), 2);
    let mut fresh = Store::open_in_memory().unwrap();
    assert_eq!(import_any(&mut fresh, &out, commit()).unwrap().created, 2);
    assert_eq!(trademarks(&fresh), trademarks(&s));
    let again = import_any(&mut s, &out, commit()).unwrap();
    assert_eq!((again.created, again.unchanged), (0, 2));
}

#[test]
fn a_bad_trademark_row_names_its_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.csv");
    std::fs::write(
        &path,
        "商标,注册号,类别,状态\n甲,111,9,已注册\n乙,222,第46类,已注册\n丙,111,35,已注册\n",
    )
    .unwrap();
    let (db, mut s) = Db::new();
    let empty = db.rows();
    let report = import_any(&mut s, &path, commit()).unwrap();
    assert!(!report.committed, "expected a rejected import");
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    let e = &report.errors[0];
    assert_eq!((e.row, e.cell.as_deref()), (3, Some("C3")));
    assert!(e.message.contains("1–45"), "{}", e.message);
    db.assert_unchanged(
        &empty,
        "a refused trademark import: its good rows are not written",
    );
    assert_eq!(
        report.rows[2].note, "与第 2 行注册号相同",
        "a number repeated in the file is named"
    );

    let skip = ImportOptions {
        on_duplicate: OnDuplicate::Skip,
        ..commit()
    };
    std::fs::write(&path, "商标,注册号,类别\n甲,111,9\n丙,111,35\n").unwrap();
    let r = import_any(&mut s, &path, skip).unwrap();
    assert_eq!((r.created, r.skipped), (1, 1));
    assert_eq!(trademarks(&s)[0].classes, vec![9], "the first row kept");
}

#[test]
fn company_names_with_a_comma_before_ltd_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.csv");
    let text = fix_check_digits(&format!(
        "{HEADER}\n1,CN201910123456.X,一种齿轮箱,发明,2019-03-05,审中,,\"Huawei Technologies Co., Ltd., 衡阳华菱钢管有限公司\",\"Smith, John\"\n"
    ));
    std::fs::write(&path, text).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &path, commit()).unwrap();
    let p = &page(&s)[0];
    assert_eq!(
        p.applicants,
        vec!["Huawei Technologies Co., Ltd.", "衡阳华菱钢管有限公司"]
    );
    assert_eq!(
        p.inventors,
        vec!["Smith", "John"],
        "other ASCII commas still split"
    );
}

#[test]
fn an_update_that_breaks_the_stored_record_names_its_column_and_cell() {
    // The row alone is valid (an expiry date with no registration date);
    // merged with the stored trademark (registered 2015) it expires before
    // it was registered. Both import copies used to lose the column here.
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    s.add_record(TrademarkData {
        reg_no: "12345678".into(),
        mark: "衡阳".into(),
        classes: vec![9],
        reg_date: NaiveDate::from_ymd_opt(2015, 1, 1),
        expiry_date: NaiveDate::from_ymd_opt(2025, 1, 1),
        ..TrademarkData::default()
    })
    .unwrap();
    let path = dir.path().join("renewal.csv");
    std::fs::write(&path, "注册号,商标,有效期至\n12345678,衡阳,2010-01-01\n").unwrap();
    let report = import_any(&mut s, &path, commit()).unwrap();
    assert!(!report.committed);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    let e = &report.errors[0];
    assert_eq!(
        (
            e.row,
            e.column.as_deref(),
            e.cell.as_deref(),
            e.value.as_str()
        ),
        (2, Some("有效期至"), Some("C2"), "2010-01-01"),
        "the merged row's error points at the sheet's cell: {e}"
    );
}

#[test]
fn csv_exports_neutralise_formulas_and_read_them_back_as_written() {
    // A title copied from a third-party sheet that a spreadsheet would run.
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let mut p = sample::ledger(1, 3, today()).remove(0);
    p.title = "=HYPERLINK(\"http://x\",\"点击\")".into();
    p.notes = "-1+1".into();
    s.add_patent(p.clone()).unwrap();
    let csv = dir.path().join("out.csv");
    s.export_patents(&PatentQuery::default(), today(), ExportFormat::Csv, &csv)
        .unwrap();
    let raw = std::fs::read_to_string(&csv).unwrap();
    assert!(
        raw.contains("'=HYPERLINK") && raw.contains("'-1+1"),
        "OWASP: a leading quote makes the cell text: {raw}"
    );
    assert!(!raw.contains(",=HYPERLINK"), "no cell starts with =");
    let mut back = Store::open_in_memory().unwrap();
    let report = import(&mut back, &csv, commit()).unwrap();
    assert!(report.committed, "{:?}", report.errors);
    let got = back.patent(1).unwrap().data;
    assert_eq!(
        (got.title, got.notes),
        (p.title, p.notes),
        "read back as written"
    );
}

/// An import the officer cancels part way fails with 已取消 and writes
/// nothing: the rows already stored roll back with the transaction.
#[test]
fn a_cancelled_import_writes_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOP: AtomicBool = AtomicBool::new(false);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("big.csv");
    let mut source = Store::open_in_memory().unwrap();
    source
        .add_patents(sample::ledger(2_000, 11, today()))
        .unwrap();
    source
        .export_patents(&PatentQuery::default(), today(), ExportFormat::Csv, &csv)
        .unwrap();
    let (db, mut s) = crate::Db::new();
    let before = db.rows();
    let table = ipdesk_core::read_table(&csv).unwrap();
    let mapping = s.import_mapping(&table.headers).unwrap();
    let opts = ImportOptions {
        cancel: ipdesk_core::Cancel::new(&STOP),
        ..ImportOptions::default()
    };
    let mut seen = 0;
    let err = s
        .import_patents(&table, &mapping, &opts, &mut |done, _| {
            seen = done;
            // The officer presses 取消 once some rows are in.
            STOP.store(true, Ordering::Relaxed);
        })
        .unwrap_err();
    assert!(matches!(err, ipdesk_core::Error::Cancelled), "{err:?}");
    assert!(err.to_string().contains("已取消"), "{err}");
    assert!(seen > 0 && seen < 2_000, "stopped part way: {seen}");
    assert_eq!(db.rows(), before, "nothing written");
    STOP.store(false, Ordering::Relaxed);
    let report = s
        .import_patents(&table, &mapping, &opts, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        report.created, 2_000,
        "the same import runs once the switch is off"
    );
}
