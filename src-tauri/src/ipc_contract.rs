//! The IPC contract, through Tauri's own IPC on its mock runtime: the real
//! `handler()`, the real ACL (tauri.conf.json and capabilities/, through
//! `generate_context!`) and a store over a file. Every command gets payloads
//! a hostile or buggy page could send — wrong types, missing keys, invalid
//! enums and dates, out-of-range numbers, megabyte strings — and must refuse
//! them without panicking and without writing anything.
//!
//! Not called: the commands whose only path opens a native dialog, which the
//! mock runtime cannot show — `db_open`, `db_new`, `import_pick`,
//! `backup_now`, `restore_from`, `backup_pick_dir`, `program_add_pick`,
//! `export_plans_pdf`, `export_overview_pdf` (none takes an argument a page could get wrong). The other dialog commands get
//! only payloads refused before their body runs, or ids looked up before the
//! dialog opens.

use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use ipdesk_core::Store;
use serde::Deserialize;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponse};
use tauri::test::{MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

use crate::commands::{handler, AppState};

/// How a command must answer a payload.
#[derive(Debug)]
enum Expect {
    /// Tauri refuses the argument named before the command runs
    /// (`invalid args `<key>` for command …`).
    Refused(&'static str),
    /// The command refuses it: an `AppError` `{ code, message, field }`.
    Error,
    /// A command without arguments ignores extra keys and answers as usual.
    Answers,
}

#[derive(Debug)]
struct Case {
    cmd: &'static str,
    args: Value,
    expect: Expect,
}

fn refused(cmd: &'static str, key: &'static str, args: Value) -> Case {
    Case {
        cmd,
        args,
        expect: Expect::Refused(key),
    }
}

fn error(cmd: &'static str, args: Value) -> Case {
    Case {
        cmd,
        args,
        expect: Expect::Error,
    }
}

fn answers(cmd: &'static str) -> Case {
    Case {
        cmd,
        args: json!({ "unexpected": "9".repeat(1 << 20), "id": -1 }),
        expect: Expect::Answers,
    }
}

/// The wire shape of `crate::error::AppError`, strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read through Debug in failure messages
struct WireError {
    code: String,
    message: String,
    field: Option<String>,
}

const CODES: &[&str] = &[
    "invalidInput",
    "notFound",
    "duplicate",
    "newerSchema",
    "io",
    "internal",
];

/// The commands never called here (see the module comment).
const DIALOG_ONLY: &[&str] = &[
    "db_open",
    "db_new",
    "import_pick",
    "backup_now",
    "restore_from",
    "backup_pick_dir",
    "program_add_pick",
    "export_plans_pdf",
    "export_overview_pdf",
];

/// A valid ledger query but for `limit`.
fn patent_query(limit: Value) -> Value {
    json!({
        "text": "", "kind": null, "status": null, "jurisdiction": null, "highValue": null,
        "feeDueWithinDays": null, "tag": null, "grantDateMissing": false,
        "sort": "filingDate", "descending": false, "offset": 0, "limit": limit,
    })
}

fn lead_query(status: &str, from: Value) -> Value {
    json!({ "status": status, "channel": null, "from": from, "to": null, "text": "" })
}

fn cases(program: &str) -> Vec<Case> {
    let big = "9".repeat(1 << 20);
    let day = "2024-05-01";
    let mut c = vec![
        // The desk.
        answers("app_info"),
        answers("db_recent"),
        refused("db_open_recent", "path", json!({ "path": 5 })),
        // Only a listed path opens; anything else is an error, not a new file.
        error("db_open_recent", json!({ "path": "/etc/passwd" })),
        error("db_open_recent", json!({ "path": big })),
        answers("company_get"),
        refused("company_set", "company", json!({ "company": 5 })),
        refused("company_set", "company", json!({})),
        error("check_uscc", json!({ "code": big })),
        refused("check_uscc", "code", json!({ "code": 91 })),
        answers("settings_get"),
        refused(
            "settings_set",
            "pledgeThreshold",
            json!({ "pledgeThreshold": "lots" }),
        ),
        error("settings_set", json!({ "pledgeThreshold": -100 })),
        refused("holiday_calendar", "year", json!({ "year": "2024" })),
        refused("export_holidays_pdf", "year", json!({ "year": "2024" })),
        refused(
            "holiday_calendar",
            "year",
            json!({ "year": 2_147_483_648_i64 }),
        ),
        refused(
            "holiday_set",
            "date",
            json!({ "date": "2024-02-30", "working": false, "name": "x" }),
        ),
        refused(
            "holiday_set",
            "working",
            json!({ "date": day, "working": "yes", "name": "" }),
        ),
        refused("holiday_remove", "date", json!({ "date": 20240501 })),
        answers("rules"),
        // The ledger.
        answers("dashboard"),
        error("check_app_no", json!({ "number": big })),
        refused("check_app_no", "number", json!({ "number": 5 })),
        refused(
            "patents_list",
            "query",
            json!({ "query": patent_query(json!(-1)) }),
        ),
        refused(
            "patents_list",
            "query",
            json!({ "query": patent_query(json!(1e10)) }),
        ),
        refused("patents_list", "query", json!({ "query": 5 })),
        answers("patent_tags"),
        error("patent_get", json!({ "id": -1 })),
        refused("patent_get", "id", json!({ "id": "1" })),
        refused("patent_get", "id", json!({ "id": 1.5 })),
        refused(
            "patent_get",
            "id",
            json!({ "id": 9_223_372_036_854_775_808_u64 }),
        ),
        refused("patent_labels", "ids", json!({ "ids": [big] })),
        // The DTOs default their fields: an empty one reaches the core,
        // which names the first field missing.
        error("patent_add", json!({ "data": {} })),
        refused("patent_add", "data", json!({ "data": 5 })),
        error(
            "patent_update",
            json!({ "id": 1, "data": { "title": big } }),
        ),
        refused(
            "patent_update",
            "data",
            json!({ "id": 1, "data": { "kind": "plant" } }),
        ),
        error("patent_delete", json!({ "id": -1 })),
        error("payment_record", json!({ "patentId": 1, "input": {} })),
        refused(
            "payment_record",
            "input",
            json!({ "patentId": 1, "input": { "paidDate": 5 } }),
        ),
        refused(
            "payment_record",
            "patentId",
            json!({ "patentId": "x", "input": {} }),
        ),
        error("payment_delete", json!({ "id": -1 })),
        error("family_link", json!({ "id": 1, "other": big })),
        error("family_unlink", json!({ "id": -1, "otherId": -2 })),
        error("forecast", json!({ "months": 100_000 })),
        error("forecast", json!({ "months": 0 })),
        refused("forecast", "months", json!({ "months": -1 })),
        refused("forecast", "months", json!({ "months": 4_294_967_296_u64 })),
        answers("high_value_list"),
        refused("fee_decide", "input", json!({ "patentId": 1, "input": {} })),
        error("fee_approvals", json!({ "months": 100_000 })),
        error("fee_approvals", json!({ "months": 4_294_967_295_u32 })),
        refused("export_approvals_pdf", "months", json!({ "months": "all" })),
        // Not `{}`: a query defaults every field, and a valid one opens the
        // save dialog.
        refused("export_ledger_pdf", "query", json!({ "query": 5 })),
        refused("export_patent_pdf", "id", json!({ "id": "1" })),
        // An unknown patent is refused before the save dialog opens.
        error("export_patent_pdf", json!({ "id": -1 })),
        refused("export_records_pdf", "kind", json!({ "kind": "patent" })),
        refused("export_records_pdf", "kind", json!({})),
        refused("export_annuities_pdf", "months", json!({ "months": -1 })),
        // Trademarks and the other records.
        error(
            "trademark_renewals",
            json!({ "months": 100_000, "channel": "online" }),
        ),
        refused(
            "trademark_renewals",
            "channel",
            json!({ "months": 12, "channel": "fax" }),
        ),
        // A period out of range is refused before the save dialog opens.
        error(
            "export_renewals_pdf",
            json!({ "months": 100_000, "channel": "online" }),
        ),
        refused(
            "export_renewals_pdf",
            "channel",
            json!({ "months": 12, "channel": "fax" }),
        ),
        error(
            "trademark_renew",
            json!({ "regNo": big, "date": day, "channel": "online", "amount": null }),
        ),
        refused(
            "trademark_renew",
            "date",
            json!({ "regNo": "1", "date": "someday", "channel": "online", "amount": null }),
        ),
        refused("trademark_renewal_history", "id", json!({ "id": null })),
        // Layout plans.
        answers("plan_list"),
        error("plan_get", json!({ "id": -1 })),
        refused("plan_save", "data", json!({ "id": null, "data": 5 })),
        error("plan_delete", json!({ "id": -1 })),
        error("plan_branch_add", json!({ "planId": -1, "name": "x" })),
        refused(
            "plan_item_save",
            "data",
            json!({ "planId": -1, "id": null, "data": 5 }),
        ),
        error(
            "plan_item_save",
            json!({ "planId": -1, "id": null, "data": {} }),
        ),
        error("plan_item_delete", json!({ "id": -1 })),
        error("plan_item_link", json!({ "itemId": -1, "patentId": -1 })),
        error("plan_item_unlink", json!({ "itemId": -1, "appNo": big })),
        error("plan_link_suggestions", json!({ "itemId": -1 })),
        refused(
            "plan_items_of_patent",
            "patentId",
            json!({ "patentId": "1" }),
        ),
        refused(
            "plan_attach",
            "planId",
            json!({ "planId": "x", "label": "" }),
        ),
        error("plan_branch_delete", json!({ "id": -1 })),
        refused("attachment_save", "id", json!({ "id": "x" })),
        refused("export_plan_pdf", "id", json!({})),
        refused("export_plan_applications_pdf", "id", json!({ "id": true })),
        refused(
            "export_plan_applications",
            "format",
            json!({ "id": 1, "format": "pdf" }),
        ),
        // Infringement leads and the evidence locker.
        refused(
            "lead_list",
            "query",
            json!({ "query": lead_query("bogus", Value::Null) }),
        ),
        refused(
            "lead_list",
            "query",
            json!({ "query": lead_query("new", json!("2024-13-01")) }),
        ),
        error("lead_get", json!({ "id": -1 })),
        refused("lead_save", "data", json!({ "id": null, "data": 5 })),
        error("lead_delete", json!({ "id": -1 })),
        refused(
            "lead_status",
            "to",
            json!({ "id": 1, "to": "won", "date": day, "note": "" }),
        ),
        error(
            "lead_status",
            json!({ "id": -1, "to": "closed", "date": day, "note": "" }),
        ),
        error("lead_reported", json!({ "id": -1, "date": null, "to": "" })),
        refused(
            "lead_action_save",
            "data",
            json!({ "leadId": 1, "id": null, "data": 5 }),
        ),
        error("lead_action_delete", json!({ "id": -1 })),
        refused("lead_deadlines", "days", json!({ "days": -1 })),
        // A span past the calendar's end: refused, not a panic.
        error("lead_deadlines", json!({ "days": 4_294_967_295_u32 })),
        error(
            "lead_remove_missing_right",
            json!({ "id": -1, "number": big }),
        ),
        refused(
            "leads_of_right",
            "entity",
            json!({ "entity": "planet", "id": 1 }),
        ),
        refused(
            "lead_evidence_pick",
            "data",
            json!({ "leadId": -1, "data": 5 }),
        ),
        refused(
            "lead_evidence_add_dropped",
            "data",
            json!({ "leadId": 1, "paths": ["/etc/passwd"], "data": 5 }),
        ),
        error(
            "lead_evidence_add_dropped",
            json!({ "leadId": 1, "paths": ["/etc/passwd"], "data": {
                "kind": null, "capturedAt": "", "capturedBy": "", "sourceUrl": "",
                "notaryRef": "", "note": "" } }),
        ),
        error("lead_evidence_thumbnail", json!({ "id": -1 })),
        error("lead_evidence_view", json!({ "id": -1 })),
        error("lead_evidence_save", json!({ "id": -1 })),
        error("lead_evidence_remove", json!({ "id": -1, "reason": "x" })),
        refused("lead_verify", "leadId", json!({ "leadId": "all" })),
        refused("export_leads_pdf", "query", json!({ "query": 5 })),
        refused("export_lead_pdf", "id", json!({ "id": "1" })),
        refused(
            "export_leads",
            "format",
            json!({ "query": lead_query("new", Value::Null), "format": "doc" }),
        ),
        // Funding programs and dossiers.
        answers("programs_list"),
        error(
            "program_check",
            json!({ "id": big, "year": null, "on": null }),
        ),
        refused(
            "program_check",
            "year",
            json!({ "id": program, "year": 2_147_483_648_i64 }),
        ),
        refused("program_radar", "year", json!({ "year": "2024" })),
        error("program_remove", json!({ "id": big })),
        answers("dossier_list"),
        error("dossier_new", json!({ "program": big, "year": 2024 })),
        error(
            "dossier_new",
            json!({ "program": program, "year": 2_147_483_647 }),
        ),
        error("dossier_new", json!({ "program": program, "year": -5 })),
        error("dossier_get", json!({ "id": -1 })),
        error(
            "dossier_section_save",
            json!({ "id": -1, "name": "x", "body": big }),
        ),
        error("dossier_attach_pick", json!({ "id": -1 })),
        error(
            "dossier_attach_dropped",
            json!({ "id": -1, "paths": ["/etc/passwd"] }),
        ),
        refused(
            "dossier_attach_dropped",
            "paths",
            json!({ "id": -1, "paths": "/etc/passwd" }),
        ),
        error("dossier_file_remove", json!({ "id": -1, "file": -1 })),
        refused(
            "dossier_files_arrange",
            "files",
            json!({ "id": -1, "files": [[1]] }),
        ),
        error("dossier_submit", json!({ "id": -1, "date": day })),
        refused(
            "dossier_submit",
            "date",
            json!({ "id": 1, "date": "01/02/2024" }),
        ),
        refused(
            "dossier_status",
            "to",
            json!({ "id": 1, "to": "won", "date": null, "amount": null, "reason": "" }),
        ),
        error("dossier_copy", json!({ "id": -1, "year": 2024 })),
        error("dossier_delete", json!({ "id": -1 })),
        error("export_dossier_pdf", json!({ "id": -1 })),
        refused("export_self_check_pdf", "id", json!({ "id": 5 })),
        refused("export_radar_pdf", "year", json!({ "year": "2026" })),
        refused("export_radar_pdf", "year", json!({})),
        refused(
            "export_self_check_pdf",
            "on",
            json!({ "id": "x", "on": "2024-02-30" }),
        ),
        // An unknown program is refused before the save dialog opens.
        error("export_self_check_pdf", json!({ "id": "no-such-program" })),
        // Files in and out, backups.
        error("open_path", json!({ "path": "/etc/passwd" })),
        error("open_path", json!({ "path": big })),
        error(
            "import_run",
            json!({ "path": "/etc/passwd", "kind": "patent", "mapping": [],
                    "onDuplicate": "skip", "dryRun": false }),
        ),
        refused(
            "import_run",
            "kind",
            json!({ "path": "/x.xlsx", "kind": "cats", "mapping": [],
                    "onDuplicate": "skip", "dryRun": true }),
        ),
        answers("import_log"),
        // Nothing is running: the switch is flipped and reset by the next import.
        answers("import_cancel"),
        // Nothing is exporting: nobody is listening, nothing is kept for later.
        answers("export_cancel"),
        // Nothing is backing up, restoring or verifying: reset by the next.
        answers("work_cancel"),
        refused("menu_language", "language", json!({ "language": "fr" })),
        refused(
            "export_table",
            "format",
            json!({ "query": patent_query(json!(0)), "format": "pdf" }),
        ),
        refused("export_trademarks", "format", json!({ "format": 1 })),
        answers("backup_status"),
        refused(
            "backup_policy_set",
            "policy",
            json!({ "policy": { "enabled": true, "dir": null, "daily": -1, "weekly": 1 } }),
        ),
        error(
            "backup_policy_set",
            json!({ "policy": { "enabled": false, "dir": null, "daily": 100_000, "weekly": 100_000 } }),
        ),
        answers("backup_auto_now"),
        error("backup_restore_auto", json!({ "path": "/etc/passwd" })),
        error("backup_restore_auto", json!({ "path": big })),
    ];
    for kind in [
        "trademark",
        "pledge",
        "award",
        "transfer",
        "insurance",
        "product",
        "qualification",
        "other_ip",
    ] {
        let name = |verb: &str| -> &'static str { format!("{kind}_{verb}").leak() };
        c.push(answers(name("list")));
        c.push(refused(
            name("save"),
            "data",
            json!({ "id": null, "data": 5 }),
        ));
        c.push(refused(
            name("save"),
            "id",
            json!({ "id": "new", "data": {} }),
        ));
        c.push(error(name("delete"), json!({ "id": -1 })));
    }
    c
}

/// Sends `args` to `cmd` as the page's `invoke` does and waits for the
/// answer; `Err` if the command never answered (it panicked: its task died
/// with the responder) or took over a minute.
fn invoke(
    w: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: &Value,
) -> Result<Result<Value, Value>, String> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args.clone()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let webview: &tauri::Webview<MockRuntime> = w.as_ref();
    webview.clone().on_message(
        request,
        Box::new(move |_, _, response, _, _| {
            let _ = tx.send(response);
        }),
    );
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(InvokeResponse::Ok(body)) => Ok(Ok(match body {
            tauri::ipc::InvokeResponseBody::Json(s) => serde_json::from_str(&s).unwrap(),
            tauri::ipc::InvokeResponseBody::Raw(b) => json!(format!("{} bytes", b.len())),
        })),
        Ok(InvokeResponse::Err(e)) => Ok(Err(e.0)),
        Err(RecvTimeoutError::Disconnected) => Err("panicked: no answer".into()),
        Err(RecvTimeoutError::Timeout) => Err("no answer within 60 s".into()),
    }
}

