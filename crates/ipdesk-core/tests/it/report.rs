//! The ledger and annual-fee PDFs, checked by what a reader gets: the text
//! poppler extracts, the fonts it reports, the page count.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ipdesk_core::pdf::{render, Fonts};
use ipdesk_core::{annuity_pdf, ledger_document, ledger_pdf, ReportError};
use ipdesk_core::{sample, Company, Error, PatentQuery, Store};

fn today() -> NaiveDate {
    "2026-11-21".parse().unwrap()
}

fn store_with(n: usize) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_company(Company {
        name: "衡阳示例科技有限公司".into(),
        uscc: "914403001922038216".into(),
        ..Company::default()
    })
    .unwrap();
    s.add_patents(sample::ledger(n, 11, today())).unwrap();
    s
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed by scripts/setup.sh: {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_thousand_row_ledger_spans_pages_with_the_header_repeated() {
    let s = store_with(1000);
    let data = s.ledger_report(&PatentQuery::default(), today()).unwrap();
    assert_eq!(data.rows.len(), 1000);
    let mut stages = Vec::new();
    let bytes = ledger_pdf(&data, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(stages.last(), Some(&"done"), "progress reaches the end");
    let (_dir, pdf) = write(&bytes);

    let info = poppler("pdfinfo", &[], &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert!(pages > 20, "1,000 rows take many pages, got {pages}");
    assert!(info.contains("专利台账"), "title in the metadata: {info}");
    assert!(
        info.contains(&format!("IP Desk {}", env!("CARGO_PKG_VERSION"))),
        "the version that made it: {info}"
    );

    let first = squash(&poppler("pdftotext", &["-f", "1", "-l", "1"], &pdf));
    assert!(
        first.contains("衡阳示例科技有限公司专利台账"),
        "company and title"
    );
    assert!(
        first.contains(&format!("第1页共{pages}页")),
        "footer on page 1"
    );
    assert!(first.contains("打印日期") && first.contains("2026-11-21"));
    assert!(first.contains("共1000件"), "summary counts on top");
    let one = &data.rows[0];
    assert!(first.contains(&one.display_app_no), "first row's number");

    let second = squash(&poppler("pdftotext", &["-f", "2", "-l", "2"], &pdf));
    for h in [
        "序号",
        "申请号",
        "专利名称",
        "法律状态",
        "年费缴至",
        "下次缴费日",
        "高价值",
    ] {
        assert!(second.contains(h), "header {h} repeated on page 2");
    }
    assert!(second.contains(&format!("第2页共{pages}页")));
    let last = squash(&poppler(
        "pdftotext",
        &["-f", &pages.to_string(), "-l", &pages.to_string()],
        &pdf,
    ));
    assert!(
        last.contains(&data.rows[999].display_app_no),
        "the last row is on the last page"
    );

    // Every row reads back: the one- and two-byte codes, the shared header
    // row and the ToUnicode maps agree for every glyph used.
    let all = squash(&poppler("pdftotext", &[], &pdf));
    for row in &data.rows {
        assert!(
            all.contains(&row.display_app_no),
            "{} lost",
            row.display_app_no
        );
    }
    // Issue 17: the same columns and fonts in at most 150 KB (it was 242).
    assert!(
        bytes.len() <= 150 * 1024,
        "1,000 rows took {} KB",
        bytes.len() / 1024
    );

    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, ToUnicode: {row}"
        );
    }
}

#[test]
fn the_annual_fee_plan_lists_fees_with_monthly_subtotals_and_total() {
    let s = store_with(300);
    let data = s.annuity_report(12, today()).unwrap();
    assert!(!data.forecast.items.is_empty());
    let bytes = annuity_pdf(&data, &mut |_| {}).unwrap();
    let (_dir, pdf) = write(&bytes);
    let text = squash(&poppler("pdftotext", &[], &pdf));
    assert!(text.contains("专利年费缴纳计划") && text.contains("衡阳示例科技有限公司"));
    // Page 1 is the cover; the contents page follows it and lists every
    // chapter, in order.
    let contents = squash(&poppler("pdftotext", &["-f", "2", "-l", "2"], &pdf));
    assert!(
        contents.contains("目录"),
        "the page after the cover is the contents page: {contents}"
    );
    let at: Vec<Option<usize>> = ["一、概况", "二、缴费明细", "三、按月汇总"]
        .iter()
        .map(|h| contents.find(h))
        .collect();
    assert!(
        at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1]),
        "the contents list the three chapters in order ({at:?}): {contents}"
    );
    let m = &data.forecast.months[0];
    assert!(
        text.contains(&format!("{}小计", m.month)),
        "monthly subtotal rows"
    );
    let grace = data
        .forecast
        .items
        .iter()
        .find(|i| i.in_grace)
        .expect("the sample has fees in grace");
    assert!(text.contains(&grace.app_no), "a fee in grace is listed");
    let total = data.forecast.total_payable + data.forecast.total_late_fee;
    let yuan = format!("{:.2}", total.as_yuan_f64());
    let (int, frac) = yuan.split_once('.').unwrap();
    let grouped: String = int
        .chars()
        .rev()
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(",")
        .chars()
        .rev()
        .collect();
    assert!(
        text.contains(&format!("{grouped}.{frac}")),
        "the total {grouped}.{frac} is printed"
    );
    // The rules whose sources are unconfirmed are named, in Chinese: the
    // plan goes to a Chinese office.
    assert!(text.contains("尚待核对官方原文"));
    assert!(
        text.contains("滞纳期（6个月）届满日落在休假日的"),
        "the unconfirmed grace-end shift, in Chinese"
    );
    assert!(
        !text.contains("Saturday") && !text.contains("filingdate"),
        "no English rule text in the plan"
    );
}

