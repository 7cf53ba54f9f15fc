//! `ipdesk dossier …` and `ipdesk export dossier` end to end, on the surface
//! the issue names: new, section, attach, export, submit (freeze), status,
//! copy — with `--json` — and the refusals.

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

fn ok(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &tempfile::TempDir, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.push("--json");
    serde_json::from_str(&ok(dir, &a)).expect("--json prints JSON")
}

fn refused(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should be refused");
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn a_dossier_is_written_attached_exported_submitted_and_frozen() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        &dir,
        &["company", "set", "--name", "衡阳智电装备科技有限公司"],
    );
    assert!(refused(&dir, &["dossier", "new", "no-such-program"]).contains("no-such-program"));
    let id = ok(
        &dir,
        &["dossier", "new", "hengyang-2023-2-3", "--year", "2026"],
    )
    .trim()
    .to_string();
    let text = dir.path().join("方案.txt");
    std::fs::write(&text, "以专利质押融资支持储能电池扩产。\n\n融资 600 万元。").unwrap();
    ok(
        &dir,
        &[
            "dossier",
            "section",
            &id,
            "项目实施方案",
            "--text-file",
            text.to_str().unwrap(),
        ],
    );
    assert!(refused(
        &dir,
        &[
            "dossier",
            "section",
            &id,
            "致谢",
            "--text-file",
            text.to_str().unwrap()
        ]
    )
    .contains("章节"));
    assert!(
        refused(&dir, &["dossier", "attach", &id, text.to_str().unwrap()]).contains("PDF 或图片")
    );

    // A PDF to attach: this same packet, exported as a draft.
    let draft = dir.path().join("草稿.pdf");
    ok(
        &dir,
        &["export", "dossier", &id, "--out", draft.to_str().unwrap()],
    );
    let attached = json(
        &dir,
        &[
            "dossier",
            "attach",
            &id,
            draft.to_str().unwrap(),
            "--label",
            "质押合同",
        ],
    );
    assert_eq!(attached["label"], "质押合同");
    let file = attached["attachment"]["id"].to_string();
    ok(
        &dir,
        &["dossier", "label", &id, &file, "--label", "借款合同"],
    );
    ok(&dir, &["dossier", "order", &id, &file]);
    let shown = json(&dir, &["dossier", "show", &id]);
    assert_eq!(shown["files"][0]["label"], "借款合同");
    assert_eq!(shown["sections"][0]["name"], "项目实施方案");
    assert!(shown["pages"].as_u64().unwrap() > 3);

    let submitted = json(&dir, &["dossier", "submit", &id, "--date", "2026-05-20"]);
    let sha = submitted["sha256"].as_str().unwrap().to_string();
    let out = dir.path().join("提交.pdf");
    let exported = json(
        &dir,
        &["export", "dossier", &id, "--out", out.to_str().unwrap()],
    );
    assert_eq!(
        exported["sha256"],
        sha.as_str(),
        "a submitted dossier re-exports its frozen bytes"
    );
    assert!(refused(
        &dir,
        &[
            "dossier",
            "section",
            &id,
            "预期目标",
            "--text-file",
            text.to_str().unwrap()
        ]
    )
    .contains("冻结"));
    ok(
        &dir,
        &[
            "dossier",
            "status",
            &id,
            "--to",
            "已受理",
            "--date",
            "2026-05-25",
        ],
    );
    ok(
        &dir,
        &[
            "dossier",
            "status",
            &id,
            "--to",
            "已立项",
            "--date",
            "2026-06-20",
        ],
    );
    assert!(refused(
        &dir,
        &[
            "dossier",
            "status",
            &id,
            "--to",
            "已拨付",
            "--date",
            "2026-07-01"
        ]
    )
    .contains("拨付金额"));
    ok(
        &dir,
        &[
            "dossier",
            "status",
            &id,
            "--to",
            "已拨付",
            "--date",
            "2026-07-01",
            "--amount",
            "40000",
        ],
    );
    let list = json(&dir, &["dossier", "list"]);
    assert_eq!(list[0]["status"], "paid");
    assert_eq!(list[0]["amountReceived"], 4_000_000, "fen");

    let next = json(&dir, &["dossier", "copy", &id, "--year", "2027"]);
    assert_eq!(next["status"], "draft");
    assert_eq!(next["year"], 2027);
}