/// Every table's schema and rows, rows sorted: equal dumps, same content.
fn dump(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for (name, sql) in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{}\"", name.replace('"', "\"\"")))
            .unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|v| v.join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("{sql}\n{}\n", rows.join("\n")));
    }
    out
}

/// What went wrong with one answer, if anything.
fn judge(case: &Case, answer: Result<Result<Value, Value>, String>) -> Option<String> {
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return Some(e),
    };
    let app_error = |v: &Value| match WireError::deserialize(v) {
        Ok(e) if CODES.contains(&e.code.as_str()) && !e.message.is_empty() => None,
        Ok(e) => Some(format!("an error outside the contract: {e:?}")),
        Err(e) => Some(format!("not {{code, message, field}} ({e}): {v}")),
    };
    match (&case.expect, answer) {
        (Expect::Refused(key), Err(Value::String(s))) => {
            let head = format!("invalid args `{key}` for command `{}`", case.cmd);
            (!s.starts_with(&head)).then(|| format!("expected Tauri's {head}…, got {s}"))
        }
        (Expect::Error | Expect::Answers, Err(v)) => app_error(&v),
        (Expect::Answers, Ok(_)) => None,
        (_, Ok(v)) => Some(format!("accepted it: {}", short(&v.to_string()))),
        (Expect::Refused(_), Err(v)) => Some(format!("expected Tauri's refusal, got {v}")),
    }
}

