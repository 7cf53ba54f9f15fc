//! `ipdesk lead …`, `ipdesk evidence …` and the two lead exports end to
//! end: the built binary spawned as a process, against the surface the
//! issue names.

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

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(90, 60, |x, y| image::Rgb([x as u8 * 2, y as u8 * 3, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn cn(serial: u32) -> String {
    let body = format!("2023101{serial:05}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
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
fn a_lead_goes_from_intake_to_the_bureau_through_the_command_line() {
    let cli = Cli::new();
    cli.ok(&[
        "patent",
        "add",
        "--app-no",
        &cn(1),
        "--kind",
        "invention",
        "--title",
        "一种电池均衡电路",
        "--filing-date",
        "2023-02-01",
    ]);
    cli.ok(&[
        "trademark",
        "add",
        "--reg-no",
        "61234567",
        "--mark",
        "衡芯",
        "--class",
        "9",
    ]);
    let id = cli
        .ok(&[
            "lead",
            "add",
            "--title",
            "某店铺销售仿冒均衡板",
            "--channel",
            "电商平台",
            "--suspect",
            "某电子商行",
            "--discovered",
            "2026-03-02",
            "--patent",
            &cn(1),
            "--trademark",
            "61234567",
            "--region",
            "湖南省衡阳市",
        ])
        .trim()
        .to_string();
    assert_eq!(id, "1", "prints the lead id");

    // Evidence: each file's sha256, in the form sha256sum prints.
    let shot = cli.file("商品页面截图.png", &png());
    let receipt = cli.file("购买凭证.pdf", b"%PDF-1.4 receipt");
    let out = cli.ok(&[
        "evidence",
        "add",
        &id,
        &shot,
        &receipt,
        "--captured-at",
        "2026-03-03 10:15",
        "--source",
        "https://shop.example.com/item/1",
        "--notary",
        "(2026)湘衡证字第88号",
    ]);
    let sums = Command::new("sha256sum")
        .arg(&shot)
        .arg(&receipt)
        .output()
        .unwrap();
    assert_eq!(out, String::from_utf8(sums.stdout).unwrap());
    let list = cli.json(&["evidence", "list", &id]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["notaryRef"], "(2026)湘衡证字第88号");

    cli.ok(&[
        "lead",
        "status",
        &id,
        "--to",
        "核实中",
        "--date",
        "2026-03-04",
    ]);
    cli.ok(&[
        "lead",
        "status",
        &id,
        "--to",
        "evidenced",
        "--date",
        "2026-03-05",
        "--note",
        "已公证",
    ]);
    cli.ok(&[
        "lead",
        "status",
        &id,
        "--to",
        "处置中",
        "--date",
        "2026-03-06",
    ]);
    let action = cli.ok(&[
        "lead",
        "action",
        &id,
        "--kind",
        "电商平台投诉",
        "--date",
        "2026-03-06",
        "--due",
        "2026-03-20",
        "--counterpart",
        "某电商平台",
    ]);
    let deadlines = cli.json(&["lead", "deadlines", "--today", "2026-03-10"]);
    assert_eq!(deadlines[0]["daysLeft"], 10);
    cli.ok(&["lead", "action-done", action.trim()]);
    assert_eq!(
        cli.json(&["lead", "deadlines", "--today", "2026-03-10"]),
        serde_json::json!([])
    );
    cli.ok(&[
        "lead",
        "action",
        &id,
        "--kind",
        "诉讼",
        "--date",
        "2026-04-01",
        "--outcome",
        "判赔",
        "--amount",
        "50000",
    ]);
    cli.ok(&[
        "lead",
        "reported",
        &id,
        "--date",
        "2026-03-10",
        "--to",
        "衡阳市市场监督管理局",
    ]);

    let shown = cli.json(&["lead", "show", &id]);
    assert_eq!(shown["lead"]["status"], "handling");
    assert_eq!(shown["lead"]["rights"].as_array().unwrap().len(), 2);
    assert_eq!(shown["actions"][1]["amount"], 5_000_000, "yuan in fen");
    let listed = cli.json(&[
        "lead",
        "list",
        "--status",
        "处置中",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        cli.json(&["lead", "list", "--status", "closed"]),
        serde_json::json!([])
    );

    let verified = cli.ok(&["evidence", "verify", &id]);
    assert!(verified.contains("全部核验通过"), "{verified}");

    cli.ok(&[
        "export",
        "lead",
        &id,
        "--out",
        &cli.path("lead.pdf").display().to_string(),
    ]);
    let text = pdftotext(&cli.path("lead.pdf"));
    let sha = list[0]["sha256"].as_str().unwrap();
    assert!(
        text.contains(&sha[..32]) && text.contains(&sha[32..]),
        "hash printed"
    );
    assert!(
        text.contains("衡芯") && text.contains(&cn(1)),
        "the rights involved"
    );
    cli.ok(&[
        "export",
        "leads",
        "--out",
        &cli.path("leads.pdf").display().to_string(),
        "--from",
        "2026-03-01",
    ]);
    assert!(pdftotext(&cli.path("leads.pdf")).contains("2026-03-10衡阳市市场监督管理局"));
    let xlsx = cli.path("leads.xlsx");
    let out = cli.json(&[
        "export",
        "leads",
        "--out",
        &xlsx.display().to_string(),
        "--status",
        "handling",
    ]);
    assert_eq!(out["rows"], 1);

    // The export of the dossier is in the custody log.
    let log = cli.json(&["evidence", "log", &id]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "export"));
}

#[test]
fn refused_input_names_the_field_and_leaves_nothing_behind() {
    let cli = Cli::new();
    cli.ok(&[
        "lead",
        "add",
        "--title",
        "线索",
        "--channel",
        "展会",
        "--suspect",
        "某公司",
        "--discovered",
        "2026-03-02",
    ]);
    let err = cli.fails(&[
        "lead",
        "add",
        "--title",
        "x",
        "--channel",
        "展会",
        "--suspect",
        "y",
        "--suspect-uscc",
        "91430400MA4L0000X0",
    ]);
    assert!(
        err.contains("涉嫌侵权方统一社会信用代码") && err.contains("校验位"),
        "{err}"
    );
    let err = cli.fails(&[
        "lead",
        "add",
        "--title",
        "x",
        "--channel",
        "展会",
        "--suspect",
        "y",
        "--patent",
        &cn(9),
    ]);
    assert!(
        err.contains("--patent") && err.contains("台账中没有"),
        "{err}"
    );
    let err = cli.fails(&[
        "lead",
        "add",
        "--title",
        "x",
        "--channel",
        "网上",
        "--suspect",
        "y",
    ]);
    assert!(err.contains("发现渠道"), "{err}");
    let err = cli.fails(&[
        "lead",
        "status",
        "1",
        "--to",
        "已结案",
        "--date",
        "2026-03-05",
    ]);
    assert!(err.contains("不能直接改为"), "{err}");

    // A good file and a duplicate of a stored one: all or none.
    let a = cli.file("a.png", &png());
    cli.ok(&["evidence", "add", "1", &a]);
    let b = cli.file("b.txt", b"note");
    let again = cli.file("again.png", &png());
    let err = cli.fails(&["evidence", "add", "1", &b, &again]);
    assert!(err.contains("a.png") && err.contains("证据文件"), "{err}");
    let empty = cli.file("empty.jpg", b"");
    let err = cli.fails(&["evidence", "add", "1", &empty]);
    assert!(err.contains("文件是空的"), "{err}");
    assert_eq!(
        cli.json(&["evidence", "list", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    cli.ok(&[
        "lead",
        "status",
        "1",
        "--to",
        "不予处理",
        "--date",
        "2026-03-05",
        "--note",
        "证据不足",
    ]);
    let err = cli.fails(&[
        "lead",
        "action",
        "1",
        "--kind",
        "警告函",
        "--date",
        "2026-03-06",
    ]);
    assert!(err.contains("重新打开"), "{err}");
}

#[test]
fn verify_exits_1_naming_the_altered_file() {
    let cli = Cli::new();
    cli.ok(&[
        "lead",
        "add",
        "--title",
        "展会仿冒",
        "--channel",
        "exhibition",
        "--suspect",
        "某公司",
        "--discovered",
        "2026-03-02",
    ]);
    let f = cli.file("展台照片.png", &png());
    cli.ok(&["evidence", "add", "1", &f]);
    cli.ok(&["evidence", "verify"]);
    // Someone edits the database with a SQLite tool: one stored byte changes.
    rusqlite::Connection::open(cli.path("ledger.db"))
        .unwrap()
        .execute(
            "UPDATE attachment SET data = CAST('x' || substr(CAST(data AS BLOB), 2) AS BLOB)",
            [],
        )
        .unwrap();
    let out = cli.run(&["evidence", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("展台照片.png") && err.contains("展会仿冒"),
        "{err}"
    );
}
