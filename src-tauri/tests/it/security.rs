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
