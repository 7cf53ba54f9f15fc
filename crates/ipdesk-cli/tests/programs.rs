//! `ipdesk programs …` end to end: the built binary against a scratch
//! database, on the surface the issue names.

use std::process::{Command, Output};

use serde_json::Value;

fn run(dir: &tempfile::TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipdesk"))
        .arg("--db")
        .arg(dir.path().join("ledger.db"))
        .args(args)
        .env("XDG_DATA_HOME", dir.path().join("xdg"))
        .output()
        .expect("ipdesk runs")
}

fn json(dir: &tempfile::TempDir, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.push("--json");
    let out = run(dir, &a);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

#[test]
fn list_show_check_radar_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let list = json(&dir, &["programs", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"hengyang-2023-2-3") && ids.contains(&"shaoyang-2022-qianglian"),
        "{ids:?}"
    );
    let shown = json(&dir, &["programs", "show", "hengyang-2023-2-3"]);
    assert_eq!(shown["source"]["section"], "（二）3");

    // Seed 004 (二)3: a 6,000,000-yuan pledge registered this year earns 4万.
    let out = run(
        &dir,
        &[
            "pledge",
            "add",
            "--pledgor",
            "衡阳智电",
            "--pledgee",
            "某银行",
            "--loan-amount",
            "6000000",
            "--reg-no",
            "Y2026001",
            "--reg-date",
            "2026-03-01",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = json(
        &dir,
        &[
            "programs",
            "check",
            "hengyang-2023-2-3",
            "--year",
            "2026",
            "--today",
            "2026-06-30",
        ],
    );
    assert_eq!(check["status"], "qualifies");
    assert_eq!(check["subsidyTotal"], 4_000_000, "4万 yuan in fen");
    assert_eq!(check["criteria"][0]["rows"][0]["number"], "Y2026001");
    let radar = json(
        &dir,
        &[
            "programs",
            "radar",
            "--year",
            "2026",
            "--today",
            "2026-06-30",
        ],
    );
    let row = radar
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "hengyang-2023-2-3")
        .unwrap();
    assert_eq!(row["subsidyTotal"], 4_000_000);

    let unknown = run(&dir, &["programs", "check", "no-such"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("未找到申报项目"));

    let mine = dir.path().join("我的项目.json");
    std::fs::write(&mine, r#"{"id": "mine", "name": "x", "issuer": "x", "region": "x", "level": "市级", "year": 2026,
        "enterprise": true, "confirmed": false, "source": {"document": "x", "issuer": "x", "section": "一"},
        "versions": [{"from": null, "to": null, "criteria": [{"id": "a", "text": "t", "check": {"type": "metric", "metric": "patents_galore", "op": ">=", "value": 1}}]}]}"#).unwrap();
    let out = run(&dir, &["programs", "validate", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("我的项目.json")
            && err.contains("criteria[0].check")
            && err.contains("patents_galore"),
        "{err}"
    );
}

/// The check digit of a CN application number, from the CLI's own message.
fn app_no(dir: &tempfile::TempDir, body: &str) -> String {
    let out = run(dir, &["check", "app-no", body]);
    let msg = String::from_utf8_lossy(&out.stderr).to_string();
    msg.split("应为 ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("{msg}"))
        .to_string()
}

fn ok(dir: &tempfile::TempDir, args: &[&str]) {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// qualification-programs.md §2.2 H-IP-4 (a class-II right once), §2.4 item 3
// (bands), §4.0 (the MIIT version by application date), §8.7 (titles valid
// on the date).
#[test]
fn national_programs_read_qualifications_other_rights_and_patent_use() {
    let dir = tempfile::tempdir().unwrap();
    let utility = app_no(&dir, "202120123457");
    ok(
        &dir,
        &[
            "patent",
            "add",
            "--app-no",
            &utility,
            "--kind",
            "utility",
            "--title",
            "一种托盘",
            "--filing-date",
            "2021-03-01",
            "--grant-date",
            "2021-09-01",
            "--status",
            "granted",
            "--hnte-used-year",
            "2022",
        ],
    );
    let shown = json(&dir, &["patent", "show", &utility]);
    assert_eq!(shown["patent"]["hnteUsedYear"], 2022, "{shown}");
    ok(
        &dir,
        &[
            "other-ip",
            "add",
            "--reg-no",
            "2024SR0123456",
            "--title",
            "控制软件V1.0",
            "--reg-date",
            "2024-05-01",
        ],
    );
    let check = json(
        &dir,
        &["programs", "check", "hnte-2016", "--today", "2026-06-30"],
    );
    let quantity = check["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "score-quantity")
        .unwrap();
    let reached: Vec<&Value> = quantity["scale"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["reached"] == true)
        .collect();
    assert_eq!(
        reached[0]["label"], "D",
        "the used utility model does not count: {quantity}"
    );
    assert_eq!(quantity["rows"][0]["number"], "2024SR0123456");

    let bad = run(
        &dir,
        &[
            "other-ip", "add", "--reg-no", "X1", "--title", "t", "--kind", "商标",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("知识产权类别"));

    ok(
        &dir,
        &[
            "qualification",
            "add",
            "--name",
            "创新型中小企业",
            "--cert-no",
            "CX2025-001",
            "--issued-on",
            "2025-06-01",
            "--valid-until",
            "2028-05-31",
        ],
    );
    let list = json(&dir, &["qualification", "list"]);
    assert_eq!(list[0]["certNo"], "CX2025-001");
    let tiers = json(
        &dir,
        &["programs", "check", "sme-tiers", "--today", "2026-06-30"],
    );
    assert_eq!(tiers["versionFrom"], "2026-04-01");
    let title = tiers["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sjtx-title")
        .unwrap();
    assert_eq!(title["verdict"], "met");
    assert_eq!(title["rows"][0]["number"], "CX2025-001");
    let before = json(
        &dir,
        &["programs", "check", "sme-tiers", "--today", "2026-03-31"],
    );
    assert_eq!(before["versionTo"], "2026-03-31");
    let text = String::from_utf8_lossy(
        &run(
            &dir,
            &["programs", "check", "hnte-2016", "--today", "2026-06-30"],
        )
        .stdout,
    )
    .to_string();
    assert!(text.contains("档次 D"), "{text}");
}

/// What a reader of the PDF at `path` gets, whitespace removed.
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is installed by scripts/setup.sh: {e}"));
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn export_self_check_prints_the_program_checked_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("自评表.pdf");
    let done = json(
        &dir,
        &[
            "export",
            "self-check",
            "hengyang-2023-2-3",
            "--year",
            "2026",
            "--today",
            "2026-06-30",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let check = json(
        &dir,
        &[
            "programs",
            "check",
            "hengyang-2023-2-3",
            "--year",
            "2026",
            "--today",
            "2026-06-30",
        ],
    );
    assert_eq!(
        done["count"],
        check["criteria"].as_array().unwrap().len(),
        "one row per criterion checked"
    );
    let text = pdf_text(&out);
    let name = check["program"]["name"].as_str().unwrap();
    assert!(text.contains(&format!("{name}申报条件自评表")), "{text}");
    assert!(text.contains("核对日（申报日）：2026-06-30"), "{text}");

    let bad = run(
        &dir,
        &[
            "export",
            "self-check",
            "no-such",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("no-such"), "names the program: {err}");
}
