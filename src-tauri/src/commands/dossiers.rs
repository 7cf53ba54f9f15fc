//! 案卷四 项目申报 (part 1): the shipped funding programs, each checked
//! against the open database, and the radar over all of them.

use chrono::Datelike;
use ipdesk_core::{shipped_programs, Program, ProgramCheck, RadarRow};
use tauri::State;

use super::{read_apart, today, AppState};
use crate::error::CmdResult;

/// Every shipped program, as data.
#[tauri::command(async)]
pub fn programs_list() -> CmdResult<Vec<Program>> {
    Ok(shipped_programs().to_vec())
}

/// A program checked for `year` (default: this year) on today's date.
#[tauri::command(async)]
pub fn program_check(
    state: State<'_, AppState>,
    id: String,
    year: Option<i32>,
) -> CmdResult<ProgramCheck> {
    let day = today();
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
