//! Spreadsheets in and out, backups and restores: the commands of the import
//! wizard and of the settings page, and opening an exported file. Dialogs
//! and the store's lifecycle are the shell's; reading, checking and writing
//! are the core's.
//!
//! Contract of `import_run`: rows with errors are not an IPC error. A dry run
//! returns its report as the core does; a commit refused because of row
//! errors returns that same report with `committed: false` and nothing
//! written, so the wizard shows the rows to fix either way. A bad file or an
//! invalid mapping is an `AppError` (`invalidInput`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use ipdesk_core::{
    open_table, read_table, BackupReport, Cancel, ExportFormat, Field, ImportBatch, ImportKind,
    ImportOptions, ImportPicked, ImportReport, Mapping, OnDuplicate, PatentQuery, RestoreReport,
    Store, Watch,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::app::{app_info_of, AppInfo};
use super::{open_target, read_apart, save_target, store, today, AppState};
use crate::error::{AppError, CmdResult};

/// Payload of the `import-progress` event: rows done out of the sheet's rows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct ImportProgress {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    done: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    total: usize,
}

/// Payload of the `work-progress` event of a backup, a restore or an
/// evidence verification: the stage (`check`, `copy`, `migrate`, `verify`)
/// and how much of it is done.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct WorkProgress {
    stage: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    done: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    total: u64,
}

/// The switch `work_cancel` flips: the running backup, restore or
/// verification stops where stopping leaves nothing half-done (before a
/// file takes its name, before the swap, before the log entry) and ends
/// with `cancelled`. One runs at a time: the window shows it in a modal.
static WORK_CANCEL: AtomicBool = AtomicBool::new(false);

/// Stops the running backup, restore or verification, if any.
#[tauri::command]
pub fn work_cancel() {
    WORK_CANCEL.store(true, Ordering::Relaxed);
}

/// A watch for one new piece of long work: its switch off, its progress
/// sent to the window as `work-progress`.
pub(super) fn watch<R: Runtime>(app: &AppHandle<R>) -> Watch<'_> {
    WORK_CANCEL.store(false, Ordering::Relaxed);
    Watch::new(Cancel::new(&WORK_CANCEL), move |stage, done, total| {
        let _ = app.emit("work-progress", WorkProgress { stage, done, total });
    })
}

/// A file an export wrote; null instead when the user cancels the dialog.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize)]
pub struct ExportResult {
    pub path: PathBuf,
}

/// The database after a restore, and what the restore did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    pub(super) info: AppInfo,
    pub(super) report: RestoreReport,
}

/// The import log (导入记录), newest first.
#[tauri::command(async)]
pub fn import_log(state: State<'_, AppState>) -> CmdResult<Vec<ImportBatch>> {
    Ok(read_apart(&state, |s| s.import_batches(50))?)
}

/// Asks for a spreadsheet and reads its columns; remembers it as the one
/// file `import_run` may read.
#[tauri::command(async)]
pub fn import_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<ImportPicked>> {
    let exts = &["xlsx", "xls", "csv"];
    let Some(path) = open_target(&app, "选择要导入的专利或商标台账", "表格文件", exts)?
    else {
        return Ok(None);
    };
    let table = read_table(&path)?;
    let picked = store(&state).import_picked(path.clone(), table)?;
    *state.picked.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(picked))
}

/// The switch `import_cancel` flips: the running import stops at its next
/// chunk of rows and rolls back (one import runs at a time).
static IMPORT_CANCEL: AtomicBool = AtomicBool::new(false);

/// Stops the running import, if any: it ends with `cancelled` and nothing
/// of it is written.
#[tauri::command]
pub fn import_cancel() {
    IMPORT_CANCEL.store(true, Ordering::Relaxed);
}

/// Reads the file again (the UI holds only its path), then checks or commits
/// on a blocking thread, emitting `import-progress` `{ done, total }`.
#[tauri::command]
pub async fn import_run<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    kind: ImportKind,
    mapping: Vec<Option<Field>>,
    on_duplicate: OnDuplicate,
    dry_run: bool,
) -> CmdResult<ImportReport> {
    let mapping = Mapping::from_columns(mapping);
    // A new import starts with the switch off; `import_cancel` flips it.
    IMPORT_CANCEL.store(false, Ordering::Relaxed);
    let opts = ImportOptions {
        on_duplicate,
        dry_run,
        today: Some(super::today()),
        cancel: Cancel::new(&IMPORT_CANCEL),
    };
    tauri::async_runtime::spawn_blocking(move || import_file(&app, &path, kind, &mapping, &opts))
        .await
        .map_err(|e| AppError::io(format!("导入中断：{e}")))?
}

