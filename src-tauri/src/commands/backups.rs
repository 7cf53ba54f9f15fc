//! Automatic backups (issue 18): taken on open and then daily while the app
//! is open, on a thread of their own over a read-only connection, so the
//! window never waits for them; 设置 shows the last run and the list, and
//! restores one of them.

use std::path::PathBuf;
use std::time::Duration;

use ipdesk_core::{BackupEntry, BackupPolicy, BackupReport};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::app::app_info_of;
use super::io::Restored;
use super::*;

/// How often the backup thread looks whether a new day needs its copy.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

/// The last automatic backup run.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastBackup {
    /// Local time the run ended, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// Why the run failed (the folder missing, the disk full …); `None` if
    /// it succeeded.
    pub error: Option<String>,
    /// The copy made, if the run made one (one a day).
    pub taken: Option<BackupReport>,
}

/// What 设置 → 自动备份 shows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub policy: BackupPolicy,
    /// The folder in use (the chosen one, or the default beside the database).
    pub dir: String,
    pub last: Option<LastBackup>,
    /// This database's automatic backups, newest first.
    pub kept: Vec<BackupEntry>,
}

/// Starts the backup thread: a run now (the open), then one whenever the
/// day has no copy yet.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::Builder::new()
        .name("auto-backup".into())
        .spawn(move || loop {
            run_once(&app);
            std::thread::sleep(CHECK_EVERY);
        })
        .expect("the backup thread starts");
}

/// One run over a reader connection; the outcome goes into the state and
/// to the window as the `backup-status` event.
fn run_once<R: Runtime>(app: &AppHandle<R>) -> LastBackup {
    let state = app.state::<AppState>();
    let outcome = read_apart(&state, |s| s.auto_backup(chrono::Local::now().date_naive()));
    let last = LastBackup {
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        error: outcome.as_ref().err().map(ToString::to_string),
        taken: outcome.ok().and_then(|r| r.taken),
    };
    *state.last_backup.lock().unwrap_or_else(|p| p.into_inner()) = Some(last.clone());
    if let Ok(status) = status_of(&state) {
        let _ = app.emit("backup-status", status);
    }
    last
}

fn status_of(state: &State<'_, AppState>) -> CmdResult<BackupStatus> {
    let s = store(state);
    let policy = s.backup_policy()?;
    let dir = s.backup_dir(&policy).unwrap_or_default();
    // A folder that is gone (a USB drive pulled out) lists nothing rather
    // than failing the page; the last run says what went wrong.
    let kept = s.auto_backups(&dir).unwrap_or_default();
    Ok(BackupStatus {
        policy,
        dir: dir.display().to_string(),
        last: state
            .last_backup
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone(),
        kept,
    })
}

#[tauri::command(async)]
pub fn backup_status(state: State<'_, AppState>) -> CmdResult<BackupStatus> {
    status_of(&state)
}

/// Saves the settings (checked in the core) and, if backups are on, runs
/// one now so a new folder gets its first copy at once.
#[tauri::command(async)]
pub fn backup_policy_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    policy: BackupPolicy,
) -> CmdResult<BackupStatus> {
    let enabled = store(&state).set_backup_policy(policy)?.enabled;
    if enabled {
        run_once(&app);
    }
    status_of(&state)
}

/// Runs an automatic backup now (today's copy, if missing, and the rotation).
#[tauri::command(async)]
pub fn backup_auto_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<BackupStatus> {
    let last = run_once(&app);
    if let Some(e) = last.error {
        return Err(AppError::io(e));
    }
    status_of(&state)
}

/// The folder picker for the backup folder.
#[tauri::command(async)]
pub fn backup_pick_dir<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<String>> {
    // The end-to-end test has no dialog to click (debug builds only).
    if let Some(dir) = stand_in::pick_dir() {
        return Ok(Some(PathBuf::from(dir).display().to_string()));
    }
    let picked = dialog(&app, |d| d.set_title("选择自动备份文件夹").pick_folder())?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Restores one of this database's automatic backups, named by its path
/// as `backup_status` listed it: no other file can be restored this way.
#[tauri::command(async)]
pub fn backup_restore_auto<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Restored> {
    let listed = status_of(&state)?
        .kept
        .into_iter()
        .find(|e| e.path.display().to_string() == path)
        .ok_or_else(|| AppError::io("只能恢复自动备份列表中的文件"))?;
    // No reader (the backup thread included) may hold the file while it is
    // moved aside and replaced.
    let _alone = state.readers.write().unwrap_or_else(|p| p.into_inner());
    let mut guard = store(&state);
    let report = guard.restore_in_place_watched(&listed.path, &mut super::io::watch(&app))?;
    let info = app_info_of(&guard)?;
    Ok(Restored { info, report })
}
