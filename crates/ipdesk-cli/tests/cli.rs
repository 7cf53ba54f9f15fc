//! The `ipdesk` command line end to end: the built binary spawned as a
//! process, as a script or a user would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ipdesk_core::app_no_check_char;
use serde_json::Value;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ipdesk"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .output()
            .expect("ipdesk runs")
    }

    /// Runs and expects exit 0; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(&a)).expect("--json prints JSON")
    }

    /// Runs and expects exit `code`; returns stderr.
    fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn count(&self) -> u64 {
        self.json(&["patent", "list"])["total"].as_u64().unwrap()
    }
}

/// The text a reader gets from a PDF, as poppler extracts it, with the
/// whitespace squeezed out (table cells are laid out by position).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is installed by scripts/setup.sh: {e}"));
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `1,289,770.00` from fen, as amounts are printed.
fn grouped_yuan(fen: i64) -> String {
    let int = (fen / 100).to_string();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", fen % 100)
}

fn cn(year: i32, t: u8, serial: u32) -> String {
    let body = format!("{year}{t}{serial:07}");
    format!("ZL{body}.{}", app_no_check_char(&body))
}

#[test]
fn check_prints_the_normalised_number_or_the_reason() {
    let c = Cli::new();
    let out = c.ok(&["check", "app-no", "ZL200710308494.X"]);
    assert!(
        out.contains("200710308494X") && out.contains("发明") && out.contains("2007"),
        "{out}"
    );
    let err = c.fails(1, &["check", "app-no", "202310123456.7"]);
    assert!(err.contains("校验位应为 6"), "{err}");
    c.ok(&["check", "uscc", "914403001922038216"]);
    let err = c.fails(1, &["check", "uscc", "914403001922038217"]);
    assert!(err.contains("统一社会信用代码"), "{err}");
    c.fails(2, &["check", "nothing"]);
    c.fails(2, &["patent", "add", "--title", "缺少申请号"]);
}

#[test]
fn init_creates_the_default_database_in_the_user_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ipdesk"))
        .arg("init")
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: &Path = &dir.path().join("ipdesk").join("ipdesk.db");
    assert!(expected.exists(), "created at {}", expected.display());
}

