//! Spreadsheets in and out, backups and restores: the commands of the import
//! wizard and of the settings page. Dialogs and the store's lifecycle are
//! the shell's; reading, checking and writing are the core's.
//!
//! Contract of `import_run`: rows with errors are not an IPC error. A dry run
//! returns its report as the core does; a commit refused because of row
//! errors returns that same report with `committed: false` and nothing
//! written, so the wizard shows the rows to fix either way. A bad file or an
//! invalid mapping is an `AppError` (`invalidInput`).

use std::path::PathBuf;

use ipdesk_core::{
    open_table, read_table, BackupReport, ExportFormat, Field, ImportBatch, ImportKind,
    ImportOptions, ImportReport, Mapping, OnDuplicate, PatentQuery, RestoreReport, Store,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::commands::{app_info_of, dialog, store, today, AppInfo, Exported};
use crate::error::{AppError, CmdResult};
use crate::AppState;

/// A field a column can be mapped to; `code` is the serde name the mapping uses.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldOption {
    code: Field,
    header: &'static str,
    required: bool,
}

/// The file the user picked, its columns, what it seems to hold and, for
/// each kind of sheet, the suggested (or remembered) mapping.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPicked {
    path: PathBuf,
    sheet: String,
    header_row: usize,
    headers: Vec<String>,
    row_count: usize,
    /// The kind a remembered mapping or the headers suggest.
    kind: ImportKind,
    /// One plan per kind, so the user can switch without another round trip.
    plans: Vec<KindPlan>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindPlan {
    kind: ImportKind,
    /// One entry per column: the field it holds, or null.
    mapping: Vec<Option<Field>>,
    fields: Vec<FieldOption>,
}

#[derive(Debug, Clone, Serialize)]
struct ImportProgress {
    done: usize,
    total: usize,
}

/// `IPDESK_OPEN_FILE` stands in for the open dialog, as `IPDESK_SAVE_DIR` does
/// for saves: the end-to-end tests cannot drive a native dialog. It is a
/// path list (`:`-separated on Unix); the dialog "picks" the first file with
/// one of its extensions, so one run can import a spreadsheet and restore a
/// backup.
fn open_target(
    app: &AppHandle,
    title: &'static str,
    filter: &'static str,
    exts: &'static [&'static str],
) -> CmdResult<Option<PathBuf>> {
    if let Some(files) = std::env::var_os("IPDESK_OPEN_FILE") {
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

fn save_target(
    app: &AppHandle,
    title: &'static str,
    name: String,
    filter: &'static str,
    ext: &'static str,
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("IPDESK_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    dialog(app, move |d| {
        d.set_title(title)
            .set_file_name(&name)
            .add_filter(filter, &[ext])
            .save_file()
    })
}

/// The import log (导入记录), newest first.
#[tauri::command(async)]
pub fn import_log(state: State<'_, AppState>) -> CmdResult<Vec<ImportBatch>> {
    Ok(crate::commands::read_apart(&state, |s| {
        s.import_batches(50)
    })?)
}

#[tauri::command(async)]
pub fn import_pick(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<ImportPicked>> {
    let exts = &["xlsx", "xls", "csv"];
    let Some(path) = open_target(&app, "选择要导入的专利或商标台账", "表格文件", exts)?
    else {
        return Ok(None);
    };
    let table = read_table(&path)?;
    let store = store(&state);
    let (kind, _) = store.import_plan(&table.headers)?;
    let plans = [ImportKind::Patent, ImportKind::Trademark]
        .into_iter()
        .map(|k| {
            let mapping = store.import_mapping_for(k, &table.headers)?;
            Ok(KindPlan {
                kind: k,
                mapping: (0..table.headers.len())
                    .map(|c| mapping.0.get(&c).copied())
                    .collect(),
                fields: Field::of(k)
                    .iter()
                    .map(|&f| FieldOption {
                        code: f,
                        header: f.header(),
                        required: Field::required(k).contains(&f),
                    })
                    .collect(),
            })
        })
        .collect::<CmdResult<Vec<_>>>()?;
    drop(store);
    *state.picked.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    Ok(Some(ImportPicked {
        kind,
        plans,
        row_count: table.rows.len(),
        sheet: table.sheet,
        header_row: table.header_row,
        headers: table.headers,
        path,
    }))
}

/// Reads the file again (the UI holds only its path), then checks or commits
/// on a blocking thread, emitting `import-progress` `{ done, total }`.
#[tauri::command]
pub async fn import_run(
    app: AppHandle,
    path: PathBuf,
    kind: ImportKind,
    mapping: Vec<Option<Field>>,
    on_duplicate: OnDuplicate,
    dry_run: bool,
) -> CmdResult<ImportReport> {
    let mapping = Mapping(
        mapping
            .into_iter()
            .enumerate()
            .filter_map(|(c, f)| Some((c, f?)))
            .collect(),
    );
    let opts = ImportOptions {
        on_duplicate,
        dry_run,
    };
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        if state
            .picked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            != Some(&path)
        {
            return Err(AppError::io("只能导入在对话框中选择的文件"));
        }
        let sheet = open_table(&path)?;
        let mut progress = |done, total| {
            let _ = app.emit("import-progress", ImportProgress { done, total });
        };
        let mut store = store(&state);
        let out = store.import_sheet(sheet, kind, &mapping, &opts, &mut progress);
        match out {
            Err(ipdesk_core::Error::ImportRejected(report)) => Ok(*report),
            other => Ok(other?),
        }
    })
    .await
    .map_err(|e| AppError::io(format!("导入中断：{e}")))?
}

