//! 案卷四 (part 1): the national qualifications — 高企 (hnte-2016), 科技型
//! 中小企业 (tech-sme-2017) and the MIIT tiers (sme-tiers, 2022 and 2026
//! versions) — checked against hand-built ledgers. Each test cites the rule
//! of `shared/reference/qualification-programs.md` it checks.

use chrono::{Datelike, NaiveDate};
use ipdesk_core::{
    app_no_check_char, Acquisition, AwardData, AwardKind, Company, CriterionResult, Error,
    LegalStatus, OtherIpData, OtherIpKind, OtherIpStatus, PatentData, PatentKind, Program,
    ProgramCheck, QualificationData, RadarStatus, Store, Verdict,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cn(kind: PatentKind, serial: u32) -> String {
    let digit = match kind {
        PatentKind::Invention => 1,
        PatentKind::Utility => 2,
        PatentKind::Design => 3,
    };
    let body = format!("2019{digit}{serial:07}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_company(Company {
        name: "衡阳智电装备科技有限公司".into(),
        registration_date: Some(d("2015-04-01")),
        ..Company::default()
    })
    .unwrap();
    s
}

/// A granted CN patent; `f` adjusts it.
fn patent(
    s: &mut Store,
    kind: PatentKind,
    serial: u32,
    granted: &str,
    f: impl FnOnce(&mut PatentData),
) -> i64 {
    let mut p = PatentData {
        app_no: cn(kind, serial),
        kind,
        title: format!("一种电池管理装置 {serial}"),
        filing_date: Some(d("2019-03-01")),
        grant_date: Some(d(granted)),
        status: LegalStatus::Granted,
        ..PatentData::default()
    };
    f(&mut p);
    s.add_patent(p).unwrap().id
}

fn utility(s: &mut Store, serial: u32) -> i64 {
    patent(s, PatentKind::Utility, serial, "2020-01-10", |_| {})
}

fn check(s: &Store, id: &str, day: &str) -> ProgramCheck {
    s.check_program(id, d(day).year(), d(day)).unwrap()
}

fn criterion<'a>(c: &'a ProgramCheck, id: &str) -> &'a CriterionResult {
    c.criteria
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

/// The band reached: label and points.
fn band(r: &CriterionResult) -> (String, String) {
    let b = r
        .scale
        .iter()
        .find(|b| b.reached)
        .expect("a band is reached");
    (b.label.clone(), b.points.clone())
}

// §2.2 H-IP-1 (CN rights in force only), H-IP-4 (a class-II right once),
// H-IP-6 (trademarks never); §2.3 H-G1 (at least one countable right).
#[test]
fn hnte_counts_cn_rights_in_force_and_a_class_two_right_only_once() {
    let mut s = store();
    patent(&mut s, PatentKind::Utility, 1, "2020-01-10", |p| {
        p.hnte_used_year = Some(2023)
    });
    patent(&mut s, PatentKind::Invention, 2, "2021-01-10", |p| {
        p.jurisdiction = "US".into();
        p.app_no = "17/123,456".into();
    });
    patent(&mut s, PatentKind::Invention, 3, "2021-01-10", |p| {
        p.status = LegalStatus::Lapsed
    });
    let c = check(&s, "hnte-2016", "2026-06-30");
    let gate = criterion(&c, "ip-gate");
    assert_eq!(gate.verdict, Verdict::Unmet);
    assert_eq!(gate.missing.as_deref(), Some("还差 1 件Ⅰ类或Ⅱ类知识产权"));
    assert_eq!(c.status, RadarStatus::Close, "{:?}", c.short);

    s.add_record(OtherIpData {
        kind: OtherIpKind::SoftwareCopyright,
        reg_no: "2024SR0123456".into(),
        title: "电池管理系统控制软件 V1.0".into(),
        reg_date: Some(d("2024-05-01")),
        ..OtherIpData::default()
    })
    .unwrap();
    let c = check(&s, "hnte-2016", "2026-06-30");
    let gate = criterion(&c, "ip-gate");
    assert_eq!(gate.verdict, Verdict::Met);
    assert_eq!(gate.actual, Some(1));
    assert_eq!(gate.rows[0].number, "2024SR0123456");
    assert_eq!(c.status, RadarStatus::Qualifies);
    // Registered after the application date: not yet a right.
    let c = check(&s, "hnte-2016", "2024-04-30");
    assert_eq!(criterion(&c, "ip-gate").verdict, Verdict::Unmet);
}

