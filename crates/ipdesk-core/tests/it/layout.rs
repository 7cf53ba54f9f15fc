//! The shape of the core (`../shared/design/core-layout.md`), checked by
//! reading the source: a kernel that never uses a case file, case files that
//! use the kernel and only the public face of the ledger and records, no
//! module cycle, folders one level deep, files that stay readable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const KERNEL: &[&str] = &[
    "calendar", "company", "error", "files", "macros", "money", "pdf", "rules", "sheet", "store",
    "text",
];
const CASE_FILES: &[&str] = &["ledger", "records", "plan", "leads", "dossiers"];
/// Test harnesses compiled into the crate (the fuzz targets' bodies): they
/// call the core as a caller does, and nothing calls them.
const HARNESS: &[&str] = &["fuzzing"];
/// Documents that read every case file (the 工作概况, the home page on
/// paper): like a harness they name only the root exports and the PDF
/// engine, and nothing in the core uses them.
const ACROSS: &[&str] = &["overview"];
/// The case files every other case file may point at (through their
/// `mod.rs` exports only).
const CENTRE: &[&str] = &["ledger", "records"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with the top-level module it belongs to.
fn files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            for f in std::fs::read_dir(&path).unwrap() {
                let f = f.unwrap().path();
                assert!(
                    !f.is_dir(),
                    "folders are one level deep: {} has a folder inside",
                    f.display()
                );
                out.push((name.clone(), f));
            }
        } else if name != "lib" {
            out.push((name, path));
        }
    }
    out.sort();
    out
}

/// The code of a file before its `#[cfg(test)]` module.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// `crate::a::b…` paths a piece of code names, as (a, b) where b is the
/// next segment if it is a module-like lower-case name. Comments count too:
/// a doc link into another case file's internals is as wrong as a use.
fn crate_paths(code: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let seg = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        let first = seg(rest);
        if first.is_empty() || first.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue; // a root re-export such as crate::Error
        }
        let after = &rest[first.len()..];
        let second = after
            .strip_prefix("::")
            .map(seg)
            .filter(|s| s.starts_with(|c: char| c.is_ascii_lowercase()));
        out.push((first, second));
    }
    out
}

#[test]
fn the_kernel_never_uses_a_case_file() {
    let mut bad = Vec::new();
    for (module, path) in files() {
        if !KERNEL.contains(&module.as_str()) {
            continue;
        }
        for (target, _) in crate_paths(&code_of(&path)) {
            if CASE_FILES.contains(&target.as_str()) {
                bad.push(format!("{} uses crate::{target}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "kernel → case file:\n{}", bad.join("\n"));
}

#[test]
fn case_files_use_only_the_public_face_of_the_centre_and_never_each_other() {
    let mut bad = Vec::new();
    for (module, path) in files() {
        if !CASE_FILES.contains(&module.as_str()) {
            continue;
        }
        for (target, inner) in crate_paths(&code_of(&path)) {
            if target == module || !CASE_FILES.contains(&target.as_str()) {
                continue;
            }
            if !CENTRE.contains(&target.as_str()) {
                bad.push(format!("{} uses case file crate::{target}", path.display()));
            } else if let Some(inner) = inner {
                bad.push(format!(
                    "{} reaches into crate::{target}::{inner} (use its exports)",
                    path.display()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_module_has_a_place() {
    for (module, path) in files() {
        assert!(
            [KERNEL, CASE_FILES, HARNESS, ACROSS]
                .iter()
                .any(|group| group.contains(&module.as_str())),
            "{} belongs to no group of core-layout.md; name it in layout.rs",
            path.display()
        );
    }
}

#[test]
fn a_harness_or_an_overview_uses_only_what_callers_can_and_nothing_uses_it() {
    let mut bad = Vec::new();
    for (module, path) in files() {
        for (target, inner) in crate_paths(&code_of(&path)) {
            let outer = |m: &str| HARNESS.contains(&m) || ACROSS.contains(&m);
            if outer(&target) && target != module {
                bad.push(format!(
                    "{} uses the harness crate::{target}",
                    path.display()
                ));
            }
            // The harness may name the crate's root exports and its public
            // modules (`pdf`); `sheet` only for `other_sheets`, which an
            // import reaches through the ledger but lib.rs does not export.
            if outer(&module)
                && (CASE_FILES.contains(&target.as_str())
                    || (KERNEL.contains(&target.as_str())
                        && target != "pdf"
                        && !(target == "sheet" && inner.as_deref() == Some("other_sheets"))))
            {
                bad.push(format!(
                    "{} reaches into crate::{target} (use the root exports)",
                    path.display()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_two_top_level_modules_use_each_other() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path) in files() {
        let deps = graph.entry(module.clone()).or_default();
        for (target, _) in crate_paths(&code_of(&path)) {
            if target != module {
                deps.insert(target);
            }
        }
    }
    // Depth-first search for a cycle, naming it.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(cycle) = visit(n, &graph, &mut Vec::new(), &mut done) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_source_file_outgrows_a_reading() {
    for (_, path) in files() {
        let lines = code_of(&path).lines().count();
        assert!(
            lines <= 800,
            "{} has {lines} lines of code (tests aside); split it by job",
            path.display()
        );
    }
}

#[test]
fn the_checks_see_a_violation_when_there_is_one() {
    // The parser the checks stand on: a kernel file naming a case file's
    // internals is found, a root re-export is not a module.
    let paths = crate_paths("use crate::ledger::rows::insert_patent; let e: crate::Error;");
    assert_eq!(
        paths,
        vec![("ledger".to_string(), Some("rows".to_string()))],
        "module paths are read, root re-exports are not"
    );
}
