//! 案卷三 侵权线索: leads, their workflow and actions, the evidence locker
//! (intake from the file dialog or files dropped on the window, thumbnails,
//! viewing, saving, verification) and the lead documents.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipdesk_core::{
    lead_pdf, leads_pdf, ActionData, Entity, Evidence, EvidenceData, ExportFormat, Lead,
    LeadAction, LeadData, LeadDeadline, LeadDetail, LeadQuery, LeadStatus, LeadSummary,
    VerifyReport,
};
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::{export_sheet, remember_export, ExportResult};
use super::ledger::export_pdf;
use super::{ensure_dropped, open_targets, read_apart, save_target, store, today, AppState};
use crate::error::CmdResult;

/// The longest side of a thumbnail in the lead page's evidence list.
const THUMBNAIL_PX: u32 = 240;

#[tauri::command(async)]
pub fn lead_list(state: State<'_, AppState>, query: LeadQuery) -> CmdResult<Vec<LeadSummary>> {
    Ok(read_apart(&state, |s| s.leads(&query))?)
}

#[tauri::command(async)]
pub fn lead_get(state: State<'_, AppState>, id: i64) -> CmdResult<LeadDetail> {
    Ok(store(&state).lead_detail(id)?)
}

/// Adds the lead when `id` is none, else updates it.
#[tauri::command(async)]
pub fn lead_save(state: State<'_, AppState>, id: Option<i64>, data: LeadData) -> CmdResult<Lead> {
    let mut s = store(&state);
    Ok(match id {
        Some(id) => s.update_lead(id, data)?,
        None => s.add_lead(data)?,
    })
}

#[tauri::command(async)]
pub fn lead_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_lead(id)?)
}

#[tauri::command(async)]
pub fn lead_status(
    state: State<'_, AppState>,
    id: i64,
    to: LeadStatus,
    date: NaiveDate,
    note: String,
) -> CmdResult<Lead> {
    Ok(store(&state).set_lead_status(id, to, date, &note)?)
}

/// Records (or, with no date, clears) the feedback to the bureau.
#[tauri::command(async)]
pub fn lead_reported(
    state: State<'_, AppState>,
    id: i64,
    date: Option<NaiveDate>,
    to: String,
) -> CmdResult<Lead> {
    Ok(store(&state).report_lead(id, date, &to)?)
}

/// Adds an action to lead `lead_id` when `id` is none, else updates it.
#[tauri::command(async)]
pub fn lead_action_save(
    state: State<'_, AppState>,
    lead_id: i64,
    id: Option<i64>,
    data: ActionData,
) -> CmdResult<LeadAction> {
    let mut s = store(&state);
    Ok(match id {
        Some(id) => s.update_lead_action(id, data)?,
        None => s.add_lead_action(lead_id, data)?,
    })
}

#[tauri::command(async)]
pub fn lead_action_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_lead_action(id)?)
}

/// Next-step deadlines of open leads due within `days` or overdue.
#[tauri::command(async)]
pub fn lead_deadlines(state: State<'_, AppState>, days: u32) -> CmdResult<Vec<LeadDeadline>> {
    Ok(read_apart(&state, |s| s.lead_deadlines(today(), days))?)
}

/// Removes a right whose patent or trademark was deleted from the ledger.
#[tauri::command(async)]
pub fn lead_remove_missing_right(
    state: State<'_, AppState>,
    id: i64,
    number: String,
) -> CmdResult<Lead> {
    Ok(store(&state).remove_missing_lead_right(id, &number)?)
}

/// The leads that involve a ledger patent or trademark (its detail page).
#[tauri::command(async)]
pub fn leads_of_right(
    state: State<'_, AppState>,
    entity: Entity,
    id: i64,
) -> CmdResult<Vec<LeadSummary>> {
    Ok(store(&state).leads_involving(entity.at(id))?)
}

/// Asks for evidence files and takes them into the lead's locker, all or
/// none; null when the user cancels.
#[tauri::command(async)]
pub fn lead_evidence_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lead_id: i64,
    data: EvidenceData,
) -> CmdResult<Option<Vec<Evidence>>> {
    store(&state).lead(lead_id)?;
    // The usual kinds of evidence; the dialog also offers 所有文件.
    let exts = &[
        "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "pdf", "ofd", "mp4", "mov",
        "mp3", "wav", "htm", "html", "mht", "mhtml",
    ];
    let paths = open_targets(&app, "选择证据文件", "证据文件", exts)?;
    if paths.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        store(&state).add_evidence_files(lead_id, &paths, data)?,
    ))
}

/// Takes files dropped on the window into the lead's locker, all or none.
/// Only paths the window itself reported as dropped are read: the webview
/// names which of them, it cannot name any other file.
#[tauri::command(async)]
pub fn lead_evidence_add_dropped(
    state: State<'_, AppState>,
    lead_id: i64,
    paths: Vec<PathBuf>,
    data: EvidenceData,
) -> CmdResult<Vec<Evidence>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    ensure_dropped(&state, &paths)?;
    Ok(store(&state).add_evidence_files(lead_id, &paths, data)?)
}

