//! 案卷四 项目申报 (part 2): dossiers — one program and year — with their
//! sections, attachments (from the file dialog or dropped on the window),
//! the packet PDF (a background job with progress) and submission, which
//! freezes the packet.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipdesk_core::{AttachedFile, Dossier, DossierDetail, DossierStatus, Money, Progress};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::ExportResult;
use super::ledger::export_pdf;
use super::{ensure_dropped, open_targets, read_apart, store, today, AppState};
use crate::error::CmdResult;

/// A dossier's page with the packet's page count as it would print today.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DossierPage {
    pub detail: DossierDetail,
    /// None when an attachment cannot be read (the error says which).
    pub pages: Option<u32>,
    pub pages_error: Option<String>,
}

#[tauri::command(async)]
pub fn dossier_list(state: State<'_, AppState>) -> CmdResult<Vec<Dossier>> {
    Ok(read_apart(&state, |s| s.dossiers())?)
}

#[tauri::command(async)]
pub fn dossier_new(state: State<'_, AppState>, program: String, year: i32) -> CmdResult<Dossier> {
    Ok(store(&state).new_dossier(&program, year)?)
}

#[tauri::command(async)]
pub fn dossier_get(state: State<'_, AppState>, id: i64) -> CmdResult<DossierPage> {
    let day = today();
    Ok(read_apart(&state, |s| {
        let detail = s.dossier_detail(id, day)?;
        let (pages, pages_error) = match s.dossier_page_count(id, day) {
            Ok(n) => (Some(n as u32), None),
            Err(e) if e.is_user_error() => (None, Some(e.to_string())),
            Err(e) => return Err(e),
        };
        Ok(DossierPage {
            detail,
            pages,
            pages_error,
        })
    })?)
}

#[tauri::command(async)]
pub fn dossier_section_save(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    body: String,
) -> CmdResult<()> {
    Ok(store(&state).set_dossier_section(id, &name, &body)?)
}

/// Asks for files and adds them to the attachments in the order chosen,
/// each labelled by its name; stops at the first that cannot be used
/// (named in the error), keeping those before it. Null when cancelled.
#[tauri::command(async)]
pub fn dossier_attach_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<Vec<AttachedFile>>> {
    store(&state).dossier(id)?;
    let exts = &["pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp"];
    let paths = open_targets(&app, "选择申报附件", "PDF 或图片", exts)?;
    if paths.is_empty() {
        return Ok(None);
    }
    Ok(Some(attach_paths(&state, id, &paths)?))
}

fn attach_paths(
    state: &State<'_, AppState>,
    id: i64,
    paths: &[PathBuf],
) -> CmdResult<Vec<AttachedFile>> {
    let mut s = store(state);
    let mut added = Vec::new();
    for p in paths {
        added.push(s.attach_file_to_dossier(id, p, "")?);
    }
    Ok(added)
}

/// Adds files dropped on the window. Only paths the window itself reported
/// as dropped are read.
#[tauri::command(async)]
pub fn dossier_attach_dropped(
    state: State<'_, AppState>,
    id: i64,
    paths: Vec<PathBuf>,
) -> CmdResult<Vec<AttachedFile>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    ensure_dropped(&state, &paths)?;
    attach_paths(&state, id, &paths)
}

/// Puts the attachments in this order with these labels.
#[tauri::command(async)]
pub fn dossier_files_arrange(
    state: State<'_, AppState>,
    id: i64,
    files: Vec<(i64, String)>,
) -> CmdResult<()> {
    Ok(store(&state).arrange_dossier_files(id, &files)?)
}

#[tauri::command(async)]
pub fn dossier_file_remove(state: State<'_, AppState>, id: i64, file: i64) -> CmdResult<()> {
    Ok(store(&state).remove_dossier_file(id, file)?)
}

/// Submits on `date`: the packet is rendered and frozen.
#[tauri::command(async)]
pub fn dossier_submit(state: State<'_, AppState>, id: i64, date: NaiveDate) -> CmdResult<Dossier> {
    let mut s = store(&state);
    s.submit_dossier(id, date)?;
    Ok(s.dossier(id)?)
}

#[tauri::command(async)]
pub fn dossier_status(
    state: State<'_, AppState>,
    id: i64,
    to: DossierStatus,
    date: Option<NaiveDate>,
    amount: Option<Money>,
    reason: String,
) -> CmdResult<Dossier> {
    Ok(store(&state).set_dossier_status(id, to, date, amount, &reason)?)
}

#[tauri::command(async)]
pub fn dossier_copy(state: State<'_, AppState>, id: i64, year: i32) -> CmdResult<Dossier> {
    Ok(store(&state).copy_dossier(id, year)?)
}

#[tauri::command(async)]
pub fn dossier_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_dossier(id)?)
}

/// The packet PDF (a submitted dossier's frozen bytes) to a file the user
/// chooses, with progress; null when cancelled.
#[tauri::command]
pub async fn export_dossier_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<ExportResult>> {
    let d = store(&app.state::<AppState>()).dossier(id)?;
    let name = format!("申报材料-{}-{}.pdf", d.program_id, d.year);
    let handle = app.clone();
    export_pdf(app, "dossier", "导出申报材料", name, move |p| {
        let stage = |stage, done| Progress {
            stage,
            done,
            total: 2,
        };
        p(stage("merge", 1));
        let bytes = read_apart(&handle.state::<AppState>(), |s| s.dossier_pdf(id, today()))?;
        p(stage("done", 2));
        Ok(bytes)
    })
    .await
}
