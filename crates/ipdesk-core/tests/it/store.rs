//! The store end to end: round trips of every record type, the audit trail,
//! bad input that must leave nothing written, fees, forecast, high value,
//! search.

use crate::Db;
use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, AwardData, AwardKind, Company, Entity, Error, FeeReduction, FeeState,
    FeeStatus, InsuranceData, LegalStatus, Money, PatentData, PatentKind, PatentQuery,
    PaymentInput, PledgeData, ProductData, SortKey, Store, TrademarkData, TrademarkStatus,
    TransferData, TransferKind, YearRevenue,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A valid CN number of the given kind digit, year and serial.
fn cn(year: i32, type_digit: u8, serial: u32) -> String {
    let body = format!("{year}{type_digit}{serial:07}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn invention(serial: u32, filed: &str, granted: Option<&str>) -> PatentData {
    PatentData {
        kind: PatentKind::Invention,
        app_no: cn(filed[..4].parse().unwrap(), 1, serial),
        title: format!("一种电池管理方法（{serial}）"),
        filing_date: Some(d(filed)),
        grant_date: granted.map(d),
        status: if granted.is_some() {
            LegalStatus::Granted
        } else {
            LegalStatus::Examination
        },
        applicants: vec!["衡阳智电装备科技有限公司".into()],
        inventors: vec!["张伟".into(), "王芳".into()],
        ..PatentData::default()
    }
}

#[test]
fn a_patent_round_trips_with_every_field() {
    let mut s = Store::open_in_memory().unwrap();
    let data = PatentData {
        jurisdiction: "CN".into(),
        kind: PatentKind::Invention,
        route: ipdesk_core::Route::Paris,
        app_no: format!("ZL {}", cn(2019, 1, 345)),
        filing_date: Some(d("2019-03-11")),
        priority_date: Some(d("2018-04-01")),
        publication_no: "cn110000001a".into(),
        publication_kind: "A".into(),
        grant_no: "CN110000001B".into(),
        grant_date: Some(d("2021-08-20")),
        status: LegalStatus::Granted,
        title: "一种稀土永磁电机转子".into(),
        applicants: vec!["甲公司".into(), " 乙大学 ".into(), "".into()],
        inventors: vec!["李娜".into()],
        ipc: "H02K 1/27".into(),
        agency: "衡阳某专利事务所".into(),
        agent: "周杰".into(),
        tags: vec!["电机".into()],
        sei_category: "高端装备制造产业".into(),
        fee_reduction: FeeReduction::P70,
        fee_reduction_filed: Some(d("2019-03-11")),
        grant_fee_year: Some(3),
        fees_paid_through: Some(5),
        exam_request_date: Some(d("2019-03-11")),
        compensation_days: 30,
        overseas_family_grant: true,
        acquisition: ipdesk_core::Acquisition::Transfer,
        acquired_on: Some(d("2020-06-30")),
        hnte_used_year: Some(2021),
        notes: "核心专利".into(),
    };
    let saved = s.add_patent(data.clone()).unwrap();
    let back = s.patent(saved.id).unwrap();
    assert_eq!(
        back.data.app_no,
        cn(2019, 1, 345).replace('.', ""),
        "stored normalised"
    );
    assert_eq!(back.display_app_no(), cn(2019, 1, 345));
    assert_eq!(back.data.publication_no, "CN110000001A");
    assert_eq!(
        back.data.applicants,
        vec!["甲公司", "乙大学"],
        "trimmed, empties dropped"
    );
    let mut expect = data;
    expect.app_no = back.data.app_no.clone();
    expect.publication_no = "CN110000001A".into();
    expect.applicants = vec!["甲公司".into(), "乙大学".into()];
    assert_eq!(back.data, expect, "every other field comes back as written");
    assert_eq!(
        s.find_patent(&format!("CN{}", cn(2019, 1, 345)))
            .unwrap()
            .id,
        saved.id
    );
}

#[test]
fn the_audit_trail_records_who_what_and_the_changed_fields() {
    let mut s = Store::open_in_memory().unwrap();
    let p = s.add_patent(invention(1, "2020-01-02", None)).unwrap();
    let mut data = p.data.clone();
    data.title = "一种新的电池管理方法".into();
    data.status = LegalStatus::Granted;
    data.grant_date = Some(d("2022-02-02"));
    s.update_patent(p.id, data.clone()).unwrap();
    s.update_patent(p.id, data).unwrap();
    let h = s.history(Entity::Patent, p.id).unwrap();
    assert_eq!(
        h.len(),
        2,
        "an update that changes nothing writes no row: {h:#?}"
    );
    assert_eq!(h[0].action, "update");
    let changes = h[0].changes.as_object().unwrap();
    let mut fields: Vec<&str> = changes.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["grantDate", "status", "title"]);
    assert_eq!(changes["title"][0], "一种电池管理方法（1）");
    assert_eq!(changes["title"][1], "一种新的电池管理方法");
    assert!(!h[0].os_user.is_empty() && h[0].at.len() >= 19);
    assert_eq!(h[1].action, "create");
    assert_eq!(
        h[1].changes["title"],
        serde_json::json!([null, "一种电池管理方法（1）"])
    );
    assert!(
        h[1].changes.get("notes").is_none() && h[1].changes.get("priorityDate").is_none(),
        "empty fields are left out of a create row: {}",
        h[1].changes
    );
    s.delete_patent(p.id).unwrap();
    let h = s.history(Entity::Patent, p.id).unwrap();
    assert_eq!(h[0].action, "delete");
    assert_eq!(
        h[0].changes["title"][0], "一种新的电池管理方法",
        "the deleted values are kept"
    );
}

fn assert_refused(db: &Db, s: &mut Store, data: PatentData, field: &str, reason: &str) {
    let before = db.rows();
    let err = s.add_patent(data).expect_err("bad input is refused");
    assert_eq!(
        err.field().map(|f| f.label),
        Some(field),
        "names the field: {err}"
    );
    assert!(
        err.to_string().contains(reason),
        "says why ({reason}): {err}"
    );
    assert!(err.is_user_error());
    db.assert_unchanged(&before, &format!("refused ({err})"));
}

