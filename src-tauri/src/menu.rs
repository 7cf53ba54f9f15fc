//! The window's 文件 menu: new, open, the recent databases, backup, quit.
//!
//! The menu only says what was chosen: each item is sent to the window as a
//! `menu` event and the UI runs the same commands as 设置's buttons
//! (`db_open`, `db_new`, `db_open_recent`, `backup_now`), so there is one
//! path for each action, with its checks and messages. The recent list is
//! rebuilt whenever another database is opened, and in the window's
//! language whenever the officer switches it (`menu_language`).

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// What the officer chose, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuAction {
    /// `db-new`, `db-open`, `db-recent` or `backup`.
    pub action: String,
    /// For `db-recent`: the database's path as the recent list has it.
    pub path: Option<String>,
}

const RECENT_PREFIX: &str = "db-recent:";

/// The window's language, as the menu follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    Chinese,
    #[serde(rename = "en")]
    English,
}

/// The menu's language: Chinese until the window says otherwise.
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// The menu's labels, Chinese first as the window is.
struct Labels {
    file: &'static str,
    new: &'static str,
    open: &'static str,
    recent: &'static str,
    backup: &'static str,
    quit: &'static str,
}

fn labels(english: bool) -> Labels {
    if english {
        Labels {
            file: "File",
            new: "New Database…",
            open: "Open Database…",
            recent: "Open Recent",
            backup: "Back Up Now…",
            quit: "Quit",
        }
    } else {
        Labels {
            file: "文件",
            new: "新建数据库…",
            open: "打开数据库…",
            recent: "最近打开",
            backup: "立即备份…",
            quit: "退出",
        }
    }
}

/// Rebuilds the menu in `language` (the window switched, or started).
pub fn set_language<R: Runtime>(app: &AppHandle<R>, language: Language) {
    ENGLISH.store(language == Language::English, Ordering::Relaxed);
    refresh(app);
}

/// The menu bar with the recent list as it is on disk now, in the
/// window's language.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    build_in(app, &labels(ENGLISH.load(Ordering::Relaxed)))
}

fn build_in<R: Runtime>(app: &AppHandle<R>, l: &Labels) -> tauri::Result<Menu<R>> {
    let recent = ipdesk_core::recent_databases(&ipdesk_core::recent_file());
    let items = recent
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // A file that is gone (moved, or its USB drive is out) is shown
            // greyed, as 设置 shows it.
            MenuItem::with_id(
                app,
                format!("{RECENT_PREFIX}{i}"),
                p.display().to_string(),
                p.is_file(),
                None::<&str>,
            )
        })
        .collect::<tauri::Result<Vec<_>>>()?;
    let refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = items
        .iter()
        .map(|i| i as &dyn tauri::menu::IsMenuItem<R>)
        .collect();
    let recent_menu =
        Submenu::with_id_and_items(app, "recent", l.recent, !items.is_empty(), &refs)?;
    let file = Submenu::with_items(
        app,
        l.file,
        true,
        &[
            &MenuItem::with_id(app, "db-new", l.new, true, None::<&str>)?,
            &MenuItem::with_id(app, "db-open", l.open, true, None::<&str>)?,
            &recent_menu,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "backup", l.backup, true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, Some(l.quit))?,
        ],
    )?;
    Menu::with_items(app, &[&file])
}

/// Puts a fresh menu on the app (after another database was opened).
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    if let Ok(menu) = build(app) {
        let _ = app.set_menu(menu);
    }
}

/// The action a menu id stands for; `None` for ids that are not ours.
pub fn action_of(id: &str) -> Option<MenuAction> {
    if let Some(i) = id.strip_prefix(RECENT_PREFIX) {
        let i: usize = i.parse().ok()?;
        let recent = ipdesk_core::recent_databases(&ipdesk_core::recent_file());
        return Some(MenuAction {
            action: "db-recent".into(),
            path: Some(recent.get(i)?.display().to_string()),
        });
    }
    matches!(id, "db-new" | "db-open" | "backup").then(|| MenuAction {
        action: id.into(),
        path: None,
    })
}

/// Sends a chosen item to the window.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let Some(action) = action_of(event.id().as_ref()) {
        let _ = app.emit("menu", action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_ids_map_to_the_actions_the_window_runs() {
        assert_eq!(
            action_of("db-open"),
            Some(MenuAction {
                action: "db-open".into(),
                path: None
            })
        );
        assert_eq!(action_of("backup").unwrap().action, "backup");
        assert_eq!(action_of("quit"), None, "predefined items are the OS's");
        assert_eq!(action_of("db-recent:x"), None);
        assert_eq!(
            action_of("db-recent:100000"),
            None,
            "an index past the list"
        );
    }

    #[test]
    fn the_menu_builds_on_a_mock_app_with_its_items() {
        let app = tauri::test::mock_app();
        let menu = build_in(app.handle(), &labels(false)).expect("menu builds");
        let file = menu.items().unwrap();
        assert_eq!(file.len(), 1);
        let file = file[0].as_submenu().expect("文件 is a submenu");
        assert_eq!(file.text().unwrap(), "文件");
        let ids: Vec<String> = file
            .items()
            .unwrap()
            .iter()
            .map(|i| i.id().as_ref().to_string())
            .collect();
        for id in ["db-new", "db-open", "recent", "backup"] {
            assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
        }
    }

    /// The window switched to English: the menu follows, same ids; and
    /// back. (The one test here that touches the language.)
    #[test]
    fn the_menu_follows_the_window_language() {
        let app = tauri::test::mock_app();
        let texts = || -> Vec<String> {
            let menu = build(app.handle()).unwrap();
            let file = menu.items().unwrap()[0].as_submenu().unwrap().clone();
            let mut texts = vec![file.text().unwrap()];
            for item in file.items().unwrap() {
                if let Some(i) = item.as_menuitem() {
                    texts.push(i.text().unwrap());
                }
            }
            texts
        };
        set_language(app.handle(), Language::English);
        assert_eq!(
            texts(),
            ["File", "New Database…", "Open Database…", "Back Up Now…"]
        );
        set_language(app.handle(), Language::Chinese);
        assert_eq!(texts(), ["文件", "新建数据库…", "打开数据库…", "立即备份…"]);
    }
}
