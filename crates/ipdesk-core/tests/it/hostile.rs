//! Hostile and broken spreadsheets are refused with the limit named, in
//! bounded memory: each file here would, unchecked, make a reader reserve
//! gigabytes (and the process abort) or read far past any ledger.

use std::io::Write;
use std::path::{Path, PathBuf};

use ipdesk_core::{read_table, Error, MAX_CELL_CHARS, MAX_COLUMNS, MAX_IMPORT_ROWS};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal workbook by hand: one sheet 专利 with `rows` (the XML of its
/// `<row>` elements after the header row) and a shared-strings part whose
/// `<sst>` tag carries `counts`.
fn workbook(dir: &Path, name: &str, counts: &str, rows: &str) -> PathBuf {
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="专利" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ),
        (
            "xl/sharedStrings.xml".to_string(),
            format!(r#"<sst xmlns="{MAIN}" {counts}><si><t>申请号</t></si><si><t>专利名称</t></si></sst>"#),
        ),
        (
            "xl/worksheets/sheet1.xml".to_string(),
            format!(r#"<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>{rows}</sheetData></worksheet>"#),
        ),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

const ONE_ROW: &str = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>2019101234567</t></is></c><c r="B2" t="inlineStr"><is><t>一种电机</t></is></c></row>"#;

fn refused(path: &Path, says: &[&str]) {
    let err = read_table(path).expect_err("a hostile file is refused");
    assert!(matches!(err, Error::BadFile { .. }), "{err:?}");
    let text = err.to_string();
    for s in says {
        assert!(text.contains(s), "「{s}」 not in: {text}");
    }
}

#[test]
fn the_hand_made_workbook_reads_so_each_refusal_below_is_its_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let ok = workbook(
        dir.path(),
        "ok.xlsx",
        r#"count="2" uniqueCount="2""#,
        ONE_ROW,
    );
    let table = read_table(&ok).unwrap();
    assert_eq!(table.headers, ["申请号", "专利名称"]);
    assert_eq!(table.rows.len(), 1);
    // An empty cell far to the right (formatting only) is passed over.
    let wide = workbook(
        dir.path(),
        "formatted.xlsx",
        r#"count="2" uniqueCount="2""#,
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>2019101234567</t></is></c><c r="XFD2" s="1"/></row>"#,
    );
    assert_eq!(read_table(&wide).unwrap().rows[0].cells.len(), 1);
}

#[test]
fn a_shared_string_count_asking_for_gigabytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = workbook(
        dir.path(),
        "sst.xlsx",
        r#"count="4000000000" uniqueCount="4000000000""#,
        ONE_ROW,
    );
    refused(&bad, &["4000000000", "共享字符串", "5000000"]);
}

#[test]
fn cells_past_the_column_limit_are_refused_before_the_row_grows() {
    let dir = tempfile::tempdir().unwrap();
    for (n, at) in ["XFD2", "ZZZZZZ2"].iter().enumerate() {
        let bad = workbook(
            dir.path(),
            &format!("wide-{n}.xlsx"),
            r#"count="2" uniqueCount="2""#,
            &format!(
                r#"<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="{at}" t="inlineStr"><is><t>y</t></is></c></row>"#
            ),
        );
        refused(&bad, &["第 2 行", &MAX_COLUMNS.to_string(), "列的上限"]);
    }
}

#[test]
fn a_zip_bomb_is_refused_by_its_packing_ratio() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB of blanks inside the sheet pack to a few tens of KB.
    let padding = " ".repeat(50 * 1024 * 1024);
    let bad = workbook(
        dir.path(),
        "bomb.xlsx",
        r#"count="2" uniqueCount="2""#,
        &format!("{ONE_ROW}{padding}"),
    );
    refused(&bad, &["xl/worksheets/sheet1.xml", "压缩炸弹", "200:1"]);
}

#[test]
fn a_cell_over_excels_length_limit_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("long.csv");
    // Varied characters, so the workbook packs as real text does (one
    // character repeated would be refused as a zip bomb first).
    let mut x = 7u32;
    let long: String = (0..40_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4E00 + (x >> 8) % 0x5000).unwrap()
        })
        .collect();
    std::fs::write(&csv, format!("申请号,专利名称\n2019101234567,{long}\n")).unwrap();
    refused(
        &csv,
        &["第 2 行第 2 列", "40000 字", &MAX_CELL_CHARS.to_string()],
    );
    let xlsx = workbook(
        dir.path(),
        "long.xlsx",
        r#"count="2" uniqueCount="2""#,
        &format!(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>{long}</t></is></c></row>"#),
    );
    refused(&xlsx, &["第 2 行第 1 列", &MAX_CELL_CHARS.to_string()]);
}

#[test]
fn a_sheet_longer_than_any_ledger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("rows.csv");
    let mut text = String::from("申请号,专利名称\n");
    for i in 0..MAX_IMPORT_ROWS + 100 {
        text.push_str(&format!("{i},x\n"));
    }
    std::fs::write(&csv, text).unwrap();
    refused(&csv, &[&MAX_IMPORT_ROWS.to_string(), "分批导入"]);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("huge.csv");
    // Sparse: no disk is spent, and nothing reads it.
    std::fs::File::create(&csv)
        .unwrap()
        .set_len(ipdesk_core::MAX_FILE_BYTES + 1)
        .unwrap();
    refused(&csv, &["文件过大", "200 MB"]);
}
