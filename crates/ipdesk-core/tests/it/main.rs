//! Integration tests of ipdesk-core, one binary; modules mirror `src/`.

mod backups;
mod concurrency;
mod crash;
mod dossiers;
mod files;
mod fuzz_corpus;
mod hostile;
mod io;
mod layout;
mod leads;
mod migrations;
mod opening;
mod plan;
mod programs;
mod qualifications;
mod records;
mod renewals;
mod report;
mod rules;
mod store;
mod vendors;

use std::collections::BTreeMap;
use std::path::PathBuf;

use ipdesk_core::Store;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// A store in a file of its own, so that [`Db::rows`] can read what it
/// committed through a second connection.
#[derive(Debug)]
pub struct Db {
    /// Removed with the store's files when the test ends.
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    /// A new, empty store in a temporary directory.
    pub fn new() -> (Db, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let store = Store::open(&path).unwrap();
        (Db { _dir: dir, path }, store)
    }

    /// Every row of every table, as text: what "nothing was written" is
    /// checked against. It covers the tables a refused operation could
    /// touch by mistake — a remembered import mapping in `setting`, an
    /// `import_batch` row, audit rows of any entity, payments, records, the
    /// full-text index's shadow tables — and any table a later migration
    /// adds.
    pub fn rows(&self) -> Rows {
        let conn = Connection::open(&self.path).unwrap();
        // Virtual tables are skipped: their content is in their shadow
        // tables, which are ordinary tables listed here.
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut out = BTreeMap::new();
        for table in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))
                .unwrap();
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| Ok(text_of(r.get_ref(i)?)))
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|cells| cells.join(" | "))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // Some shadow tables are WITHOUT ROWID; sorted text compares
            // the same content the same way whatever its order.
            rows.sort_unstable();
            out.insert(table, rows);
        }
        Rows(out)
    }

    /// Panics, naming each table and the rows added or removed, unless the
    /// database holds exactly what it held at `before`.
    #[track_caller]
    pub fn assert_unchanged(&self, before: &Rows, why: &str) {
        let after = self.rows();
        if &after == before {
            return;
        }
        let mut diff = String::new();
        let names: std::collections::BTreeSet<&String> =
            before.0.keys().chain(after.0.keys()).collect();
        for name in names {
            let (a, b) = (before.0.get(name), after.0.get(name));
            if a == b {
                continue;
            }
            let empty = Vec::new();
            let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
            diff.push_str(&format!("table {name}:\n"));
            for row in a.iter().filter(|r| !b.contains(r)) {
                diff.push_str(&format!("  - {row}\n"));
            }
            for row in b.iter().filter(|r| !a.contains(r)) {
                diff.push_str(&format!("  + {row}\n"));
            }
        }
        panic!("{why}: the database changed\n{diff}");
    }
}

/// Every row of every table, by table name (see [`Db::rows`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows(pub BTreeMap<String, Vec<String>>);

impl Rows {
    /// The rows of one table.
    pub fn of(&self, table: &str) -> &[String] {
        self.0.get(table).map_or(&[], Vec::as_slice)
    }
}

fn text_of(v: ValueRef) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => format!("{f:?}"),
        ValueRef::Text(t) => format!("'{}'", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

/// What a reader of `pdf` gets (pdftotext), whitespace removed so wrapped
/// table cells read as one string.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is installed by scripts/setup.sh: {e}"));
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