#[test]
fn a_character_the_fonts_lack_is_reported_with_where_it_is() {
    let mut s = store_with(3);
    let mut p = sample::ledger(4, 99, today()).pop().unwrap();
    p.title = "一种𠀀形连接器".into();
    s.add_patent(p).unwrap();
    let data = s.ledger_report(&PatentQuery::default(), today()).unwrap();
    let err = ledger_pdf(&data, &mut |_| {}).unwrap_err();
    let Error::Report(ReportError::MissingGlyphs(list)) = &err else {
        panic!("{err}")
    };
    assert_eq!(list[0].ch, '𠀀');
    assert!(
        list[0].field.contains("专利名称"),
        "names the column: {}",
        list[0].field
    );
    assert!(err.is_user_error(), "the user can fix the title");
    assert!(err.to_string().contains("𠀀"), "{err}");
}

/// Same input, same bytes: nothing but the input (no random ids, no
/// iteration order of a hash map) decides the output, and the creation date
/// in it is the document's `created`, not something else. That nothing in
/// the core reads the clock is a lint, not a test: two renders a moment
/// apart cannot tell a clock read at second resolution from none.
#[test]
fn the_same_ledger_renders_to_the_same_bytes_and_its_creation_date_is_an_input() {
    let s = store_with(50);
    let data = s.ledger_report(&PatentQuery::default(), today()).unwrap();
    let a = ledger_pdf(&data, &mut |_| {}).unwrap();
    let b = ledger_pdf(&data, &mut |_| {}).unwrap();
    assert!(
        a == b,
        "rendering the same ledger twice gives the same bytes"
    );

    let doc = ledger_document(&data);
    assert!(
        render(&doc, Fonts::embedded()).unwrap() == a,
        "ledger_pdf is the rendered ledger document, so changing the document below means something"
    );
    let mut later = doc.clone();
    later.meta.created += chrono::Duration::seconds(1);
    assert!(
        render(&later, Fonts::embedded()).unwrap() != a,
        "the PDF's creation date is DocMeta::created: a second later gives other bytes"
    );
}

/// The patent's page on paper: its fields, each year's fee with its state,
/// the payment recorded and the change that was made.
#[test]
fn a_patent_card_prints_its_fields_fees_payments_and_history() {
    use ipdesk_core::PatentKind;
    use ipdesk_core::{app_no_check_char, patent_card_pdf, LegalStatus, PatentData, PaymentInput};
    let mut s = store_with(0);
    let body = "201910123456";
    let p = s
        .add_patent(PatentData {
            app_no: format!("{body}.{}", app_no_check_char(body)),
            kind: PatentKind::Invention,
            title: "一种锂电池均衡充电装置".into(),
            filing_date: Some("2019-03-15".parse().unwrap()),
            grant_date: Some("2021-08-20".parse().unwrap()),
            status: LegalStatus::Granted,
            applicants: vec!["衡阳示例科技有限公司".into()],
            inventors: vec!["张伟".into(), "李娜".into()],
            fees_paid_through: Some(6),
            ..PatentData::default()
        })
        .unwrap();
    s.record_payment(
        p.id,
        PaymentInput {
            patent_year: 7,
            paid_date: Some("2025-03-01".parse().unwrap()),
            amount: Some(ipdesk_core::Money::yuan(2000)),
            late_fee: None,
            receipt_no: "SJ2025-0301".into(),
        },
    )
    .unwrap();
    let mut changed = s.patent(p.id).unwrap().data;
    changed.title = "一种锂电池主动均衡充电装置".into();
    s.update_patent(p.id, changed).unwrap();

    let card = s.patent_card(p.id, today()).unwrap();
    let mut stages = Vec::new();
    let bytes = patent_card_pdf(&card, &mut |x| stages.push(x.stage)).unwrap();
    assert_eq!(stages.last(), Some(&"done"));
    let (_dir, pdf) = write(&bytes);
    let text = squash(&poppler("pdftotext", &[], &pdf));
    for want in [
        "专利信息卡：一种锂电池主动均衡充电装置".to_string(),
        format!("申请号：{}", squash(&card.detail.display_app_no)),
        "专利类型：发明".into(),
        "发明人：张伟；李娜".into(),
        "年费缴至：第7年".into(),
        "第8年".into(),
        "缴费记录".into(),
        "SJ2025-0301".into(),
        "变更记录".into(),
        "修改".into(),
        "专利名称".into(),
    ] {
        assert!(text.contains(&want), "the reader sees {want}: {text}");
    }
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("专利信息卡"), "title in the metadata: {info}");

    let err = s.patent_card(-1, today()).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

