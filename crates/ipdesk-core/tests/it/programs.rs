//! 案卷四 (part 1): programs as data and their checks against the store.
//! Each test names the seed section it checks (seed 004 is Hengyang's 2023
//! funding guide).

use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, shipped_program_files, shipped_programs, ActionData, AwardData, AwardKind,
    Company, Error, InsuranceData, LayoutPlanData, LeadData, LegalStatus, Money, PatentData,
    PatentKind, PlanItemData, PledgeData, ProductData, Program, RadarStatus, Route, Store,
    TrademarkData, TransferData, TransferKind, Verdict,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-06-30";

fn cn(serial: u32) -> String {
    let body = format!("2020101{serial:05}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn invention(s: &mut Store, serial: u32, granted: bool) -> i64 {
    s.add_patent(PatentData {
        app_no: cn(serial),
        kind: PatentKind::Invention,
        title: format!("一种电池均衡方法 {serial}"),
        filing_date: Some(d("2020-03-01")),
        grant_date: granted.then(|| d("2022-05-01")),
        status: if granted {
            LegalStatus::Granted
        } else {
            LegalStatus::Examination
        },
        ..PatentData::default()
    })
    .unwrap()
    .id
}

/// A company that meets every automatic criterion of 强链护链 (seed 004
/// (一)1 ②③): a chain leader (龙头企业), an IP department, `inventions` valid inventions, a
/// registered trademark, a filed product and a layout of 5 weighted.
fn qianglian(inventions: u32) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_company(Company {
        name: "衡阳智电装备科技有限公司".into(),
        industry_chain: "一核两电三色四新".into(),
        chain_leader: true,
        ip_department: "知识产权部".into(),
        registration_date: Some(d("2015-04-01")),
        ..Company::default()
    })
    .unwrap();
    let mut ids: Vec<i64> = (1..=inventions)
        .map(|n| invention(&mut s, n, true))
        .collect();
    ids.extend((50..55).map(|n| invention(&mut s, n, false)));
    s.add_record(TrademarkData {
        reg_no: "61234567".into(),
        mark: "衡芯".into(),
        classes: vec![9],
        ..TrademarkData::default()
    })
    .unwrap();
    s.add_record(ProductData {
        name: "储能电池管理系统".into(),
        filing_status: "已备案".into(),
        patent_ids: vec![ids[0]],
        ..ProductData::default()
    })
    .unwrap();
    let plan = s
        .add_plan(LayoutPlanData {
            name: "电池管理高价值专利布局".into(),
            technology: "电池管理系统".into(),
            ..LayoutPlanData::default()
        })
        .unwrap();
    for (n, id) in ids.iter().rev().take(5).enumerate() {
        let item = s
            .add_plan_item(
                plan.id,
                PlanItemData {
                    topic: format!("布局 {n}"),
                    kind: PatentKind::Invention,
                    route: Route::Domestic,
                    ..PlanItemData::default()
                },
            )
            .unwrap();
        s.link_plan_item(item.id, *id).unwrap();
    }
    s
}

#[test]
fn every_shipped_program_file_is_valid_and_ids_are_unique() {
    let files = shipped_program_files();
    for (file, json) in files {
        let p = Program::parse(file, json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            format!("{}.json", p.id),
            *file,
            "the file is named by the id"
        );
        assert!(!p.source.document.is_empty() && !p.source.section.is_empty());
    }
    assert_eq!(shipped_programs().len(), files.len(), "none left out");
    let mut ids: Vec<&str> = shipped_programs().iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), files.len());
}

