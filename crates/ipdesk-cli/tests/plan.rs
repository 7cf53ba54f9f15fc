//! `ipdesk plan …` and the two plan exports end to end: the built binary
//! spawned as a process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ipdesk_core::{app_no_check_char, read_table};
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

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ipdesk"))
            .arg("--db")
            .arg(self.path("ledger.db"))
            .args(args)
            .env("XDG_DATA_HOME", self.path("xdg"))
            .output()
            .expect("ipdesk runs")
    }

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

    /// Runs a command that prints an id and returns it.
    fn id(&self, args: &[&str]) -> String {
        let out = self.ok(args).trim().to_string();
        assert!(out.parse::<i64>().is_ok(), "{args:?} printed {out:?}");
        out
    }
}

/// The text of a PDF as poppler extracts it, whitespace squeezed out.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is installed by scripts/setup.sh: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn cn(year: i32, t: u8, serial: u32) -> String {
    let body = format!("{year}{t}{serial:07}");
    format!("{body}.{}", app_no_check_char(&body))
}

const TODAY: &str = "2025-06-30";

/// A plan with a domestic invention (linked to a ledger patent), a PCT
/// invention to the US and a utility model; returns (plan, items, number).
fn plan_with_items(c: &Cli) -> (String, [String; 3], String) {
    let no = cn(2024, 1, 123_456);
    c.ok(&[
        "patent",
        "add",
        "--app-no",
        &no,
        "--kind",
        "invention",
        "--title",
        "一种电池主动均衡电路",
        "--filing-date",
        "2024-05-06",
    ]);
    c.ok(&["product", "add", "--name", "储能电池包"]);
    let plan = c.id(&[
        "plan",
        "add",
        "--name",
        "储能电池布局计划",
        "--technology",
        "电池均衡",
        "--start",
        "2024-01-01",
        "--end",
        "2026-12-31",
        "--product",
        "储能电池包",
    ]);
    let domestic = c.id(&[
        "plan",
        "item",
        "add",
        &plan,
        "--topic",
        "主动均衡拓扑",
        "--branch",
        "均衡控制",
        "--planned-date",
        "2024-06-01",
    ]);
    let pct = c.id(&[
        "plan",
        "item",
        "add",
        &plan,
        "--topic",
        "均衡算法国际布局",
        "--kind",
        "invention",
        "--route",
        "pct",
        "--jurisdiction",
        "US",
        "--branch",
        "均衡控制",
        "--planned-date",
        "2025-03-01",
        "--status",
        "撰写中",
    ]);
    let utility = c.id(&[
        "plan",
        "item",
        "add",
        &plan,
        "--topic",
        "电池包散热外壳",
        "--kind",
        "utility",
        "--status",
        "idea",
    ]);
    c.ok(&[
        "plan",
        "item",
        "link",
        &domestic,
        "--app-no",
        &format!("ZL{no}"),
    ]);
    (plan, [domestic, pct, utility], no)
}

#[test]
fn progress_counts_an_international_invention_twice_and_a_utility_model_not_at_all() {
    let c = Cli::new();
    let (plan, [domestic, pct, _], no) = plan_with_items(&c);
    let d = c.json(&["plan", "show", &plan, "--today", TODAY]);
    let p = &d["progress"];
    assert_eq!(p["planned"], 3, "{p}");
    assert_eq!(p["filed"], 1, "{p}");
    assert_eq!(p["weightedPlanned"], 3, "1 + 2 + 0: {p}");
    assert_eq!(p["weightedFiled"], 1, "the linked domestic invention: {p}");
    assert_eq!(p["target"], 5);
    assert_eq!(p["targetMet"], false);
    assert_eq!(
        p["overdue"],
        serde_json::json!([pct.parse::<i64>().unwrap()]),
        "the PCT item is past its date and not filed; the linked one is not overdue"
    );
    assert_eq!(d["productNames"], serde_json::json!(["储能电池包"]));
    let items = d["items"].as_array().unwrap();
    let linked = items
        .iter()
        .find(|i| i["id"].as_i64() == domestic.parse().ok())
        .unwrap();
    assert_eq!(linked["links"][0]["appNo"], no.as_str());
    assert_eq!(linked["links"][0]["missing"], false);

    let list = c.json(&["plan", "list", "--today", TODAY]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["progress"]["weightedFiled"], 1);
    let text = c.ok(&["plan", "show", &plan, "--today", TODAY]);
    assert!(
        text.contains("加权计划 3 件") && text.contains(&no),
        "{text}"
    );

    // Editing: a higher-weight status and a new target.
    c.ok(&["plan", "edit", &plan, "--target", "1", "--status", "执行中"]);
    let d = c.json(&["plan", "show", &plan, "--today", TODAY]);
    assert_eq!(d["plan"]["status"], "active");
    assert_eq!(d["progress"]["targetMet"], true);
}