#[test]
fn a_ledger_session_adds_pays_forecasts_and_refuses_bad_input() {
    let c = Cli::new();
    c.ok(&["init"]);
    let company = c.json(&[
        "company",
        "set",
        "--name",
        "衡阳智电装备科技有限公司",
        "--uscc",
        "914403001922038216",
        "--qualification",
        "高新技术企业",
        "--headcount",
        "320",
    ]);
    assert_eq!(company["uscc"], "914403001922038216");
    assert_eq!(
        c.json(&["company", "show"])["qualifications"][0],
        "高新技术企业"
    );

    let inv = cn(2019, 1, 42);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种电池管理系统",
        "--filing-date",
        "2019-03-11",
        "--grant-date",
        "2021-08-20",
        "--fee-reduction",
        "85",
        "--applicant",
        "衡阳智电装备科技有限公司",
        "--inventor",
        "张伟",
        "--inventor",
        "王芳",
        "--fees-paid-through",
        "7",
    ]);
    assert_eq!(c.count(), 1);

    // Each bad input: exit 1, a Chinese message naming the field, nothing written.
    let bad: &[(&[&str], &str)] = &[
        (
            &[
                "--app-no",
                "201910000042.1",
                "--kind",
                "invention",
                "--title",
                "甲",
                "--filing-date",
                "2019-03-11",
            ],
            "申请号",
        ),
        (
            &[
                "--app-no",
                &cn(2019, 1, 43),
                "--kind",
                "invention",
                "--title",
                "甲",
                "--filing-date",
                "2019-02-30",
            ],
            "申请日",
        ),
        (
            &[
                "--app-no",
                &cn(2019, 1, 44),
                "--kind",
                "invention",
                "--title",
                "甲",
                "--filing-date",
                "2019-03-11",
                "--grant-date",
                "2019-01-01",
            ],
            "授权日",
        ),
        (
            &[
                "--app-no",
                &cn(2019, 1, 45),
                "--kind",
                "design",
                "--title",
                "甲",
                "--filing-date",
                "2019-03-11",
            ],
            "不一致",
        ),
        (
            &[
                "--app-no",
                &inv,
                "--kind",
                "invention",
                "--title",
                "甲",
                "--filing-date",
                "2019-03-11",
            ],
            "已存在",
        ),
        (
            &[
                "--app-no",
                &cn(2019, 1, 46),
                "--kind",
                "patent",
                "--title",
                "甲",
                "--filing-date",
                "2019-03-11",
            ],
            "专利类型",
        ),
    ];
    for (args, needle) in bad {
        let mut a = vec!["patent", "add"];
        a.extend_from_slice(args);
        let err = c.fails(1, &a);
        assert!(err.contains(needle), "{args:?} → {err}");
        assert_eq!(c.count(), 1, "{args:?} wrote nothing");
    }

    // Year 8 due 2026-03-11; as of 2026-05-20 it is in grace (more than 2 months: 10 %).
    let s = c.json(&["fees", "schedule", &inv, "--today", "2026-05-20"]);
    assert_eq!(s["status"]["status"], "inGrace");
    assert_eq!(s["status"]["year"], 8);
    assert_eq!(s["status"]["lateFee"], 20000, "10 % of 2,000 yuan, in fen");
    assert_eq!(s["status"]["payable"], 30000, "2,000 × 15 %");
    let pay = c.json(&[
        "fees",
        "pay",
        &inv,
        "--year",
        "8",
        "--date",
        "2026-05-20",
        "--receipt",
        "R-001",
    ]);
    assert_eq!(pay["lateFee"], 20000);
    let s = c.json(&["fees", "schedule", &inv, "--today", "2026-05-20"]);
    assert_eq!(s["status"]["status"], "due");
    assert_eq!(s["status"]["year"], 9);
    assert_eq!(s["paidThrough"], 8);
    let err = c.fails(
        1,
        &["fees", "pay", &inv, "--year", "8", "--date", "2026-05-21"],
    );
    assert!(err.contains("已于"), "{err}");
    let err = c.fails(
        1,
        &[
            "fees",
            "pay",
            &inv,
            "--year",
            "9",
            "--date",
            "2026-05-21",
            "--amount",
            "-3",
        ],
    );
    assert!(err.contains("负数"), "{err}");

    let f = c.json(&[
        "fees",
        "forecast",
        "--months",
        "12",
        "--today",
        "2026-05-21",
    ]);
    assert_eq!(f["items"].as_array().unwrap().len(), 1);
    assert_eq!(f["items"][0]["year"], 9);
    assert_eq!(f["totalPayable"], 30000);
    let text = c.ok(&[
        "fees",
        "forecast",
        "--months",
        "12",
        "--today",
        "2026-05-21",
    ]);
    assert!(
        text.contains("2027-03") && text.contains("合计应缴 300 元"),
        "{text}"
    );

    let hv = c.json(&["highvalue", "--today", "2026-05-21"]);
    assert_eq!(hv.as_array().unwrap().len(), 1);
    assert!(
        hv[0]["reasons"].as_array().unwrap().is_empty(),
        "no category applies yet"
    );
    c.ok(&["patent", "edit", &inv, "--sei-category", "新能源汽车产业"]);
    let hv = c.json(&["highvalue", "--today", "2026-05-21"]);
    assert_eq!(hv[0]["reasons"][0]["code"], "sei");

    let found = c.json(&["search", "电池管理"]);
    assert_eq!(found["total"], 1);
    let found = c.json(&["search", &inv]);
    assert_eq!(found["total"], 1, "found by its ZL number");
    let hist = c.json(&["patent", "history", &inv]);
    assert_eq!(hist[0]["action"], "update");
    assert!(hist[0]["changes"]["seiCategory"].is_array());

    c.ok(&["patent", "delete", &inv]);
    assert_eq!(c.count(), 0);
    c.fails(1, &["patent", "show", &inv]);
}