/// The whole ledger (or the filter in `query`) as .xlsx or .csv.
#[tauri::command(async)]
pub fn export_table(
    app: AppHandle,
    state: State<'_, AppState>,
    query: PatentQuery,
    format: ExportFormat,
) -> CmdResult<Option<Exported>> {
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
pub fn export_trademarks(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> CmdResult<Option<Exported>> {
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
fn export_sheet(
    app: &AppHandle,
    state: &State<'_, AppState>,
    title: &'static str,
    stem: &'static str,
    format: ExportFormat,
    write: impl FnOnce(&Store, &std::path::Path) -> ipdesk_core::Result<()>,
) -> CmdResult<Option<Exported>> {
    let (filter, ext) = match format {
        ExportFormat::Xlsx => ("Excel 工作簿", "xlsx"),
        ExportFormat::Csv => ("CSV（UTF-8）", "csv"),
    };
    let name = format!("{stem}-{}.{ext}", today());
    let Some(path) = save_target(app, title, name, filter, ext)? else {
        return Ok(None);
    };
    write(&store(state), &path)?;
    state
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.clone());
    Ok(Some(Exported { path }))
}

#[tauri::command(async)]
pub fn backup_now(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<BackupReport>> {
    let name = format!("ipdesk-备份-{}.db", today());
    let Some(path) = save_target(&app, "备份数据库", name, "IP Desk 数据库", "db")? else {
        return Ok(None);
    };
    Ok(Some(store(&state).backup_to(&path)?))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    info: AppInfo,
    report: RestoreReport,
}

/// Replaces the open database with a backup. The store is closed for the
/// swap (an in-memory one stands in) and the same file reopened after, so
/// the window title does not change; on failure the original is reopened.
#[tauri::command(async)]
pub fn restore_from(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<Restored>> {
    let exts = &["db", "sqlite"];
    let Some(backup) = open_target(&app, "从备份恢复", "IP Desk 数据库", exts)? else {
        return Ok(None);
    };
    // No reader may hold the file while it is moved aside and replaced.
    let _alone = state.readers.write().unwrap_or_else(|p| p.into_inner());
    let mut guard = store(&state);
    let target = guard
        .path()
        .map(PathBuf::from)
        .ok_or_else(|| AppError::io("当前数据库不是文件，无法恢复"))?;
    *guard = Store::open_in_memory()?;
    let restored = Store::restore(&backup, &target);
    // Whatever happened, the stand-in must not stay: edits to it would be
    // lost on exit. If the file cannot be reopened, keep trying it rather
    // than silently working in memory.
    match Store::open(&target) {
        Ok(s) => *guard = s,
        Err(e) => {
            return Err(AppError::io(format!(
                "恢复后无法重新打开数据库 {}：{e}。请重新启动 IP Desk。",
                target.display()
            )))
        }
    }
    let report = restored?;
    Ok(Some(Restored {
        info: app_info_of(&guard)?,
        report,
    }))
}