#[test]
fn a_bad_program_file_is_refused_naming_the_file_and_the_field() {
    let (_, good) = shipped_program_files()
        .iter()
        .find(|(f, _)| *f == "hengyang-2023-2-3.json")
        .unwrap();
    let refuse = |json: String| match Program::parse("我的项目.json", &json) {
        Err(e @ Error::BadProgram { .. }) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let msg = refuse(good.replace("pledges_registered_in_year", "pledges_ever"));
    // A check is read whole (its `type` decides its fields), so the path
    // stops at the check and the message names the bad value.
    assert!(
        msg.contains("我的项目.json")
            && msg.contains("versions[0].criteria[0].check")
            && msg.contains("pledges_ever"),
        "{msg}"
    );
    let msg = refuse(good.replace("\">=\"", "\"≥\""));
    assert!(
        msg.contains("versions[0].criteria[0].check") && msg.contains("≥"),
        "{msg}"
    );
    let msg = refuse(good.replace(
        "\"confirmed\": true",
        "\"confirmed\": true, \"colour\": \"red\"",
    ));
    assert!(msg.contains("未知字段 colour"), "{msg}");
    let msg = refuse(good.replace("\"name\": \"知识产权质押融资补助\",", ""));
    assert!(msg.contains("缺少字段 name"), "{msg}");
    let msg = refuse(good.replace("\"section\": \"（二）3\"", "\"section\": \"\""));
    assert!(msg.contains("source"), "{msg}");
    let msg = refuse(good.replace("\"below\": 5000000", "\"below\": 4000000"));
    assert!(msg.contains("tiers[2]") && msg.contains("紧接"), "{msg}");
    // Two versions in force at once.
    let mut p: serde_json::Value = serde_json::from_str(good).unwrap();
    let v = p["versions"][0].clone();
    p["versions"].as_array_mut().unwrap().push(v);
    let msg = refuse(p.to_string());
    assert!(msg.contains("重叠"), "{msg}");
    assert!(matches!(
        ipdesk_core::program("no-such-program"),
        Err(Error::NotFound { .. })
    ));
}

// Seed 004 (一)1 ③: 拥有3件以上有效发明专利、1件以上注册商标 … 布局5件以上.
#[test]
fn qianglian_is_met_by_a_ledger_that_meets_it_and_names_the_one_criterion_short() {
    let s = qianglian(3);
    let c = s
        .check_program("hengyang-2023-1-1", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Qualifies, "{:?}", c.short);
    let inventions = c.criteria.iter().find(|r| r.id == "inventions").unwrap();
    assert_eq!(inventions.verdict, Verdict::Met);
    assert_eq!(inventions.rows.len(), 3, "the three inventions prove it");
    assert!(
        inventions.rows.iter().all(|r| r.number.contains('.')),
        "numbers as people write them"
    );
    let layout = c.criteria.iter().find(|r| r.id == "layout").unwrap();
    assert_eq!(layout.actual, Some(5));
    assert!(
        c.evidence_due.iter().any(|e| e.contains("专利导航")),
        "reports still due"
    );

    let s = qianglian(2);
    let c = s
        .check_program("hengyang-2023-1-1", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Close);
    assert_eq!(c.short, ["拥有 3 件以上有效发明专利"]);
    let inventions = c.criteria.iter().find(|r| r.id == "inventions").unwrap();
    assert_eq!(inventions.verdict, Verdict::Unmet);
    assert_eq!(inventions.missing.as_deref(), Some("还差 1 件有效发明专利"));
}

// Seed 004 (一)1 ②: 设有专职知识产权部门; ①: 龙头企业; (一)2 ①: 注册时间2年以上.
#[test]
fn profile_facts_and_missing_data_are_named() {
    let mut s = qianglian(3);
    s.set_company(Company {
        name: "衡阳智电装备科技有限公司".into(),
        ..Company::default()
    })
    .unwrap();
    let c = s
        .check_program("hengyang-2023-1-1", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Not);
    let leader = c.criteria.iter().find(|r| r.id == "leader").unwrap();
    assert_eq!(
        leader.missing.as_deref(),
        Some("企业信息中未标记为产业链龙头企业")
    );
    let c = s
        .check_program("hengyang-2023-1-2", 2026, d(TODAY))
        .unwrap();
    let age = c.criteria.iter().find(|r| r.id == "age").unwrap();
    assert_eq!(age.verdict, Verdict::Unknown);
    assert_eq!(age.missing.as_deref(), Some("企业信息中未填写注册日期"));
    // Bonus criteria (优先考虑) never make a program short.
    assert!(c.short.iter().all(|t| !t.starts_with("优先")));
}

// Seed 004 (二)3: pledges registered by CNIPA in the year, tiers by single loan.
#[test]
fn the_pledge_subsidy_is_computed_per_pledge_of_the_year() {
    let mut s = Store::open_in_memory().unwrap();
    for (loan, reg) in [
        (Money::yuan(500_000), "2026-02-01"),
        (Money::yuan(2_000_000), "2026-03-01"),
        (Money::yuan(12_000_000), "2026-04-01"),
        (Money::yuan(400_000), "2026-05-01"),
        (Money::yuan(9_000_000), "2025-12-31"),
    ] {
        s.add_record(PledgeData {
            pledgor: "衡阳智电".into(),
            pledgee: "某银行".into(),
            loan_amount: loan,
            reg_no: format!("Y{reg}"),
            reg_date: Some(d(reg)),
            ..PledgeData::default()
        })
        .unwrap();
    }
    let c = s
        .check_program("hengyang-2023-2-3", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Qualifies);
    assert_eq!(
        c.criteria[0].actual,
        Some(4),
        "the 2025 pledge is another year's"
    );
    let lines: Vec<Money> = c.subsidies[0].lines.iter().map(|l| l.amount).collect();
    assert_eq!(
        lines,
        [
            Money::yuan(10_000),
            Money::yuan(25_000),
            Money::yuan(50_000),
            Money(0)
        ]
    );
    assert_eq!(c.subsidy_total, Money::yuan(85_000));
}

// Seed 004 (一)5 ①②: 本年度中国专利奖、湖南专利奖 or foreign grants (either);
// 欧洲、美国、日本1万元/件，其他国家（地区）0.5万元/件.
#[test]
fn foreign_grants_of_the_year_pay_by_office_and_either_criterion_is_enough() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s
        .check_program("hengyang-2023-1-5", 2026, d(TODAY))
        .unwrap();
    assert_eq!(
        c.status,
        RadarStatus::Close,
        "neither an award nor a grant: one gate short"
    );
    assert_eq!(
        c.short,
        ["获得本年度中国专利奖或湖南专利奖 或 本年度通过 PCT 或巴黎公约途径获得国外授权的发明专利"],
        "the two alternatives are one gate"
    );
    for (j, no, grant) in [
        ("EP", "EP3123456", "2026-02-01"),
        ("US", "US17123456", "2026-03-01"),
        ("KR", "KR1020200001", "2026-04-01"),
        ("JP", "JP2020123456", "2025-11-01"),
    ] {
        s.add_patent(PatentData {
            jurisdiction: j.into(),
            app_no: no.into(),
            kind: PatentKind::Invention,
            title: "电池均衡".into(),
            filing_date: Some(d("2020-05-01")),
            grant_date: Some(d(grant)),
            status: LegalStatus::Granted,
            ..PatentData::default()
        })
        .unwrap();
    }
    let c = s
        .check_program("hengyang-2023-1-5", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Qualifies, "{:?}", c.short);
    assert_eq!(
        c.subsidy_total,
        Money::yuan(25_000),
        "EP 1万 + US 1万 + KR 0.5万; the JP grant is 2025's"
    );
    // An award instead of the grants meets the group as well.
    let mut s = Store::open_in_memory().unwrap();
    s.add_record(AwardData {
        kind: AwardKind::ProvincialPatent,
        name: "第十四届湖南专利奖".into(),
        year: Some(2026),
        ..AwardData::default()
    })
    .unwrap();
    let c = s
        .check_program("hengyang-2023-1-5", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Qualifies);
    assert_eq!(c.subsidy_total, Money(0));
}

