//! Tauri's build step, with the app's own commands in its ACL: each command
//! in `commands.txt` gets an `allow-<command>` permission, and the window may
//! call only those its capability (capabilities/default.json) grants.

fn main() {
    println!("cargo:rerun-if-changed=commands.txt");
    let commands: Vec<&'static str> = include_str!("commands.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    // The manifest wants a 'static list; a build script runs once.
    let commands: &'static [&'static str] = Vec::leak(commands);
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step: {e:#}");
    }
}