/// The 知识产权工作概况 prints what the home page shows: the figures, the
/// fees by deadline and in grace, and a section for each case file that has
/// something in it; a section with nothing to say is left out.
#[test]
fn the_overview_prints_the_home_page_across_the_case_files() {
    use ipdesk_core::{overview_pdf, ActionData, ActionKind, LayoutPlanData, LeadData, PlanStatus};
    let empty = store_with(0).overview(today()).unwrap();
    let text = crate::pdf_text(&overview_pdf(&empty, &mut |_| {}).unwrap());
    assert!(
        text.contains("衡阳示例科技有限公司知识产权工作概况"),
        "{text}"
    );
    assert!(
        text.contains("宽限期内的年费无。"),
        "an empty grace section says so: {text}"
    );
    for absent in ["高价值专利布局计划", "侵权线索", "商标续展"] {
        assert!(
            !text.contains(absent),
            "nothing to say about {absent}: {text}"
        );
    }

    let mut s = store_with(300);
    s.add_plan(LayoutPlanData {
        name: "储能电池高价值专利布局".into(),
        technology: "电池管理系统".into(),
        status: PlanStatus::Active,
        ..LayoutPlanData::default()
    })
    .unwrap();
    s.add_plan(LayoutPlanData {
        name: "草拟中的计划不列出".into(),
        technology: "热管理".into(),
        status: PlanStatus::Draft,
        ..LayoutPlanData::default()
    })
    .unwrap();
    let lead = s
        .add_lead(LeadData {
            title: "展会仿冒均衡板".into(),
            discovered_date: Some("2026-11-01".parse().unwrap()),
            suspect_name: "某电子商行".into(),
            ..LeadData::default()
        })
        .unwrap();
    s.add_lead_action(
        lead.id,
        ActionData {
            kind: ActionKind::PlatformComplaint,
            date: Some("2026-11-10".parse().unwrap()),
            counterpart: "某电商平台".into(),
            due_date: Some("2026-11-18".parse().unwrap()),
            ..ActionData::default()
        },
    )
    .unwrap();
    let o = s.overview(today()).unwrap();
    let d = &o.dashboard;
    assert!(
        !d.in_grace.is_empty() && d.due[0].count > 0,
        "the sample has fees to show"
    );
    let text = crate::pdf_text(&overview_pdf(&o, &mut |_| {}).unwrap());
    let valid = format!(
        "发明{}件，实用新型{}件，外观设计{}件",
        d.valid_inventions, d.valid_utility_models, d.valid_designs
    );
    assert!(text.contains(&valid), "{valid} in {text}");
    assert!(
        text.contains(&format!(
            "30天内到期{}{}",
            d.due[0].count,
            d.due[0].payable.grouped()
        )),
        "the 30-day bucket as the home page counts it: {text}"
    );
    let first = &d.in_grace[0];
    assert!(
        text.contains(&first.app_no) && text.contains(&first.late_fee.grouped()),
        "the fee in grace {} with today's late fee: {text}",
        first.app_no
    );
    assert!(
        text.contains("储能电池高价值专利布局"),
        "the active plan: {text}"
    );
    assert!(
        !text.contains("草拟中的计划不列出"),
        "a draft plan is not on the page"
    );
    assert!(
        text.contains("2026-11-18已逾期3天") && text.contains("展会仿冒均衡板"),
        "the lead's late deadline: {text}"
    );
    assert!(text.contains("2026年度可申报项目"), "{text}");
}