#[test]
fn bad_patent_input_names_the_field_and_writes_nothing() {
    let (db, mut s) = Db::new();
    s.add_patent(invention(7, "2020-05-05", Some("2022-01-01")))
        .unwrap();

    let mut p = invention(8, "2020-05-05", None);
    let good = p.app_no.clone();
    let last = good.chars().last().unwrap();
    p.app_no = format!(
        "{}{}",
        &good[..good.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    assert_refused(&db, &mut s, p, "申请号", "校验位应为");

    let mut p = invention(9, "2020-05-05", Some("2020-05-04"));
    p.title = "授权早于申请".into();
    assert_refused(&db, &mut s, p, "授权日", "早于申请日");

    let mut p = invention(10, "2020-05-05", None);
    p.kind = PatentKind::Design;
    assert_refused(&db, &mut s, p, "申请号", "不一致");

    assert_refused(
        &db,
        &mut s,
        invention(7, "2020-05-05", None),
        "申请号",
        "已有",
    );

    let mut p = invention(11, "2020-05-05", None);
    p.title = "  ".into();
    assert_refused(&db, &mut s, p, "专利名称", "不能为空");

    let mut p = invention(12, "2020-05-05", None);
    p.status = LegalStatus::Granted;
    assert_refused(&db, &mut s, p, "授权日", "须填写授权日");

    let err = ipdesk_core::parse_date("申请日", "2023-02-30").unwrap_err();
    assert_eq!(
        err.field().map(|f| f.label),
        Some("申请日"),
        "an impossible date is refused: {err}"
    );
}

#[test]
fn a_batch_with_one_bad_row_writes_nothing_and_names_the_row() {
    let (db, mut s) = Db::new();
    s.add_patent(invention(99, "2020-01-01", None)).unwrap();
    let mut rows: Vec<PatentData> = (1..=5)
        .map(|i| invention(100 + i, "2021-01-01", None))
        .collect();
    rows[2].filing_date = None;
    let before = db.rows();
    let err = s.add_patents(rows.clone()).unwrap_err();
    assert!(matches!(&err, Error::InRow { row: 3, .. }), "{err}");
    assert!(err.to_string().starts_with("第 3 行"), "{err}");
    db.assert_unchanged(&before, "a batch refused before its transaction");
    // A duplicate caught inside the transaction (row 5 repeats row 1) also undoes rows 1–4.
    rows[2].filing_date = Some(d("2021-01-01"));
    rows[4] = rows[0].clone();
    let err = s.add_patents(rows).unwrap_err();
    assert!(matches!(&err, Error::InRow { row: 5, .. }), "{err}");
    db.assert_unchanged(&before, "the whole batch is undone");
}

#[test]
fn a_refused_update_writes_nothing() {
    let (db, mut s) = Db::new();
    let other = s
        .add_patent(invention(1, "2020-05-05", Some("2022-01-01")))
        .unwrap();
    let p = s.add_patent(invention(2, "2020-05-05", None)).unwrap();
    let tm = s
        .add_record(TrademarkData {
            reg_no: "12345678".into(),
            mark: "智电".into(),
            classes: vec![9],
            status: TrademarkStatus::Registered,
            ..TrademarkData::default()
        })
        .unwrap();
    let pledge = s
        .add_record(PledgeData {
            pledgor: "甲".into(),
            pledgee: "乙银行".into(),
            loan_amount: Money::yuan(1_000_000),
            patent_ids: vec![p.id],
            ..PledgeData::default()
        })
        .unwrap();
    let before = db.rows();

    // Each bad update changes a field that is fine and one that is not, so
    // a half-applied update would show.
    let mut clash = p.data.clone();
    clash.title = "改名".into();
    clash.app_no = other.data.app_no.clone();
    let mut early = p.data.clone();
    early.title = "改名".into();
    early.status = LegalStatus::Granted;
    early.grant_date = Some(d("2020-05-04"));
    for (data, field) in [(clash, "申请号"), (early, "授权日")] {
        let err = s.update_patent(p.id, data).unwrap_err();
        assert_eq!(err.field().map(|f| f.label), Some(field), "{err}");
        db.assert_unchanged(&before, &format!("refused update ({err})"));
    }

    let err = s
        .update_record(
            tm.id,
            TrademarkData {
                mark: "新标".into(),
                classes: vec![9, 46],
                ..tm.data.clone()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("1–45"), "{err}");
    db.assert_unchanged(&before, &format!("refused record update ({err})"));
    let err = s
        .update_record(
            pledge.id,
            PledgeData {
                pledgee: "丙银行".into(),
                patent_ids: vec![p.id, 999],
                ..pledge.data.clone()
            },
        )
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.label), Some("关联专利"), "{err}");
    db.assert_unchanged(&before, &format!("refused link update ({err})"));
}

#[test]
fn company_profile_round_trips_and_validates_the_credit_code() {
    let (db, mut s) = Db::new();
    assert_eq!(s.company().unwrap(), Company::default());
    let c = Company {
        name: "衡阳智电装备科技有限公司".into(),
        uscc: "914403001922038216".into(),
        registration_date: Some(d("2012-06-01")),
        address: "湖南省衡阳市高新区".into(),
        legal_representative: "刘洋".into(),
        contact_person: "陈静".into(),
        contact_phone: "0734-1234567".into(),
        contact_email: "ip@example.com".into(),
        headcount: Some(320),
        qualifications: vec!["高新技术企业".into(), "专精特新\"小巨人\"".into()],
        ip_department: "知识产权部".into(),
        ip_staff_count: Some(3),
        industry_chain: "先进轨道交通装备".into(),
        chain_leader: true,
    };
    s.set_company(c.clone()).unwrap();
    assert_eq!(s.company().unwrap(), c);
    let before = db.rows();
    let bad = Company {
        uscc: "91440300192203821X".into(),
        ..c.clone()
    };
    let err = s.set_company(bad).unwrap_err();
    assert_eq!(
        err.field().map(|f| f.label),
        Some("统一社会信用代码"),
        "{err}"
    );
    assert_eq!(s.company().unwrap(), c);
    db.assert_unchanged(&before, "a refused company profile");
}

#[test]
fn every_record_kind_round_trips_with_its_patent_links() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .add_patent(invention(1, "2015-01-01", Some("2017-01-01")))
        .unwrap()
        .id;
    let b = s
        .add_patent(invention(2, "2016-01-01", Some("2018-01-01")))
        .unwrap()
        .id;

    let tm = TrademarkData {
        reg_no: "12345678".into(),
        mark: "智电".into(),
        classes: vec![9, 7, 9],
        reg_date: Some(d("2015-05-07")),
        expiry_date: Some(d("2025-05-06")),
        status: TrademarkStatus::Registered,
        well_known: true,
        geographical_indication: false,
        notes: String::new(),
    };
    let saved = s.add_record(tm.clone()).unwrap();
    assert_eq!(
        saved.data.classes,
        vec![7, 9],
        "classes sorted and deduplicated"
    );
    assert_eq!(
        s.list_records::<TrademarkData>().unwrap(),
        vec![saved.clone()]
    );
    let err = s.add_record(tm.clone()).unwrap_err();
    assert_eq!(
        err.field().map(|f| f.label),
        Some("注册号"),
        "duplicate registration number: {err}"
    );
    let err = s
        .add_record(TrademarkData {
            classes: vec![46],
            reg_no: "9".into(),
            ..tm
        })
        .unwrap_err();
    assert!(err.to_string().contains("1–45"), "{err}");

    let pledge = PledgeData {
        pledgor: "衡阳智电装备科技有限公司".into(),
        pledgee: "中国银行衡阳分行".into(),
        loan_amount: Money::yuan(5_000_000),
        start_date: Some(d("2024-01-01")),
        end_date: Some(d("2026-12-31")),
        reg_no: "Y2024430000123".into(),
        reg_date: Some(d("2024-01-10")),
        release_date: None,
        patent_ids: vec![b, a, a],
        notes: String::new(),
    };
    let p = s.add_record(pledge).unwrap();
    assert_eq!(p.data.patent_ids, vec![a, b]);
    assert_eq!(
        s.records_of_patent::<PledgeData>(a).unwrap(),
        vec![p.clone()]
    );
    let mut changed = p.data.clone();
    changed.patent_ids = vec![b];
    changed.release_date = Some(d("2026-01-05"));
    let p2 = s.update_record(p.id, changed).unwrap();
    assert_eq!(p2.data.patent_ids, vec![b]);
    assert!(
        s.records_of_patent::<PledgeData>(a).unwrap().is_empty(),
        "the link moved"
    );
    let h = s.history(Entity::Pledge, p.id).unwrap();
    assert_eq!(h[0].action, "update");
    assert!(h[0].changes.get("patentIds").is_some() && h[0].changes.get("releaseDate").is_some());

    let award = s
        .add_record(AwardData {
            kind: AwardKind::ChinaPatent,
            name: "第二十四届中国专利奖".into(),
            level: "优秀奖".into(),
            year: Some(2023),
            patent_ids: vec![a],
            notes: String::new(),
        })
        .unwrap();
    assert_eq!(s.record::<AwardData>(award.id).unwrap(), award);

    let t = s
        .add_record(TransferData {
            kind: TransferKind::LicenseOut,
            counterparty: "邵阳某机械有限公司".into(),
            date: Some(d("2024-06-01")),
            amount: Money::parse("金额", "120000.50").unwrap(),
            contract_no: "HT-2024-001".into(),
            record_no: String::new(),
            patent_ids: vec![a, b],
            notes: String::new(),
        })
        .unwrap();
    assert_eq!(
        s.record::<TransferData>(t.id).unwrap().data.amount,
        Money(12_000_050)
    );

    let ins = s
        .add_record(InsuranceData {
            kind: "专利执行保险".into(),
            insurer: "人保财险衡阳分公司".into(),
            policy_no: "P-1".into(),
            premium: Money::yuan(20_000),
            cover: Money::yuan(500_000),
            start_date: Some(d("2025-01-01")),
            end_date: Some(d("2025-12-31")),
            patent_ids: vec![b],
            notes: String::new(),
        })
        .unwrap();
    let err = s
        .add_record(InsuranceData {
            end_date: Some(d("2024-12-31")),
            ..ins.data.clone()
        })
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.label), Some("保险止期"), "{err}");
    let err = s
        .add_record(InsuranceData {
            premium: Money(-1),
            ..ins.data.clone()
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("负数"),
        "a negative amount is refused: {err}"
    );

    let prod = s
        .add_record(ProductData {
            name: "智能电池包".into(),
            model: "ZD-48V".into(),
            industry: "新能源".into(),
            filing_status: "已备案".into(),
            revenues: vec![
                YearRevenue {
                    year: 2024,
                    revenue: Money::yuan(3_000_000),
                },
                YearRevenue {
                    year: 2023,
                    revenue: Money::yuan(2_000_000),
                },
            ],
            patent_ids: vec![a],
            notes: String::new(),
        })
        .unwrap();
    assert_eq!(
        prod.data.revenues[0].year, 2023,
        "revenues kept in year order"
    );

    let err = s
        .add_record(AwardData {
            name: "x".into(),
            patent_ids: vec![999],
            ..AwardData::default()
        })
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.label), Some("关联专利"), "{err}");

    // Deleting a patent removes its links, not the records.
    s.delete_patent(a).unwrap();
    assert_eq!(
        s.record::<TransferData>(t.id).unwrap().data.patent_ids,
        vec![b]
    );
    assert!(s
        .record::<ProductData>(prod.id)
        .unwrap()
        .data
        .patent_ids
        .is_empty());
    s.delete_record::<InsuranceData>(ins.id).unwrap();
    assert!(s.list_records::<InsuranceData>().unwrap().is_empty());
    assert_eq!(
        s.history(Entity::Insurance, ins.id).unwrap()[0].action,
        "delete"
    );
}