/// Imports `path` if it is the file the user picked; a refusal because of
/// row errors comes back as its report (see the module's contract).
fn import_file<R: Runtime>(
    app: &AppHandle<R>,
    path: &Path,
    kind: ImportKind,
    mapping: &Mapping,
    opts: &ImportOptions,
) -> CmdResult<ImportReport> {
    let state = app.state::<AppState>();
    let picked = state.picked.lock().unwrap_or_else(|p| p.into_inner());
    if picked.as_deref() != Some(path) {
        return Err(AppError::io("只能导入在对话框中选择的文件"));
    }
    drop(picked);
    let sheet = open_table(path)?;
    let mut progress = |done, total| {
        let _ = app.emit("import-progress", ImportProgress { done, total });
    };
    let report = store(&state).import_sheet(sheet, kind, mapping, opts, &mut progress)?;
    Ok(report)
}

/// The whole ledger (or the filter in `query`) as .xlsx or .csv.
#[tauri::command(async)]
pub fn export_table<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: PatentQuery,
    format: ExportFormat,
) -> CmdResult<Option<ExportResult>> {
    export_sheet(
        &app,
        &state,
        "导出专利台账",
        "专利台账",
        format,
        |s, path| s.export_patents(&query, today(), format, path).map(|_| ()),
    )
}

/// Every trademark as .xlsx or .csv, in the columns the import reads.
#[tauri::command(async)]
pub fn export_trademarks<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> CmdResult<Option<ExportResult>> {
    export_sheet(
        &app,
        &state,
        "导出商标台账",
        "商标台账",
        format,
        |s, path| s.export_trademarks(format, path).map(|_| ()),
    )
}

/// Asks where a spreadsheet goes (the dialog titled `title`, the file named
/// `<stem>-<today>.<ext>`), writes it with `write`, and remembers it for
/// "open in viewer".
pub(super) fn export_sheet<R: Runtime>(
    app: &AppHandle<R>,
    state: &State<'_, AppState>,
    title: &'static str,
    stem: &'static str,
    format: ExportFormat,
    write: impl FnOnce(&Store, &Path) -> ipdesk_core::Result<()>,
) -> CmdResult<Option<ExportResult>> {
    let (filter, ext) = match format {
        ExportFormat::Xlsx => ("Excel 工作簿", "xlsx"),
        ExportFormat::Csv => ("CSV（UTF-8）", "csv"),
    };
    let name = format!("{stem}-{}.{ext}", today());
    let Some(path) = save_target(app, title, name, filter, ext)? else {
        return Ok(None);
    };
    write(&store(state), &path)?;
    Ok(Some(remember_export(state, path)))
}

/// Adds `path` to the files `open_path` may open.
pub(super) fn remember_export(state: &AppState, path: PathBuf) -> ExportResult {
    state
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.clone());
    ExportResult { path }
}

/// Opens a file this session exported in the system viewer; any other path is refused.
#[tauri::command(async)]
pub fn open_path(state: State<'_, AppState>, path: PathBuf) -> CmdResult<()> {
    let exported = state.exported.lock().unwrap_or_else(|p| p.into_inner());
    if !exported.contains(&path) {
        return Err(AppError::io("只能打开本次导出的文件"));
    }
    drop(exported);
    open::that_detached(&path)
        .map_err(|e| AppError::io(format!("无法打开 {}：{e}", path.display())))
}

#[tauri::command(async)]
pub fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<BackupReport>> {
    let name = format!("ipdesk-备份-{}.db", today());
    let Some(path) = save_target(&app, "备份数据库", name, "IP Desk 数据库", "db")? else {
        return Ok(None);
    };
    Ok(Some(store(&state).backup_watched(&path, &mut watch(&app))?))
}

/// Replaces the open database with a backup; the window keeps its title.
#[tauri::command(async)]
pub fn restore_from<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<Restored>> {
    let exts = &["db", "sqlite"];
    let Some(backup) = open_target(&app, "从备份恢复", "IP Desk 数据库", exts)? else {
        return Ok(None);
    };
    // No reader may hold the file while it is moved aside and replaced.
    let _alone = state.readers.write().unwrap_or_else(|p| p.into_inner());
    let mut guard = store(&state);
    let report = guard.restore_in_place_watched(&backup, &mut watch(&app))?;
    let info = app_info_of(&guard)?;
    Ok(Some(Restored { info, report }))
}