#[test]
fn records_around_the_ledger_are_added_and_listed() {
    let c = Cli::new();
    let inv = cn(2016, 1, 7);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "发明",
        "--title",
        "一种齿轮箱",
        "--filing-date",
        "2016-01-05",
        "--grant-date",
        "2018-04-01",
    ]);
    c.ok(&[
        "trademark",
        "add",
        "--reg-no",
        "12345678",
        "--mark",
        "智电",
        "--class",
        "9",
        "--class",
        "7",
    ]);
    let err = c.fails(
        1,
        &["trademark", "add", "--reg-no", "12345678", "--mark", "智电"],
    );
    assert!(err.contains("注册号"), "{err}");
    c.ok(&[
        "pledge",
        "add",
        "--pledgor",
        "衡阳智电",
        "--pledgee",
        "中国银行衡阳分行",
        "--loan-amount",
        "5000000",
        "--patent",
        &inv,
    ]);
    let err = c.fails(
        1,
        &[
            "pledge",
            "add",
            "--pledgor",
            "甲",
            "--pledgee",
            "乙",
            "--loan-amount",
            "1",
            "--patent",
            "ZL201610000008.1",
        ],
    );
    assert!(err.contains("关联专利"), "{err}");
    c.ok(&[
        "award",
        "add",
        "--kind",
        "china-patent",
        "--name",
        "第二十四届中国专利奖",
        "--level",
        "优秀奖",
        "--year",
        "2023",
        "--patent",
        &inv,
    ]);
    c.ok(&[
        "transfer",
        "add",
        "--kind",
        "license-out",
        "--counterparty",
        "邵阳某公司",
        "--amount",
        "100000",
        "--patent",
        &inv,
    ]);
    c.ok(&[
        "insurance",
        "add",
        "--kind",
        "专利执行保险",
        "--insurer",
        "人保财险",
        "--premium",
        "20000",
        "--cover",
        "500000",
    ]);
    c.ok(&[
        "product",
        "add",
        "--name",
        "智能电池包",
        "--revenue",
        "2024=3000000",
        "--patent",
        &inv,
    ]);
    let err = c.fails(
        1,
        &["product", "add", "--name", "x", "--revenue", "2024:3000000"],
    );
    assert!(err.contains("年度=金额"), "{err}");

    assert_eq!(
        c.json(&["trademark", "list"])[0]["classes"],
        serde_json::json!([7, 9])
    );
    assert_eq!(c.json(&["pledge", "list"])[0]["loanAmount"], 500_000_000);
    assert_eq!(c.json(&["award", "list"])[0]["kind"], "chinaPatent");
    assert_eq!(c.json(&["transfer", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(c.json(&["insurance", "list"])[0]["insurer"], "人保财险");
    assert_eq!(c.json(&["product", "list"])[0]["revenues"][0]["year"], 2024);
    let table = c.ok(&["pledge", "list"]);
    assert!(
        table.contains(&inv[2..]),
        "the pledged patent is shown by number: {table}"
    );
    let hv = c.json(&["highvalue", "--today", "2026-01-01"]);
    let codes: Vec<&str> = hv[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["award"], "pledge threshold unset");
    c.ok(&["settings", "pledge-threshold", "1000000"]);
    let hv = c.json(&["highvalue", "--today", "2026-01-01"]);
    assert_eq!(hv[0]["reasons"].as_array().unwrap().len(), 2);
    assert!(
        c.ok(&["settings", "pledge-threshold"])
            .contains("1000000 元"),
        "without an amount it shows the threshold"
    );
    let out = c.ok(&["settings", "pledge-threshold", "--unset"]);
    assert!(out.contains("未设置"), "{out}");
    let hv = c.json(&["highvalue", "--today", "2026-01-01"]);
    let codes: Vec<&str> = hv[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["award"],
        "with the threshold unset the pledge no longer counts"
    );
    let rules = c.json(&["rules"]);
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["confirmed"] == false),
        "unconfirmed rules are marked"
    );
}

#[test]
fn export_writes_the_ledger_and_annual_fee_pdfs() {
    let c = Cli::new();
    c.ok(&["sample", "--patents", "120", "--today", "2026-11-21"]);
    let err = c.fails(1, &["sample", "--patents", "5"]);
    assert!(err.contains("空数据库"), "{err}");
    let ledger = c.dir.path().join("台账.pdf");
    let out = c.json(&[
        "export",
        "ledger",
        "--kind",
        "invention",
        "--out",
        ledger.to_str().unwrap(),
        "--today",
        "2026-11-21",
    ]);
    let n = out["count"].as_u64().unwrap();
    assert_eq!(
        n,
        c.json(&["patent", "list", "--kind", "invention"])["total"]
            .as_u64()
            .unwrap(),
        "the filter applies"
    );
    let text = pdf_text(&ledger);
    assert!(
        text.contains("专利台账") && text.contains("类型：发明"),
        "{}",
        &text[..text.len().min(400)]
    );
    let plan = c.dir.path().join("年费.pdf");
    c.ok(&[
        "export",
        "annuities",
        "--months",
        "6",
        "--today",
        "2026-11-21",
        "--out",
        plan.to_str().unwrap(),
    ]);
    // What the plan must show, from the same forecast as data.
    let f = c.json(&["fees", "forecast", "--months", "6", "--today", "2026-11-21"]);
    let items = f["items"].as_array().unwrap();
    assert!(
        items.len() > 1,
        "the sample has fees due in six months, so the plan has rows to check"
    );
    let text = pdf_text(&plan);
    assert!(text.contains("专利年费缴纳计划"), "the title: {text}");
    for item in [&items[0], items.last().unwrap()] {
        let no = item["appNo"].as_str().unwrap();
        assert!(text.contains(no), "the fee of {no} is listed: {text}");
    }
    let total = f["totalPayable"].as_i64().unwrap();
    assert!(total > 0);
    assert!(
        text.contains(&format!("合计应缴{}元", grouped_yuan(total))),
        "the total payable, {}, is printed: {text}",
        grouped_yuan(total)
    );
}