// §2.4 item 3: A ≥1 Ⅰ类 7–8 · B ≥5 Ⅱ类 5–6 · C 3–4 Ⅱ类 3–4 · D 1–2 Ⅱ类 1–2 ·
// E 0; shown as the band and its range, never a point value.
#[test]
fn hnte_quantity_band_at_and_around_each_boundary() {
    let mut s = store();
    let expect = [
        (0, "E", "0 分"),
        (1, "D", "1–2 分"),
        (2, "D", "1–2 分"),
        (3, "C", "3–4 分"),
        (4, "C", "3–4 分"),
        (5, "B", "5–6 分"),
    ];
    for (n, label, points) in expect {
        if n > 0 {
            utility(&mut s, n);
        }
        let c = check(&s, "hnte-2016", "2026-06-30");
        let q = criterion(&c, "score-quantity");
        assert!(q.scored, "a scored item");
        assert_eq!(
            q.actual,
            (n > 0).then_some(n as i64),
            "the band's own count"
        );
        assert_eq!(
            band(q),
            (label.to_string(), points.to_string()),
            "{n} class-II rights"
        );
        // Only the gate (≥1 right) decides; the band never does.
        let want = if n > 0 {
            RadarStatus::Qualifies
        } else {
            RadarStatus::Close
        };
        assert_eq!(c.status, want, "{:?}", c.short);
    }
    let c = check(&s, "hnte-2016", "2026-06-30");
    let q = criterion(&c, "score-quantity");
    assert_eq!(
        q.missing.as_deref(),
        Some("还差 1 件Ⅰ类知识产权，可进入 A 档（7–8 分）")
    );
    patent(&mut s, PatentKind::Invention, 1, "2022-05-01", |_| {});
    let c = check(&s, "hnte-2016", "2026-06-30");
    let q = criterion(&c, "score-quantity");
    assert_eq!(band(q), ("A".into(), "7–8 分".into()));
    assert_eq!(q.rows.len(), 1, "the invention proves band A");
    assert_eq!(q.missing, None, "no band above A");
    // Expert-scored items stay with the experts; their material is due.
    let advance = criterion(&c, "score-advance");
    assert_eq!(advance.verdict, Verdict::NeedsEvidence);
    assert!(advance.scale.iter().all(|b| !b.reached));
    assert!(
        c.evidence_due.contains(&advance.text),
        "{:?}",
        c.evidence_due
    );
    assert!(
        !c.evidence_due.iter().any(|e| e.starts_with("知识产权数量")),
        "an auto band is not a document"
    );
}

// §2.4 item 4: A 有自主研发 1–6 · B 仅有受让、受赠和并购 1–3.
#[test]
fn hnte_acquisition_band_follows_how_the_rights_were_acquired() {
    let mut s = store();
    patent(&mut s, PatentKind::Invention, 1, "2022-05-01", |p| {
        p.acquisition = Acquisition::Transfer;
        p.acquired_on = Some(d("2023-01-05"));
    });
    let c = check(&s, "hnte-2016", "2026-06-30");
    assert_eq!(
        band(criterion(&c, "score-acquisition")),
        ("B".into(), "1–3 分".into())
    );
    utility(&mut s, 1);
    let c = check(&s, "hnte-2016", "2026-06-30");
    assert_eq!(
        band(criterion(&c, "score-acquisition")),
        ("A".into(), "1–6 分".into())
    );
}

// §3 T-IP: A ≥1 Ⅰ类 30 · B ≥4 Ⅱ类 24 · C 3 18 · D 2 12 · E 1 6 · F 0 — fixed
// points; no once-only rule, so a right used for 高企 still counts.
#[test]
fn tech_sme_scores_fixed_points_by_class_and_ignores_hnte_use() {
    let mut s = store();
    let points = ["0 分", "6 分", "12 分", "18 分", "24 分", "24 分"];
    for (n, want) in points.iter().enumerate() {
        let c = check(&s, "tech-sme-2017", "2026-06-30");
        assert_eq!(
            band(criterion(&c, "score-ip")).1,
            *want,
            "{n} class-II rights"
        );
        patent(
            &mut s,
            PatentKind::Utility,
            n as u32 + 1,
            "2020-01-10",
            |p| p.hnte_used_year = Some(2022),
        );
    }
    patent(&mut s, PatentKind::Invention, 1, "2022-05-01", |_| {});
    let c = check(&s, "tech-sme-2017", "2026-06-30");
    assert_eq!(
        band(criterion(&c, "score-ip")),
        ("A".into(), "30 分".into())
    );
}

