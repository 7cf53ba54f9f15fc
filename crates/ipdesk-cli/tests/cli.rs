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
    let text = Command::new("pdftotext")
        .arg(&ledger)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
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
    assert!(std::fs::metadata(&plan).unwrap().len() > 10_000);
}
