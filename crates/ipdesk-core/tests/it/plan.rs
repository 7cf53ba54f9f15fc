//! 案卷二 the layout plan: store round trips, progress by the rules of the
//! Hengyang guide, links to the ledger that survive edits and deletes, and
//! bad input refused with nothing written.

use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, Entity, Error, ItemStatus, LayoutPlanData, LegalStatus, PatentData,
    PatentKind, PlanItemData, PlanStatus, ProductData, Route, Store,
};

use crate::Db;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cn(serial: u32) -> String {
    let body = format!("2022101{serial:05}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn invention(s: &mut Store, serial: u32, title: &str, granted: bool) -> i64 {
    s.add_patent(PatentData {
        app_no: cn(serial),
        kind: PatentKind::Invention,
        title: title.into(),
        filing_date: Some(d("2022-06-01")),
        grant_date: granted.then(|| d("2024-03-01")),
        status: if granted {
            LegalStatus::Granted
        } else {
            LegalStatus::Examination
        },
        inventors: vec!["张伟".into()],
        ..PatentData::default()
    })
    .unwrap()
    .id
}

fn plan_data() -> LayoutPlanData {
    LayoutPlanData {
        name: "储能电池高价值专利布局".into(),
        technology: "电池管理系统".into(),
        start_date: Some(d("2022-01-01")),
        end_date: Some(d("2025-12-31")),
        status: PlanStatus::Active,
        ..LayoutPlanData::default()
    }
}

fn item(topic: &str, kind: PatentKind, route: Route, j: &[&str]) -> PlanItemData {
    PlanItemData {
        topic: topic.into(),
        kind,
        route,
        jurisdictions: j.iter().map(|s| s.to_string()).collect(),
        planned_date: Some(d("2023-06-30")),
        ..PlanItemData::default()
    }
}

#[test]
fn a_plan_round_trips_with_products_branches_and_items() {
    let mut s = Store::open_in_memory().unwrap();
    let product = s
        .add_record(ProductData {
            name: "储能电池包".into(),
            ..ProductData::default()
        })
        .unwrap();
    let mut data = plan_data();
    data.product_ids = vec![product.id];
    data.industry_chain = "新能源".into();
    let plan = s.add_plan(data.clone()).unwrap();
    assert_eq!(plan.data, data, "every field as entered");
    let branch = s.add_plan_branch(plan.id, "热管理").unwrap();
    assert!(
        matches!(
            s.add_plan_branch(plan.id, "热管理"),
            Err(Error::Duplicate { .. })
        ),
        "a branch name once per plan"
    );
    let mut first = item(
        "电池均衡控制",
        PatentKind::Invention,
        Route::Domestic,
        &["CN"],
    );
    first.branch_id = Some(branch.id);
    first.inventors = vec![" 张伟 ".into(), "".into()];
    let a = s.add_plan_item(plan.id, first).unwrap();
    assert_eq!(a.data.inventors, ["张伟"], "names trimmed, blanks dropped");
    let mut intl = item(
        "电池均衡控制（PCT）",
        PatentKind::Invention,
        Route::Pct,
        &["US", "EP"],
    );
    intl.priority_item_id = Some(a.id);
    let b = s.add_plan_item(plan.id, intl).unwrap();
    assert_eq!(b.data.priority_item_id, Some(a.id));
    let mut edited = b.data.clone();
    edited.status = ItemStatus::Drafting;
    assert_eq!(
        s.update_plan_item(b.id, edited).unwrap().data.status,
        ItemStatus::Drafting
    );
    let detail = s.plan_detail(plan.id, d("2023-01-01")).unwrap();
    assert_eq!(detail.items.len(), 2);
    assert_eq!(detail.branches, vec![branch.clone()]);
    s.delete_plan_branch(branch.id).unwrap();
    assert!(s.plan_branches(plan.id).unwrap().is_empty());
    assert_eq!(
        s.plan_item(a.id).unwrap().data.branch_id,
        None,
        "its items stay, without a branch"
    );
    assert_eq!(s.plans().unwrap().len(), 1);
    assert!(
        !s.history(Entity::PlanItem, b.id).unwrap().is_empty(),
        "audited"
    );

    s.delete_plan(plan.id).unwrap();
    assert!(s.plans().unwrap().is_empty());
    assert!(
        matches!(s.plan_item(a.id), Err(Error::NotFound { .. })),
        "items go with it"
    );
}

// Hengyang 2023 funding guide (seed 004) (一)1: 高质量高价值发明专利布局 5 件
// 以上（国际发明专利布局 1 件算作 2 件）.
#[test]
fn progress_weighs_international_inventions_double_and_counts_only_what_is_filed() {
    let mut s = Store::open_in_memory().unwrap();
    let plan = s.add_plan(plan_data()).unwrap();
    let dom = s
        .add_plan_item(
            plan.id,
            item("均衡", PatentKind::Invention, Route::Domestic, &["CN"]),
        )
        .unwrap();
    let pct = s
        .add_plan_item(
            plan.id,
            item("热失控预警", PatentKind::Invention, Route::Pct, &["US"]),
        )
        .unwrap();
    s.add_plan_item(
        plan.id,
        item("外壳", PatentKind::Utility, Route::Domestic, &["CN"]),
    )
    .unwrap();
    let today = d("2024-01-01");
    let p = s.plan_detail(plan.id, today).unwrap().progress;
    assert_eq!((p.planned, p.filed, p.granted), (3, 0, 0));
    assert_eq!(p.weighted_planned, 1 + 2, "utility models do not count");
    assert_eq!(p.weighted_filed, 0);
    assert_eq!(p.overdue.len(), 3, "all planned for 2023-06-30, none filed");

    let granted = invention(&mut s, 1, "一种电池均衡控制方法", true);
    let pending = invention(&mut s, 2, "一种热失控预警方法", false);
    s.link_plan_item(dom.id, granted).unwrap();
    s.link_plan_item(pct.id, pending).unwrap();
    let p = s.plan_detail(plan.id, today).unwrap().progress;
    assert_eq!((p.filed, p.granted), (2, 1));
    assert_eq!(p.weighted_filed, 3, "1 domestic + 2 international");
    assert!(!p.target_met, "3 of the default 5");
    assert_eq!(p.overdue.len(), 1, "only the unfiled utility model");
    let cn_cell = p.coverage.iter().find(|c| c.jurisdiction == "CN").unwrap();
    assert_eq!((cn_cell.planned, cn_cell.filed), (2, 1));
}

#[test]
fn a_link_follows_an_edited_number_and_a_deleted_patent_leaves_it_visible() {
    let mut s = Store::open_in_memory().unwrap();
    let plan = s.add_plan(plan_data()).unwrap();
    let it = s
        .add_plan_item(
            plan.id,
            item("均衡", PatentKind::Invention, Route::Domestic, &["CN"]),
        )
        .unwrap();
    let id = invention(&mut s, 3, "一种电池均衡控制方法", true);
    s.link_plan_item(it.id, id).unwrap();

    // The officer corrects the number in the ledger.
    let mut p = s.patent(id).unwrap().data;
    p.app_no = cn(4);
    s.update_patent(id, p).unwrap();
    let links = s.plan_item(it.id).unwrap().links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].app_no, cn(4), "the link shows the current number");
    assert_eq!(s.plan_items_of_patent(id).unwrap().len(), 1);

    // Then deletes the patent: the link stays, marked missing.
    s.delete_patent(id).unwrap();
    let links = s.plan_item(it.id).unwrap().links;
    assert_eq!(links.len(), 1, "never a silent drop");
    assert!(links[0].missing);
    assert_eq!(links[0].app_no, cn(4), "with the number it had");
    let p = s.plan_detail(plan.id, d("2024-01-01")).unwrap().progress;
    assert_eq!(p.filed, 0, "a missing link fulfils nothing");
    // And it can be removed by that number.
    s.unlink_plan_item(it.id, &cn(4)).unwrap();
    assert!(s.plan_item(it.id).unwrap().links.is_empty());
}

