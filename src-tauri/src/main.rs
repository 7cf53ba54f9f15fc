//! IP Desk desktop shell. Owns the window, native dialogs and the glue from
//! UI commands to `ipdesk_core::Store`; no business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
#[cfg(test)]
mod ipc_contract;
mod menu;
mod navigation;

use std::path::{Path, PathBuf};

use ipdesk_core::Store;
use tauri::Manager;

use crate::commands::AppState;

/// `IPDESK_DB` overrides the database (used by the end-to-end tests and for
/// opening a specific file from a shortcut); otherwise the per-user default.
fn initial_db() -> PathBuf {
    std::env::var_os("IPDESK_DB")
        .map(PathBuf::from)
        .unwrap_or_else(Store::default_path)
}

pub fn window_title(path: &Path) -> String {
    format!("IP Desk 知产案卷台 — {}", path.display())
}

/// Writes the window's size and place to disk once it has been still for
/// half a second. The plugin writes only when the app exits normally; a
/// killed app, a crash or a power cut would forget a resize otherwise.
fn save_window_state_soon(app: &tauri::AppHandle) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    static LATEST: AtomicU64 = AtomicU64::new(0);
    let mine = LATEST.fetch_add(1, Ordering::Relaxed) + 1;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        if LATEST.load(Ordering::Relaxed) == mine {
            let _ = app.save_window_state(StateFlags::all());
        }
    });
}

/// See the workspace manifest: glibc's malloc made large imports a third slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = initial_db();
    let store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            rfd::MessageDialog::new()
                .set_title("IP Desk 无法打开数据库")
                .set_description(e.to_string())
                .set_level(rfd::MessageLevel::Error)
                .show();
            std::process::exit(1);
        }
    };
    commands::remember(&path);
    tauri::Builder::default()
        // First, as the plugin asks: a second launch hands over to this
        // window (brought to the front) and exits before opening anything.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(navigation::plugin())
        // Size, position and maximised state as the officer left them; a
        // position off every screen now (a monitor unplugged) is not
        // restored by the plugin.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(AppState::new(store, path.clone()))
        // 文件: new, open, recent databases, backup, quit.
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .setup(move |app| {
            if let Some(w) = app.get_webview_window("main") {
                w.set_title(&window_title(&path))?;
            }
            // On open and then daily, off the window's threads.
            commands::start_backups(app.handle().clone());
            // The command line writing beside the window refreshes its views.
            commands::start_watching(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
            ) {
                save_window_state_soon(window.app_handle());
            }
            // Remember what the OS dropped on the window: the only paths the
            // evidence intake will read for a drop (see `AppState::dropped`).
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let state = window.state::<AppState>();
                let mut dropped = state.dropped.lock().unwrap_or_else(|p| p.into_inner());
                dropped.extend(paths.iter().cloned());
            }
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the IP Desk window runs");
}