/// A PNG thumbnail of a picture in the locker (empty for other files).
#[tauri::command(async)]
pub fn lead_evidence_thumbnail(state: State<'_, AppState>, id: i64) -> CmdResult<Response> {
    let png = read_apart(&state, |s| s.evidence_thumbnail(id, THUMBNAIL_PX))?;
    Ok(Response::new(png.unwrap_or_default()))
}

/// The file's bytes for viewing in the app, checked and logged as 查看.
#[tauri::command(async)]
pub fn lead_evidence_view(state: State<'_, AppState>, id: i64) -> CmdResult<Response> {
    Ok(Response::new(store(&state).view_evidence(id)?))
}

/// Saves a copy of an evidence file where the user chooses, checked and
/// logged as 导出; null when the user cancels.
#[tauri::command(async)]
pub fn lead_evidence_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<PathBuf>> {
    let name = store(&state).evidence(id)?.original_name;
    let ext = std::path::Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some(path) = save_target(&app, "保存证据副本", name, "文件", ext)? else {
        return Ok(None);
    };
    store(&state).save_evidence(id, &path)?;
    Ok(Some(remember_export(&state, path).path))
}

#[tauri::command(async)]
pub fn lead_evidence_remove(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    Ok(store(&state).remove_evidence(id, &reason)?)
}

/// Re-hashes the evidence (of one lead, or all) and the custody chain,
/// with `work-progress` events; `work_cancel` stops it before it is logged.
#[tauri::command(async)]
pub fn lead_verify<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lead_id: Option<i64>,
) -> CmdResult<VerifyReport> {
    Ok(store(&state).verify_evidence_watched(lead_id, &mut super::io::watch(&app))?)
}

/// The 侵权线索汇总表 PDF for the bureau, with `export-progress` events.
#[tauri::command]
pub async fn export_leads_pdf<R: Runtime>(
    app: AppHandle<R>,
    query: LeadQuery,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("侵权线索汇总表-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "leads",
        "导出侵权线索汇总表",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| {
                s.leads_report(&query, today())
            })?;
            leads_pdf(&data, p)
        },
    )
    .await
}

/// One lead's dossier PDF, with `export-progress` events; the export is
/// recorded in the custody log once the file is written.
#[tauri::command]
pub async fn export_lead_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("侵权线索案卷-{id}-{}.pdf", today());
    let handle = app.clone();
    let done = export_pdf(
        app.clone(),
        "lead",
        "导出侵权线索案卷",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| s.lead_report(id, today()))?;
            lead_pdf(&data, p)
        },
    )
    .await?;
    if let Some(r) = &done {
        store(&app.state::<AppState>()).log_lead_export(id, &r.path)?;
    }
    Ok(done)
}

/// The lead list as .xlsx or .csv.
#[tauri::command(async)]
pub fn export_leads<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: LeadQuery,
    format: ExportFormat,
) -> CmdResult<Option<ExportResult>> {
    export_sheet(
        &app,
        &state,
        "导出侵权线索",
        "侵权线索",
        format,
        |s, path| s.export_leads(&query, path, format).map(|_| ()),
    )
}

#[cfg(test)]
mod tests {
    use tauri::Listener;

    use super::*;
    use crate::error::ErrorCode;

    /// 取消 as the window sends it: `work_cancel` on the first progress
    /// event stops the verification, which answers `cancelled` and logs
    /// nothing; the next one, not cancelled, runs whole.
    #[test]
    fn a_verification_cancelled_from_its_progress_logs_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = tauri::test::mock_app();
        let db = dir.path().join("ipdesk.db");
        let mut s = ipdesk_core::Store::open(&db).unwrap();
        let lead = s
            .add_lead(LeadData {
                title: "某店铺销售仿冒产品".into(),
                suspect_name: "某电子商行".into(),
                discovered_date: NaiveDate::from_ymd_opt(2026, 3, 2),
                ..LeadData::default()
            })
            .unwrap();
        for name in ["公证书.pdf", "发票.pdf"] {
            let bytes = format!("%PDF-1.4 {name}");
            s.add_evidence(lead.id, name, bytes.as_bytes(), Default::default())
                .unwrap();
        }
        let logged = s.custody_log(None).unwrap().len();
        app.manage(AppState::new(s, db));
        let id = app.listen_any("work-progress", |_| super::super::io::work_cancel());
        let err = lead_verify(app.handle().clone(), app.state(), None).unwrap_err();
        assert_eq!(err.code, ErrorCode::Cancelled, "{}", err.message);
        let state = app.state::<AppState>();
        assert_eq!(store(&state).custody_log(None).unwrap().len(), logged);
        app.unlisten(id);
        let report = lead_verify(app.handle().clone(), app.state(), None).unwrap();
        assert!(report.ok && report.files.len() == 2);
        assert_eq!(store(&state).custody_log(None).unwrap().len(), logged + 1);
    }
}
