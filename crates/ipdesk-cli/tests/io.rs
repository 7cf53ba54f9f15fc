//! `ipdesk import / export / backup / restore` end to end, as a user runs
//! them: exit code 0 on success, 1 with a Chinese message for bad input, 2
//! for usage errors.

use std::path::Path;
use std::process::{Command, Output};

use ipdesk_core::app_no_check_char;

fn run(dir: &Path, db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipdesk"))
        .arg("--db")
        .arg(dir.join(db))
        .args(args)
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no(body: &str) -> String {
    format!("{body}.{}", app_no_check_char(body))
}

fn ledger_csv(dir: &Path) -> String {
    let path = dir.join("台账.csv");
    std::fs::write(
        &path,
        format!(
            "申请号,专利名称,专利类型,申请日,法律状态,授权日\n{},一种齿轮箱,发明,2019/3/5,有效,2021-06-01\n{},一种液压阀,实用新型,2020年1月5日,申请中,\n",
            no("201910123456"),
            no("202020123456")
        ),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn dry_run_reports_and_writes_nothing_then_import_commits() {
    let dir = tempfile::tempdir().unwrap();
    let csv = ledger_csv(dir.path());
    let o = run(dir.path(), "a.db", &["import", &csv, "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("试运行"), "{}", stdout(&o));
    let list = run(dir.path(), "a.db", &["--json", "patent", "list"]);
    assert!(!stdout(&list).contains("齿轮箱"), "dry run wrote nothing");

    let o = run(dir.path(), "a.db", &["import", &csv]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 2"), "{}", stdout(&o));
    let list = run(dir.path(), "a.db", &["patent", "list"]);
    assert!(stdout(&list).contains("齿轮箱"), "{}", stdout(&list));

    let o = run(
        dir.path(),
        "a.db",
        &["import", &csv, "--on-duplicate", "skip"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("跳过 2"), "{}", stdout(&o));

    // Two committed imports in the log, newest first; the dry run is not.
    let o = run(dir.path(), "a.db", &["--json", "import-log"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let counts: Vec<(i64, i64, i64, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["rows"].as_i64().unwrap(),
                b["created"].as_i64().unwrap(),
                b["skipped"].as_i64().unwrap(),
                b["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [(2, 0, 2, "台账.csv"), (2, 2, 0, "台账.csv")]);
    let o = run(dir.path(), "a.db", &["import-log"]);
    assert!(stdout(&o).contains("台账.csv"), "{}", stdout(&o));
    let o = run(
        dir.path(),
        "a.db",
        &["patent", "history", &no("201910123456")],
    );
    assert!(
        stdout(&o).contains("导入自 台账.csv（工作表 台账.csv）第 2 行"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_rows_and_bad_files_exit_1_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "申请号,专利名称,申请日\n{},一种齿轮箱,2019-02-30\n",
            no("201910123456")
        ),
    )
    .unwrap();
    let o = run(dir.path(), "b.db", &["import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("导入未执行") && stderr(&o).contains("第 2 行"),
        "{}",
        stderr(&o)
    );

    let pdf = dir.path().join("x.pdf");
    std::fs::write(&pdf, "%PDF").unwrap();
    let o = run(dir.path(), "b.db", &["import", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("不支持的文件类型"), "{}", stderr(&o));

    let o = run(
        dir.path(),
        "b.db",
        &["import", bad.to_str().unwrap(), "--on-duplicate", "merge"],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "an unknown choice is refused: {}",
        stderr(&o)
    );
    let o = run(dir.path(), "b.db", &["import"]);
    assert_eq!(o.status.code(), Some(2), "missing FILE is a usage error");
    let o = run(dir.path(), "b.db", &["export", "pdf", "--out", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_csv_applies_the_list_filters() {
    let dir = tempfile::tempdir().unwrap();
    let csv = ledger_csv(dir.path());
    assert_eq!(
        run(dir.path(), "c.db", &["import", &csv]).status.code(),
        Some(0)
    );
    let out = dir.path().join("out.csv");
    let o = run(
        dir.path(),
        "c.db",
        &[
            "export",
            "csv",
            "--out",
            out.to_str().unwrap(),
            "--kind",
            "utility",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(
        text.contains("液压阀") && !text.contains("齿轮箱"),
        "only utility models: {text}"
    );
}

#[test]
fn backup_then_restore_brings_the_ledger_back() {
    let dir = tempfile::tempdir().unwrap();
    let csv = ledger_csv(dir.path());
    assert_eq!(
        run(dir.path(), "d.db", &["import", &csv]).status.code(),
        Some(0)
    );
    let bak = dir.path().join("backup.db");
    let o = run(
        dir.path(),
        "d.db",
        &["backup", "--out", bak.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(
        dir.path(),
        "d.db",
        &["patent", "delete", &no("201910123456")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(dir.path(), "d.db", &["restore", bak.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("原数据库已保留"), "{}", stdout(&o));
    let list = run(dir.path(), "d.db", &["patent", "list"]);
    assert!(
        stdout(&list).contains("齿轮箱"),
        "the deleted patent is back"
    );

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not sqlite").unwrap();
    let o = run(dir.path(), "d.db", &["restore", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("无法使用"), "{}", stderr(&o));
}

#[test]
fn a_trademark_sheet_imports_as_trademarks_and_exports_back() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("商标.csv");
    std::fs::write(
        &csv,
        "商标名称,注册号,类别,注册日,有效期至\n华菱,12345678,6、7,2015-03-07,2025-03-06\n",
    )
    .unwrap();
    let csv = csv.to_string_lossy().into_owned();
    let o = run(dir.path(), "t.db", &["import", &csv]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("商标台账"), "{}", stdout(&o));
    let list = run(dir.path(), "t.db", &["--json", "trademark", "list"]);
    assert!(stdout(&list).contains("12345678"), "{}", stdout(&list));

    // Forcing the wrong kind names what is missing.
    let o = run(dir.path(), "t.db", &["import", &csv, "--kind", "patent"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("申请号"), "{}", stderr(&o));

    let out = dir.path().join("out.csv");
    let o = run(
        dir.path(),
        "t.db",
        &["export", "trademarks", "--out", &out.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("注册号") && text.contains("6、7"), "{text}");
    let o = run(
        dir.path(),
        "t.db",
        &["export", "trademarks", "--out", "x.pdf"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// `settings backup` and `auto-backup`: the folder and counts are set,
/// one copy a day is taken, the rotation keeps what the settings say, and
/// bad counts are refused in Chinese naming the field.
#[test]
fn automatic_backups_are_configured_taken_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let csv = ledger_csv(dir.path());
    assert_eq!(
        run(dir.path(), "台账.db", &["import", &csv]).status.code(),
        Some(0)
    );
    let folder = dir.path().join("备份盘");
    let folder_arg = folder.to_string_lossy().into_owned();
    let o = run(
        dir.path(),
        "台账.db",
        &[
            "settings",
            "backup",
            "--dir",
            &folder_arg,
            "--daily",
            "2",
            "--weekly",
            "0",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("保留最近 2 天"), "{}", stdout(&o));
    for day in ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-03"] {
        let o = run(dir.path(), "台账.db", &["auto-backup", "--today", day]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = run(dir.path(), "台账.db", &["--json", "auto-backup", "--list"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let days: Vec<&str> = report["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["day"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2026-12-03", "2026-12-02"]);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
    let o = run(
        dir.path(),
        "台账.db",
        &["settings", "backup", "--daily", "0"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("保留每日备份数"), "{}", stderr(&o));
}
