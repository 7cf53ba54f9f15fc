//! Another program writing to the open database (the `ipdesk` command line
//! beside the window): the window's views refresh instead of showing what
//! was there before. A thread looks at the store's counter of outside
//! commits every two seconds and sends `data-changed` when it moved.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use super::AppState;

const LOOK_EVERY: Duration = Duration::from_secs(2);

/// Starts the watching thread.
pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("outside-changes".into())
        .spawn(move || {
            let mut last = None;
            loop {
                std::thread::sleep(LOOK_EVERY);
                let state = app.state::<AppState>();
                // A long import holds the store: look again next time
                // rather than wait behind it.
                let Ok(store) = state.store.try_lock() else {
                    continue;
                };
                let now = store.outside_changes().ok();
                drop(store);
                if last.is_some() && now.is_some() && now != last {
                    let _ = app.emit("data-changed", ());
                }
                if now.is_some() {
                    last = now;
                }
            }
        })
        .expect("the watching thread starts");
}
