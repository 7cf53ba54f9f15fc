//! Real portfolios: patent-database exports recognised by their headers and
//! vocabularies, kind codes giving grant dates, and granted patents without
//! a grant date imported with a warning instead of refused.

use chrono::NaiveDate;
use ipdesk_core::{app_no_check_char, read_table, ImportOptions, LegalStatus, PatentQuery, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cn(year: i32, type_digit: u8, serial: u32) -> String {
    let body = format!("{year}{type_digit}{serial:07}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn import_text(s: &mut Store, name: &str, bytes: &[u8], today: &str) -> ipdesk_core::ImportReport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let table = read_table(&path).unwrap();
    let mapping = s.import_mapping(&table.headers).unwrap();
    let opts = ImportOptions {
        today: Some(d(today)),
        ..ImportOptions::default()
    };
    s.import_patents(&table, &mapping, &opts, &mut |_, _| {})
        .unwrap()
}

#[test]
fn a_gbk_sheet_of_valid_patents_without_grant_dates_imports_with_a_warning_per_row() {
    // The case from the issue: 法律状态「有效」, no 授权日 column, GBK.
    let mut csv = String::from("序号,申请号,专利名称,专利类型,申请日,法律状态,申请人\n");
    for i in 0..25u32 {
        csv.push_str(&format!(
            "{},{},一种电机控制方法{i},发明,2019-03-11,有效,衡阳智电装备科技有限公司\n",
            i + 1,
            cn(2019, 1, 100 + i)
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let mut s = Store::open_in_memory().unwrap();
    let r = import_text(&mut s, "台账.csv", &gbk, "2026-12-02");
    assert!(r.committed, "{:?}", r.errors.first());
    assert_eq!((r.created, r.failed, r.warned), (25, 0, 25));
    assert!(
        r.rows[0].warning.contains("授权日待补"),
        "{}",
        r.rows[0].warning
    );
    assert!(
        r.rows[0].warning.contains("第 8 年"),
        "2026-12-02 is in patent year 8: {}",
        r.rows[0].warning
    );
    // The ledger filter finds them, and the schedule starts at year 9.
    let page = s
        .list_patents(
            &PatentQuery {
                grant_date_missing: true,
                ..PatentQuery::default()
            },
            d("2026-12-02"),
        )
        .unwrap();
    assert_eq!(page.total, 25);
    let id = page.items[0].patent.id;
    let sched = s.fee_schedule(id, d("2026-12-02")).unwrap();
    assert!(sched.grant_date_missing);
    assert_eq!(
        sched.rows.first().map(|r| (r.year, r.due_date)),
        Some((9, d("2027-03-11")))
    );
    assert_eq!(sched.paid_through, None, "no row is recorded as paid");
    // A form without grant date and without paid-through is still refused.
    let err = ipdesk_core::normalise_patent(ipdesk_core::PatentData {
        app_no: cn(2019, 1, 999),
        title: "一种装置".into(),
        filing_date: Some(d("2019-03-11")),
        status: LegalStatus::Granted,
        ..ipdesk_core::PatentData::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("年费已缴至"), "{err}");
}

#[test]
fn a_patsnap_export_is_recognised_and_its_kind_codes_give_grant_dates() {
    let a = cn(2020, 1, 7);
    let b = cn(2021, 2, 8);
    let c = cn(2022, 1, 9);
    let csv = format!(
        "序号,公开(公告)号,公开(公告)日,申请号,申请日,标题,[标]当前申请(专利权)人,专利类型,法律状态/事件,简单法律状态,IPC主分类号\n\
         1,CN112345678B,2022-05-20,{a},2020-01-15,一种储能变流器,衡阳智电,授权发明,授权|权利转移,有效,H02J 3/32\n\
         2,CN 215678901 U,2021-11-02,{b},2021-06-01,一种散热支架,衡阳智电,实用新型,授权,有效,H05K 7/20\n\
         3,CN114567890A,2022-06-10,{c},2022-01-05,一种电池均衡方法,衡阳智电,发明申请,实质审查,审中,H02J 7/00\n"
    );
    let mut s = Store::open_in_memory().unwrap();
    let r = import_text(&mut s, "patsnap.csv", csv.as_bytes(), "2026-12-02");
    assert!(r.committed, "{:?}", r.errors);
    assert_eq!(r.format.as_ref().map(|f| f.id.as_str()), Some("patsnap"));
    assert_eq!((r.created, r.warned), (3, 0));
    let all = s
        .list_patents(&PatentQuery::default(), d("2026-12-02"))
        .unwrap()
        .items;
    let by = |no: &str| {
        all.iter()
            .find(|p| p.patent.data.app_no == no.replace('.', ""))
            .unwrap()
            .patent
            .data
            .clone()
    };
    let inv = by(&a);
    assert_eq!(
        (inv.status, inv.grant_date),
        (LegalStatus::Granted, Some(d("2022-05-20")))
    );
    assert_eq!(inv.publication_kind, "B");
    assert_eq!(inv.ipc, "H02J 3/32");
    let um = by(&b);
    assert_eq!(
        (um.status, um.grant_date),
        (LegalStatus::Granted, Some(d("2021-11-02")))
    );
    let pending = by(&c);
    assert_eq!(
        (pending.status, pending.grant_date),
        (LegalStatus::Examination, None)
    );
}

#[test]
fn a_list_mixing_patents_and_trademarks_imports_both_or_neither() {
    let inv = cn(2019, 1, 301);
    let um = cn(2020, 2, 302);
    let csv = |inv_no: &str| {
        format!(
            "类型,申请号/注册号,名称,申请日,法律状态,授权日,注册日,类别\n\
             发明,{inv_no},一种储能装置,2019-03-11,实质审查,,,\n\
             商标,30000009,星辰,,有效,,2017-05-07,9\n\
             实用新型,{um},一种支架,2020-06-01,有效,2021-01-05,,\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portfolio.csv");
    let mut s = Store::open_in_memory().unwrap();
    let opts = ImportOptions {
        today: Some(d("2026-12-02")),
        ..ImportOptions::default()
    };
    let run = |s: &mut Store, text: String| {
        std::fs::write(&path, text).unwrap();
        let table = read_table(&path).unwrap();
        let (kind, mapping) = s.import_plan(&table.headers).unwrap();
        assert_eq!(
            kind,
            ipdesk_core::ImportKind::Patent,
            "a 类型 column makes it a mixed list"
        );
        let (patents, marks) = ipdesk_core::split_mixed(&table, &mapping).expect("a 商标 row");
        assert_eq!((patents.rows.len(), marks.rows.len()), (2, 1));
        s.import_mixed((&patents, &mapping), (&marks, None), &opts, &mut |_, _| {})
            .unwrap()
    };
    // A bad check digit in a patent row: the trademark is not written either.
    let body = "201910000301";
    let wrong = if app_no_check_char(body) == '0' {
        '1'
    } else {
        '0'
    };
    let bad = format!("{body}.{wrong}");
    let (p, m) = run(&mut s, csv(&bad));
    assert!(!p.committed && !m.committed && !p.errors.is_empty());
    assert!(s
        .list_records::<ipdesk_core::TrademarkData>()
        .unwrap()
        .is_empty());
    let (p, m) = run(&mut s, csv(&inv));
    assert!(p.committed && m.committed, "{:?} {:?}", p.errors, m.errors);
    assert_eq!((p.created, m.created), (2, 1));
    let marks = s.list_records::<ipdesk_core::TrademarkData>().unwrap();
    assert_eq!(
        (marks[0].data.reg_no.as_str(), marks[0].data.classes.clone()),
        ("30000009", vec![9])
    );
}

/// A workbook keeping patents on one sheet and trademarks on another (with
/// a notes sheet beside them) imports both, in one transaction, whichever
/// sheet comes first; a bad row on either sheet writes nothing.
#[test]
fn a_workbook_with_a_patent_sheet_and_a_trademark_sheet_imports_both() {
    use ipdesk_core::{open_table, ImportKind, TrademarkData};
    let inv = cn(2019, 1, 401);
    let um = cn(2020, 2, 402);
    let write = |path: &std::path::Path, marks_first: bool, mark_no: &str| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let patents = |wb: &mut rust_xlsxwriter::Workbook| {
            let ws = wb.add_worksheet().set_name("专利").unwrap();
            for (c, h) in [
                "申请号",
                "专利名称",
                "专利类型",
                "申请日",
                "法律状态",
                "授权日",
            ]
            .iter()
            .enumerate()
            {
                ws.write(0, c as u16, *h).unwrap();
            }
            for (r, row) in [
                [
                    inv.as_str(),
                    "一种储能装置",
                    "发明",
                    "2019-03-11",
                    "实质审查",
                    "",
                ],
                [
                    um.as_str(),
                    "一种支架",
                    "实用新型",
                    "2020-06-01",
                    "有效",
                    "2021-01-05",
                ],
            ]
            .iter()
            .enumerate()
            {
                for (c, v) in row.iter().enumerate() {
                    ws.write(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        };
        let marks = |wb: &mut rust_xlsxwriter::Workbook| {
            let ws = wb.add_worksheet().set_name("商标").unwrap();
            for (c, h) in ["注册号", "商标名称", "类别", "注册日", "法律状态"]
                .iter()
                .enumerate()
            {
                ws.write(0, c as u16, *h).unwrap();
            }
            for (c, v) in [mark_no, "星辰", "9", "2017-05-07", "有效"]
                .iter()
                .enumerate()
            {
                ws.write(1, c as u16, *v).unwrap();
            }
        };
        if marks_first {
            marks(&mut wb);
            patents(&mut wb);
        } else {
            patents(&mut wb);
            marks(&mut wb);
        }
        let ws = wb.add_worksheet().set_name("说明").unwrap();
        ws.write(0, 0, "本表由代理机构导出").unwrap();
        wb.save(path).unwrap();
    };
    let opts = ImportOptions {
        today: Some(d("2026-12-03")),
        ..ImportOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    for marks_first in [false, true] {
        let mut s = Store::open_in_memory().unwrap();
        let path = dir.path().join(format!("portfolio-{marks_first}.xlsx"));
        let import = |s: &mut Store, mark_no: &str| {
            write(&path, marks_first, mark_no);
            let sheet = open_table(&path).unwrap();
            let (kind, mapping) = s.import_plan(&sheet.table.headers).unwrap();
            let expected = if marks_first {
                ImportKind::Trademark
            } else {
                ImportKind::Patent
            };
            assert_eq!(kind, expected, "the first sheet decides the kind");
            s.import_sheet(sheet, kind, &mapping, &opts, &mut |_, _| {})
                .unwrap()
        };
        // A trademark without its registration number: nothing is written.
        let bad = import(&mut s, "");
        let marks = bad
            .trademarks
            .as_deref()
            .expect("the trademark sheet was read");
        assert!(!bad.committed && !marks.committed);
        assert!(
            !marks.errors.is_empty() && bad.errors.is_empty(),
            "{:?}",
            marks.errors
        );
        assert_eq!(
            s.list_patents(&PatentQuery::default(), d("2026-12-03"))
                .unwrap()
                .total,
            0
        );

        let report = import(&mut s, "30000009");
        let marks = report
            .trademarks
            .as_deref()
            .expect("the trademark sheet was read");
        assert!(
            report.committed && marks.committed,
            "{:?} {:?}",
            report.errors,
            marks.errors
        );
        assert_eq!(
            (report.kind, marks.kind),
            (ImportKind::Patent, ImportKind::Trademark)
        );
        assert_eq!((report.created, marks.created), (2, 1));
        assert_eq!(
            (report.sheet.as_str(), marks.sheet.as_str()),
            ("专利", "商标")
        );
        let stored = s.list_records::<TrademarkData>().unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].data.reg_no, "30000009");
    }
}
