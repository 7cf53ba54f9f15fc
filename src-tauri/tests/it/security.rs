//! What the window is allowed, read from the files Tauri builds it from
//! (tauri.conf.json, capabilities/): a change that loosens it fails here.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn shell() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn security() -> Value {
    json(shell().join("tauri.conf.json"))["app"]["security"].clone()
}

#[test]
fn the_prototype_of_every_object_is_frozen() {
    assert_eq!(
        security()["freezePrototype"],
        Value::Bool(true),
        "Object.prototype frozen before any page script runs: nothing the \
         window loads or parses can pollute it (ui/build/frozenPrototype.ts \
         keeps the dependencies working with it)"
    );
}

/// The CSP as directive → sources.
fn csp() -> Vec<(String, Vec<String>)> {
    let csp = security()["csp"]
        .as_str()
        .expect("the CSP is one string")
        .to_owned();
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            let name = words.next().unwrap();
            (name, words.collect())
        })
        .collect()
}

#[test]
fn the_csp_is_exactly_what_the_ui_needs() {
    let expected: &[(&str, &[&str])] = &[
        ("default-src", &["'self'"]),
        // No eval, no inline script: Vite emits module files only.
        ("script-src", &["'self'"]),
        // Element Plus and Vue set inline styles (positions, transitions).
        ("style-src", &["'self'", "'unsafe-inline'"]),
        // data: Element Plus's CSS draws its checkmarks as data:image/svg+xml
        // masks; blob: the evidence locker's thumbnails and picture preview
        // (URL.createObjectURL over the bytes lead_evidence_* return,
        // ui/src/views/leads/EvidenceTable.vue).
        ("img-src", &["'self'", "data:", "blob:"]),
        // The same preview for video and audio evidence.
        ("media-src", &["'self'", "blob:"]),
        // The same preview for PDFs and other files, in an iframe.
        ("frame-src", &["blob:"]),
        // The UI ships no web font (no @font-face): the system's CJK fonts.
        ("font-src", &["'self'"]),
        // Tauri's IPC: the ipc: scheme, and its http fallback.
        ("connect-src", &["ipc:", "http://ipc.localhost"]),
        ("object-src", &["'none'"]),
        ("base-uri", &["'self'"]),
        ("form-action", &["'none'"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(d, s)| (d.to_string(), s.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(
        csp(),
        expected,
        "tauri.conf.json app.security.csp changed: a new source must be one the UI needs, \
         and this test says which part of the UI needs it"
    );
}

#[test]
fn the_csp_allows_no_eval_no_wildcard_and_no_remote_host() {
    for (directive, sources) in csp() {
        for s in &sources {
            assert!(
                !matches!(
                    s.as_str(),
                    "'unsafe-eval'" | "'wasm-unsafe-eval'" | "'unsafe-hashes'"
                ),
                "{directive} allows {s}"
            );
            assert!(!s.contains('*'), "{directive} has a wildcard: {s}");
            assert!(
                !matches!(
                    s.as_str(),
                    "http:" | "https:" | "ws:" | "wss:" | "file:" | "filesystem:"
                ),
                "{directive} allows every host of {s}"
            );
            let host = s.contains("://") || s.contains('.');
            assert!(
                !host || s == "http://ipc.localhost",
                "{directive} names a host other than Tauri's IPC: {s}"
            );
        }
        if directive == "script-src" || directive == "default-src" {
            assert!(
                !sources
                    .iter()
                    .any(|s| s == "'unsafe-inline'" || s == "data:" || s == "blob:"),
                "{directive} must not run inline, data: or blob: scripts"
            );
        }
    }
}

/// commands.txt: the app's commands, in the order of `handler()`.
fn command_list() -> Vec<String> {
    std::fs::read_to_string(shell().join("commands.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The commands `generate_handler!` registers in src/commands/mod.rs, by
/// name (`ledger::patent_add` → `patent_add`).
fn registered() -> Vec<String> {
    let code = std::fs::read_to_string(shell().join("src/commands/mod.rs")).unwrap();
    let start = code
        .find("tauri::generate_handler![")
        .expect("handler() uses generate_handler!");
    let body = &code[start + "tauri::generate_handler![".len()..];
    let body = &body[..body.find(']').unwrap()];
    body.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.rsplit("::").next().unwrap().to_owned())
        .collect()
}

#[test]
fn commands_txt_lists_exactly_the_registered_commands() {
    let list = command_list();
    assert_eq!(
        list,
        registered(),
        "commands.txt (the ACL's list, build.rs) and handler() in src/commands/mod.rs \
         must name the same commands in the same order"
    );
    let mut unique = list.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), list.len(), "a command is listed twice");
}

/// Every capability file, by name.
fn capabilities() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(shell().join("capabilities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .map(|(name, p)| {
            assert!(
                name.ends_with(".json"),
                "{name}: capabilities are JSON here, so this test reads them all"
            );
            (name, json(p))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn the_window_is_granted_the_apps_commands_and_event_listening_only() {
    let caps = capabilities();
    assert_eq!(
        caps.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        ["default.json"],
        "one capability, for the one window"
    );
    let cap = &caps[0].1;
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    for key in ["remote", "webviews", "platforms"] {
        assert!(
            cap.get(key).is_none(),
            "default.json sets `{key}`: no remote page may call the app, and the grant is \
             for the main window on every platform"
        );
    }
    assert!(
        cap.get("local").is_none_or(|l| l == true),
        "the grant is for the app's own pages"
    );
    let granted: Vec<&str> = cap["permissions"]
        .as_array()
        .expect("a list of permissions")
        .iter()
        .map(|p| {
            p.as_str().unwrap_or_else(|| {
                panic!("{p}: a scoped permission widens what a command may touch")
            })
        })
        .collect();
    let mut expected = vec![
        "core:event:allow-listen".to_owned(),
        "core:event:allow-unlisten".to_owned(),
    ];
    // tauri-build names a command's permission allow-<command>, hyphenated.
    expected.extend(
        command_list()
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-"))),
    );
    assert_eq!(
        granted, expected,
        "the window may listen to events and call each command in commands.txt, and nothing \
         else: no fs, shell, opener or other core permission"
    );
    assert!(
        security()
            .get("capabilities")
            .is_none_or(|c| c.as_array().is_some_and(Vec::is_empty)),
        "no capability is inlined in tauri.conf.json, where this test would not see it"
    );
}

#[test]
fn no_hand_written_permission_widens_the_app_manifest() {
    let dir = shell().join("permissions");
    if !dir.exists() {
        return;
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert_eq!(
            name, "autogenerated",
            "permissions/{name}: the app's permissions are only those build.rs generates \
             from commands.txt"
        );
    }
}

#[test]
fn no_other_security_setting_loosens_the_window() {
    let config = json(shell().join("tauri.conf.json"));
    let known = [
        "csp",
        "freezePrototype",
        "capabilities", // checked empty above
    ];
    for (key, _) in security().as_object().unwrap() {
        assert!(
            known.contains(&key.as_str()),
            "app.security.{key} is set: devCsp, dangerousDisableAssetCspModification, \
             assetProtocol, pattern and headers each loosen or bypass what these tests check; \
             add it here only with a test of what it allows"
        );
    }
    assert!(
        config["app"]
            .get("withGlobalTauri")
            .is_none_or(|v| v == false),
        "window.__TAURI__ would hand every script in the page the whole IPC API"
    );
    for w in config["app"]["windows"].as_array().unwrap() {
        assert!(
            w.get("url")
                .is_none_or(|u| u.as_str().is_some_and(|u| !u.contains("://"))),
            "a window loads the app's own pages, never a remote URL: {w}"
        );
    }
    assert!(
        config
            .get("plugins")
            .is_none_or(|p| p.as_object().is_some_and(|p| p.is_empty())),
        "no plugin is configured into the window"
    );
}