#[test]
fn a_stored_holiday_moves_a_fee_deadline_and_a_make_up_working_day_keeps_it() {
    let c = Cli::new();
    let inv = cn(2019, 1, 42);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种电池管理系统",
        "--filing-date",
        "2019-03-11",
        "--grant-date",
        "2021-08-20",
        "--fees-paid-through",
        "8",
    ]);
    let today = "2026-05-20";
    // (due date, deadline) of a patent year, from the schedule.
    let year = |y: u64| -> (String, String) {
        let s = c.json(&["fees", "schedule", &inv, "--today", today]);
        let row = s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["year"] == y)
            .unwrap_or_else(|| panic!("year {y} in {s}"))
            .clone();
        (
            row["dueDate"].as_str().unwrap().into(),
            row["deadline"].as_str().unwrap().into(),
        )
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Year 9 is due on Thursday 2027-03-11, year 10 on Saturday 2028-03-11.
    assert_eq!(year(9), pair("2027-03-11", "2027-03-11"), "a working day");
    assert_eq!(
        year(10),
        pair("2028-03-11", "2028-03-13"),
        "a Saturday moves to Monday"
    );

    let out = c.ok(&["holiday", "add", "2027-03-11", "--name", "测试假日"]);
    assert!(out.contains("2027-03-11"), "{out}");
    c.ok(&["holiday", "add", "2027-03-12"]);
    assert_eq!(
        year(9),
        pair("2027-03-11", "2027-03-15"),
        "two stored holidays, then the weekend: the deadline moves to Monday"
    );
    let f = c.json(&["fees", "forecast", "--months", "12", "--today", today]);
    assert_eq!(
        (&f["items"][0]["year"], &f["items"][0]["deadline"]),
        (&serde_json::json!(9), &serde_json::json!("2027-03-15")),
        "the forecast moves it too: {f}"
    );
    let table = c.ok(&["fees", "schedule", &inv, "--today", today]);
    let row = table
        .lines()
        .find(|l| l.starts_with("第9年"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        row.contains("2027-03-15"),
        "the table shows where it moved: {row}"
    );

    c.ok(&["holiday", "add", "2028-03-11", "--working"]);
    assert_eq!(
        year(10),
        pair("2028-03-11", "2028-03-11"),
        "a make-up working day on a Saturday keeps the deadline"
    );
    let own: Vec<(String, bool)> = c.json(&["holiday", "list", "--year", "2027"])["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["user"] == true)
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["working"] == true,
            )
        })
        .collect();
    assert_eq!(
        own,
        [
            ("2027-03-11".to_string(), false),
            ("2027-03-12".to_string(), false)
        ],
        "the own days of 2027, each with its kind"
    );
    let text = c.ok(&["holiday", "list", "--year", "2027"]);
    assert!(
        text.contains("未收录 2027 年"),
        "no 2027 notice is shipped: {text}"
    );
    c.ok(&["holiday", "remove", "2027-03-12"]);
    assert_eq!(
        year(9),
        pair("2027-03-11", "2027-03-12"),
        "one own day left"
    );
    let err = c.fails(1, &["holiday", "remove", "2026-02-17"]);
    assert!(
        err.contains("不是自行添加的日期"),
        "a shipped day stays: {err}"
    );
}

#[test]
fn the_shipped_state_council_calendar_moves_a_spring_festival_deadline() {
    let c = Cli::new();
    // Reference §2.3's worked example: filed 2018-02-17, the year-9 fee is
    // due 2026-02-17, inside 春节 (02-15..02-23 off), so the last day is
    // Tuesday 2026-02-24.
    let inv = cn(2018, 1, 77);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种储能装置",
        "--filing-date",
        "2018-02-17",
        "--grant-date",
        "2021-08-20",
        "--fees-paid-through",
        "8",
    ]);
    let s = c.json(&["fees", "schedule", &inv, "--today", "2026-01-10"]);
    let row = s["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 9)
        .unwrap()
        .clone();
    assert_eq!(
        (row["dueDate"].as_str(), row["deadline"].as_str()),
        (Some("2026-02-17"), Some("2026-02-24"))
    );
    // National Day 2025 (10-01..10-08 off): filed 2019-10-01, year 7 due
    // 2025-10-01 moves to Thursday 2025-10-09.
    let ud = cn(2019, 2, 5);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &ud,
        "--kind",
        "utility",
        "--title",
        "一种支架",
        "--filing-date",
        "2019-10-01",
        "--grant-date",
        "2020-05-20",
        "--fees-paid-through",
        "6",
    ]);
    let s = c.json(&["fees", "schedule", &ud, "--today", "2025-09-01"]);
    let row = s["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 7)
        .unwrap()
        .clone();
    assert_eq!(row["deadline"].as_str(), Some("2025-10-09"));
    assert_eq!(
        s["calendarMissing"],
        serde_json::json!([2027, 2028]),
        "the open deadlines' years not shipped: {s}"
    );
    let list = c.json(&["holiday", "list", "--year", "2026"]);
    assert!(list["notices"][0]["notice"]
        .as_str()
        .unwrap()
        .contains("国办发明电〔2025〕7号"));
    assert_eq!(
        list["notices"][0]["confirmed"], false,
        "the 2026 number is cited by code only"
    );
}

