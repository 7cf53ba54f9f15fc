//! The desk itself: what is open (app info, open or create a database), the
//! company profile, settings and the rules in force.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipdesk_core::{
    holidays_pdf, overview_pdf, Company, HolidayCalendar, Money, RuleSource, Rules, Store,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::ExportResult;
use super::ledger::export_pdf;
use super::{dialog, read_apart, store, today, AppState};
use crate::error::CmdResult;
use crate::window_title;

/// What the settings page shows about the running app and its database.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    db_path: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    schema_version: i64,
    version: &'static str,
    today: NaiveDate,
}

pub(super) fn app_info_of(store: &Store) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        db_path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        schema_version: store.schema_version()?,
        version: env!("CARGO_PKG_VERSION"),
        today: today(),
    })
}

/// The settings rules depend on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// 质押融资高价值阈值, in fen; null when not set.
    pledge_threshold: Option<Money>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    app_info_of(&store(&state))
}

/// One entry of 设置 → 最近打开.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentDb {
    path: String,
    /// The file is still there (a USB drive may be out).
    exists: bool,
    /// The database open now.
    current: bool,
}

/// Puts `path` first in the recent list; a list that cannot be written
/// costs nothing but the convenience.
pub fn remember(path: &std::path::Path) {
    if let Err(e) = ipdesk_core::remember_database(&ipdesk_core::recent_file(), path) {
        eprintln!("ipdesk: the recent-databases list was not updated: {e}");
    }
}

/// The databases opened lately, newest first.
#[tauri::command(async)]
pub fn db_recent(state: State<'_, AppState>) -> Vec<RecentDb> {
    let open = state
        .db_path
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let open = open.canonicalize().unwrap_or(open);
    ipdesk_core::recent_databases(&ipdesk_core::recent_file())
        .into_iter()
        .map(|p| RecentDb {
            exists: p.is_file(),
            current: p == open,
            path: p.display().to_string(),
        })
        .collect()
}

/// Opens one of the databases in the recent list (only those: the window
/// cannot name an arbitrary file to open).
#[tauri::command(async)]
pub fn db_open_recent<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<AppInfo> {
    let listed = ipdesk_core::recent_databases(&ipdesk_core::recent_file());
    let Some(path) = listed.into_iter().find(|p| p.display().to_string() == path) else {
        return Err(crate::error::AppError::io(format!(
            "「{path}」不在最近打开的数据库列表中"
        )));
    };
    if !path.is_file() {
        return Err(crate::error::AppError::io(format!(
            "数据库 {} 不存在（文件已移动或所在的 U 盘未插入）",
            path.display()
        )));
    }
    switch_db(&app, &state, path)
}

/// Replaces the open database with the one at `path` (created if new).
fn switch_db<R: Runtime>(
    app: &AppHandle<R>,
    state: &State<'_, AppState>,
    path: PathBuf,
) -> CmdResult<AppInfo> {
    let opened = Store::open(&path)?;
    remember(&path);
    let _alone = state.readers.write().unwrap_or_else(|p| p.into_inner());
    let mut guard = store(state);
    *guard = opened;
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = path.clone();
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&window_title(&path));
    }
    crate::menu::refresh(app);
    app_info_of(&guard)
}

/// The window's language changed (or the window started): the 文件 menu
/// follows it.
#[tauri::command]
pub fn menu_language<R: Runtime>(app: AppHandle<R>, language: crate::menu::Language) {
    crate::menu::set_language(&app, language);
}

#[tauri::command(async)]
pub fn db_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<AppInfo>> {
    let picked = dialog(&app, |d| {
        d.set_title("打开台账数据库")
            .add_filter("IP Desk 数据库", &["db", "sqlite"])
            .pick_file()
    })?;
    picked.map(|p| switch_db(&app, &state, p)).transpose()
}

#[tauri::command(async)]
pub fn db_new<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<AppInfo>> {
    let picked = dialog(&app, |d| {
        d.set_title("新建台账数据库")
            .set_file_name("ipdesk.db")
            .add_filter("IP Desk 数据库", &["db"])
            .save_file()
    })?;
    picked.map(|p| switch_db(&app, &state, p)).transpose()
}

#[tauri::command(async)]
pub fn company_get(state: State<'_, AppState>) -> CmdResult<Company> {
    Ok(store(&state).company()?)
}

#[tauri::command(async)]
pub fn company_set(state: State<'_, AppState>, company: Company) -> CmdResult<Company> {
    Ok(store(&state).set_company(company)?)
}

#[tauri::command(async)]
pub fn check_uscc(code: String) -> CmdResult<String> {
    Ok(ipdesk_core::parse_uscc(&code)?)
}

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(Settings {
        pledge_threshold: store(&state).pledge_threshold()?,
    })
}

#[tauri::command(async)]
pub fn settings_set(
    state: State<'_, AppState>,
    pledge_threshold: Option<Money>,
) -> CmdResult<Settings> {
    let mut s = store(&state);
    s.set_pledge_threshold(pledge_threshold)?;
    Ok(Settings {
        pledge_threshold: s.pledge_threshold()?,
    })
}

/// One year's holiday calendar (or every year's): the shipped notices and
/// the officer's own days.
#[tauri::command(async)]
pub fn holiday_calendar(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> CmdResult<HolidayCalendar> {
    Ok(store(&state).holiday_calendar(year)?)
}

/// One year's calendar (every year's when none) printed as the 节假日安排表,
/// to a file the user chooses; null when cancelled.
#[tauri::command]
pub async fn export_holidays_pdf<R: Runtime>(
    app: AppHandle<R>,
    year: Option<i32>,
) -> CmdResult<Option<ExportResult>> {
    let name = match year {
        Some(y) => format!("{y}年节假日安排表.pdf"),
        None => "节假日安排表.pdf".to_string(),
    };
    let handle = app.clone();
    export_pdf(
        app,
        "holidays",
        "导出节假日安排表",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| {
                s.holidays_report(year, today())
            })?;
            holidays_pdf(&data, p)
        },
    )
    .await
}

/// Adds (or changes) an own day: a day off, or a make-up working day.
#[tauri::command(async)]
pub fn holiday_set(
    state: State<'_, AppState>,
    date: NaiveDate,
    working: bool,
    name: String,
) -> CmdResult<()> {
    Ok(store(&state).set_holiday(date, working, &name)?)
}

#[tauri::command(async)]
pub fn holiday_remove(state: State<'_, AppState>, date: NaiveDate) -> CmdResult<()> {
    Ok(store(&state).remove_holiday(date)?)
}

#[tauri::command(async)]
pub fn rules() -> Vec<RuleSource> {
    Rules::bundled().sources.clone()
}

/// The home page printed as the 知识产权工作概况, to a file the user
/// chooses; null when cancelled. Counted as of the moment it renders.
#[tauri::command]
pub async fn export_overview_pdf<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<ExportResult>> {
    let name = format!("知识产权工作概况-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "overview",
        "导出知识产权工作概况",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| s.overview(today()))?;
            overview_pdf(&data, p)
        },
    )
    .await
}
