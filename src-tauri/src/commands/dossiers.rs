//! 案卷四 项目申报 (part 1): the shipped funding programs, each checked
//! against the open database, and the radar over all of them.

use chrono::Datelike;
use ipdesk_core::{radar_pdf, self_check_pdf, Program, ProgramCheck, RadarRow};
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::ExportResult;
use super::ledger::export_pdf;
use super::{open_target, read_apart, store, today, AppState};
use crate::error::CmdResult;

/// Every program, shipped and the officer's own, as data.
#[tauri::command(async)]
pub fn programs_list(state: State<'_, AppState>) -> CmdResult<Vec<Program>> {
    Ok(read_apart(&state, |s| s.all_programs())?)
}

/// A program checked for `year` (default: this year) on today's date.
#[tauri::command(async)]
pub fn program_check(
    state: State<'_, AppState>,
    id: String,
    year: Option<i32>,
    on: Option<chrono::NaiveDate>,
) -> CmdResult<ProgramCheck> {
    // The application date picks the rule version (the MIIT tiers changed
    // on 2026-04-01); today when not given.
    let day = on.unwrap_or_else(today);
    Ok(read_apart(&state, |s| {
        s.check_program(&id, year.unwrap_or(day.year()), day)
    })?)
}

/// Every program with its status and estimated subsidy (the funding radar).
#[tauri::command(async)]
pub fn program_radar(state: State<'_, AppState>, year: Option<i32>) -> CmdResult<Vec<RadarRow>> {
    let day = today();
    Ok(read_apart(&state, |s| {
        s.program_radar(year.unwrap_or(day.year()), day)
    })?)
}

/// Asks for a program file of one's own and keeps it (validated first);
/// null when the user cancels.
#[tauri::command(async)]
pub fn program_add_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<Program>> {
    let Some(path) = open_target(&app, "选择申报项目文件", "申报项目文件（JSON）", &["json"])?
    else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ipdesk_core::Error::BadFile {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(Some(store(&state).add_own_program(&name, &text)?))
}

/// Removes a program of one's own.
#[tauri::command(async)]
pub fn program_remove(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(store(&state).remove_own_program(&id)?)
}

/// The program checked as on its page (`year`, application date `on`)
/// printed as the 申报条件自评表, to a file the user chooses; null when
/// cancelled. An unknown program is refused before the dialog opens.
#[tauri::command]
pub async fn export_self_check_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    year: Option<i32>,
    on: Option<chrono::NaiveDate>,
) -> CmdResult<Option<ExportResult>> {
    let program = read_apart(&app.state::<AppState>(), |s| s.find_program(&id))?;
    let day = on.unwrap_or_else(today);
    let year = year.unwrap_or(day.year());
    let name = format!("{}自评表-{year}.pdf", program.name);
    let handle = app.clone();
    export_pdf(app, "selfCheck", "导出自评表", name, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.self_check_report(&id, year, day)
        })?;
        self_check_pdf(&data, p)
    })
    .await
}

/// The radar for `year` printed as the 项目申报雷达, to a file the user
/// chooses; null when cancelled.
#[tauri::command]
pub async fn export_radar_pdf<R: Runtime>(
    app: AppHandle<R>,
    year: i32,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("项目申报雷达-{year}.pdf");
    let handle = app.clone();
    export_pdf(app, "radar", "导出项目申报雷达", name, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.radar_report(year, today())
        })?;
        radar_pdf(&data, p)
    })
    .await
}