#[test]
fn patent_list_filters_by_fee_due_within_days_and_sorts_by_next_fee_due() {
    let c = Cli::new();
    // (number, kind, filed, granted, paid through): the next fee, as of
    // 2026-05-20, and whether it falls within 90 days (by 2026-08-18).
    let a = cn(2019, 1, 42); // year 8 due 2026-03-11: overdue, included
    let b = cn(2020, 2, 7); // year 7 due 2026-07-01: included
    let cc = cn(2018, 1, 9); // year 9 due 2026-06-15: included
    let d = cn(2019, 1, 50); // year 8 due 2026-12-01: too late
    let e = cn(2024, 1, 3); // an application: no fee yet
    for (no, kind, filed, granted, paid) in [
        (&a, "invention", "2019-03-11", Some("2021-08-20"), "7"),
        (&b, "utility", "2020-07-01", Some("2021-01-05"), "6"),
        (&cc, "invention", "2018-06-15", Some("2020-09-01"), "8"),
        (&d, "invention", "2019-12-01", Some("2022-01-10"), "7"),
        (&e, "invention", "2024-01-02", None, "0"),
    ] {
        let mut args = vec![
            "patent",
            "add",
            "--app-no",
            no,
            "--kind",
            kind,
            "--title",
            "一种装置",
            "--filing-date",
            filed,
        ];
        if let Some(g) = granted {
            args.extend(["--grant-date", g, "--fees-paid-through", paid]);
        }
        c.ok(&args);
    }
    let numbers = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "patent",
            "list",
            "--due-within",
            "90",
            "--sort",
            "next-fee-due",
            "--today",
            "2026-05-20",
        ];
        args.extend_from_slice(extra);
        let page = c.json(&args);
        let items = page["items"].as_array().unwrap();
        assert_eq!(
            page["total"],
            items.len(),
            "{args:?}: every match is listed"
        );
        items
            .iter()
            .map(|r| format!("ZL{}", r["displayAppNo"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(
        numbers(&[]),
        [a.clone(), cc.clone(), b.clone()],
        "due by 2026-08-18 (overdue included), earliest first"
    );
    assert_eq!(
        numbers(&["--desc"]),
        [b.clone(), cc.clone(), a.clone()],
        "latest first"
    );
    assert_eq!(
        numbers(&["--kind", "invention"]),
        [a.clone(), cc.clone()],
        "the README's example: inventions only"
    );
    let table = c.ok(&[
        "patent",
        "list",
        "--due-within",
        "90",
        "--sort",
        "next-fee-due",
        "--today",
        "2026-05-20",
    ]);
    let at = |no: &str| {
        table
            .find(&no[2..])
            .unwrap_or_else(|| panic!("{no} in {table}"))
    };
    assert!(
        at(&a) < at(&cc)
            && at(&cc) < at(&b)
            && !table.contains(&d[2..])
            && !table.contains(&e[2..]),
        "the table lists the same rows in the same order: {table}"
    );
}

#[test]
fn patent_show_prints_the_detail_with_fees_high_value_and_family() {
    let c = Cli::new();
    let inv = cn(2019, 1, 42);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种电池管理系统",
        "--filing-date",
        "2019-03-11",
        "--grant-date",
        "2021-08-20",
        "--fee-reduction",
        "85",
        "--applicant",
        "衡阳智电装备科技有限公司",
        "--inventor",
        "张伟",
        "--fees-paid-through",
        "7",
        "--notes",
        "核心专利",
    ]);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        "17/123,456",
        "--jurisdiction",
        "US",
        "--kind",
        "invention",
        "--title",
        "Battery management system",
        "--filing-date",
        "2020-03-10",
        "--grant-date",
        "2023-01-03",
    ]);
    c.ok(&["patent", "link-family", &inv, "17/123,456"]);

    // Year 8 was due 2026-03-11; on 2026-05-20 it is in grace (10 %).
    let today = "2026-05-20";
    let j = c.json(&["patent", "show", &inv, "--today", today]);
    assert_eq!(j["patent"]["title"], "一种电池管理系统");
    assert_eq!(j["patent"]["notes"], "核心专利");
    assert_eq!(
        (&j["feeStatus"]["status"], &j["feeStatus"]["year"]),
        (&serde_json::json!("inGrace"), &serde_json::json!(8)),
        "{j}"
    );
    assert_eq!(j["feesPaidTo"], 7);
    assert_eq!(
        j["expiry"], "2039-03-10",
        "20 years from filing, less a day"
    );
    assert_eq!(
        j["highValue"]["reasons"][0]["code"], "overseas",
        "the granted US member makes it high-value: {j}"
    );
    assert_eq!(j["family"].as_array().unwrap().len(), 1, "{j}");

    let text = c.ok(&["patent", "show", &inv, "--today", today]);
    let field = |label: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("{label} in {text}"))
            .trim()
            .to_string()
    };
    assert_eq!(field("申请号"), inv[2..]);
    assert_eq!(field("专利名称"), "一种电池管理系统");
    assert_eq!(field("申请人/专利权人"), "衡阳智电装备科技有限公司");
    assert_eq!(field("保护期至"), "2039-03-10");
    assert_eq!(field("年费缴至"), "第 7 年");
    assert!(
        field("年费状态").contains("第 8 年") && field("年费状态").contains("滞纳"),
        "the fee status in words: {text}"
    );
    assert!(
        field("同族").starts_with("US "),
        "the family member: {text}"
    );
    assert_ne!(field("高价值"), "否", "{text}");

    let err = c.fails(1, &["patent", "show", &cn(2019, 1, 43)]);
    assert!(
        err.contains("未找到") && err.contains("201910000043"),
        "an unknown number is named: {err}"
    );
}

