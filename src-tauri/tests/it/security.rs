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