#[test]
fn bad_input_is_refused_in_chinese_and_writes_nothing() {
    let c = Cli::new();
    let (plan, [domestic, ..], _) = plan_with_items(&c);
    let before = c.json(&["plan", "show", &plan, "--today", TODAY]);

    let unknown = cn(2023, 1, 999_999);
    let err = c.fails(
        1,
        &["plan", "item", "link", &domestic, "--app-no", &unknown],
    );
    assert!(err.contains("申请号") && err.contains(&unknown), "{err}");
    let err = c.fails(
        1,
        &[
            "plan",
            "add",
            "--name",
            "N",
            "--technology",
            "T",
            "--product",
            "没有的产品",
        ],
    );
    assert!(err.contains("没有的产品"), "{err}");
    let err = c.fails(
        1,
        &[
            "plan",
            "add",
            "--name",
            "N",
            "--technology",
            "T",
            "--target",
            "-1",
        ],
    );
    assert!(err.contains("目标件数"), "{err}");
    let err = c.fails(1, &["plan", "item", "add", "999", "--topic", "无主"]);
    assert!(err.contains("未找到"), "{err}");
    let err = c.fails(
        1,
        &[
            "plan",
            "item",
            "add",
            &plan,
            "--topic",
            "坏",
            "--route",
            "mars",
            "--branch",
            "新分支",
        ],
    );
    assert!(err.contains("申请途径"), "{err}");
    let err = c.fails(
        1,
        &[
            "plan",
            "item",
            "add",
            &plan,
            "--topic",
            "坏",
            "--jurisdiction",
            "USA",
            "--branch",
            "新分支",
        ],
    );
    assert!(err.contains("目标国家/地区"), "{err}");
    let err = c.fails(1, &["plan", "item", "edit", &domestic, "--status", "飞了"]);
    assert!(err.contains("布局状态"), "{err}");

    let after = c.json(&["plan", "show", &plan, "--today", TODAY]);
    assert_eq!(before, after, "nothing written (no stray branch either)");
    assert_eq!(c.json(&["plan", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn both_plan_pdfs_and_the_spreadsheet_carry_the_items_and_the_linked_number() {
    let c = Cli::new();
    let (plan, _, no) = plan_with_items(&c);
    let report = c.path("检索分析报告.txt");
    std::fs::write(&report, "检索结论").unwrap();
    let att = c.json(&[
        "plan",
        "attach",
        &plan,
        report.to_str().unwrap(),
        "--label",
        "检索分析报告",
    ]);
    let sha = att["attachment"]["sha256"].as_str().unwrap().to_string();

    let pdf = c.path("plan.pdf");
    c.ok(&[
        "export",
        "plan",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let text = pdf_text(&pdf);
    for want in [
        "专利布局计划",
        "储能电池布局计划",
        "主动均衡拓扑",
        "均衡算法国际布局",
        &no,
        "均衡控制",
        "储能电池包",
        &sha,
        "覆盖矩阵",
    ] {
        assert!(text.contains(want), "plan PDF lacks {want}: {text}");
    }

    let pdf = c.path("apps.pdf");
    c.ok(&[
        "export",
        "plan-applications",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let text = pdf_text(&pdf);
    for want in [
        "与专利布局计划相对应的专利申请清单",
        "主动均衡拓扑",
        &no,
        "2024-05-06",
        "加权已申请件数：1件",
        "国际发明专利布局（PCT",
        "衡阳市2023年知识产权项目申报指南",
    ] {
        assert!(text.contains(want), "list PDF lacks {want}: {text}");
    }

    let xlsx = c.path("apps.xlsx");
    let n = c.json(&[
        "export",
        "plan-applications",
        &plan,
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(n["rows"], 3, "one row per item (one link each at most)");
    let t = read_table(&xlsx).unwrap();
    let col = |h: &str| {
        t.headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {:?}", t.headers))
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(rows.len(), 4, "3 items and the total: {rows:?}");
    assert_eq!(rows[0][col("技术主题")], "主动均衡拓扑");
    assert_eq!(rows[0][col("申请号")], no);
    assert_eq!(rows[0][col("计入件数")], "1");
    assert_eq!(rows[1][col("计入件数")], "2");
    assert!(
        rows[3][col("技术主题")].contains("加权已申请 1 件"),
        "{rows:?}"
    );

    let csv = c.path("apps.csv");
    c.ok(&[
        "export",
        "plan-applications",
        &plan,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&csv).unwrap().contains(&no));
    let err = c.fails(
        1,
        &[
            "export",
            "plan-applications",
            &plan,
            "--out",
            c.path("x.doc").to_str().unwrap(),
        ],
    );
    assert!(err.contains(".xlsx"), "{err}");
    assert!(!c.path("x.doc").exists());
}

#[test]
fn a_deleted_patent_leaves_a_visible_missing_link_until_unlinked() {
    let c = Cli::new();
    let (plan, [domestic, ..], no) = plan_with_items(&c);
    c.ok(&["patent", "delete", &no]);
    let d = c.json(&["plan", "show", &plan, "--today", TODAY]);
    let item = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_i64() == domestic.parse().ok())
        .unwrap()
        .clone();
    assert_eq!(item["links"][0]["appNo"], no.as_str());
    assert_eq!(item["links"][0]["missing"], true);
    assert_eq!(
        d["progress"]["weightedFiled"], 0,
        "a missing link files nothing"
    );
    let text = c.ok(&["plan", "show", &plan, "--today", TODAY]);
    assert!(text.contains(&format!("{no}（台账中已删除）")), "{text}");

    let pdf = c.path("apps.pdf");
    c.ok(&[
        "export",
        "plan-applications",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&no) && text.contains("台账中已删除"),
        "{text}"
    );

    c.ok(&["plan", "item", "unlink", &domestic, "--app-no", &no]);
    let item = c.json(&["plan", "show", &plan])["items"][0].clone();
    assert_eq!(item["links"], serde_json::json!([]));
    c.ok(&["plan", "item", "delete", &domestic]);
    c.ok(&["plan", "delete", &plan]);
    assert_eq!(c.json(&["plan", "list"]), serde_json::json!([]));
    c.fails(1, &["plan", "show", &plan]);
}