// §4.0: new applications from 2026-04-01 follow 2号, before it 63号.
#[test]
fn sme_tiers_switch_rule_versions_on_2026_04_01() {
    let mut s = store();
    for n in 1..=2 {
        patent(&mut s, PatentKind::Invention, n, "2022-05-01", |_| {});
    }
    let before = check(&s, "sme-tiers", "2026-03-31");
    assert_eq!(before.version_from, Some(d("2022-06-01")));
    assert_eq!(before.version_to, Some(d("2026-03-31")));
    // 63号 附件3: ≥2 Ⅰ类 related to the lead product.
    assert_eq!(criterion(&before, "xjr-ip").verdict, Verdict::Met);
    let after = check(&s, "sme-tiers", "2026-04-01");
    assert_eq!(after.version_from, Some(d("2026-04-01")));
    // 2号: ≥4 Ⅰ类 for 小巨人.
    let xjr = criterion(&after, "xjr-ip");
    assert_eq!(xjr.verdict, Verdict::Unmet);
    assert_eq!(xjr.missing.as_deref(), Some("还差 2 件Ⅰ类知识产权"));
    // 63号 had no version before 2022-06-01.
    assert!(matches!(
        s.check_program("sme-tiers", 2022, d("2022-05-31")),
        Err(Error::NotFound { .. })
    ));
}

// §4.1 IP-1: Ⅰ类 excludes transfers < 1 year; Ⅱ类 utility/design only when
// maintained more than 2 years after grant. A 20 高价值 · B 15 自主研发 Ⅰ类 ·
// C 10 Ⅰ类 · D 5 Ⅱ类 · E 0. §1.3 B: 高价值 = overseas family grant, award,
// maintained over 10 years.
#[test]
fn miit_2022_leaves_out_recent_transfers_and_young_utility_models() {
    let mut s = store();
    patent(&mut s, PatentKind::Utility, 1, "2024-06-01", |_| {});
    let c = check(&s, "sme-tiers", "2026-03-01");
    assert_eq!(
        band(criterion(&c, "innov-ip")),
        ("E".into(), "0 分".into()),
        "granted < 2 years"
    );
    let c = check(&s, "sme-tiers", "2026-06-02");
    assert_eq!(
        band(criterion(&c, "innov-ip")),
        ("D".into(), "5 分".into()),
        "granted > 2 years"
    );

    let bought = patent(&mut s, PatentKind::Invention, 1, "2021-05-01", |p| {
        p.acquisition = Acquisition::Transfer;
        p.acquired_on = Some(d("2025-12-01"));
    });
    let c = check(&s, "sme-tiers", "2026-06-02");
    assert_eq!(
        band(criterion(&c, "innov-ip")).0,
        "D",
        "transferred 6 months ago"
    );
    let c = check(&s, "sme-tiers", "2026-12-02");
    assert_eq!(
        band(criterion(&c, "innov-ip")),
        ("C".into(), "10 分".into()),
        "a year on"
    );

    patent(&mut s, PatentKind::Invention, 2, "2022-05-01", |_| {});
    let c = check(&s, "sme-tiers", "2026-12-02");
    assert_eq!(
        band(criterion(&c, "innov-ip")),
        ("B".into(), "15 分".into())
    );

    s.add_record(AwardData {
        kind: AwardKind::ChinaPatent,
        name: "第二十五届中国专利奖".into(),
        level: "优秀奖".into(),
        year: Some(2024),
        patent_ids: vec![bought],
        ..AwardData::default()
    })
    .unwrap();
    let c = check(&s, "sme-tiers", "2026-12-02");
    let ip = criterion(&c, "innov-ip");
    assert_eq!(band(ip), ("A".into(), "20 分".into()));
    assert_eq!(ip.rows.len(), 1, "the awarded invention");
}

// §8.7: a title counts on a date only inside its validity; §1.2: a title
// listed without certificate cannot be checked. 2号 专精特新 requires a valid
// 创新型 title [S+]; the program stands at its highest tier best placed.
#[test]
fn a_qualification_counts_only_while_its_certificate_is_valid() {
    let mut s = store();
    patent(&mut s, PatentKind::Invention, 1, "2022-05-01", |_| {});
    let title = |c: &ProgramCheck| criterion(c, "sjtx-title").clone();
    let c = check(&s, "sme-tiers", "2026-06-30");
    assert_eq!(title(&c).verdict, Verdict::Unmet);
    assert_eq!(
        title(&c).missing.as_deref(),
        Some("没有「创新型中小企业」的资质证书")
    );
    assert_eq!(c.tier.as_deref(), Some("创新型中小企业"));

    let mut company = s.company().unwrap();
    company.qualifications = vec!["创新型中小企业".into()];
    s.set_company(company).unwrap();
    assert_eq!(
        title(&check(&s, "sme-tiers", "2026-06-30")).verdict,
        Verdict::NeedsEvidence
    );

    s.add_record(QualificationData {
        name: "创新型中小企业".into(),
        cert_no: "CX2023-0456".into(),
        issued_on: Some(d("2023-06-01")),
        valid_until: Some(d("2026-05-31")),
        ..QualificationData::default()
    })
    .unwrap();
    let c = check(&s, "sme-tiers", "2026-06-30");
    assert_eq!(title(&c).verdict, Verdict::Unmet);
    assert_eq!(
        title(&c).missing.as_deref(),
        Some("「创新型中小企业」证书在 2026-06-30 不在有效期内")
    );
    let c = check(&s, "sme-tiers", "2026-05-31");
    assert_eq!(title(&c).verdict, Verdict::Met);
    assert_eq!(title(&c).rows[0].number, "CX2023-0456");
    assert_eq!(c.tier.as_deref(), Some("专精特新中小企业"));
    assert_eq!(c.status, RadarStatus::Qualifies, "{:?}", c.short);
    let xjr = c.tiers.iter().find(|t| t.name.contains("小巨人")).unwrap();
    assert_eq!(xjr.status, RadarStatus::Not);
}

