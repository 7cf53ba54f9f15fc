//! Tauri commands, one module per case file: `app` (the desk: app info,
//! database, company, settings, rules), `ledger` (patents, fees, high value,
//! the ledger's PDFs), `plan` (layout plans, 案卷二), `leads` (infringement
//! leads and the evidence locker, 案卷三), `dossiers` (funding programs
//! checked against the ledger, 案卷四), `records` (trademarks
//! and the other records) and `io`
//! (import, export, backup, restore). A command takes the state, calls the
//! core and maps the error.
//!
//! Arguments and results are the core's serde types (camelCase) or the few
//! shell DTOs defined next to their commands; the TypeScript twins of both
//! are generated into ui/src/api/bindings (`cargo test -p ipdesk-app
//! --features ts export_bindings`).

mod app;
mod backups;
mod dossier;
mod dossiers;
mod io;
mod leads;
mod ledger;
mod plan;
mod records;
mod watch;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, RwLock};

use chrono::{Local, NaiveDate};
use ipdesk_core::Store;
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, CmdResult};

pub use app::remember;
pub use backups::start as start_backups;
pub use watch::start as start_watching;

/// The open database and the files this session exported (the only paths
/// `open_path` will hand to the system viewer).
#[derive(Debug)]
pub struct AppState {
    pub store: Mutex<Store>,
    /// The open database's file, kept apart from `store` so a long read on
    /// a connection of its own (`read_apart`) finds it while a long write —
    /// an import — holds the store.
    pub db_path: Mutex<PathBuf>,
    /// Held shared by every such reader while its connection is open, and
    /// exclusively by whatever replaces the file under them (restore, open
    /// or create another database).
    pub readers: RwLock<()>,
    pub exported: Mutex<Vec<PathBuf>>,
    /// The spreadsheet the user picked in the import dialog: the only file
    /// `import_run` will read, so the webview cannot name any other.
    pub picked: Mutex<Option<PathBuf>>,
    /// Files the OS dropped on the window (from the window's own event):
    /// the only paths `lead_evidence_add_dropped` will read.
    pub dropped: Mutex<Vec<PathBuf>>,
    /// The last automatic backup run (`backups`).
    pub last_backup: Mutex<Option<backups::LastBackup>>,
}

impl AppState {
    pub fn new(store: Store, db_path: PathBuf) -> AppState {
        AppState {
            store: Mutex::new(store),
            db_path: Mutex::new(db_path),
            readers: RwLock::new(()),
            exported: Mutex::new(Vec::new()),
            picked: Mutex::new(None),
            dropped: Mutex::new(Vec::new()),
            last_backup: Mutex::new(None),
        }
    }
}

