//! 案卷一 finished for real portfolios: the shipped holiday calendar,
//! trademark renewals, the keep-or-drop decision, restoration, and the
//! grant-year payment.

use crate::Db;
use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, approval_pdf, Decision, DecisionInput, Entity, Error, FilingChannel,
    LegalStatus, Money, PatentData, PatentKind, PaymentInput, RenewalState, Rules, Store,
    TrademarkData, TrademarkStatus,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cn(year: i32, type_digit: u8, serial: u32) -> String {
    let body = format!("{year}{type_digit}{serial:07}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn granted(serial: u32, filed: &str, granted: &str, paid_through: Option<u32>) -> PatentData {
    PatentData {
        kind: PatentKind::Invention,
        app_no: cn(filed[..4].parse().unwrap(), 1, serial),
        title: format!("一种储能变流方法（{serial}）"),
        filing_date: Some(d(filed)),
        grant_date: Some(d(granted)),
        status: LegalStatus::Granted,
        fees_paid_through: paid_through,
        ..PatentData::default()
    }
}

fn mark(reg_no: &str, reg: &str, classes: Vec<u32>) -> TrademarkData {
    TrademarkData {
        reg_no: reg_no.into(),
        mark: "星辰".into(),
        classes,
        reg_date: Some(d(reg)),
        status: TrademarkStatus::Registered,
        ..TrademarkData::default()
    }
}

#[test]
fn a_trademark_term_ends_the_day_before_its_tenth_anniversary() {
    // trademark-calendar.md §3.2: R = 2015-03-14 → E = 2025-03-13 (条例
    // 第12条第2款), window from 2024-03-14, grace to 2025-09-13.
    let r = Rules::bundled();
    let e = r.trademark_term_end(d("2015-03-14"));
    assert_eq!(e, d("2025-03-13"));
    let on = |day: &str| r.trademark_renewal(e, 1, FilingChannel::Online, d(day));
    assert_eq!(on("2024-03-13").state, RenewalState::NotYet);
    assert_eq!(on("2024-03-14").state, RenewalState::Open);
    assert_eq!(on("2024-03-14").window_opens, d("2024-03-14"));
    assert_eq!(
        on("2025-03-13").state,
        RenewalState::Open,
        "the expiry day itself"
    );
    assert_eq!(on("2025-03-14").state, RenewalState::InGrace);
    // The last day of the grace period (a Saturday: not moved, §3.2).
    let last = on("2025-09-13");
    assert_eq!(
        (last.state, last.grace_end),
        (RenewalState::InGrace, d("2025-09-13"))
    );
    assert_eq!(on("2025-09-14").state, RenewalState::Lapsed);
    // Registered on 29 February: the month has no 29th ten years on, so the
    // term ends on its last day (28 February), as for 1 March.
    assert_eq!(r.trademark_term_end(d("2016-02-29")), d("2026-02-28"));
    assert_eq!(r.trademark_term_end(d("2016-03-01")), d("2026-02-28"));
}

#[test]
fn renewal_fees_follow_the_notice_in_force_the_channel_and_the_classes() {
    // §3.3: 2019-07-01 on, 500 paper / 450 online per class, late 250 / 225;
    // 2017-04-01 to 2019-06-30, 1000 / 250 either way.
    let r = Rules::bundled();
    let e = d("2025-03-13");
    let online = r.trademark_renewal(e, 3, FilingChannel::Online, d("2024-06-01"));
    assert_eq!((online.fee, online.late_fee), (Money::yuan(1350), Money(0)));
    let paper = r.trademark_renewal(e, 3, FilingChannel::Paper, d("2025-04-01"));
    assert_eq!(
        (paper.fee, paper.late_fee),
        (Money::yuan(1500), Money::yuan(750))
    );
    let old = r.trademark_renewal(d("2019-03-13"), 1, FilingChannel::Online, d("2018-06-01"));
    assert_eq!((old.fee, old.fee_confirmed), (Money::yuan(1000), true));
    let older = r.trademark_renewal(d("2016-03-13"), 1, FilingChannel::Online, d("2015-06-01"));
    assert_eq!(
        (older.fee, older.fee_confirmed),
        (Money::yuan(2000), false),
        "the 1995 schedule is one repost"
    );
}

#[test]
fn renewing_moves_the_term_on_ten_years_and_is_refused_outside_the_windows() {
    let (_db, mut s) = Db::new();
    s.add_record(mark("30000001", "2016-12-14", vec![9, 42]))
        .unwrap();
    let due = s
        .trademark_renewals(d("2026-12-02"), 12, FilingChannel::Online)
        .unwrap();
    assert_eq!(due.len(), 1);
    assert!(
        due[0].expiry_computed,
        "no expiry recorded: computed from 注册日"
    );
    assert_eq!(due[0].dates.expiry, d("2026-12-13"));
    assert_eq!(due[0].dates.state, RenewalState::Open);

    let err = s
        .renew_trademark("30000001", d("2025-12-13"), FilingChannel::Online, None)
        .unwrap_err();
    assert!(err.to_string().contains("续展期自 2025-12-14"), "{err}");
    // In the grace period: the late fee is added for both classes.
    let r = s
        .renew_trademark("30000001", d("2027-06-13"), FilingChannel::Online, None)
        .unwrap();
    assert_eq!(
        (r.previous_expiry, r.new_expiry),
        (d("2026-12-13"), d("2036-12-13"))
    );
    assert_eq!((r.amount, r.late_fee), (Money::yuan(900), Money::yuan(450)));
    let t = s.list_records::<TrademarkData>().unwrap();
    assert_eq!(t[0].data.expiry_date, Some(d("2036-12-13")));
    assert_eq!(s.trademark_renewal_history(t[0].id).unwrap(), vec![r]);
    assert!(
        s.history(Entity::Trademark, t[0].id)
            .unwrap()
            .iter()
            .any(|h| h.action == "update"),
        "the term change is audited"
    );
    // Past the grace period: cancelled, not renewable.
    s.add_record(mark("30000002", "2010-01-05", vec![9]))
        .unwrap();
    let err = s
        .renew_trademark("30000002", d("2026-12-02"), FilingChannel::Online, None)
        .unwrap_err();
    assert!(
        err.to_string().contains("宽展期已于 2020-07-04 届满"),
        "{err}"
    );
    let due = s
        .trademark_renewals(d("2026-12-02"), 12, FilingChannel::Online)
        .unwrap();
    assert_eq!(
        due.iter()
            .map(|r| (r.reg_no.as_str(), r.dates.state))
            .collect::<Vec<_>>(),
        [("30000002", RenewalState::Lapsed)],
        "a mark still recorded as registered past its grace period is listed to be checked"
    );
    let dash = s.dashboard(d("2026-12-02")).unwrap();
    assert_eq!(dash.renewals.len(), 1);
}

#[test]
fn a_dropped_fee_needs_a_reason_stops_warning_and_reaches_the_approval_sheet() {
    let (db, mut s) = Db::new();
    // Year 9 is due 2027-01-20, 49 days after 2026-12-02.
    let p = s
        .add_patent(granted(11, "2019-01-20", "2021-03-05", Some(8)))
        .unwrap();
    let today = d("2026-12-02");
    let before = s.dashboard(today).unwrap();
    assert_eq!(before.due[1].count, 1, "due within 60 days");
    let input = |decision, reason: &str| DecisionInput {
        patent_year: 9,
        decision,
        reason: reason.into(),
        decided_by: "李娜".into(),
        decided_on: None,
    };
    let rows = db.rows();
    let err = s
        .decide_fee(p.id, input(Decision::Drop, "  "), today)
        .unwrap_err();
    assert!(
        matches!(err, Error::Missing { .. }) && err.to_string().contains("放弃理由"),
        "{err}"
    );
    let err = s
        .decide_fee(p.id, input(Decision::Pay, ""), today)
        .map(|_| ());
    assert!(err.is_ok());
    let err = s
        .decide_fee(
            p.id,
            DecisionInput {
                patent_year: 8,
                ..input(Decision::Pay, "")
            },
            today,
        )
        .unwrap_err();
    assert!(err.to_string().contains("已缴纳"), "{err}");
    assert_ne!(db.rows(), rows, "the pay decision was written");
    let dropped = s
        .decide_fee(p.id, input(Decision::Drop, "产品已停产，技术被替代"), today)
        .unwrap();
    assert_eq!(dropped.decided_on, today);
    assert_eq!(s.fee_decisions(p.id).unwrap(), vec![dropped.clone()]);
    let after = s.dashboard(today).unwrap();
    assert_eq!(
        (after.due[1].count, after.dropped),
        (0, 1),
        "a dropped fee stops warning"
    );
    let history = s.history(Entity::Patent, p.id).unwrap();
    assert!(
        history
            .iter()
            .filter(|h| h.changes.to_string().contains("feeDecision9"))
            .count()
            >= 2,
        "each decision is audited under the patent: {history:?}"
    );

    let report = s.approval_report(12, today).unwrap();
    assert_eq!(report.rows.len(), 1);
    assert_eq!(
        report.rows[0].decision.as_ref().map(|d| d.decision),
        Some(Decision::Drop)
    );
    assert_eq!(report.totals().1, 1);
    let pdf = approval_pdf(&report, &mut |_| {}).unwrap();
    let text = crate::pdf_text(&pdf);
    for needed in [
        "年费缴纳审批表",
        "产品已停产，技术被替代",
        "放弃",
        "分管领导",
        "签字",
    ] {
        assert!(text.contains(needed), "{needed} in {text}");
    }
}

#[test]
fn the_grant_year_fee_paid_at_registration_never_owes_a_late_fee() {
    // Filed 2018-04-02, granted 2020-06-30: the grant year is year 3
    // (anniversary 2020-04-02); the registration fee is paid months later.
    let (_db, mut s) = Db::new();
    let p = s
        .add_patent(granted(12, "2018-04-02", "2020-06-30", None))
        .unwrap();
    let pay = |s: &mut Store, date: &str| {
        s.record_payment(
            p.id,
            PaymentInput {
                patent_year: 3,
                paid_date: Some(d(date)),
                ..PaymentInput::default()
            },
        )
    };
    let paid = pay(&mut s, "2020-07-20").unwrap();
    assert_eq!(
        paid.late_fee,
        Money(0),
        "3½ months after the anniversary: no late fee"
    );
    // A registration more than 6 months after the anniversary is no lapse either.
    let q = s
        .add_patent(granted(13, "2018-01-10", "2020-09-30", None))
        .unwrap();
    let late = s
        .record_payment(
            q.id,
            PaymentInput {
                patent_year: 3,
                paid_date: Some(d("2020-10-20")),
                ..PaymentInput::default()
            },
        )
        .unwrap();
    assert_eq!(late.late_fee, Money(0));
}

#[test]
fn a_year_after_a_lapsed_one_cannot_be_paid_and_the_lapse_shows_its_restoration_window() {
    // Granted in patent year 2; year 3 (due 2020-05-10) unpaid through its
    // grace period: the patent terminated, so year 4 cannot be paid even in
    // its own window.
    let (_db, mut s) = Db::new();
    let p = s
        .add_patent(granted(14, "2018-05-10", "2020-03-01", None))
        .unwrap();
    let err = s
        .record_payment(
            p.id,
            PaymentInput {
                patent_year: 4,
                paid_date: Some(d("2021-05-01")),
                ..PaymentInput::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("专利权已终止"), "{err}");
    let f = s.forecast(d("2020-12-01"), 12).unwrap();
    let lapsed = f
        .lapsed
        .iter()
        .find(|i| i.year == 3)
        .expect("year 3 lapsed");
    let r = lapsed.restoration.as_ref().expect("a restoration window");
    // Grace ends 2020-11-10; the notice ≈ a month later; 2 months from it.
    assert_eq!((r.closes, r.estimated), (d("2021-02-10"), true));
    assert_eq!(r.request_fee, Money::yuan(1000));
    assert_eq!(r.late_fee, lapsed.full.percent(25));
}

#[test]
fn deadlines_in_a_year_without_a_shipped_calendar_are_named() {
    let (_db, mut s) = Db::new();
    s.add_patent(granted(15, "2019-01-20", "2021-03-05", Some(8)))
        .unwrap();
    let f = s.forecast(d("2026-12-02"), 12).unwrap();
    assert_eq!(f.calendar_missing, [2027]);
    s.set_holiday(d("2027-02-08"), false, "春节").unwrap();
    let f = s.forecast(d("2026-12-02"), 12).unwrap();
    assert!(
        f.calendar_missing.is_empty(),
        "an own day makes the year known"
    );
    let cal = s.holiday_calendar(Some(2026)).unwrap();
    let work: Vec<String> = cal
        .days
        .iter()
        .filter(|d| d.working)
        .map(|d| d.date.to_string())
        .collect();
    assert_eq!(
        work,
        [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10"
        ],
        "the 2026 notice's make-up working days"
    );
}

#[test]
fn a_damaged_pledge_threshold_is_named_and_can_be_set_again() {
    let (db, mut s) = Db::new();
    s.set_pledge_threshold(Some(Money::yuan(1_000_000)))
        .unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE setting SET value = '一百万' WHERE key LIKE '%pledge%'",
        [],
    )
    .unwrap();
    drop(conn);
    let mut s = Store::open(&db.path).unwrap();
    let err = s.pledge_threshold().unwrap_err();
    assert!(err.to_string().contains("质押融资阈值"), "{err}");
    // The officer fixes it where the message says: it is accepted.
    s.set_pledge_threshold(Some(Money::yuan(500_000))).unwrap();
    assert_eq!(s.pledge_threshold().unwrap(), Some(Money::yuan(500_000)));
    let err = s.set_pledge_threshold(Some(Money(-1))).unwrap_err();
    assert!(err.to_string().contains("不能为负数"), "{err}");
}

#[test]
fn linked_patents_are_labelled_by_number_and_title_in_the_order_asked() {
    let (_db, mut s) = Db::new();
    let a = s
        .add_patent(granted(21, "2019-01-20", "2021-03-05", Some(8)))
        .unwrap();
    let b = s
        .add_patent(granted(22, "2019-02-20", "2021-03-05", Some(8)))
        .unwrap();
    let labels = s.patent_labels(&[b.id, 9999, a.id]).unwrap();
    assert_eq!(
        labels
            .iter()
            .map(|l| (l.id, l.display_app_no.clone()))
            .collect::<Vec<_>>(),
        [(b.id, b.display_app_no()), (a.id, a.display_app_no())],
        "a deleted id is left out"
    );
    assert!(labels[0].display_app_no.contains('.'), "dotted CN number");
    assert_eq!(labels[1].title, a.data.title);
}

/// The 商标续展 page on paper: the mark in grace with its fee and late fee
/// for the channel chosen, the mark far from its window left out, and a
/// period out of range refused naming the field.
#[test]
fn the_renewal_plan_prints_the_marks_due_with_the_channels_fees() {
    let mut s = Store::open_in_memory().unwrap();
    s.add_record(mark("8000001", "2015-03-13", vec![9, 35, 42]))
        .unwrap();
    s.add_record(mark("8000002", "2022-01-10", vec![9]))
        .unwrap();
    let r = s
        .renewal_report(12, FilingChannel::Paper, d("2025-04-01"))
        .unwrap();
    assert_eq!(r.rows.len(), 1, "only the mark in its grace period");
    let text = crate::pdf_text(&ipdesk_core::renewal_plan_pdf(&r, &mut |_| {}).unwrap());
    for want in [
        "商标续展计划",
        "提交方式：纸件",
        "期间：未来12个月",
        // §3.3: paper, 500 per class and 250 late per class, three classes.
        "共1件，续展费用合计2,250.00元",
        "8000001",
        "9、35、42",
        "2,250.00",
    ] {
        assert!(text.contains(want), "the reader sees {want}: {text}");
    }
    assert!(
        !text.contains("8000002"),
        "a mark years from renewal is left out"
    );
    let err = s
        .renewal_report(0, FilingChannel::Online, d("2025-04-01"))
        .unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
}

/// The 节假日 page on paper: the year's notice, its days off and make-up
/// working days, and the officer's own day marked as such.
#[test]
fn the_holiday_table_prints_the_notice_and_every_day_with_its_source() {
    let (_db, mut s) = Db::new();
    s.set_holiday(d("2026-12-31"), false, "公司年终盘点")
        .unwrap();
    let r = s.holidays_report(Some(2026), d("2026-03-02")).unwrap();
    let text = crate::pdf_text(&ipdesk_core::holidays_pdf(&r, &mut |_| {}).unwrap());
    for want in [
        "2026年节假日安排表",
        "国务院办公厅",
        "2026-02-14",
        "星期六",
        "调休上班",
        "公司年终盘点",
        "自行添加",
        "国务院通知",
    ] {
        assert!(text.contains(want), "the reader sees {want}: {text}");
    }
    let off = r.calendar.days.iter().filter(|x| !x.working).count();
    assert!(
        text.contains(&format!("放假{off}天")),
        "the count of days off: {text}"
    );
}
