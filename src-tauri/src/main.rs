//! IP Desk desktop shell. Owns the window, native dialogs and the glue from
//! UI commands to `ipdesk_core::Store`; no business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod io_commands;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use ipdesk_core::Store;
use tauri::Manager;

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
}

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
    tauri::Builder::default()
        .manage(AppState {
            store: Mutex::new(store),
            db_path: Mutex::new(path.clone()),
            readers: RwLock::new(()),
            exported: Mutex::new(Vec::new()),
            picked: Mutex::new(None),
        })
        .setup(move |app| {
            if let Some(w) = app.get_webview_window("main") {
                w.set_title(&window_title(&path))?;
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the IP Desk window runs");
}