// §9: unconfirmed rules are shown as hints and never decide.
#[test]
fn unconfirmed_exclusions_are_shown_but_do_not_decide() {
    let mut s = store();
    for n in 1..=4 {
        patent(&mut s, PatentKind::Invention, n, "2022-05-01", |p| {
            p.acquisition = Acquisition::Transfer;
            p.acquired_on = Some(d("2023-01-01"));
        });
    }
    let c = check(&s, "sme-tiers", "2026-06-30");
    assert_eq!(criterion(&c, "xjr-ip").verdict, Verdict::Met);
    let own = criterion(&c, "xjr-ip-own");
    assert!(!own.confirmed);
    assert_eq!(own.verdict, Verdict::Unmet);
    let xjr = c.tiers.iter().find(|t| t.name.contains("小巨人")).unwrap();
    assert!(
        xjr.short.iter().all(|t| !t.contains("不含转入")),
        "{:?}",
        xjr.short
    );
}

#[test]
fn other_rights_are_validated_and_lapsed_ones_do_not_count() {
    let mut s = store();
    let sw = OtherIpData {
        kind: OtherIpKind::SoftwareCopyright,
        reg_no: "2024SR0000001".into(),
        title: "储能监控软件".into(),
        reg_date: Some(d("2024-01-02")),
        status: OtherIpStatus::Lapsed,
        ..OtherIpData::default()
    };
    s.add_record(sw.clone()).unwrap();
    let dup = s.add_record(sw.clone()).unwrap_err();
    assert!(dup.to_string().contains("登记号"), "{dup}");
    let missing = s
        .add_record(OtherIpData {
            title: String::new(),
            ..sw.clone()
        })
        .unwrap_err();
    assert!(missing.to_string().contains("名称"), "{missing}");
    let c = check(&s, "hnte-2016", "2026-06-30");
    assert_eq!(criterion(&c, "ip-gate").actual, Some(0));
    s.add_record(OtherIpData {
        kind: OtherIpKind::IcLayout,
        reg_no: "BS.245500001".into(),
        title: "电池管理芯片布图设计".into(),
        reg_date: Some(d("2024-03-01")),
        ..OtherIpData::default()
    })
    .unwrap();
    let c = check(&s, "hnte-2016", "2026-06-30");
    assert_eq!(
        band(criterion(&c, "score-quantity")).0,
        "A",
        "an IC layout is class I"
    );
}

#[test]
fn a_class_metric_without_scheme_or_a_band_table_out_of_shape_is_refused() {
    let (_, good) = ipdesk_core::shipped_program_files()
        .iter()
        .find(|(f, _)| *f == "hnte-2016.json")
        .unwrap();
    let refuse = |json: String| match Program::parse("我的高企.json", &json) {
        Err(e @ Error::BadProgram { .. }) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let msg = refuse(good.replacen("\"scheme\": \"hnte2016\",", "", 1));
    assert!(
        msg.contains("我的高企.json") && msg.contains("versions[0].criteria[0].check.scheme"),
        "{msg}"
    );
    let msg = refuse(good.replace(
        "{ \"label\": \"E\", \"points\": \"0 分\", \"text\": \"0 项\" }",
        "{ \"label\": \"E\", \"points\": \"0 分\", \"text\": \"0 项\", \"when\": { \"metric\": \"class_two_ip\", \"scheme\": \"hnte2016\", \"op\": \">=\", \"value\": 0 } }",
    ));
    assert!(
        msg.contains("bands[4].when") && msg.contains("最后一档"),
        "{msg}"
    );
}