/// Every command the UI can call, by name.
///
/// Generic over the runtime so the IPC contract test can serve them on
/// Tauri's mock runtime exactly as the window is served.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        app::db_open,
        app::db_new,
        app::db_recent,
        app::db_open_recent,
        ledger::dashboard,
        app::company_get,
        app::company_set,
        ledger::check_app_no,
        app::check_uscc,
        ledger::patents_list,
        ledger::patent_tags,
        ledger::patent_get,
        ledger::patent_labels,
        ledger::patent_add,
        ledger::patent_update,
        ledger::patent_delete,
        ledger::payment_record,
        ledger::payment_delete,
        ledger::family_link,
        ledger::family_unlink,
        ledger::forecast,
        ledger::high_value_list,
        ledger::fee_decide,
        ledger::fee_approvals,
        ledger::export_approvals_pdf,
        app::holiday_calendar,
        app::export_holidays_pdf,
        app::export_overview_pdf,
        app::holiday_set,
        app::holiday_remove,
        records::trademark_renewals,
        records::export_renewals_pdf,
        records::trademark_renew,
        records::trademark_renewal_history,
        app::settings_get,
        app::settings_set,
        app::rules,
        records::trademark_list,
        records::trademark_save,
        records::trademark_delete,
        records::pledge_list,
        records::pledge_save,
        records::pledge_delete,
        records::award_list,
        records::award_save,
        records::award_delete,
        records::transfer_list,
        records::transfer_save,
        records::transfer_delete,
        records::insurance_list,
        records::insurance_save,
        records::insurance_delete,
        records::qualification_list,
        records::qualification_save,
        records::qualification_delete,
        records::other_ip_list,
        records::other_ip_save,
        records::other_ip_delete,
        records::product_list,
        records::product_save,
        records::product_delete,
        records::export_records_pdf,
        ledger::export_ledger_pdf,
        ledger::export_patent_pdf,
        ledger::export_annuities_pdf,
        plan::plan_list,
        plan::plan_get,
        plan::plan_save,
        plan::plan_delete,
        plan::plan_branch_add,
        plan::plan_item_save,
        plan::plan_item_delete,
        plan::plan_item_link,
        plan::plan_item_unlink,
        plan::plan_link_suggestions,
        plan::plan_items_of_patent,
        plan::plan_attach,
        plan::plan_branch_delete,
        plan::attachment_save,
        plan::export_plan_pdf,
        plan::export_plans_pdf,
        plan::export_plan_applications_pdf,
        plan::export_plan_applications,
        leads::lead_list,
        leads::lead_get,
        leads::lead_save,
        leads::lead_delete,
        leads::lead_status,
        leads::lead_reported,
        leads::lead_action_save,
        leads::lead_action_delete,
        leads::lead_deadlines,
        leads::lead_remove_missing_right,
        leads::leads_of_right,
        leads::lead_evidence_pick,
        leads::lead_evidence_add_dropped,
        leads::lead_evidence_thumbnail,
        leads::lead_evidence_view,
        leads::lead_evidence_save,
        leads::lead_evidence_remove,
        leads::lead_verify,
        leads::export_leads_pdf,
        leads::export_lead_pdf,
        leads::export_leads,
        dossiers::programs_list,
        dossiers::program_check,
        dossiers::program_radar,
        dossiers::export_self_check_pdf,
        dossiers::export_radar_pdf,
        dossiers::program_add_pick,
        dossiers::program_remove,
        dossier::dossier_list,
        dossier::dossier_new,
        dossier::dossier_get,
        dossier::dossier_section_save,
        dossier::dossier_attach_pick,
        dossier::dossier_attach_dropped,
        dossier::dossier_file_remove,
        dossier::dossier_files_arrange,
        dossier::dossier_submit,
        dossier::dossier_status,
        dossier::dossier_copy,
        dossier::dossier_delete,
        dossier::export_dossier_pdf,
        io::open_path,
        io::import_pick,
        io::import_run,
        io::import_cancel,
        ledger::export_cancel,
        io::work_cancel,
        app::menu_language,
        io::import_log,
        io::export_table,
        io::export_trademarks,
        io::backup_now,
        io::restore_from,
        backups::backup_status,
        backups::backup_policy_set,
        backups::backup_auto_now,
        backups::backup_pick_dir,
        backups::backup_restore_auto,
    ]
}

fn store<'a>(state: &'a State<'_, AppState>) -> MutexGuard<'a, Store> {
    // A panic while holding the lock leaves the store usable: every write is
    // its own transaction, so there is no half-written state to protect.
    state.store.lock().unwrap_or_else(|p| p.into_inner())
}

/// Business logic takes `today`; the shell is where the clock is read.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Runs a long read (the dashboard's forecast, a report's rows) on a
/// read-only connection of its own, so the ledger or any other screen the
/// user turns to meanwhile — or an import holding the store — does not keep
/// it waiting, and it does not keep them waiting. The shared `readers` guard
/// keeps a restore or a switch of database from moving the file under it.
fn read_apart<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store) -> ipdesk_core::Result<T>,
) -> ipdesk_core::Result<T> {
    let _open = state.readers.read().unwrap_or_else(|p| p.into_inner());
    let path = state
        .db_path
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    f(&Store::open_reader(&path)?)
}

/// Reads from the app's store, which remembers recent listings. If a long
/// write holds it (an import of thousands of rows) past a short wait, reads
/// from a read-only connection instead (`read_apart`), which shows the last
/// committed state. The wait covers the ledger's own page requests, which
/// overlap for a few milliseconds.
fn read_store_or_apart<T>(
    state: &State<'_, AppState>,
    f: impl Fn(&Store) -> ipdesk_core::Result<T>,
) -> ipdesk_core::Result<T> {
    use std::sync::TryLockError;
    use std::time::{Duration, Instant};
    let give_up = Instant::now() + Duration::from_millis(150);
    loop {
        match state.store.try_lock() {
            Ok(s) => return f(&s),
            Err(TryLockError::Poisoned(p)) => return f(&p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < give_up => {
                std::thread::sleep(Duration::from_millis(2))
            }
            Err(TryLockError::WouldBlock) => return read_apart(state, f),
        }
    }
}

/// Runs a native file dialog on the GTK main thread and waits for it.
fn dialog<R: Runtime, F>(app: &AppHandle<R>, f: F) -> CmdResult<Option<PathBuf>>
where
    F: FnOnce(rfd::FileDialog) -> Option<PathBuf> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let _ = tx.send(f(rfd::FileDialog::new()));
    })
    .map_err(|e| AppError::io(format!("无法打开文件对话框：{e}")))?;
    rx.recv()
        .map_err(|e| AppError::io(format!("文件对话框异常关闭：{e}")))
}

