//! The store computes with the rules it holds, so another rule file changes
//! what it says — the way funding programs will be data too.

use std::sync::Arc;

use chrono::NaiveDate;
use ipdesk_core::{LegalStatus, PatentData, PatentKind, PatentQuery, Rules, Store};

const FEES: &str = include_str!("../../../../assets/rules/cn-patent-fees.json");
const HIGH_VALUE: &str = include_str!("../../../../assets/rules/cn-high-value.json");

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The bundled high-value file with the 10-year mark set to `years`.
fn rules_with_mark(years: u64) -> Rules {
    let mut hv: serde_json::Value = serde_json::from_str(HIGH_VALUE).unwrap();
    for c in hv["categories"].as_array_mut().unwrap() {
        if c["code"] == "maintained10" {
            c["years"] = years.into();
        }
    }
    Rules::from_json(FEES, &hv.to_string()).unwrap()
}

fn store_with_a_six_year_invention(rules: Option<Rules>) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    if let Some(r) = rules {
        s = s.with_rules(Arc::new(r));
    }
    let body = "201910123456";
    let app_no = format!("{body}.{}", ipdesk_core::app_no_check_char(body));
    s.add_patent(PatentData {
        app_no,
        kind: PatentKind::Invention,
        title: "一种电池管理系统".into(),
        filing_date: Some(d("2019-03-05")),
        grant_date: Some(d("2021-06-01")),
        status: LegalStatus::Granted,
        ..PatentData::default()
    })
    .unwrap();
    s
}

#[test]
fn a_store_on_another_rule_file_decides_by_that_file() {
    let today = d("2025-06-01");
    let bundled = store_with_a_six_year_invention(None);
    let five = store_with_a_six_year_invention(Some(rules_with_mark(5)));
    let reasons = |s: &Store| -> Vec<String> {
        s.high_value_of(1, today)
            .unwrap()
            .reasons
            .into_iter()
            .map(|r| r.code)
            .collect()
    };
    assert!(
        reasons(&bundled).is_empty(),
        "six years is under the bundled ten"
    );
    assert_eq!(
        reasons(&five),
        ["maintained10"],
        "the store's own mark: five years"
    );
    // The listing filter and the dashboard count are built from the same
    // rules as the per-patent verdict.
    let hv = PatentQuery {
        high_value: Some(true),
        ..PatentQuery::default()
    };
    assert_eq!(bundled.list_patents(&hv, today).unwrap().total, 0);
    assert_eq!(five.list_patents(&hv, today).unwrap().total, 1);
    assert_eq!(five.dashboard(today).unwrap().high_value_inventions, 1);
}

#[test]
fn a_rule_file_without_a_figure_the_app_decides_by_is_refused_at_load() {
    let mut hv: serde_json::Value = serde_json::from_str(HIGH_VALUE).unwrap();
    for c in hv["categories"].as_array_mut().unwrap() {
        if c["code"] == "award" {
            c["award_kinds"] = serde_json::json!([]);
        }
    }
    let err = Rules::from_json(FEES, &hv.to_string()).unwrap_err();
    assert!(err.to_string().contains("award_kinds"), "{err}");
    let mut fees: serde_json::Value = serde_json::from_str(FEES).unwrap();
    fees["reduction"]["payable_percent"] = serde_json::json!({ "85": 15 });
    let err = Rules::from_json(&fees.to_string(), HIGH_VALUE).unwrap_err();
    assert!(err.to_string().contains("应缴比例"), "{err}");
    // A pledge threshold a yuan-to-fen conversion would overflow.
    let mut hv: serde_json::Value = serde_json::from_str(HIGH_VALUE).unwrap();
    for c in hv["categories"].as_array_mut().unwrap() {
        if c["code"] == "pledge" {
            c["threshold_yuan"] = serde_json::json!(i64::MAX);
        }
    }
    let err = Rules::from_json(FEES, &hv.to_string()).unwrap_err();
    assert!(err.to_string().contains("threshold_yuan"), "{err}");
}

// 财税〔2016〕78号《专利收费减缴办法》第三条: a single eligible owner pays
// 15 % of the fee, co-owners who all qualify 30 % (cn-ip-rules.md §1.5).
#[test]
fn reduction_leaves_the_payable_share_the_notice_sets() {
    use ipdesk_core::FeeReduction;
    let r = Rules::bundled();
    assert_eq!(r.payable_percent(FeeReduction::P85), 15);
    assert_eq!(r.payable_percent(FeeReduction::P70), 30);
    assert_eq!(r.payable_percent(FeeReduction::None), 100);
}