#[test]
fn suggestions_match_topic_words_and_inventors_filed_after_the_start() {
    let mut s = Store::open_in_memory().unwrap();
    let plan = s.add_plan(plan_data()).unwrap();
    let mut wanted = item("电池均衡", PatentKind::Invention, Route::Domestic, &["CN"]);
    wanted.inventors = vec!["张伟".into()];
    let it = s.add_plan_item(plan.id, wanted).unwrap();
    let hit = invention(&mut s, 5, "一种电池均衡控制方法", true);
    s.add_patent(PatentData {
        app_no: cn(6),
        kind: PatentKind::Invention,
        title: "一种电池均衡电路".into(),
        filing_date: Some(d("2021-01-01")),
        ..PatentData::default()
    })
    .unwrap();
    let got: Vec<i64> = s
        .plan_link_suggestions(it.id, d("2024-01-01"), 10)
        .unwrap()
        .iter()
        .map(|r| r.patent.id)
        .collect();
    assert_eq!(got, vec![hit], "the 2021 filing predates the plan");
    s.link_plan_item(it.id, hit).unwrap();
    assert!(
        s.plan_link_suggestions(it.id, d("2024-01-01"), 10)
            .unwrap()
            .is_empty(),
        "a linked application is not suggested again"
    );
}

#[test]
fn bad_plan_input_names_the_field_and_writes_nothing() {
    let (db, mut s) = Db::new();
    let plan = s.add_plan(plan_data()).unwrap();
    let it = s
        .add_plan_item(
            plan.id,
            item("均衡", PatentKind::Invention, Route::Domestic, &["CN"]),
        )
        .unwrap();
    let before = db.rows();
    let code = |e: Error| e.field().map(|f| f.code);

    let mut bad = plan_data();
    bad.name = "  ".into();
    assert_eq!(code(s.add_plan(bad).unwrap_err()), Some("name"));
    let mut bad = plan_data();
    bad.end_date = Some(d("2021-01-01"));
    assert_eq!(code(s.add_plan(bad).unwrap_err()), Some("endDate"));
    let mut bad = plan_data();
    bad.target = 100_000;
    assert_eq!(
        code(s.update_plan(plan.id, bad).unwrap_err()),
        Some("target")
    );
    let mut bad = plan_data();
    bad.product_ids = vec![99];
    assert_eq!(code(s.add_plan(bad).unwrap_err()), Some("productIds"));

    assert!(matches!(
        s.add_plan_item(
            42,
            item("x", PatentKind::Invention, Route::Domestic, &["CN"])
        ),
        Err(Error::NotFound { .. })
    ));
    let mut far = item("x", PatentKind::Invention, Route::Domestic, &["CN"]);
    far.planned_date = Some(d("2999-01-01"));
    assert_eq!(
        code(s.add_plan_item(plan.id, far).unwrap_err()),
        Some("plannedDate")
    );
    let mut branch = item("x", PatentKind::Invention, Route::Domestic, &["CN"]);
    branch.branch_id = Some(7);
    assert_eq!(
        code(s.add_plan_item(plan.id, branch).unwrap_err()),
        Some("branchId")
    );
    let mut own = it.data.clone();
    own.priority_item_id = Some(it.id);
    assert_eq!(
        code(s.update_plan_item(it.id, own).unwrap_err()),
        Some("priorityItemId")
    );
    assert!(
        matches!(s.link_plan_item(it.id, 12345), Err(Error::NotFound { .. })),
        "an application not in the ledger"
    );
    assert!(matches!(
        s.unlink_plan_item(it.id, "201910123456.X"),
        Err(Error::NotFound { .. })
    ));
    // Unknown codes arrive over IPC as JSON and are refused there.
    let unknown: Result<PlanItemData, _> =
        serde_json::from_value(serde_json::json!({ "topic": "x", "route": "moon" }));
    assert!(unknown.is_err(), "an unknown route is not a route");
    assert!("不存在".parse::<ItemStatus>().is_err());
    db.assert_unchanged(&before, "refused plan input");
}