// Seed 004 (一)4 ②: 购买了…知识产权保险一种以上; (二)4 ④: 承接专利转化2件以上、成交金额200万元以上.
#[test]
fn insurance_and_inbound_transfers_count_within_the_year() {
    let mut s = Store::open_in_memory().unwrap();
    invention(&mut s, 1, true);
    s.add_record(TrademarkData {
        reg_no: "61234567".into(),
        mark: "衡芯".into(),
        ..TrademarkData::default()
    })
    .unwrap();
    s.add_record(InsuranceData {
        kind: "专利执行保险".into(),
        insurer: "某保险公司".into(),
        start_date: Some(d("2025-07-01")),
        end_date: Some(d("2026-06-30")),
        ..InsuranceData::default()
    })
    .unwrap();
    let c = s
        .check_program("hengyang-2023-1-4", 2026, d(TODAY))
        .unwrap();
    assert_eq!(c.status, RadarStatus::Qualifies, "{:?}", c.short);
    let c = s
        .check_program("hengyang-2023-1-4", 2027, d("2027-03-01"))
        .unwrap();
    assert_eq!(c.short.len(), 1, "the policy ended in 2026");

    for (amount, date) in [(1_500_000, "2026-03-01"), (499_999, "2026-05-01")] {
        s.add_record(TransferData {
            kind: TransferKind::LicenseIn,
            counterparty: "中南大学".into(),
            amount: Money::yuan(amount),
            date: Some(d(date)),
            ..TransferData::default()
        })
        .unwrap();
    }
    let c = s
        .check_program("hengyang-2023-2-4", 2026, d(TODAY))
        .unwrap();
    let amount = c.criteria.iter().find(|r| r.id == "amount").unwrap();
    assert_eq!(amount.actual, Some(1_999_999));
    assert_eq!(
        amount.missing.as_deref(),
        Some("还差 1 元本年度承接的转让、许可成交金额")
    );
    assert_eq!(
        c.criteria.iter().find(|r| r.id == "count").unwrap().verdict,
        Verdict::Met
    );
}