#[test]
fn records_are_deleted_by_number_and_their_patent_stays() {
    let c = Cli::new();
    let inv = cn(2016, 1, 7);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种齿轮箱",
        "--filing-date",
        "2016-01-05",
        "--grant-date",
        "2018-04-01",
    ]);
    for reg_no in ["111", "222"] {
        c.ok(&["trademark", "add", "--reg-no", reg_no, "--mark", "智电"]);
    }
    c.ok(&[
        "pledge",
        "add",
        "--pledgor",
        "甲",
        "--pledgee",
        "乙银行",
        "--loan-amount",
        "5000000",
        "--patent",
        &inv,
    ]);
    let id_of = |kind: &str, i: usize| c.json(&[kind, "list"])[i]["id"].to_string();

    let first = id_of("trademark", 0);
    let out = c.ok(&["trademark", "delete", &first]);
    assert!(out.contains(&format!("#{first}")), "{out}");
    let left: Vec<String> = c
        .json(&["trademark", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["regNo"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left, ["222"], "only the named trademark goes");
    let err = c.fails(1, &["trademark", "delete", &first]);
    assert!(!err.is_empty(), "deleting it again is an error");

    let pledge = id_of("pledge", 0);
    c.ok(&["pledge", "delete", &pledge]);
    assert!(c.json(&["pledge", "list"]).as_array().unwrap().is_empty());
    assert_eq!(c.count(), 1, "the pledged patent stays");
}

#[test]
fn export_xlsx_writes_the_filtered_ledger_that_import_reads_back() {
    let c = Cli::new();
    c.ok(&["sample", "--patents", "40", "--today", "2026-11-21"]);
    let xlsx = c.dir.path().join("台账.xlsx");
    let out = c.json(&[
        "export",
        "xlsx",
        "--kind",
        "utility",
        "--out",
        xlsx.to_str().unwrap(),
        "--today",
        "2026-11-21",
    ]);
    // What was exported, field by field that a ledger shows.
    let shown = |cli: &Cli| -> Vec<Vec<serde_json::Value>> {
        let page = cli.json(&["patent", "list", "--kind", "utility", "--sort", "app-no"]);
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                [
                    "appNo",
                    "title",
                    "kind",
                    "status",
                    "filingDate",
                    "grantDate",
                    "applicants",
                    "inventors",
                    "feesPaidThrough",
                    "feeReduction",
                ]
                .iter()
                .map(|k| r[*k].clone())
                .collect()
            })
            .collect()
    };
    let expected = shown(&c);
    assert!(
        expected.len() > 1 && (expected.len() as u64) < 40,
        "the sample has utility models and other kinds, so the filter is tested"
    );
    assert_eq!(out["patents"], expected.len(), "{out}");

    let other = Cli::new();
    let dry = other.json(&["import", xlsx.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        (&dry["created"], &dry["committed"]),
        (
            &serde_json::json!(expected.len()),
            &serde_json::json!(false)
        ),
        "a dry run of the export would create every row: {dry}"
    );
    assert_eq!(other.count(), 0, "and wrote none");
    other.ok(&["import", xlsx.to_str().unwrap()]);
    assert_eq!(
        shown(&other),
        expected,
        "the exported utility models come back as they were"
    );
    assert_eq!(other.count(), expected.len() as u64, "and nothing else");
}

