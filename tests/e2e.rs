//! The desktop app the way a person uses it: the real `ipdesk-app` window
//! under Xvfb, driven over WebDriver through `tauri-driver` and Debian's
//! `WebKitWebDriver`. Screenshots of every step go to `target/e2e/`.
//!
//! Run through `scripts/test.sh` (it builds the UI and the app, installs the
//! drivers and wraps this in `xvfb-run`). Needs `DISPLAY`.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, Local, Months, NaiveDate};
use serde_json::json;
use thirtyfour::prelude::*;

/// A port nobody listens on now, so a stale driver from an earlier run (or
/// another test) cannot answer in place of ours.
fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn app_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    let bin = target.join("debug").join("ipdesk-app");
    assert!(
        bin.exists(),
        "build the app first: cargo build -p ipdesk-app ({})",
        bin.display()
    );
    bin
}

/// `tauri-driver` and the WebKitWebDriver it starts, in their own process
/// group, killed together when the test ends however it ends.
struct Driver {
    child: Child,
    port: u16,
    /// What WebKitWebDriver starts: `launcher`, which runs the app and
    /// writes how it ended to `fate`.
    launcher: PathBuf,
    fate: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `open_files`: what the app's open dialogs "pick", the first file with a
/// matching extension (see `IPDESK_OPEN_FILE` in `src-tauri`).
fn start_driver(db: &Path, save_dir: &Path, open_files: &[PathBuf]) -> Driver {
    use std::os::unix::process::CommandExt;
    let (port, native) = (free_port(), free_port());
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
        .env("IPDESK_DB", db)
        // The webview keeps localStorage (language, ledger columns) under the
        // XDG data directory: a directory of this run's own starts the app as
        // a new user would, whatever an earlier run or the developer left.
        .env("XDG_DATA_HOME", save_dir.with_file_name("xdg-data"))
        .env("XDG_CACHE_HOME", save_dir.with_file_name("xdg-cache"))
        // The window's remembered size and place (the window-state plugin)
        // live in the config directory: this run's own, likewise.
        .env("XDG_CONFIG_HOME", save_dir.with_file_name("xdg-config"))
        .env("IPDESK_SAVE_DIR", save_dir)
        // What the backup-folder dialog "picks".
        .env("IPDESK_PICK_DIR", save_dir.with_file_name("chosen-backups"))
        .env(
            "IPDESK_OPEN_FILE",
            std::env::join_paths(open_files).expect("paths without ':'"),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .process_group(0)
        .spawn()
        .expect("tauri-driver is installed by scripts/setup.sh (cargo install tauri-driver)");
    let (launcher, fate) = launcher(save_dir);
    let driver = Driver {
        child,
        port,
        launcher,
        fate,
    };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

/// A script that runs the app as WebKitWebDriver asked and appends how it
/// ended (exit status or signal) to a file: an app that is gone in the middle
/// of a run otherwise shows only as "invalid session id". A TERM sent to the
/// script (the session ending) is passed on to the app.
fn launcher(save_dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = save_dir.with_file_name("launcher");
    std::fs::create_dir_all(&dir).unwrap();
    let (script, fate) = (dir.join("ipdesk-app"), dir.join("fate.log"));
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             \"{app}\" \"$@\" &\n\
             pid=$!\n\
             trap 'kill -TERM $pid 2>/dev/null' TERM INT HUP\n\
             while :; do\n\
             \x20 wait $pid; rc=$?\n\
             \x20 kill -0 $pid 2>/dev/null || break\n\
             done\n\
             if [ $rc -gt 128 ]; then how=\"killed by signal $((rc - 128))\"; else how=\"exit status $rc\"; fi\n\
             echo \"$(date +%T) app $pid ended: $how\" >> \"{fate}\"\n\
             exit $rc\n",
            app = app_binary().display(),
            fate = fate.display(),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, fate)
}

/// A WebDriver session on the app: tauri-driver starts a fresh app for it.
///
/// tauri-driver listens before WebKitWebDriver behind it does; a session
/// asked for in that moment is dropped unanswered ("error sending request"),
/// seen on a loaded machine. Asking again a few times covers it; a session
/// that cannot be had in 30 s is still a failure.
async fn app_session(driver: &Driver) -> WebDriver {
    let mut caps = Capabilities::new();
    caps.set("browserName", "wry").unwrap();
    caps.set("tauri:options", json!({ "application": driver.launcher }))
        .unwrap();
    let url = format!("http://127.0.0.1:{}", driver.port);
    let start = Instant::now();
    loop {
        match WebDriver::new(&url, caps.clone()).await {
            Ok(session) => return session,
            Err(e) if start.elapsed() < Duration::from_secs(30) => {
                eprintln!("no WebDriver session yet ({e}); asking again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => panic!("a WebDriver session on the app: {e}"),
        }
    }
}

struct Ui {
    d: WebDriver,
    shots: PathBuf,
    n: u32,
    /// The launcher's record of how each app of this run ended.
    fate: PathBuf,
}

impl Ui {
    async fn el(&self, testid: &str) -> WebElement {
        self.css(&format!("[data-testid='{testid}']")).await
    }

    async fn css(&self, css: &str) -> WebElement {
        let found = self
            .d
            .query(By::Css(css))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await;
        match found {
            Ok(e) => e,
            Err(e) => {
                self.shot("FAILED-no-element").await;
                panic!("no element {css}: {e}{}", self.fate())
            }
        }
    }

    async fn click(&self, testid: &str) {
        let el = self.el(testid).await;
        self.click_el(&el, testid).await;
    }

    /// Clicks, retrying while a popper or dialog that is fading out still
    /// covers the element (Element Plus animates them for ~300 ms).
    async fn click_el(&self, el: &WebElement, what: &str) {
        // As a person scrolls the sidebar to an item below the fold (a short
        // window, or the native menu bar taking its height): WebKitWebDriver
        // does not scroll Element Plus's own scroll areas for a click.
        let _ = el.scroll_into_view().await;
        let start = Instant::now();
        loop {
            match el.click().await {
                Ok(()) => return,
                Err(e)
                    if e.to_string().contains("intercepted")
                        && start.elapsed() < Duration::from_secs(5) =>
                {
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => {
                    self.shot(&format!("FAILED-click-{what}")).await;
                    panic!("cannot click {what}: {e}{}", self.fate());
                }
            }
        }
    }

    /// Types into the input inside a `data-testid` wrapper, replacing what was
    /// there. Finds the input again and retries when the page re-rendered it
    /// under us (a view that finishes loading replaces its form: the old
    /// element is stale).
    async fn fill(&self, testid: &str, text: &str) {
        let css = format!("[data-testid='{testid}'] input, [data-testid='{testid}'] textarea");
        let mut tries = 0;
        loop {
            let input = self.css(&css).await;
            self.click_el(&input, testid).await;
            let typed = async {
                input.send_keys(Key::Control + "a").await?;
                input.send_keys(Key::Backspace).await?;
                // WebDriver refuses an empty key sequence: clearing is done.
                if text.is_empty() {
                    return Ok(());
                }
                input.send_keys(text).await
            }
            .await;
            match typed {
                Ok(()) => return,
                Err(e) if tries < 3 => {
                    tries += 1;
                    eprintln!("retyping {testid}: {e}");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => {
                    self.shot(&format!("FAILED-fill-{testid}")).await;
                    panic!("cannot type into {testid}: {e}");
                }
            }
        }
    }

    async fn fill_date(&self, testid: &str, date: NaiveDate) {
        self.fill(testid, &date.to_string()).await;
        let input = self.css(&format!("[data-testid='{testid}'] input")).await;
        input.send_keys(Key::Enter).await.unwrap();
    }

    /// Picks an option of an Element Plus select by its visible text. The
    /// click that should open the dropdown is sometimes lost while a drawer or
    /// popper is still animating (seen in CI on a loaded machine), so the
    /// select is clicked again when no option shows up: an open dropdown
    /// closes, a closed one opens, and the next try sees the options.
    async fn choose(&self, testid: &str, option: &str) {
        let xpath = format!(
            "//li[contains(@class,'el-select-dropdown__item')][not(ancestor::*[contains(@style,'display: none')])][normalize-space()='{option}']"
        );
        for attempt in 0..4 {
            self.click(testid).await;
            let found = self
                .d
                .query(By::XPath(&xpath))
                .and_displayed()
                .wait(Duration::from_secs(4), Duration::from_millis(100))
                .first()
                .await;
            if let Ok(item) = found {
                if item.click().await.is_ok() {
                    // The dropdown fades out over the fields below; wait until it is gone.
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    return;
                }
            }
            eprintln!("choosing {option} in {testid}: no option after try {attempt}");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        self.shot(&format!("FAILED-choose-{testid}")).await;
        panic!("option {option} of {testid} never showed");
    }

    async fn text_of(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap_or_default()
    }

    /// The element's `innerText`. WebKitWebDriver's element text came back
    /// empty for an Element Plus table the screenshot showed filled.
    async fn inner_text(&self, testid: &str) -> String {
        let script = format!(
            "const e = document.querySelector(\"[data-testid='{testid}']\"); return e ? e.innerText : '';"
        );
        self.d
            .execute(&script, Vec::new())
            .await
            .ok()
            .and_then(|r| r.json().as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Waits until `f` holds, polling; panics with `what` after 15 s.
    async fn until<F, Fut>(&self, what: &str, mut f: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let start = Instant::now();
        while !f().await {
            if start.elapsed() > Duration::from_secs(15) {
                self.shot(&format!("FAILED-{}", what.replace(' ', "-")))
                    .await;
                panic!("timed out waiting for: {what}{}", self.fate());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Answers 返回 to the box an export ends with ("已导出到 …，是否打开？"),
    /// once it is up: it comes after the file is written, so a test that
    /// has just seen the file must wait for it (a box still up takes the
    /// next click).
    async fn close_export_box(&self) {
        let back = self.css(".el-message-box__btns button").await;
        self.click_el(&back, "返回 on the export box").await;
        self.until("the export box is gone", || async {
            self.d
                .execute(
                    "const b = document.querySelector('.el-message-box'); \
                     return !b || b.getClientRects().length === 0",
                    Vec::new(),
                )
                .await
                .is_ok_and(|r| r.json().as_bool() == Some(true))
        })
        .await;
    }

    /// For a failure's message: whether an app of this run has ended, and how.
    fn fate(&self) -> String {
        match std::fs::read_to_string(&self.fate) {
            Ok(log) => format!("\n(the launcher's record: {})", log.trim()),
            Err(_) => "\n(the app is still running: the launcher recorded no end)".into(),
        }
    }

    async fn shot(&self, name: &str) {
        let path = self.shots.join(format!("{:02}-{name}.png", self.n));
        let _ = self.d.screenshot(&path).await;
    }

    async fn step(&mut self, name: &str) {
        // Let transitions (drawers, dialogs) finish so the picture shows the state.
        tokio::time::sleep(Duration::from_millis(400)).await;
        self.n += 1;
        self.shot(name).await;
    }
}

fn cn(year: i32, serial: u32) -> (String, String) {
    let body = format!("{year}1{serial:07}");
    let check = ipdesk_core::app_no_check_char(&body);
    let wrong = if check == '0' { '1' } else { '0' };
    (format!("{body}.{check}"), format!("{body}.{wrong}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn an_officer_fills_the_profile_adds_a_patent_pays_a_fee_and_exports_the_ledger() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under xvfb-run (scripts/test.sh does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let save_dir = dir.path().join("exports");
    std::fs::create_dir_all(&save_dir).unwrap();
    let shots = workspace().join("target").join("e2e");
    std::fs::create_dir_all(&shots).unwrap();
    // A spreadsheet to import later, written by the core's own export.
    let sheet = dir.path().join("旧台账.xlsx");
    // The most used tag of the spreadsheet, to filter the ledger by later.
    let (tag, tagged) = {
        let mut old = ipdesk_core::Store::open(&dir.path().join("old.db")).unwrap();
        let today = Local::now().date_naive();
        old.add_patents(ipdesk_core::sample::ledger(3, 5, today))
            .unwrap();
        let q = ipdesk_core::PatentQuery::default();
        old.export_patents(&q, today, ipdesk_core::ExportFormat::Xlsx, &sheet)
            .unwrap();
        let top = old.tags().unwrap().remove(0);
        (top.tag, top.patents)
    };
    let today = Local::now().date_naive();
    let backup = save_dir.join(format!("ipdesk-备份-{today}.db"));
    // A photo taken at a trade fair, for the lead's evidence locker.
    let photo = dir.path().join("展台照片.png");
    {
        let img = image::RgbImage::from_fn(160, 120, |x, y| {
            image::Rgb([(x * 3 % 256) as u8, (y * 2 % 256) as u8, 180])
        });
        img.save(&photo).unwrap();
    }
    let photo_sha = ipdesk_core::sha256_hex(&std::fs::read(&photo).unwrap());
    // A patent certificate as a PDF: proof of the right in the lead's
    // locker, and an attachment of the funding dossier.
    let certificate = dir.path().join("专利证书.pdf");
    {
        use ipdesk_core::pdf::{render, Block, DocMeta, Document, Fonts};
        let doc = Document {
            meta: DocMeta::dated("专利证书", "国家知识产权局", today),
            blocks: vec![Block::Paragraph("发明专利证书正文（测试）".into())],
            ..Document::default()
        };
        std::fs::write(&certificate, render(&doc, Fonts::embedded()).unwrap()).unwrap();
    }
    let driver = start_driver(
        &db,
        &save_dir,
        &[
            sheet.clone(),
            backup.clone(),
            photo.clone(),
            certificate.clone(),
        ],
    );

    let d = app_session(&driver).await;
    let mut ui = Ui {
        d,
        shots,
        n: 0,
        fate: driver.fate.clone(),
    };

    // 1. An empty database: the dashboard comes up, in a window whose
    // Object.prototype is frozen (tauri.conf.json `freezePrototype`; the
    // dashboard's charts are among what had to be made to work with it).
    ui.el("nav-dashboard").await;
    ui.step("start-empty").await;
    let frozen =
        ui.d.execute("return Object.isFrozen(Object.prototype);", Vec::new())
            .await
            .expect("a script runs in the window");
    assert_eq!(
        frozen.json().as_bool(),
        Some(true),
        "nothing the window loads can pollute Object.prototype"
    );

    // 2. The company profile.
    ui.click("nav-company").await;
    ui.fill("company-name", "衡阳智电装备科技有限公司").await;
    ui.fill("company-uscc", "914403001922038216").await;
    ui.click("company-save").await;
    ui.until("the profile is saved", || async {
        ipdesk_core::Store::open(&db)
            .and_then(|s| s.company())
            .map(|c| c.name == "衡阳智电装备科技有限公司")
            .unwrap_or(false)
    })
    .await;
    ui.step("company-saved").await;

    // 3. A patent with a wrong check digit: the error shows at the field.
    let today = Local::now().date_naive();
    // Filed so that the current patent year is 5 and year 6 falls due in 20 days;
    // granted 30 days ago, so year 5 is the grant year and year 6 is open.
    let filed = today.checked_sub_months(Months::new(60)).unwrap() + Days::new(20);
    let granted = today - Days::new(30);
    let (good, bad) = cn(filed.year(), 4242);
    ui.click("nav-ledger").await;
    ui.click("ledger-add").await;
    // The cursor waits in 申请号, the field an officer types first.
    ui.until("the new-patent form focuses 申请号", || async {
        ui.d.execute(
            "return !!document.activeElement?.closest(\"[data-testid='patent-appno']\")",
            Vec::new(),
        )
        .await
        .is_ok_and(|r| r.json().as_bool() == Some(true))
    })
    .await;
    ui.fill("patent-appno", &bad).await;
    ui.fill("patent-title", "一种电池管理系统的控制方法").await;
    ui.until("the check-digit error at 申请号", || async {
        ui.d.find(By::Css("[data-testid='field-error-appNo']"))
            .await
            .is_ok_and(|_| true)
            && ui.text_of("field-error-appNo").await.contains("校验位")
    })
    .await;
    ui.step("wrong-check-digit").await;

    // 4. Corrected, granted, saved — and found in the ledger.
    ui.fill("patent-appno", &good).await;
    ui.until("the error clears", || async {
        match ui
            .d
            .find(By::Css("[data-testid='field-error-appNo']"))
            .await
        {
            Ok(e) => e.text().await.unwrap_or_default().trim().is_empty(),
            Err(_) => true,
        }
    })
    .await;
    ui.fill_date("patent-filing-date", filed).await;
    ui.choose("patent-status", "授权/有效").await;
    ui.fill_date("patent-grant-date", granted).await;
    ui.step("patent-form").await;
    ui.click("patent-save").await;

    let row6 = "[data-testid='fee-row'][data-year='6']";
    ui.until("the fee schedule shows year 6 open", || async {
        match ui.d.find(By::Css(row6)).await {
            Ok(e) => e.attr("data-state").await.ok().flatten().as_deref() == Some("open"),
            Err(_) => false,
        }
    })
    .await;
    ui.step("patent-detail").await;

    // 5. Record the year-6 payment: the schedule changes.
    ui.click("fee-pay-6").await;
    ui.el("pay-confirm").await;
    ui.fill("pay-receipt", "E2E-0001").await;
    ui.step("payment-dialog").await;
    ui.click("pay-confirm").await;
    ui.until("year 6 becomes paid", || async {
        match ui.d.find(By::Css(row6)).await {
            Ok(e) => e.attr("data-state").await.ok().flatten().as_deref() == Some("paid"),
            Err(_) => false,
        }
    })
    .await;
    ui.step("fee-paid").await;

    ui.click("detail-close").await;
    ui.fill("ledger-search", &good[..8]).await;
    let row = format!("[data-testid='ledger-row'][data-appno='{good}']");
    ui.until("the patent is in the ledger", || async {
        ui.d.find(By::Css(&row)).await.is_ok()
    })
    .await;
    ui.until("the total reads 共 1 件", || async {
        ui.text_of("ledger-total").await.trim() == "共 1 件"
    })
    .await;
    ui.step("ledger").await;

    // 6. Export the ledger PDF and read it back.
    ui.click("ledger-export-pdf").await;
    let pdf = save_dir.join(format!("专利台账-{today}.pdf"));
    ui.until("the PDF is written", || async { pdf.exists() })
        .await;
    ui.step("exported").await;
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&good), "the exported ledger lists {good}");
    assert!(text.contains("一种电池管理系统的控制方法"));
    assert!(text.contains("衡阳智电装备科技有限公司专利台账"));

    let store = ipdesk_core::Store::open(&db).unwrap();
    let p = store.find_patent(&good).unwrap();
    assert_eq!(
        store.payments(p.id).unwrap()[0].receipt_no,
        "E2E-0001",
        "the payment reached the database"
    );
    drop(store);

    // 7. The ledger's filter as a spreadsheet; back the database up from the
    // settings page; bring in an old spreadsheet: check first, then commit.
    ui.close_export_box().await;

    // 6b. The command line (here the core, as `ipdesk` would) writes to the
    // database beside the open window: the ledger refreshes by itself.
    {
        let mut store = ipdesk_core::Store::open(&db).unwrap();
        let p = store.find_patent(&good).unwrap();
        let mut data = p.data;
        data.title = "一种电池管理系统的控制方法（命令行修改）".into();
        store.update_patent(p.id, data).unwrap();
    }
    // The window says so (a toast, gone after 3 s) and shows the new title.
    ui.until(
        "the window says another program changed the data",
        || async {
            ui.d.execute("return document.body.innerText", Vec::new())
                .await
                .ok()
                .and_then(|r| {
                    r.json()
                        .as_str()
                        .map(|t| t.contains("其他程序修改了数据库"))
                })
                .unwrap_or(false)
        },
    )
    .await;
    ui.until("the ledger shows what the other program wrote", || async {
        ui.inner_text("ledger-row").await.contains("命令行修改")
    })
    .await;
    ui.step("outside-change").await;

    ui.click("ledger-export-xlsx").await;
    let sheet_out = save_dir.join(format!("专利台账-{today}.xlsx"));
    ui.until("the spreadsheet is written", || async {
        sheet_out.exists()
    })
    .await;
    let table = ipdesk_core::read_table(&sheet_out).unwrap();
    assert_eq!(
        table.rows.len(),
        1,
        "the export follows the ledger's filter"
    );
    assert!(table.rows[0]
        .cells
        .iter()
        .any(|c| c.text().replace('.', "") == good.replace('.', "")));

    ui.click("nav-settings").await;
    ui.click("settings-backup").await;
    ui.until("the backup is written", || async { backup.exists() })
        .await;
    ui.step("backed-up").await;
    ui.click("nav-import").await;
    ui.click("import-pick").await;
    ui.el("import-dryrun").await;
    ui.step("import-mapping").await;
    ui.click("import-dryrun").await;
    ui.until("the dry run allows the commit", || async {
        match ui.d.find(By::Css("[data-testid='import-commit']")).await {
            Ok(e) => e.is_enabled().await.unwrap_or(false),
            Err(_) => false,
        }
    })
    .await;
    ui.step("import-checked").await;
    ui.click("import-commit").await;
    ui.el("import-summary").await;
    // The import log below the summary names the file and its three rows.
    ui.until("the import log lists the file", || async {
        let log = ui.inner_text("import-log").await;
        log.contains("旧台账.xlsx") && log.contains("专利台账")
    })
    .await;
    ui.step("import-done").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let total = store
        .list_patents(&ipdesk_core::PatentQuery::default(), today)
        .unwrap()
        .total;
    assert_eq!(total, 4, "the three spreadsheet rows joined the one patent");
    let log = store.import_batches(5).unwrap();
    assert_eq!(
        (log.len(), log[0].file.as_str(), log[0].created),
        (1, "旧台账.xlsx", 3)
    );
    drop(store);

    // The ledger filtered by a tag the spreadsheet brought in.
    ui.click("import-to-ledger").await;
    ui.fill("ledger-search", "").await;
    ui.choose("ledger-tag", &format!("{tag}（{tagged}）")).await;
    ui.until("the tag filter leaves the tagged patents", || async {
        ui.text_of("ledger-total").await.trim() == format!("共 {tagged} 件")
    })
    .await;
    ui.step("ledger-by-tag").await;

    // 8. Restore the backup: the import is undone, the replaced database is
    // kept beside it, and the ledger shows the one patent again.
    ui.click("nav-settings").await;
    ui.click("settings-restore").await;
    let ok = ui.css(".el-message-box__btns .el-button--primary").await;
    ui.step("restore-confirm").await;
    ui.click_el(&ok, "the restore confirmation").await;
    ui.until("the restore reports its patents", || async {
        match ui.d.find(By::Css(".el-message--success")).await {
            Ok(e) => e
                .text()
                .await
                .unwrap_or_default()
                .contains("已恢复（1 件专利）"),
            Err(_) => false,
        }
    })
    .await;
    ui.step("restored").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let total = store
        .list_patents(&ipdesk_core::PatentQuery::default(), today)
        .unwrap()
        .total;
    assert_eq!(total, 1, "the restored database is the backup's");
    // Closed, as an officer closes other programs before a restore (one
    // left open here kept the automatic restore of step 15 from working).
    drop(store);
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("e2e.db.before-restore-")
        });
    assert!(kept, "the replaced database is kept beside it");

    // 9. English is the second language: the menu and the rules switch over,
    // and back.
    ui.click("lang-toggle").await;
    ui.until("the menu reads English", || async {
        ui.text_of("nav-ledger").await.trim() == "Patent ledger"
    })
    .await;
    ui.until("the rules read English", || async {
        match ui.d.find(By::Css(".el-table")).await {
            Ok(_) => ui.d.source().await.unwrap_or_default().contains("Saturday"),
            Err(_) => false,
        }
    })
    .await;
    ui.step("settings-english").await;
    ui.click("lang-toggle").await;
    ui.until("the menu reads Chinese again", || async {
        ui.text_of("nav-ledger").await.trim() == "专利台账"
    })
    .await;
    // 10. 案卷四: the funding radar lists every shipped program; the
    // insurance program's check shows the granted patent behind its first
    // criterion and names what is still missing.
    ui.click("nav-dossiers").await;
    ui.until("the radar lists the programs", || async {
        ui.inner_text("radar-table")
            .await
            .contains("知识产权强链护链项目")
    })
    .await;
    ui.step("funding-radar").await;
    let open = ui
        .css("[data-testid='radar-open'][data-id='hengyang-2023-1-4']")
        .await;
    ui.click_el(&open, "the insurance program").await;
    let patents = "[data-testid='criterion'][data-id='patents']";
    ui.until(
        "the patents criterion is met by the ledger's patent",
        || async {
            match ui.d.find(By::Css(patents)).await {
                Ok(e) => {
                    e.attr("data-verdict").await.ok().flatten().as_deref() == Some("met")
                        && e.text().await.unwrap_or_default().contains(&good)
                }
                Err(_) => false,
            }
        },
    )
    .await;
    ui.until("the missing trademark is named", || async {
        ui.d.source()
            .await
            .unwrap_or_default()
            .contains("还差 1 件注册商标")
    })
    .await;
    ui.step("program-check").await;

    // 10b. The national qualifications: the officer records the company's
    // 高新技术企业 certificate with its validity; the 高企 check puts the
    // ledger's granted invention in band A of 知识产权数量 (7–8 分, never a
    // point value), and the MIIT tiers take the certificate as a direct
    // condition for 创新型.
    ui.click("nav-qualifications").await;
    ui.click("record-add").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.fill("record-name", "高新技术企业").await;
    ui.fill("record-certNo", "GR202543000123").await;
    ui.fill_date("record-issuedOn", today - Days::new(400))
        .await;
    ui.fill_date("record-validUntil", today + Days::new(700))
        .await;
    ui.step("qualification-form").await;
    ui.click("record-save").await;
    ui.until("the certificate is listed", || async {
        ui.d.source()
            .await
            .unwrap_or_default()
            .contains("GR202543000123")
    })
    .await;
    ui.step("qualifications").await;
    // Every page prints from its header: the certificates list as a PDF, in
    // the page's columns, with the certificate just recorded.
    ui.click("records-export-pdf").await;
    let list = save_dir.join(format!("资质证书清单-{today}.pdf"));
    ui.until("the certificates list is written", || async {
        list.exists()
    })
    .await;
    ui.step("qualifications-exported").await;
    let out = Command::new("pdftotext")
        .arg(&list)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for want in [
        "衡阳智电装备科技有限公司资质证书清单",
        "证书编号",
        "有效期至",
        "高新技术企业",
        "GR202543000123",
    ] {
        assert!(text.contains(want), "the printed list shows {want}: {text}");
    }
    ui.close_export_box().await;
    ui.click("nav-dossiers").await;
    let open = ui
        .css("[data-testid='radar-open'][data-id='hnte-2016']")
        .await;
    ui.click_el(&open, "the 高企 program").await;
    let quantity = "[data-testid='criterion'][data-id='score-quantity']";
    ui.until(
        "知识产权数量 is in band A with the invention behind it",
        || async {
            match ui.d.find(By::Css(quantity)).await {
                Ok(e) => {
                    let text = e.text().await.unwrap_or_default();
                    text.contains("A 档 · 7–8 分") && text.contains(&good)
                }
                Err(_) => false,
            }
        },
    )
    .await;
    ui.step("hnte-check").await;
    ui.click("nav-dossiers").await;
    let open = ui
        .css("[data-testid='radar-open'][data-id='sme-tiers']")
        .await;
    ui.click_el(&open, "the MIIT tiers").await;
    let direct = "[data-testid='criterion'][data-id='innov-direct-hnte']";
    ui.until(
        "the 高企 certificate meets the direct condition",
        || async {
            match ui.d.find(By::Css(direct)).await {
                Ok(e) => {
                    e.attr("data-verdict").await.ok().flatten().as_deref() == Some("met")
                        && e.text()
                            .await
                            .unwrap_or_default()
                            .contains("GR202543000123")
                }
                Err(_) => false,
            }
        },
    )
    .await;
    ui.until("the tiers are listed", || async {
        ui.inner_text("program-tiers").await.contains("小巨人")
    })
    .await;
    ui.step("sme-tiers-check").await;

    // 11. 案卷二: a layout plan with two planned filings, a domestic invention
    // (weight 1) and a PCT one (weight 2); linking the first to the ledger's
    // patent moves the weighted filed count, the patent's page names the
    // plan, and the application list goes out as a PDF.
    ui.click("nav-plan").await;
    ui.click("plan-add").await;
    // A click while the drawer still slides in lands on its overlay and closes it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.fill("plan-name", "电池管理高价值专利布局计划").await;
    ui.fill("plan-technology", "电池管理系统").await;
    ui.choose("plan-status", "执行中").await;
    ui.step("plan-form").await;
    ui.click("plan-save").await;
    ui.until("the new plan's page shows 0 / 5", || async {
        ui.inner_text("plan-weighted-filed").await.trim() == "0 / 5"
    })
    .await;
    for (n, (topic, route)) in [
        ("电池管理系统", None),
        ("电池均衡电路", Some("PCT 国家阶段")),
    ]
    .into_iter()
    .enumerate()
    {
        ui.click("plan-item-add").await;
        // The drawer of the previous item fades out before this one is filled.
        tokio::time::sleep(Duration::from_millis(500)).await;
        ui.fill("item-topic", topic).await;
        if let Some(route) = route {
            ui.choose("item-route", route).await;
        }
        ui.click("item-save").await;
        let row = format!("[data-testid='plan-item-row'][data-topic='{topic}']");
        ui.until(&format!("item {} is listed", n + 1), || async {
            ui.d.find(By::Css(&row)).await.is_ok()
        })
        .await;
    }
    ui.until("the weighted planned count is 3", || async {
        ui.inner_text("plan-weighted-planned").await.trim() == "3"
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let link = ui
        .css("[data-testid='plan-item-link'][data-topic='电池管理系统']")
        .await;
    ui.click_el(&link, "the link button").await;
    let pick = ui
        .css(&format!("[data-testid='link-pick'][data-appno='{good}']"))
        .await;
    ui.step("plan-link-suggested").await;
    ui.click_el(&pick, "the suggested patent").await;
    ui.until("the weighted filed count reads 1 / 5", || async {
        ui.inner_text("plan-weighted-filed").await.trim() == "1 / 5"
    })
    .await;
    ui.step("plan-linked").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let p = store.find_patent(&good).unwrap();
    let fulfils = store.plan_items_of_patent(p.id).unwrap();
    assert_eq!(
        fulfils
            .iter()
            .map(|(plan, i)| (plan.as_str(), i.data.topic.as_str()))
            .collect::<Vec<_>>(),
        [("电池管理高价值专利布局计划", "电池管理系统")],
        "the link reached the database"
    );
    drop(store);

    ui.click("plan-export-applications").await;
    let list = save_dir.join(format!("专利申请清单-{today}.pdf"));
    ui.until("the application list is written", || async {
        list.exists()
    })
    .await;
    let text = Command::new("pdftotext")
        .arg(&list)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&good), "the application list names {good}");
    assert!(text.contains("电池均衡电路"), "and the item not filed yet");
    ui.step("plan-exported").await;
    ui.close_export_box().await;

    // The patent's page lists the planned filing it fulfils; the plan list
    // and the dashboard show the active plan's progress.
    let linked = ui.css("[data-testid='plan-link'] a").await;
    ui.click_el(&linked, "the linked number").await;
    ui.until("the patent page names the plan", || async {
        ui.inner_text("patent-plan-items")
            .await
            .contains("电池管理高价值专利布局计划")
    })
    .await;
    ui.d.execute(
        "document.querySelector(\"[data-testid='patent-plan-items']\").scrollIntoView()",
        Vec::new(),
    )
    .await
    .unwrap();
    ui.step("patent-plan-items").await;
    ui.click("nav-plan").await;
    ui.until("the plan list shows 1 / 5", || async {
        ui.inner_text("plan-list").await.contains("1 / 5")
    })
    .await;
    ui.step("plan-list").await;
    ui.click("nav-dashboard").await;
    ui.until("the dashboard shows the plan at 1 / 5", || async {
        ui.inner_text("dash-plans").await.contains("1 / 5")
    })
    .await;
    ui.step("dashboard-plans").await;

    // 12. 案卷三: a lead found at a trade fair; a photo goes into its
    // evidence locker (through the file dialog: WebDriver cannot perform an
    // OS file drop, which takes the same intake path), the locker verifies,
    // the lead moves on with a dated reason, an action sets a deadline the
    // dashboard shows, and the lead's dossier goes out as a PDF with the
    // photo's sha256.
    ui.click("nav-leads").await;
    ui.click("lead-add").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.fill("lead-title", "展会发现仿冒均衡板").await;
    ui.fill("lead-suspect", "某电子商行").await;
    ui.step("lead-form").await;
    ui.click("lead-save").await;
    ui.until("the lead's page shows it as 新线索", || async {
        ui.inner_text("lead-status").await.trim() == "新线索"
    })
    .await;
    ui.click("evidence-pick").await;
    ui.until("the photo is in the locker", || async {
        ui.inner_text("evidence-table")
            .await
            .contains("展台照片.png")
    })
    .await;
    ui.el("evidence-thumb").await;
    ui.until("the thumbnail is drawn", || async {
        ui.d.execute(
            "const i = document.querySelector(\"[data-testid='evidence-thumb']\"); return !!i && i.complete && i.naturalWidth > 0;",
            Vec::new(),
        )
        .await
        .ok()
        .and_then(|r| r.json().as_bool())
        .unwrap_or(false)
    })
    .await;
    let sha = ui.css("[data-testid='evidence-sha']").await;
    assert_eq!(
        sha.attr("title").await.unwrap().as_deref(),
        Some(photo_sha.as_str()),
        "the locker shows the file's own sha256"
    );
    ui.click("evidence-verify").await;
    ui.until("the locker verifies", || async {
        ui.d.find(By::Css("[data-testid='verify-result'][data-ok='true']"))
            .await
            .is_ok()
    })
    .await;
    ui.step("lead-evidence-verified").await;
    ui.click("lead-move").await;
    // The dropdown opens with a short animation before its items take clicks.
    tokio::time::sleep(Duration::from_millis(600)).await;
    ui.click("lead-move-verifying").await;
    ui.fill("status-note", "已派人前往展会核实").await;
    ui.click("status-save").await;
    ui.until("the lead is 核实中", || async {
        ui.inner_text("lead-status").await.trim() == "核实中"
    })
    .await;
    ui.click("action-add").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.fill("action-counterpart", "某电子商行").await;
    ui.fill_date("action-due", today + Days::new(10)).await;
    ui.click("action-save").await;
    ui.until("the warning letter is listed", || async {
        ui.inner_text("lead-actions").await.contains("警告函")
    })
    .await;
    ui.step("lead-page").await;
    ui.click("lead-export-pdf").await;
    let dossier = save_dir.join(format!("侵权线索案卷-1-{today}.pdf"));
    ui.until("the lead dossier is written", || async { dossier.exists() })
        .await;
    let out = Command::new("pdftotext")
        .arg(&dossier)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.contains(&photo_sha[..32]) && text.contains(&photo_sha[32..]),
        "the dossier prints the photo's sha256"
    );
    assert!(text.contains("展会发现仿冒均衡板") && text.contains("已派人前往展会核实"));
    ui.step("lead-exported").await;
    ui.close_export_box().await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let log = store.custody_log(Some(1)).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.label()).collect();
    assert_eq!(
        actions,
        ["入库", "入库", "核验", "导出"],
        "the custody log saw it all (the photo and the certificate)"
    );
    drop(store);
    ui.click("nav-leads").await;
    ui.click("leads-view-board").await;
    ui.until("the board shows the lead under 核实中", || async {
        ui.inner_text("board-verifying")
            .await
            .contains("展会发现仿冒均衡板")
    })
    .await;
    ui.step("leads-board").await;
    ui.click("nav-dashboard").await;
    ui.until("the dashboard lists the lead's deadline", || async {
        ui.inner_text("dash-lead-deadlines")
            .await
            .contains("展会发现仿冒均衡板")
    })
    .await;
    ui.step("dashboard-lead-deadlines").await;
    ui.until(
        "the dashboard's radar lists a program one criterion short",
        || async {
            ui.inner_text("dash-radar")
                .await
                .contains("知识产权质押融资补助")
        },
    )
    .await;
    // The home page on paper: the 工作概况 names what the page shows from
    // every case file — the plan, the lead's deadline, the program.
    ui.click("dashboard-export-pdf").await;
    let overview = save_dir.join(format!("知识产权工作概况-{today}.pdf"));
    ui.until("the overview is written", || async { overview.exists() })
        .await;
    ui.step("dashboard-exported").await;
    let out = Command::new("pdftotext")
        .arg(&overview)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for want in [
        "衡阳智电装备科技有限公司知识产权工作概况",
        "电池管理高价值专利布局计划",
        "展会发现仿冒均衡板",
        "知识产权质押融资补助",
    ] {
        assert!(text.contains(want), "the overview shows {want}: {text}");
    }
    ui.close_export_box().await;

    // 13. 案卷四 申报材料: the pledge program's dossier is started from its
    // check page, a section written, the certificate PDF and the photo
    // attached, the packet exported (the attachment's own text inside, the
    // page count as previewed), then submitted: frozen, with its sha256.
    ui.click("nav-dossiers").await;
    let open = ui
        .css("[data-testid='radar-open'][data-id='hengyang-2023-2-3']")
        .await;
    ui.click_el(&open, "the pledge program").await;
    ui.click("program-write-dossier").await;
    ui.until("the dossier page is open as a draft", || async {
        ui.d.find(By::Css("[data-testid='dossier-page'][data-status='draft']"))
            .await
            .is_ok()
    })
    .await;
    ui.fill(
        "dossier-section-body",
        "以专利质押融资支持储能电池扩产，融资 600 万元。",
    )
    .await;
    ui.click("dossier-section-save").await;
    ui.click("dossier-attach").await;
    ui.until("both files are attached", || async {
        let files = ui.inner_text("dossier-files").await;
        files.contains("专利证书") && files.contains("展台照片")
    })
    .await;
    ui.step("dossier-page").await;
    let pages: usize = ui
        .text_of("dossier-pages")
        .await
        .trim()
        .parse()
        .unwrap_or(0);
    ui.click("dossier-export").await;
    let packet = save_dir.join(format!("申报材料-hengyang-2023-2-3-{}.pdf", today.year()));
    ui.until("the packet is written", || async { packet.exists() })
        .await;
    let pdf_text = |path: &Path| -> String {
        let out = Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let text = pdf_text(&packet);
    assert!(
        text.contains("以专利质押融资支持储能电池扩产")
            && text.contains("发明专利证书正文（测试）"),
        "the section and the attached PDF's own text are in the packet"
    );
    let info = Command::new("pdfinfo").arg(&packet).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {pages}"))),
        "the preview's page count ({pages}) is the packet's:\n{info}"
    );
    ui.close_export_box().await;
    ui.click("dossier-submit").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.step("dossier-submit-confirm").await;
    ui.click("dossier-submit-confirm").await;
    ui.until("the dossier is submitted and frozen", || async {
        ui.d.find(By::Css(
            "[data-testid='dossier-page'][data-status='submitted']",
        ))
        .await
        .is_ok()
    })
    .await;
    let shown_sha = ui.text_of("dossier-sha").await;
    ui.step("dossier-submitted").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let frozen = store.dossier_pdf(1, today).unwrap();
    assert_eq!(
        ipdesk_core::sha256_hex(&frozen),
        shown_sha.trim(),
        "the page shows the frozen packet's sha256"
    );
    drop(store);

    // 14. 案卷一: holidays, a fee dropped with a reason, the approval sheet, a
    // trademark renewal. The 2026 arrangement ships with its notice; a day of
    // a year not shipped is added by hand. The patent's year-7 fee falls due
    // a year and 20 days from now (step 3), inside a 24-month look-ahead: it
    // is dropped with a reason and the approval sheet prints it. A mark
    // registered 9½ years ago is in its renewal window: renewed, its term
    // runs ten years further.
    ui.click("nav-holidays").await;
    ui.choose("holidays-year", "2026 年").await;
    ui.until("the 2026 notice is cited", || async {
        ui.inner_text("holiday-notices")
            .await
            .contains("国办发明电〔2025〕7号")
    })
    .await;
    ui.el("holiday-row-2026-02-17").await;
    ui.step("holidays").await;
    let spring = NaiveDate::from_ymd_opt(2027, 2, 8).unwrap();
    ui.fill_date("holiday-add-date", spring).await;
    ui.choose("holiday-add-working", "休假").await;
    ui.fill("holiday-add-name", "春节").await;
    ui.click("holiday-add-submit").await;
    ui.until("the own day is listed under 2027", || async {
        ui.d.find(By::Css("[data-testid='holiday-row-2027-02-08']"))
            .await
            .is_ok()
    })
    .await;
    if !ipdesk_core::shipped_holidays()
        .0
        .iter()
        .any(|n| n.year == 2027)
    {
        ui.until("2027 is named as not shipped", || async {
            ui.inner_text("holidays-missing")
                .await
                .contains("未收录 2027 年的国务院节假日安排")
        })
        .await;
    }
    ui.step("holiday-added").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let days = store.holiday_calendar(Some(2027)).unwrap().days;
    assert!(
        days.iter()
            .any(|d| d.date == spring && d.user && !d.working && d.name == "春节"),
        "the own day reached the database: {days:?}"
    );
    drop(store);

    ui.click("nav-decisions").await;
    ui.choose("decisions-months", "未来 24 个月").await;
    let decide = format!("decide-{}-7", good.replace('.', ""));
    ui.click(&decide).await;
    ui.el("decision-submit").await;
    // The dialog fades in before its radios take clicks.
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.click("decision-drop").await;
    ui.fill("decision-reason", "技术已被替代").await;
    ui.fill("decision-by", "王工").await;
    ui.step("decision-dialog").await;
    ui.click("decision-submit").await;
    let dropped =
        "[data-testid='decisions-table'] [data-testid='decision-tag'][data-decision='drop']";
    ui.until("the fee shows 放弃 with its reason", || async {
        ui.d.find(By::Css(dropped)).await.is_ok()
            && ui
                .inner_text("decisions-table")
                .await
                .contains("技术已被替代")
    })
    .await;
    ui.step("decisions").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let p = store.find_patent(&good).unwrap();
    let decided = store.fee_decisions(p.id).unwrap();
    assert!(
        decided.iter().any(|d| d.patent_year == 7
            && d.decision == ipdesk_core::Decision::Drop
            && d.reason == "技术已被替代"
            && d.decided_by == "王工"
            && d.decided_on == today),
        "the decision reached the database: {decided:?}"
    );
    drop(store);

    ui.click("export-approvals").await;
    let approvals = save_dir.join(format!("年费缴纳审批表-{today}.pdf"));
    ui.until("the approval sheet is written", || async {
        approvals.exists()
    })
    .await;
    let head = std::fs::read(&approvals).unwrap();
    assert!(head.starts_with(b"%PDF-"), "the approval sheet is a PDF");
    let text = pdf_text(&approvals);
    assert!(
        text.contains(&good) && text.contains("技术已被替代"),
        "the approval sheet names the fee and the reason it is dropped"
    );
    ui.close_export_box().await;

    let registered = today.checked_sub_months(Months::new(114)).unwrap();
    let rules = ipdesk_core::Rules::bundled();
    let expiry = rules.trademark_term_end(registered);
    let renewed_to = rules.trademark_term_end(expiry + Days::new(1));
    ui.click("nav-trademarks").await;
    ui.click("record-add").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.fill("record-regNo", "17345678").await;
    ui.fill("record-mark", "智电").await;
    ui.fill_date("record-regDate", registered).await;
    ui.choose("record-status", "已注册").await;
    ui.click("record-save").await;
    ui.until("the mark is listed", || async {
        ui.d.source().await.unwrap_or_default().contains("17345678")
    })
    .await;
    ui.click("nav-renewals").await;
    ui.until("the mark is in its renewal window", || async {
        ui.d.find(By::Css("[data-testid='renew-17345678']"))
            .await
            .is_ok()
    })
    .await;
    ui.click("renew-17345678").await;
    ui.el("renew-submit").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ui.step("renew-dialog").await;
    ui.click("renew-submit").await;
    ui.until("the term runs ten years further", || async {
        ui.inner_text("renew-result")
            .await
            .contains(&renewed_to.to_string())
    })
    .await;
    ui.step("renewals").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let mark = store
        .list_records::<ipdesk_core::TrademarkData>()
        .unwrap()
        .into_iter()
        .find(|t| t.data.reg_no == "17345678")
        .expect("the mark is in the database");
    assert_eq!(
        mark.data.expiry_date,
        Some(renewed_to),
        "the renewal moved the recorded expiry"
    );
    let history = store.trademark_renewal_history(mark.id).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|r| (r.renewed_on, r.previous_expiry, r.new_expiry))
            .collect::<Vec<_>>(),
        [(today, expiry, renewed_to)],
        "one renewal, filed today"
    );
    drop(store);

    // 15. Automatic backups: one was taken when the app opened the (then
    // empty) database. A folder of the officer's choosing gets a copy of
    // today's ledger at once; back on the default folder, restoring the
    // open-time copy from the list empties the ledger again.
    ui.click("nav-settings").await;
    ui.until("the open-time backup is listed", || async {
        ui.inner_text("auto-backup-list")
            .await
            .contains(&today.to_string())
    })
    .await;
    ui.step("auto-backup").await;
    ui.click("auto-backup-pick").await;
    let chosen = dir.path().join("chosen-backups");
    ui.until("the chosen folder is shown", || async {
        ui.text_of("auto-backup-dir")
            .await
            .contains("chosen-backups")
    })
    .await;
    ui.click("auto-backup-save").await;
    let copy = chosen.join(format!("e2e.auto-{today}.db"));
    ui.until("a copy lands in the chosen folder", || async {
        copy.exists()
    })
    .await;
    let copied = ipdesk_core::Store::open_reader(&copy)
        .unwrap()
        .list_patents(&ipdesk_core::PatentQuery::default(), today)
        .unwrap()
        .total;
    assert!(copied > 0, "the copy holds today's ledger");
    ui.click("auto-backup-default").await;
    ui.click("auto-backup-save").await;
    ui.until("the default folder is listed again", || async {
        !ui.inner_text("auto-backup-last").await.is_empty()
            && ui
                .text_of("auto-backup-dir")
                .await
                .contains("ipdesk-backups")
    })
    .await;
    ui.click(&format!("auto-backup-restore-{today}")).await;
    let ok = ui.css(".el-message-box__btns .el-button--primary").await;
    ui.click_el(&ok, "the restore confirmation").await;
    // Among all the toasts: the "已保存" of the saves may still be shown
    // above it, and the first one found is not necessarily this one.
    ui.until("the restore reports an empty ledger", || async {
        let toasts =
            ui.d.find_all(By::Css(".el-message--success"))
                .await
                .unwrap_or_default();
        for e in toasts {
            if e.text()
                .await
                .unwrap_or_default()
                .contains("已恢复（0 件专利）")
            {
                return true;
            }
        }
        false
    })
    .await;
    ui.step("auto-backup-restored").await;
    let store = ipdesk_core::Store::open(&db).unwrap();
    let total = store
        .list_patents(&ipdesk_core::PatentQuery::default(), today)
        .unwrap()
        .total;
    assert_eq!(total, 0, "the open-time copy was empty");
    drop(store);

    ui.d.quit().await.unwrap();
}

/// The window opens at the size the officer left it (issue 18): resized in
/// one run and closed, it comes back at that size in the next.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_at_the_size_it_was_left() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under xvfb-run (scripts/test.sh does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("size.db");
    let save_dir = dir.path().join("exports");
    std::fs::create_dir_all(&save_dir).unwrap();
    let driver = start_driver(&db, &save_dir, &[]);
    let session = || async {
        let d = app_session(&driver).await;
        let start = Instant::now();
        while d
            .find(By::Css("[data-testid='nav-dashboard']"))
            .await
            .is_err()
        {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the window came up"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        d
    };
    let d = session().await;
    let first = d.get_window_rect().await.unwrap();
    let (width, height) = (first.width as u32 - 120, first.height as u32 - 90);
    d.set_window_rect(first.x, first.y, width, height)
        .await
        .unwrap();
    let start = Instant::now();
    let resized = loop {
        let r = d.get_window_rect().await.unwrap();
        if (r.width, r.height) == (i64::from(width), i64::from(height)) {
            break r;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the window took its new size: {r:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Still for a moment: the app writes the size once the window rests,
    // then it is closed (a WebDriver session ends the app without the
    // normal exit that would also write it).
    let state = save_dir
        .with_file_name("xdg-config")
        .join("cn.ipdesk.desktop")
        .join(".window-state.json");
    let start = Instant::now();
    while !std::fs::read_to_string(&state)
        .unwrap_or_default()
        .contains(&format!("\"width\": {width}"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the size was written to {}",
            state.display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let _ = d.close_window().await;
    let _ = d.quit().await;
    tokio::time::sleep(Duration::from_secs(1)).await;

    let d = session().await;
    // The size is put back as the window comes up.
    let start = Instant::now();
    let mut again = d.get_window_rect().await.unwrap();
    while (again.width, again.height) != (resized.width, resized.height)
        && start.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
        again = d.get_window_rect().await.unwrap();
    }
    assert_eq!(
        (again.width, again.height),
        (resized.width, resized.height),
        "the second run opens at the size the first was left at (the default is {}×{})",
        first.width,
        first.height
    );
    d.quit().await.unwrap();
}

/// Kills a child process (and waits for it) when the test ends, however.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A second launch hands over to the running app (its window comes to the
/// front) and exits instead of opening a second writer on the database
/// (issue 18). On Linux the two find each other on the D-Bus session bus:
/// the test starts a bus of its own (`dbus-daemon`, installed by
/// scripts/setup.sh) so the desktop's bus, if any, is left alone.
#[test]
fn a_second_launch_hands_over_to_the_running_app() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under xvfb-run (scripts/test.sh does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon is installed by scripts/setup.sh");
    let address = {
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        line.trim().to_string()
    };
    let _bus = Killed(bus);
    assert!(address.starts_with("unix:"), "the bus address: {address:?}");
    let db = dir.path().join("one.db");
    let launch = || {
        Command::new(app_binary())
            .env("IPDESK_DB", &db)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
            .env("XDG_CACHE_HOME", dir.path().join("xdg-cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = Killed(launch());
    // Up: its open-time backup exists once its setup has run.
    let backup = dir.path().join("ipdesk-backups");
    let start = Instant::now();
    while !backup.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the first app did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(1));
    let mut second = Killed(launch());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = second.0.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the second launch kept running beside the first"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first app is still running"
    );
}