/// Refuses paths the window did not report as dropped on it: a command that
/// reads dropped files reads only those, never another file the webview
/// names. The window's drop event and the webview's may arrive in either
/// order, so this waits up to a second for them.
fn ensure_dropped(state: &AppState, paths: &[PathBuf]) -> CmdResult<()> {
    let until = std::time::Instant::now() + std::time::Duration::from_millis(1000);
    loop {
        let dropped = state.dropped.lock().unwrap_or_else(|p| p.into_inner());
        if paths.iter().all(|p| dropped.contains(p)) {
            return Ok(());
        }
        drop(dropped);
        if std::time::Instant::now() > until {
            return Err(crate::error::AppError::io(
                "只能添加拖放到窗口中的文件，请重新拖放",
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// What stands in for the native dialogs, which the end-to-end tests cannot
/// drive: `IPDESK_OPEN_FILE` (files an open dialog "picks"), `IPDESK_SAVE_DIR`
/// (where a save goes) and `IPDESK_PICK_DIR` (the folder picked). Read only
/// in debug builds, which the end-to-end tests run; compiled out of release
/// builds, so an installed app never takes a path from its environment in
/// place of the user's choice (scripts/test-deb.sh checks the installed
/// binary has none of the names).
#[cfg(debug_assertions)]
mod stand_in {
    use std::ffi::OsString;

    pub fn open_files() -> Option<OsString> {
        std::env::var_os("IPDESK_OPEN_FILE")
    }
    pub fn save_dir() -> Option<OsString> {
        std::env::var_os("IPDESK_SAVE_DIR")
    }
    pub fn pick_dir() -> Option<OsString> {
        std::env::var_os("IPDESK_PICK_DIR")
    }
}

#[cfg(not(debug_assertions))]
mod stand_in {
    use std::ffi::OsString;

    pub fn open_files() -> Option<OsString> {
        None
    }
    pub fn save_dir() -> Option<OsString> {
        None
    }
    pub fn pick_dir() -> Option<OsString> {
        None
    }
}

/// Asks which file to open. In debug builds `IPDESK_OPEN_FILE` stands in for
/// the dialog (see `stand_in`). It is a path list (`:`-separated on Unix); the dialog
/// "picks" the first file with one of its extensions, so one run can import
/// a spreadsheet and restore a backup.
fn open_target<R: Runtime>(
    app: &AppHandle<R>,
    title: &'static str,
    filter: &'static str,
    exts: &'static [&'static str],
) -> CmdResult<Option<PathBuf>> {
    if let Some(files) = stand_in::open_files() {
        let fits = |p: &PathBuf| {
            p.extension()
                .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
        };
        return Ok(std::env::split_paths(&files).find(fits));
    }
    dialog(app, move |d| {
        d.set_title(title).add_filter(filter, exts).pick_file()
    })
}

/// Asks which files to open (several at once); empty when the user
/// cancels. In debug builds `IPDESK_OPEN_FILE` stands in for the dialog as in
/// [`open_target`], giving every listed file with one of the extensions.
fn open_targets<R: Runtime>(
    app: &AppHandle<R>,
    title: &'static str,
    filter: &'static str,
    exts: &'static [&'static str],
) -> CmdResult<Vec<PathBuf>> {
    if let Some(files) = stand_in::open_files() {
        let fits = |p: &PathBuf| {
            p.extension()
                .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
        };
        return Ok(std::env::split_paths(&files).filter(fits).collect());
    }
    let (tx, rx) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let picked = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter, exts)
            .add_filter("所有文件", &["*"])
            .pick_files();
        let _ = tx.send(picked.unwrap_or_default());
    })
    .map_err(|e| AppError::io(format!("无法打开文件对话框：{e}")))?;
    rx.recv()
        .map_err(|e| AppError::io(format!("文件对话框异常关闭：{e}")))
}

/// Asks where a file goes: the save dialog, or — in a debug build with
/// `IPDESK_SAVE_DIR` set, as in the end-to-end tests — that directory with
/// the suggested name.
fn save_target<R: Runtime>(
    app: &AppHandle<R>,
    title: &'static str,
    name: String,
    filter: &'static str,
    ext: impl Into<String>,
) -> CmdResult<Option<PathBuf>> {
    let ext: String = ext.into();
    if let Some(dir) = stand_in::save_dir() {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    dialog(app, move |d| {
        d.set_title(title)
            .set_file_name(&name)
            .add_filter(filter, &[ext.as_str()])
            .save_file()
    })
}