// Seed 000 二(三)3: 维权需求线索 fed back to the bureau.
#[test]
fn the_radar_checks_every_program_and_reads_the_lead_log() {
    let mut s = qianglian(3);
    let radar = s.program_radar(2026, d(TODAY)).unwrap();
    assert_eq!(radar.len(), shipped_programs().len());
    let row = |id: &str| radar.iter().find(|r| r.id == id).unwrap().clone();
    assert_eq!(row("hengyang-2023-1-1").status, RadarStatus::Qualifies);
    assert!(row("shaoyang-2022-qianglian")
        .short
        .iter()
        .any(|t| t.contains("维权需求线索")));
    let lead = s
        .add_lead(LeadData {
            title: "展会仿冒".into(),
            suspect_name: "某商行".into(),
            discovered_date: Some(d("2026-03-01")),
            ..LeadData::default()
        })
        .unwrap();
    s.add_lead_action(
        lead.id,
        ActionData {
            date: Some(d("2026-03-02")),
            ..ActionData::default()
        },
    )
    .unwrap();
    s.report_lead(lead.id, Some(d("2026-03-05")), "邵阳市市场监督管理局")
        .unwrap();
    let radar = s.program_radar(2026, d(TODAY)).unwrap();
    assert_eq!(
        radar
            .iter()
            .find(|r| r.id == "shaoyang-2022-qianglian")
            .unwrap()
            .status,
        RadarStatus::Qualifies
    );
}