/// The 布局计划 page on paper: each plan with its progress and target.
#[test]
fn the_plan_list_prints_each_plan_with_its_progress() {
    let mut s = Store::open_in_memory().unwrap();
    let plan = s.add_plan(plan_data()).unwrap();
    let dom = s
        .add_plan_item(
            plan.id,
            item("均衡", PatentKind::Invention, Route::Domestic, &["CN"]),
        )
        .unwrap();
    let granted = invention(&mut s, 1, "一种电池均衡控制方法", true);
    s.link_plan_item(dom.id, granted).unwrap();
    let r = s.plans_report(d("2024-01-01")).unwrap();
    let text = crate::pdf_text(&ipdesk_core::plans_pdf(&r, &mut |_| {}).unwrap());
    for want in [
        "专利布局计划一览表",
        "共1项计划，0项已达到目标件数",
        "储能电池高价值专利布局",
        "电池管理系统",
        "2022-01-01至2025-12-31",
        "1/1/1",
        "1/5",
        "尚差4件",
        "国际发明专利布局",
    ] {
        assert!(text.contains(want), "the reader sees {want}: {text}");
    }
    let empty = Store::open_in_memory().unwrap();
    let r = empty.plans_report(d("2024-01-01")).unwrap();
    let text = crate::pdf_text(&ipdesk_core::plans_pdf(&r, &mut |_| {}).unwrap());
    assert!(text.contains("尚未制定专利布局计划"), "{text}");
}
