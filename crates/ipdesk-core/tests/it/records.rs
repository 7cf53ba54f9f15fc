//! The records pages printed: one generic list for every kind, in the
//! columns the page lists, checked by what a reader of the PDF gets.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, records_pdf, AwardData, Company, InsuranceData, LegalStatus, Money,
    OtherIpData, PatentData, PatentKind, PledgeData, ProductData, QualificationData, Record,
    RecordKind, Store, TrademarkData, TransferData, YearRevenue,
};

use crate::pdf_text;

fn today() -> NaiveDate {
    "2026-03-02".parse().unwrap()
}

fn props<T: Record>() -> Vec<&'static str> {
    T::list_columns().iter().map(|c| c.prop).collect()
}

/// `kind -> (every field, the fields listed)` as `ui/src/lib/recordSchemas.ts`
/// declares them, one `{ prop: '…', … }` a line.
fn ui_schemas() -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/recordSchemas.ts");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut kind = None;
    for line in text.lines() {
        if let Some(k) = line
            .strip_prefix("  ")
            .and_then(|l| l.strip_suffix(": {"))
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        {
            kind = Some(k.to_string());
            continue;
        }
        let (Some(k), Some(rest)) = (&kind, line.trim().strip_prefix("{ prop: '")) else {
            continue;
        };
        let prop = rest.split('\'').next().unwrap().to_string();
        let entry = out.entry(k.clone()).or_default();
        if line.contains("list: true") {
            entry.1.push(prop.clone());
        }
        entry.0.push(prop);
    }
    out
}

#[test]
fn the_printed_lists_show_the_columns_the_records_page_lists() {
    let ui = ui_schemas();
    let ours: Vec<(RecordKind, Vec<&str>)> = vec![
        (RecordKind::Trademark, props::<TrademarkData>()),
        (RecordKind::Pledge, props::<PledgeData>()),
        (RecordKind::Award, props::<AwardData>()),
        (RecordKind::Transfer, props::<TransferData>()),
        (RecordKind::Insurance, props::<InsuranceData>()),
        (RecordKind::Product, props::<ProductData>()),
        (RecordKind::OtherIp, props::<OtherIpData>()),
        (RecordKind::Qualification, props::<QualificationData>()),
    ];
    assert_eq!(ours.len(), RecordKind::ALL.len(), "every kind is checked");
    assert_eq!(
        ui.len(),
        ours.len(),
        "the page knows the same kinds: {ui:?}"
    );
    for (kind, printed) in ours {
        let (fields, listed) = &ui[kind.code()];
        // The page's list columns, in its order, are all printed …
        let mut it = printed.iter();
        for l in listed {
            assert!(
                it.any(|p| p == l),
                "{kind:?}: the page lists {l}, the PDF must print it in the same order ({printed:?})"
            );
        }
        // … and what paper adds is a field of the same form.
        for p in &printed {
            assert!(
                fields.iter().any(|f| f == p),
                "{kind:?}: {p} is not a field of the page's form ({fields:?})"
            );
        }
    }
}

fn store() -> (Store, String) {
    let mut s = Store::open_in_memory().unwrap();
    s.set_company(Company {
        name: "衡阳示例科技有限公司".into(),
        uscc: "914403001922038216".into(),
        ..Company::default()
    })
    .unwrap();
    let body = "202210100007";
    let app_no = format!("{body}.{}", app_no_check_char(body));
    let pid = s
        .add_patent(PatentData {
            app_no: app_no.clone(),
            kind: PatentKind::Invention,
            title: "一种电池热管理方法".into(),
            filing_date: Some("2022-06-01".parse().unwrap()),
            grant_date: Some("2024-03-01".parse().unwrap()),
            status: LegalStatus::Granted,
            ..PatentData::default()
        })
        .unwrap()
        .id;
    s.add_record(TrademarkData {
        reg_no: "12345678".into(),
        mark: "衡示".into(),
        classes: vec![9, 42],
        reg_date: Some("2016-05-07".parse().unwrap()),
        expiry_date: Some("2026-05-06".parse().unwrap()),
        well_known: true,
        ..TrademarkData::default()
    })
    .unwrap();
    for (amount, bank) in [
        (Money::yuan(3_000_000), "中国工商银行衡阳分行"),
        (Money::yuan(1_500_000), "华融湘江银行"),
    ] {
        s.add_record(PledgeData {
            pledgor: "衡阳示例科技有限公司".into(),
            pledgee: bank.into(),
            loan_amount: amount,
            start_date: Some("2025-01-10".parse().unwrap()),
            reg_no: "Y2025980000123".into(),
            patent_ids: vec![pid],
            notes: "一年期流动资金贷款".into(),
            ..PledgeData::default()
        })
        .unwrap();
    }
    s.add_record(ProductData {
        name: "储能电池包".into(),
        revenues: vec![YearRevenue {
            year: 2025,
            revenue: Money::yuan(12_345_678),
        }],
        patent_ids: vec![pid],
        ..ProductData::default()
    })
    .unwrap();
    let shown = s.patent_labels(&[pid]).unwrap().remove(0).display_app_no;
    (s, shown)
}

#[test]
fn a_pledge_list_prints_its_columns_totals_and_linked_patents() {
    let (s, app_no) = store();
    let r = s.records_report(RecordKind::Pledge, today()).unwrap();
    let mut stages = Vec::new();
    let bytes = records_pdf(&r, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(stages.last(), Some(&"done"), "progress reaches the end");
    let text = pdf_text(&bytes);
    for want in [
        "衡阳示例科技有限公司知识产权质押融资台账",
        "统一社会信用代码：914403001922038216",
        "打印日期：2026-03-02",
        "共2条质押",
        "融资金额（元）合计4,500,000.00元",
        "序号",
        "出质人",
        "质权人",
        "质押登记号",
        "关联专利",
        "备注",
        "中国工商银行衡阳分行",
        "3,000,000.00",
        "Y2025980000123",
        "一年期流动资金贷款",
        "第1页共1页",
    ] {
        assert!(text.contains(want), "the reader sees {want}: {text}");
    }
    assert!(
        text.contains(&app_no.replace(' ', "")),
        "the linked patent by its number ({app_no}): {text}"
    );
}

#[test]
fn every_kind_prints_with_its_title_and_an_empty_one_says_so() {
    let (s, _) = store();
    for kind in RecordKind::ALL {
        let r = s.records_report(*kind, today()).unwrap();
        let text = pdf_text(&records_pdf(&r, &mut |_| {}).unwrap());
        assert!(
            text.contains(&format!("衡阳示例科技有限公司{}", kind.title())),
            "{kind:?}: company and title: {text}"
        );
        let empty = r.table.rows.is_empty();
        assert_eq!(
            text.contains("尚未登记"),
            empty,
            "{kind:?}: an empty list says so instead of printing an empty table"
        );
    }
    let text = pdf_text(
        &records_pdf(
            &s.records_report(RecordKind::Trademark, today()).unwrap(),
            &mut |_| {},
        )
        .unwrap(),
    );
    for want in [
        "注册号/申请号",
        "12345678",
        "衡示",
        "9、42",
        "2026-05-06",
        "已注册",
        "驰名商标",
    ] {
        assert!(text.contains(want), "trademark list shows {want}: {text}");
    }
    let text = pdf_text(
        &records_pdf(
            &s.records_report(RecordKind::Product, today()).unwrap(),
            &mut |_| {},
        )
        .unwrap(),
    );
    assert!(
        text.contains("2025年12,345,678.00"),
        "a product's revenue by year: {text}"
    );
}