#[test]
fn an_officers_own_program_is_validated_kept_in_the_database_and_checked() {
    let (db, mut s) = crate::Db::new();
    let (_, pledge) = shipped_program_files()
        .iter()
        .find(|(f, _)| *f == "hengyang-2023-2-3.json")
        .unwrap();
    // A shipped id is refused; so is a broken file; nothing is written.
    let before = db.rows();
    assert!(matches!(
        s.add_own_program("mine.json", pledge),
        Err(Error::Duplicate { .. })
    ));
    let broken = pledge.replace("\"metric\"", "\"metrik\"");
    assert!(matches!(
        s.add_own_program("mine.json", &broken),
        Err(Error::BadProgram { .. })
    ));
    db.assert_unchanged(&before, "refused program files");

    let mine = pledge
        .replace("hengyang-2023-2-3", "yanfeng-2026-pledge")
        .replace("知识产权质押融资补助", "雁峰区质押融资贴息");
    let p = s.add_own_program("雁峰区.json", &mine).unwrap();
    assert_eq!(p.id, "yanfeng-2026-pledge");
    assert_eq!(s.own_programs().unwrap().len(), 1);
    let radar = s.program_radar(2026, d(TODAY)).unwrap();
    assert!(radar
        .iter()
        .any(|r| r.id == "yanfeng-2026-pledge" && r.name == "雁峰区质押融资贴息"));
    let c = s
        .check_program("yanfeng-2026-pledge", 2026, d(TODAY))
        .unwrap();
    assert_eq!(
        c.status,
        RadarStatus::Close,
        "no pledge yet: one gate short"
    );
    // Kept in the database: a second connection sees it.
    drop(s);
    let mut s = Store::open(&db.path).unwrap();
    assert_eq!(s.own_programs().unwrap()[0].name, "雁峰区质押融资贴息");
    s.remove_own_program("yanfeng-2026-pledge").unwrap();
    assert!(matches!(
        s.check_program("yanfeng-2026-pledge", 2026, d(TODAY)),
        Err(Error::NotFound { .. })
    ));
}

// The 自评表 is the check on paper: a reader finds the program, its source,
// each criterion with its verdict and records, and what is still short.
#[test]
fn the_self_check_prints_each_criterion_with_its_verdict_and_what_is_short() {
    let s = qianglian(2);
    let r = s
        .self_check_report("hengyang-2023-1-1", 2026, d(TODAY))
        .unwrap();
    let mut stages = Vec::new();
    let bytes = ipdesk_core::self_check_pdf(&r, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(stages.last(), Some(&"done"));
    let text = crate::pdf_text(&bytes);
    let name = &r.check.program.name;
    for want in [
        format!("{name}申报条件自评表"),
        "申报单位：衡阳智电装备科技有限公司".into(),
        format!("《{}》", r.check.program.source.document),
        "2026年度".into(),
        "核对日（申报日）：2026-06-30".into(),
        "自评结论：差一项".into(),
        "尚未满足：拥有3件以上有效发明专利".into(),
        "还差1件有效发明专利".into(),
        "申报条件".into(),
        "依据与说明".into(),
        "不满足".into(),
        "满足".into(),
        "填表人（签字）".into(),
    ] {
        assert!(text.contains(&want), "the reader sees {want}: {text}");
    }
    let first = &r
        .check
        .criteria
        .iter()
        .find(|c| c.id == "inventions")
        .unwrap()
        .rows[0];
    assert!(
        text.contains(&first.number.replace(' ', "")),
        "the invention behind the verdict, by number: {text}"
    );
    let err = s
        .self_check_report("no-such-program", 2026, d(TODAY))
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

/// The radar on paper: every program with its verdict, what is short and
/// the estimated subsidy, as `program_radar` decides them.
#[test]
fn the_radar_prints_every_program_with_its_verdict() {
    let s = qianglian(2);
    let r = s.radar_report(2026, d(TODAY)).unwrap();
    assert!(r.rows.len() > 3, "the shipped programs");
    let text = crate::pdf_text(&ipdesk_core::radar_pdf(&r, &mut |_| {}).unwrap());
    assert!(text.contains("项目申报雷达（2026年度）"), "{text}");
    assert!(text.contains("核对日：2026-06-30"), "{text}");
    let qianglian = r.rows.iter().find(|x| x.id == "hengyang-2023-1-1").unwrap();
    assert_eq!(qianglian.status, RadarStatus::Close);
    assert!(
        text.contains(&qianglian.name) && text.contains("拥有3件以上有效发明专利"),
        "the program and what it is short of: {text}"
    );
    let qualifies = r
        .rows
        .iter()
        .filter(|x| x.status == RadarStatus::Qualifies)
        .count();
    assert!(
        text.contains(&format!(
            "共{}个项目，{qualifies}个符合申报条件",
            r.rows.len()
        )),
        "{text}"
    );
}