#[test]
fn recording_a_payment_moves_the_next_due_year_and_prices_late_fees() {
    let (db, mut s) = Db::new();
    let mut data = invention(5, "2018-04-02", Some("2020-06-30"));
    data.fee_reduction = FeeReduction::P85;
    data.fees_paid_through = Some(6);
    let p = s.add_patent(data).unwrap();
    let row = |s: &Store| {
        s.list_patents(&PatentQuery::default(), d("2024-01-01"))
            .unwrap()
            .items
            .remove(0)
    };
    assert_eq!(row(&s).fees_paid_to, Some(6));
    assert_eq!(row(&s).next_fee_due, Some(d("2024-04-02")));

    // Year 7 due 2024-04-02 (2,000; reduced to 300); paid 2024-06-10: more than 2 months late → 10 % of 2,000.
    let pay = s
        .record_payment(
            p.id,
            PaymentInput {
                patent_year: 7,
                paid_date: Some(d("2024-06-10")),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        pay.amount,
        Money::yuan(300),
        "defaults to the reduced amount"
    );
    assert_eq!(
        pay.late_fee,
        Money::yuan(200),
        "late fee on the full fee, 10 %"
    );
    assert_eq!(row(&s).fees_paid_to, Some(7));
    assert_eq!(row(&s).next_fee_due, Some(d("2025-04-02")));
    let sched = s.fee_schedule(p.id, d("2024-07-01")).unwrap();
    let y7 = sched.rows.iter().find(|r| r.year == 7).unwrap();
    assert!(matches!(y7.state, FeeState::Paid { date: Some(_), .. }));

    let before = db.rows();
    let err = s
        .record_payment(
            p.id,
            PaymentInput {
                patent_year: 7,
                paid_date: Some(d("2024-06-11")),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Duplicate { .. }), "{err}");
    let err = s
        .record_payment(
            p.id,
            PaymentInput {
                patent_year: 21,
                paid_date: Some(d("2024-06-11")),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.label), Some("年度"), "{err}");
    let err = s
        .record_payment(
            p.id,
            PaymentInput {
                patent_year: 8,
                paid_date: Some(d("2025-11-03")),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("恢复"),
        "year 8 (due 2025-04-02) is past grace: {err}"
    );
    db.assert_unchanged(&before, "refused payments");

    s.delete_payment(pay.id).unwrap();
    assert_eq!(
        row(&s).next_fee_due,
        Some(d("2024-04-02")),
        "deleting the payment reopens the year"
    );
}

#[test]
fn the_forecast_lists_fees_in_range_with_monthly_subtotals() {
    let mut s = Store::open_in_memory().unwrap();
    let today = d("2026-03-15");
    // A: utility model, year 6 due 2026-05-10 (1,200), paid through 5.
    let a = PatentData {
        kind: PatentKind::Utility,
        app_no: cn(2021, 2, 1),
        title: "一种散热结构".into(),
        filing_date: Some(d("2021-05-10")),
        grant_date: Some(d("2021-12-01")),
        status: LegalStatus::Granted,
        fees_paid_through: Some(5),
        ..PatentData::default()
    };
    // B: invention, year 4 due 2026-01-20, unpaid → in grace today (more than 1 month late: 5 %).
    let mut b = invention(2, "2023-01-20", Some("2025-06-01"));
    b.fee_reduction = FeeReduction::P85;
    // C: lapsed long ago (year 4 due 2025-01-20, unpaid for over 6 months).
    let c = invention(3, "2022-01-20", Some("2024-06-01"));
    // D: pending — no fees.
    let e = invention(4, "2025-01-20", None);
    s.add_patents(vec![a, b, c, e]).unwrap();
    let f = s.forecast(today, 12).unwrap();
    let years: Vec<(String, u32, bool)> = f
        .items
        .iter()
        .map(|i| (i.title.clone(), i.year, i.in_grace))
        .collect();
    assert!(
        years.contains(&("一种散热结构".into(), 6, false)),
        "{years:?}"
    );
    assert!(
        years.contains(&("一种电池管理方法（2）".into(), 4, true)),
        "{years:?}"
    );
    assert!(
        years.contains(&("一种电池管理方法（2）".into(), 5, false)),
        "next year's fee falls in range too"
    );
    assert!(
        !years.iter().any(|(t, _, _)| t.ends_with("（4）")),
        "pending applications have no fees"
    );
    let lapsed: Vec<u32> = f
        .lapsed
        .iter()
        .filter(|i| i.title.ends_with("（3）"))
        .map(|i| i.year)
        .collect();
    assert_eq!(
        lapsed,
        [4],
        "the lapsed fee is reported apart, and later years are moot"
    );
    assert!(
        !f.items.iter().any(|i| i.title.ends_with("（3）")),
        "nothing is due on a terminated patent"
    );
    let grace = f.items.iter().find(|i| i.in_grace).unwrap();
    assert_eq!(grace.payable, Money::yuan(180), "1,200 × 15 %");
    assert_eq!(grace.late_fee, Money::yuan(60), "5 % of the full 1,200");
    let sum: Money = f.months.iter().map(|m| m.payable).sum();
    assert_eq!(
        sum, f.total_payable,
        "monthly subtotals add up to the total"
    );
    assert_eq!(f.total_late_fee, Money::yuan(60));
    assert!(
        f.items.windows(2).all(|w| w[0].deadline <= w[1].deadline),
        "in deadline order"
    );
}

#[test]
fn high_value_reasons_follow_the_five_categories() {
    let mut s = Store::open_in_memory().unwrap();
    let today = d("2026-11-21");
    let plain = s
        .add_patent(invention(1, "2020-01-01", Some("2022-01-01")))
        .unwrap()
        .id;
    let old = s
        .add_patent(invention(2, "2015-01-01", Some("2017-01-01")))
        .unwrap()
        .id;
    let mut sei = invention(3, "2020-01-01", Some("2022-01-01"));
    sei.sei_category = "新能源汽车产业".into();
    let sei = s.add_patent(sei).unwrap().id;
    let awarded = s
        .add_patent(invention(4, "2020-01-01", Some("2022-01-01")))
        .unwrap()
        .id;
    let pledged = s
        .add_patent(invention(5, "2020-01-01", Some("2022-01-01")))
        .unwrap()
        .id;
    let family = s
        .add_patent(invention(6, "2020-01-01", Some("2022-01-01")))
        .unwrap()
        .id;
    let us = s
        .add_patent(PatentData {
            jurisdiction: "US".into(),
            app_no: "17/123,456".into(),
            title: "Battery management method".into(),
            filing_date: Some(d("2021-01-01")),
            grant_date: Some(d("2023-01-01")),
            status: LegalStatus::Granted,
            ..PatentData::default()
        })
        .unwrap()
        .id;
    s.link_family(family, us).unwrap();
    let mut um = invention(7, "2010-01-01", Some("2011-01-01"));
    um.kind = PatentKind::Utility;
    um.app_no = cn(2010, 2, 7);
    um.sei_category = "新材料产业".into();
    let um = s.add_patent(um).unwrap().id;
    s.add_record(AwardData {
        kind: AwardKind::ChinaPatent,
        name: "中国专利奖".into(),
        level: "银奖".into(),
        year: Some(2024),
        patent_ids: vec![awarded],
        notes: String::new(),
    })
    .unwrap();
    s.add_record(AwardData {
        kind: AwardKind::ProvincialPatent,
        name: "湖南专利奖".into(),
        level: "二等奖".into(),
        year: Some(2024),
        patent_ids: vec![plain],
        notes: String::new(),
    })
    .unwrap();
    s.add_record(PledgeData {
        pledgor: "甲".into(),
        pledgee: "乙银行".into(),
        loan_amount: Money::yuan(10_000_000),
        patent_ids: vec![pledged],
        ..PledgeData::default()
    })
    .unwrap();

    let codes = |s: &Store, id| -> Vec<String> {
        s.high_value_of(id, today)
            .unwrap()
            .reasons
            .into_iter()
            .map(|r| r.code)
            .collect()
    };
    assert!(
        codes(&s, plain).is_empty(),
        "a provincial award is not a category"
    );
    assert_eq!(codes(&s, old), ["maintained10"]);
    assert_eq!(codes(&s, sei), ["sei"]);
    assert_eq!(codes(&s, awarded), ["award"]);
    assert_eq!(codes(&s, family), ["overseas"]);
    assert!(
        codes(&s, pledged).is_empty(),
        "no threshold set: the pledge category cannot fire"
    );
    assert!(codes(&s, um).is_empty(), "utility models never count");
    s.set_pledge_threshold(Some(Money::yuan(5_000_000)))
        .unwrap();
    assert_eq!(codes(&s, pledged), ["pledge"]);
    let reason = s.high_value_of(pledged, today).unwrap().reasons.remove(0);
    assert!(!reason.confirmed, "shown as unconfirmed");
    // The English interface gets the category and the detail in English.
    assert_eq!(reason.label_en, "Invention pledged for a high loan amount");
    assert_eq!(
        reason.detail_en,
        "pledged for 10000000 yuan (threshold 5000000 yuan)"
    );
    assert!(reason.detail.starts_with("质押融资"), "{}", reason.detail);
    let old_reason = s.high_value_of(old, today).unwrap().reasons.remove(0);
    assert!(
        old_reason.detail_en.starts_with("maintained ")
            && old_reason.detail_en.ends_with(" years since filing"),
        "{}",
        old_reason.detail_en
    );
    for c in s.rules().high_value_categories() {
        assert!(!c.label_en.is_empty(), "{} has no English label", c.code);
    }

    let hv = s.high_value(today).unwrap();
    assert_eq!(hv.len(), 6, "every valid CN invention is listed");
    assert!(
        hv.iter()
            .find(|h| h.patent_id == old)
            .unwrap()
            .over_seven_years
    );
    assert!(
        !hv.iter()
            .find(|h| h.patent_id == plain)
            .unwrap()
            .over_seven_years
    );

    // The listing's SQL flag agrees with the per-patent computation.
    let flagged = s
        .list_patents(
            &PatentQuery {
                high_value: Some(true),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    let mut ids: Vec<i64> = flagged.items.iter().map(|r| r.patent.id).collect();
    ids.sort_unstable();
    let mut expect: Vec<i64> = hv
        .iter()
        .filter(|h| h.is_high_value())
        .map(|h| h.patent_id)
        .collect();
    expect.sort_unstable();
    assert_eq!(ids, expect);
}

#[test]
fn unlinking_a_family_removes_the_link_both_ways_and_its_high_value_reason() {
    let (db, mut s) = Db::new();
    let today = d("2026-11-21");
    let cn = s
        .add_patent(invention(6, "2020-01-01", Some("2022-01-01")))
        .unwrap()
        .id;
    let us = s
        .add_patent(PatentData {
            jurisdiction: "US".into(),
            app_no: "17/123,456".into(),
            title: "Battery management method".into(),
            filing_date: Some(d("2021-01-01")),
            grant_date: Some(d("2023-01-01")),
            status: LegalStatus::Granted,
            ..PatentData::default()
        })
        .unwrap()
        .id;
    let members =
        |s: &Store, id| -> Vec<i64> { s.family(id).unwrap().into_iter().map(|p| p.id).collect() };
    s.link_family(cn, us).unwrap();
    assert_eq!(
        (members(&s, cn), members(&s, us)),
        (vec![us], vec![cn]),
        "linked both ways"
    );
    assert_eq!(
        s.high_value_of(cn, today).unwrap().reasons[0].code,
        "overseas",
        "a granted US member makes the invention high-value"
    );

    // Unlinked from the other end: a link is one row whatever the order.
    s.unlink_family(us, cn).unwrap();
    assert!(
        members(&s, cn).is_empty() && members(&s, us).is_empty(),
        "unlinked both ways"
    );
    assert!(
        s.high_value_of(cn, today).unwrap().reasons.is_empty(),
        "the overseas reason goes with the link"
    );
    let h = s.history(Entity::Patent, us).unwrap();
    assert_eq!(
        h[0].changes["familyMember"],
        serde_json::json!([cn, null]),
        "the unlink is in the audit trail: {h:?}"
    );
    assert!(
        s.patent(cn).is_ok() && s.patent(us).is_ok(),
        "only the link goes"
    );

    let before = db.rows();
    s.unlink_family(cn, us).unwrap();
    db.assert_unchanged(&before, "unlinking patents that are not linked");
}

#[test]
fn search_filters_sorts_and_pages() {
    let mut s = Store::open_in_memory().unwrap();
    let today = d("2026-11-21");
    let rows = ipdesk_core::sample::ledger(300, 3, today);
    s.add_patents(rows.clone()).unwrap();
    let q = |text: &str| {
        s.list_patents(
            &PatentQuery {
                text: text.into(),
                ..Default::default()
            },
            today,
        )
        .unwrap()
    };
    let expect =
        |pred: &dyn Fn(&PatentData) -> bool| rows.iter().filter(|p| pred(p)).count() as u64;
    assert_eq!(
        q("电池管理系统").total,
        expect(&|p| p.title.contains("电池管理系统")),
        "three+ characters use FTS"
    );
    assert_eq!(
        q("电机").total,
        expect(&|p| p.title.contains("电机") || p.tags.iter().any(|t| t.contains("电机")))
    );
    assert_eq!(
        q("张伟").total,
        expect(&|p| p.inventors.iter().any(|i| i == "张伟"))
    );
    let one = &rows[17];
    let hit = q(&format!(
        "ZL{}",
        ipdesk_core::parse_cn_app_no(&one.app_no).unwrap()
    ));
    assert_eq!(
        hit.total, 1,
        "a patent number with ZL and dot finds its patent"
    );
    assert_eq!(hit.items[0].patent.data.app_no, one.app_no);
    assert_eq!(q("不存在的词语").total, 0);

    let page = s
        .list_patents(
            &PatentQuery {
                kind: Some(PatentKind::Invention),
                sort: SortKey::Title,
                descending: true,
                offset: 10,
                limit: 20,
                ..Default::default()
            },
            today,
        )
        .unwrap();
    assert_eq!(page.total, expect(&|p| p.kind == PatentKind::Invention));
    assert_eq!(page.items.len(), 20);
    assert!(page
        .items
        .windows(2)
        .all(|w| w[0].patent.data.title >= w[1].patent.data.title));

    // "Due within 60 days" (overdue included) of a granted patent, decided
    // row by row from the whole ledger as listed.
    let by = d("2027-01-20");
    let all = s.list_patents(&PatentQuery::default(), today).unwrap();
    let mut expect_due: Vec<i64> = all
        .items
        .iter()
        .filter(|r| {
            r.patent.data.status == LegalStatus::Granted && r.next_fee_due.is_some_and(|n| n <= by)
        })
        .map(|r| r.patent.id)
        .collect();
    expect_due.sort_unstable();
    assert!(
        !expect_due.is_empty() && expect_due.len() < all.items.len(),
        "the sample has fees due within 60 days and patents without, so the filter is tested"
    );
    let due = s
        .list_patents(
            &PatentQuery {
                fee_due_within_days: Some(60),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    let mut due_ids: Vec<i64> = due.items.iter().map(|r| r.patent.id).collect();
    due_ids.sort_unstable();
    assert_eq!(
        (due.total, due_ids),
        (expect_due.len() as u64, expect_due),
        "the filter keeps exactly the granted patents whose next fee is due by {by}"
    );
    let tagged = s
        .list_patents(
            &PatentQuery {
                tag: Some("电池".into()),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    assert_eq!(
        tagged.total,
        expect(&|p| p.tags.contains(&"电池".to_string()))
    );
}

#[test]
fn fee_status_reports_grace_with_todays_late_fee() {
    let mut s = Store::open_in_memory().unwrap();
    let mut p = invention(1, "2020-03-11", Some("2022-08-02"));
    p.fee_reduction = FeeReduction::P85;
    let id = s.add_patent(p).unwrap().id;
    let FeeStatus::InGrace { year, late_fee, .. } =
        s.fee_schedule(id, d("2023-05-20")).unwrap().status
    else {
        panic!("year 4 was due 2023-03-11 (moved to Monday the 13th)")
    };
    assert_eq!((year, late_fee), (4, Money::yuan(120)));
}

#[test]
fn fee_columns_written_at_insert_match_a_full_recompute() {
    let today = d("2026-11-21");
    let mut s = Store::open_in_memory().unwrap();
    s.add_patents(ipdesk_core::sample::ledger(300, 7, today))
        .unwrap();
    let all = PatentQuery::default();
    let derived = |s: &Store| -> Vec<_> {
        s.list_patents(&all, today)
            .unwrap()
            .items
            .into_iter()
            .map(|r| (r.patent.id, r.next_fee_due, r.fees_paid_to))
            .collect()
    };
    let at_insert = derived(&s);
    s.refresh_all_fee_fields().unwrap();
    assert_eq!(
        at_insert,
        derived(&s),
        "insert computes the fee columns from the data; re-reading each row must agree"
    );
    assert!(
        at_insert.iter().any(|(_, next, _)| next.is_some()),
        "the sample has patents with fees due, so the comparison means something"
    );
}

#[test]
fn a_remembered_listing_follows_writes_from_this_and_other_connections() {
    // The store keeps the ordered ids of recent listings so that turning
    // pages does not filter again; any change to the data must show.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut s = Store::open(&path).unwrap();
    let today = d("2026-11-21");
    let rows = ipdesk_core::sample::ledger(60, 5, today);
    s.add_patents(rows[..40].to_vec()).unwrap();
    let q = PatentQuery {
        sort: SortKey::AppNo,
        limit: 10,
        ..Default::default()
    };
    let first = s.list_patents(&q, today).unwrap();
    assert_eq!(first.total, 40);
    let second = s
        .list_patents(
            &PatentQuery {
                offset: 10,
                ..q.clone()
            },
            today,
        )
        .unwrap();
    assert_eq!(second.total, 40);
    assert!(first.items[9].patent.data.app_no < second.items[0].patent.data.app_no);

    // A write through this store.
    s.add_patent(rows[40].clone()).unwrap();
    assert_eq!(s.list_patents(&q, today).unwrap().total, 41);
    let gone = s.list_patents(&q, today).unwrap().items[0].patent.id;
    s.delete_patent(gone).unwrap();
    let after = s.list_patents(&q, today).unwrap();
    assert_eq!(after.total, 40);
    assert!(after.items.iter().all(|r| r.patent.id != gone));

    // A write through another connection (another process, say).
    {
        let mut other = Store::open(&path).unwrap();
        other.add_patents(rows[41..].to_vec()).unwrap();
    }
    assert_eq!(s.list_patents(&q, today).unwrap().total, 59);

    // Another filter over the same data, and the same one again.
    let inventions = PatentQuery {
        kind: Some(PatentKind::Invention),
        ..q.clone()
    };
    let n = s.list_patents(&inventions, today).unwrap().total;
    assert!(n < 59);
    assert_eq!(s.list_patents(&q, today).unwrap().total, 59);
    assert_eq!(s.list_patents(&inventions, today).unwrap().total, n);
}

#[test]
fn the_dashboard_lists_the_most_urgent_fees_in_grace_and_counts_them_all() {
    let today = d("2026-11-21");
    let mut s = Store::open_in_memory().unwrap();
    s.add_patents(ipdesk_core::sample::ledger(3000, 11, today))
        .unwrap();
    let f = s.forecast(today, 12).unwrap();
    let grace: Vec<_> = f.items.iter().filter(|i| i.in_grace).collect();
    assert!(
        grace.len() > ipdesk_core::GRACE_ROWS,
        "the sample has more fees in grace ({}) than the page lists",
        grace.len()
    );
    let dash = s.dashboard(today).unwrap();
    assert_eq!(dash.in_grace_count as usize, grace.len());
    assert_eq!(
        dash.in_grace_total,
        grace.iter().map(|i| i.payable + i.late_fee).sum::<Money>()
    );
    assert_eq!(dash.in_grace.len(), ipdesk_core::GRACE_ROWS);
    assert!(
        dash.in_grace.iter().zip(&grace).all(|(a, b)| a == *b),
        "the listed ones are those whose grace ends first"
    );
}

/// A 29 February filing reaches its anniversary on 28 February in common
/// years (专利法实施细则 art. 6): the listing's SQL flag and the per-patent
/// computation must agree on the day it passes ten years.
#[test]
fn the_ten_year_mark_of_a_29_february_filing_is_the_same_in_listing_and_detail() {
    let mut s = Store::open_in_memory().unwrap();
    let mut data = invention(77, "2016-02-29", Some("2018-05-04"));
    data.status = LegalStatus::Granted;
    let id = s.add_patent(data).unwrap().id;
    let q = PatentQuery {
        high_value: Some(true),
        ..Default::default()
    };
    for (today, expect) in [("2026-02-28", false), ("2026-03-01", true)] {
        let today = d(today);
        let detail = s.high_value_of(id, today).unwrap().is_high_value();
        let listed = s.list_patents(&q, today).unwrap().total == 1;
        assert_eq!(detail, expect, "detail on {today}");
        assert_eq!(listed, detail, "listing and detail agree on {today}");
    }
}

/// The dashboard's 7-year count is the high-value list's, on any day —
/// including a 29 February, when "seven years ago" has no such day.
#[test]
fn the_dashboard_counts_seven_year_inventions_as_the_list_marks_them() {
    let mut s = Store::open_in_memory().unwrap();
    for (serial, filed) in [
        (1, "2021-02-28"),
        (2, "2021-03-01"),
        (3, "2020-06-01"),
        (4, "2005-01-01"),
    ] {
        let mut p = invention(serial, filed, Some("2023-01-05"));
        p.status = LegalStatus::Granted;
        s.add_patent(p).unwrap();
    }
    for today in ["2028-02-29", "2028-03-01", "2028-03-02", "2026-11-21"] {
        let today = d(today);
        let listed = s
            .high_value(today)
            .unwrap()
            .iter()
            .filter(|h| h.over_seven_years)
            .count();
        assert_eq!(
            s.dashboard(today).unwrap().over_seven_years as usize,
            listed,
            "on {today}"
        );
    }
    assert_eq!(
        s.dashboard(d("2028-02-29")).unwrap().over_seven_years,
        2,
        "filed 2021-02-28 and 2020-06-01; 2021-03-01 is not yet seven years; 2005 is past its term"
    );
}

#[test]
fn tags_are_counted_most_used_first_and_filter_the_ledger() {
    let mut s = Store::open_in_memory().unwrap();
    for (serial, tags) in [
        (1, vec!["电池", "储能"]),
        (2, vec!["电池"]),
        (3, vec![]),
        (4, vec!["储能", "电池"]),
    ] {
        let mut p = invention(serial, "2020-01-02", None);
        p.tags = tags.into_iter().map(String::from).collect();
        s.add_patent(p).unwrap();
    }
    let tags: Vec<(String, u32)> = s
        .tags()
        .unwrap()
        .into_iter()
        .map(|t| (t.tag, t.patents))
        .collect();
    assert_eq!(tags, [("电池".to_string(), 3), ("储能".to_string(), 2)]);
    let tagged = s
        .list_patents(
            &PatentQuery {
                tag: Some("储能".into()),
                ..Default::default()
            },
            d("2026-11-21"),
        )
        .unwrap();
    assert_eq!(tagged.total, 2, "the filter finds what the count says");
}

/// One or two Chinese characters are looked up in the character index and
/// a tag in its rows (issue 17): they find exactly what a scan of the
/// columns would, follow every edit and delete, and never join two list
/// items into one word.
#[test]
fn short_searches_and_tags_follow_edits_like_a_scan_would() {
    let mut s = Store::open_in_memory().unwrap();
    let today = d("2026-12-03");
    let mut a = invention(1, "2019-03-01", None);
    a.title = "一种电机控制装置".into();
    a.inventors = vec!["张三".into(), "李四".into()];
    a.tags = vec!["电机".into(), "核心".into()];
    let a = s.add_patent(a).unwrap();
    let mut b = invention(2, "2020-03-01", None);
    b.title = "电池包的散热结构".into();
    b.tags = vec!["电池".into()];
    let b = s.add_patent(b).unwrap();
    let ids = |s: &Store, text: &str, tag: Option<&str>| -> Vec<i64> {
        s.list_patents(
            &PatentQuery {
                text: text.into(),
                tag: tag.map(Into::into),
                ..Default::default()
            },
            today,
        )
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.patent.id)
        .collect()
    };
    assert_eq!(ids(&s, "电机", None), [a.id], "title and tag");
    assert_eq!(ids(&s, "电", None), [a.id, b.id], "one character");
    assert_eq!(ids(&s, "王芳", None), [b.id], "an inventor");
    assert!(
        ids(&s, "三李", None).is_empty(),
        "two inventors are not one word"
    );
    assert!(ids(&s, "核电", None).is_empty(), "nor two tags");
    assert_eq!(ids(&s, "", Some("电机")), [a.id], "a tag");
    assert!(ids(&s, "", Some("电")).is_empty(), "a tag matches whole");
    assert_eq!(
        ids(&s, "装置", Some("核心")),
        [a.id],
        "text and tag together"
    );
    assert_eq!(
        s.tags()
            .unwrap()
            .iter()
            .map(|t| (t.tag.as_str(), t.patents))
            .collect::<Vec<_>>(),
        [("核心", 1), ("电机", 1), ("电池", 1)]
    );

    // An edit moves the words and the tags; a delete takes them away.
    let mut edited = a.data.clone();
    edited.title = "一种齿轮箱".into();
    edited.tags = vec!["齿轮".into()];
    s.update_patent(a.id, edited).unwrap();
    assert!(
        ids(&s, "电机", None).is_empty(),
        "the old title and tag are gone"
    );
    assert_eq!(ids(&s, "齿轮", None), [a.id]);
    assert_eq!(ids(&s, "", Some("齿轮")), [a.id]);
    assert!(ids(&s, "", Some("电机")).is_empty());
    s.delete_patent(b.id).unwrap();
    assert!(ids(&s, "电池", None).is_empty());
    assert!(ids(&s, "", Some("电池")).is_empty());
    assert_eq!(
        s.tags()
            .unwrap()
            .iter()
            .map(|t| t.tag.as_str())
            .collect::<Vec<_>>(),
        ["齿轮"]
    );
}

/// The home page's counts come from index ranges now (issue 17); they
/// must still count what they say: valid CN patents by kind, granted
/// foreign ones, and CN filings per year and kind (years without a filing
/// left out).
#[test]
fn the_dashboard_counts_by_kind_jurisdiction_and_filing_year() {
    let mut s = Store::open_in_memory().unwrap();
    let mut add = |serial: u32, kind: PatentKind, filed: &str, status: LegalStatus, jur: &str| {
        let digit = match kind {
            PatentKind::Invention => 1,
            PatentKind::Utility => 2,
            PatentKind::Design => 3,
        };
        let mut p = invention(serial, filed, None);
        p.kind = kind;
        p.status = status;
        if jur == "CN" {
            p.app_no = cn(filed[..4].parse().unwrap(), digit, serial);
            if status == LegalStatus::Granted {
                p.grant_date = Some(d(filed) + chrono::Days::new(400));
            }
        } else {
            p.jurisdiction = jur.into();
            p.app_no = format!("17/{serial:03},000");
        }
        s.add_patent(p).unwrap();
    };
    use LegalStatus::*;
    use PatentKind::*;
    add(1, Invention, "2019-12-31", Granted, "CN");
    add(2, Invention, "2020-01-01", Granted, "CN");
    add(3, Utility, "2020-06-01", Granted, "CN");
    add(4, Utility, "2020-07-01", Examination, "CN");
    add(5, Design, "2023-03-01", Granted, "CN");
    add(6, Invention, "2021-03-01", Granted, "US");
    add(7, Invention, "2021-04-01", Examination, "EP");
    let dash = s.dashboard(d("2026-12-03")).unwrap();
    assert_eq!(
        (
            dash.valid_inventions,
            dash.valid_utility_models,
            dash.valid_designs
        ),
        (2, 1, 1)
    );
    assert_eq!(
        dash.foreign_valid, 1,
        "the granted US patent, not the EP application"
    );
    assert_eq!(dash.pending, 2);
    let years: Vec<(i32, u32, u32, u32)> = dash
        .by_filing_year
        .iter()
        .map(|y| (y.year, y.invention, y.utility, y.design))
        .collect();
    assert_eq!(
        years,
        [(2019, 1, 0, 0), (2020, 1, 2, 0), (2023, 0, 0, 1)],
        "CN filings only, by year and kind; 2021 (foreign only) and 2022 are left out"
    );
}

/// A database whose patent ids are huge or negative (edited by hand, or a
/// hostile file) is searched like any other: the id sets do not allocate
/// by the largest id.
#[test]
fn patents_with_huge_or_negative_ids_are_found_by_search_and_tag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.db");
    let mut s = Store::open(&path).unwrap();
    let mut p = invention(9, "2019-03-01", None);
    p.tags = vec!["电机".into()];
    let a = s.add_patent(p.clone()).unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    {
        let (from, to) = (a.id, i64::MAX - 1);
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             UPDATE patent SET id = {to} WHERE id = {from};
             UPDATE patent_tag SET patent_id = {to} WHERE patent_id = {from};
             DELETE FROM patent_chars WHERE rowid = {from};
             INSERT INTO patent_chars (rowid, title, applicants, inventors, tags)
               VALUES ({to}, ' 电  池 ', '', '', ' 电  机 ');"
        ))
        .unwrap();
    }
    drop(conn);
    let s = Store::open(&path).unwrap();
    let ids = |text: &str, tag: Option<&str>| -> Vec<i64> {
        s.list_patents(
            &PatentQuery {
                text: text.into(),
                tag: tag.map(Into::into),
                ..Default::default()
            },
            d("2026-12-03"),
        )
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.patent.id)
        .collect()
    };
    assert_eq!(ids("电池", None), [i64::MAX - 1]);
    assert_eq!(ids("", Some("电机")), [i64::MAX - 1]);
}