fn short(s: &str) -> String {
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// The app on the mock runtime over a fresh database in `dir` with a
/// ledger to work on, its window, and a shipped program's id.
fn start(dir: &Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>, String) {
    let db = dir.join("ipdesk.db");
    let mut store = Store::open(&db).unwrap();
    // Forecasts and reports have rows to go through.
    let today = chrono::Local::now().date_naive();
    for p in ipdesk_core::sample::ledger(20, 7, today) {
        store.add_patent(p).unwrap();
    }
    let program = store.all_programs().unwrap()[0].id.clone();
    let app = tauri::test::mock_builder()
        .manage(AppState::new(store, db))
        .invoke_handler(handler())
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    // The window of tauri.conf.json (`main`, which the capability names);
    // the mock runtime's build does not open it by itself.
    let config = app.config().app.windows[0].clone();
    let w = tauri::WebviewWindowBuilder::from_config(&app, &config)
        .unwrap()
        .build()
        .expect("the main window on the mock runtime");
    (app, w, program)
}

#[test]
fn every_command_refuses_bad_arguments_without_panicking_or_writing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ipdesk.db");
    let (_app, w, program) = start(dir.path());

    // Not vacuous: a good call goes through the ACL to the command, and a
    // command the capability does not grant is refused before any handler.
    let info = invoke(&w, "app_info", &json!({})).unwrap().unwrap();
    assert_eq!(info["dbPath"], json!(db.display().to_string()));
    let fs = invoke(&w, "plugin:fs|read_file", &json!({ "path": "/etc/passwd" })).unwrap();
    assert!(
        matches!(&fs, Err(Value::String(s)) if s.contains("not allowed")),
        "the ACL refuses what the capability does not grant: {fs:?}"
    );

    let cases = cases(&program);
    let listed: std::collections::BTreeSet<&str> = include_str!("../commands.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|c| !DIALOG_ONLY.contains(c))
        .collect();
    let covered: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.cmd).collect();
    assert_eq!(
        covered, listed,
        "every registered command but the dialog-only ones has cases here"
    );

    let mut before = dump(&db);
    let mut failures = Vec::new();
    for case in &cases {
        let answer = invoke(&w, case.cmd, &case.args);
        let args = short(&case.args.to_string());
        if let Some(why) = judge(case, answer) {
            failures.push(format!("{} {args}: {why}", case.cmd));
        }
        let after = dump(&db);
        if after != before {
            failures.push(format!("{} {args}: wrote to the database", case.cmd));
            before = after;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} payloads were mishandled:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