/// `ipdesk patent list | head -c 100`: the reader closes the pipe early; the
/// command ends quietly (status 141, as a shell reports SIGPIPE), not with a
/// panic message.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let sample = Command::new(env!("CARGO_BIN_EXE_ipdesk"))
        .arg("--db")
        .arg(&db)
        .args(["sample", "--patents", "3000"])
        .output()
        .unwrap();
    assert!(
        sample.status.success(),
        "{}",
        String::from_utf8_lossy(&sample.stderr)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipdesk"))
        .arg("--db")
        .arg(&db)
        .args(["patent", "list", "--limit", "3000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}

#[test]
fn a_fee_dropped_with_a_reason_reaches_the_approval_sheet_and_a_trademark_renews() {
    let c = Cli::new();
    let today = "2026-12-02";
    // Year 9 of a 2019-01-20 filing is due 2027-01-20.
    let inv = cn(2019, 1, 88);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &inv,
        "--kind",
        "invention",
        "--title",
        "一种逆变器散热结构",
        "--filing-date",
        "2019-01-20",
        "--grant-date",
        "2021-03-05",
        "--fees-paid-through",
        "8",
    ]);
    let err = c.fails(
        1,
        &[
            "fees",
            "decide",
            &inv,
            "--year",
            "9",
            "--decision",
            "放弃",
            "--today",
            today,
        ],
    );
    assert!(err.contains("放弃理由"), "{err}");
    let out = c.ok(&[
        "fees",
        "decide",
        &inv,
        "--year",
        "9",
        "--decision",
        "drop",
        "--reason",
        "技术已被替代",
        "--by",
        "李娜",
        "--today",
        today,
    ]);
    assert!(out.contains("放弃"), "{out}");
    let dash = c.json(&["fees", "decisions", "--today", today]);
    assert_eq!(dash["rows"][0]["decision"]["decision"], "drop", "{dash}");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("审批表.pdf");
    c.ok(&[
        "export",
        "approvals",
        "--months",
        "12",
        "--today",
        today,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    for needed in ["年费缴纳审批表", "技术已被替代", "放弃", "分管领导"] {
        assert!(text.contains(needed), "{needed}: {text}");
    }

    c.ok(&[
        "trademark",
        "add",
        "--reg-no",
        "12345678",
        "--mark",
        "星辰",
        "--class",
        "9",
        "--class",
        "42",
        "--reg-date",
        "2016-12-14",
    ]);
    let due = c.json(&["trademark", "renewals", "--today", today]);
    assert_eq!(due[0]["dates"]["state"], "open", "{due}");
    assert_eq!(
        due[0]["dates"]["fee"], 90000,
        "2 classes × 450 online: {due}"
    );
    // The table prints the row the renewal plan PDF prints.
    let table = c.ok(&["trademark", "renewals", "--today", today]);
    assert!(
        table.contains("费用（元）") && table.contains("9、42") && table.contains("900.00"),
        "{table}"
    );
    let out = c.ok(&[
        "trademark",
        "renew",
        "12345678",
        "--date",
        "2026-12-10",
        "--channel",
        "paper",
    ]);
    assert!(out.contains("2036-12-13") && out.contains("1000"), "{out}");
    let err = c.fails(
        1,
        &["trademark", "renew", "12345678", "--date", "2026-12-11"],
    );
    assert!(
        err.contains("续展期自 2035-12-14"),
        "renewed already: {err}"
    );
}

#[test]
fn export_records_prints_a_records_page_and_names_a_wrong_kind() {
    let c = Cli::new();
    c.ok(&[
        "trademark",
        "add",
        "--reg-no",
        "12345678",
        "--mark",
        "衡示",
        "--class",
        "9",
        "--class",
        "42",
        "--reg-date",
        "2016-05-07",
    ]);
    c.ok(&[
        "pledge",
        "add",
        "--pledgor",
        "衡阳示例",
        "--pledgee",
        "工商银行",
        "--loan-amount",
        "2500000",
    ]);
    let out = c.dir.path().join("商标台账.pdf");
    let done = c.json(&[
        "export",
        "records",
        "trademark",
        "--today",
        "2026-03-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(done["count"], 1, "one trademark");
    let text = pdf_text(&out);
    for want in [
        "商标台账",
        "打印日期：2026-03-02",
        "注册号/申请号",
        "12345678",
        "衡示",
        "9、42",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let out = c.dir.path().join("质押.pdf");
    c.ok(&[
        "export",
        "records",
        "知识产权质押融资台账",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        pdf_text(&out).contains("融资金额（元）合计2,500,000.00元"),
        "a kind by its title, totalled"
    );
    let err = c.fails(
        1,
        &[
            "export",
            "records",
            "patents",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("记录类别") && err.contains("trademark"),
        "{err}"
    );

    // The 商标续展 page: the mark expires 2026-05-06, so its window is open.
    let out = c.dir.path().join("续展.pdf");
    let done = c.json(&[
        "export",
        "renewals",
        "--channel",
        "paper",
        "--today",
        "2026-03-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(done["count"], 1);
    let text = pdf_text(&out);
    for want in ["商标续展计划", "提交方式：纸件", "12345678", "衡示"] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

#[test]
fn export_patent_prints_its_card_and_names_an_unknown_number() {
    let c = Cli::new();
    c.ok(&["sample", "--patents", "5", "--today", "2026-11-21"]);
    let list = c.json(&["patent", "list"]);
    let first = &list["items"][0];
    let app_no = first["displayAppNo"].as_str().unwrap();
    let out = c.dir.path().join("卡.pdf");
    c.ok(&[
        "export",
        "patent",
        app_no,
        "--today",
        "2026-11-21",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = pdf_text(&out);
    let title = first["title"].as_str().unwrap();
    assert!(
        text.contains(&format!("专利信息卡：{}", title.replace(' ', ""))),
        "{text}"
    );
    assert!(text.contains(&app_no.replace(' ', "")), "{text}");
    assert!(text.contains("年费缴至"), "{text}");
    let err = c.fails(
        1,
        &["export", "patent", "CN999", "--out", out.to_str().unwrap()],
    );
    assert!(err.contains("CN999"), "names the number: {err}");
}

#[test]
fn export_plans_radar_and_holidays_print_their_pages() {
    let c = Cli::new();
    let plans = c.dir.path().join("计划.pdf");
    let done = c.json(&["export", "plans", "--out", plans.to_str().unwrap()]);
    assert_eq!(done["count"], 0);
    assert!(pdf_text(&plans).contains("尚未制定专利布局计划"));

    let radar = c.dir.path().join("雷达.pdf");
    let done = c.json(&[
        "export",
        "radar",
        "--year",
        "2026",
        "--today",
        "2026-06-30",
        "--out",
        radar.to_str().unwrap(),
    ]);
    let listed = c.json(&[
        "programs",
        "radar",
        "--year",
        "2026",
        "--today",
        "2026-06-30",
    ]);
    assert_eq!(
        done["count"],
        listed.as_array().unwrap().len(),
        "a row per program the radar checks"
    );
    let text = pdf_text(&radar);
    assert!(text.contains("项目申报雷达（2026年度）"), "{text}");
    let first = listed[0]["name"].as_str().unwrap();
    assert!(text.contains(&first.replace(' ', "")), "{first}: {text}");

    let holidays = c.dir.path().join("假日.pdf");
    c.ok(&[
        "export",
        "holidays",
        "--year",
        "2026",
        "--out",
        holidays.to_str().unwrap(),
    ]);
    let text = pdf_text(&holidays);
    for want in ["2026年节假日安排表", "2026-02-14", "调休上班"] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

#[test]
fn export_overview_prints_the_home_page_with_the_dashboards_figures() {
    let c = Cli::new();
    c.ok(&["sample", "--patents", "120", "--today", "2026-11-21"]);
    let out = c.dir.path().join("概况.pdf");
    let done = c.json(&[
        "export",
        "overview",
        "--today",
        "2026-11-21",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = pdf_text(&out);
    assert!(text.contains("知识产权工作概况"), "{text}");
    assert!(
        text.contains("统计日：2026-11-21"),
        "the day it counts on: {text}"
    );
    let n = done["count"].as_u64().unwrap();
    assert!(n > 0, "the sample has valid patents: {done}");
    assert!(text.contains("30天内到期"), "{text}");
    let err = c.fails(
        1,
        &[
            "export",
            "overview",
            "--today",
            "2026-13-01",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(err.contains("2026-13-01"), "names the bad date: {err}");
}
