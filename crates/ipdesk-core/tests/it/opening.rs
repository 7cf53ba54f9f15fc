//! Opening a file is safe: another program's database is refused without a
//! byte changed, and a restore swaps the store's own file in place.

use std::path::Path;

use ipdesk_core::{sample, Error, PatentQuery, Store};
use rusqlite::Connection;

fn refused_unchanged(path: &Path, why: &str) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).expect_err(why);
    assert!(
        matches!(err, Error::BadFile { .. }),
        "{why}: a typed refusal naming the file, got {err:?}"
    );
    assert!(err.to_string().contains("未做任何改动"), "{err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{why}: not a byte changed"
    );
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("contacts.db");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('张伟');")
            .unwrap();
    }
    refused_unchanged(&other, "a SQLite file with someone else's tables");

    let tagged = dir.path().join("tagged.db");
    {
        let c = Connection::open(&tagged).unwrap();
        c.execute_batch("PRAGMA application_id = 1234; PRAGMA user_version = 4;")
            .unwrap();
    }
    refused_unchanged(&tagged, "a file that says it is another program's");

    let versioned = dir.path().join("versioned.db");
    {
        let c = Connection::open(&versioned).unwrap();
        c.execute_batch("PRAGMA user_version = 3; CREATE TABLE t (x);")
            .unwrap();
    }
    refused_unchanged(&versioned, "a versioned file without the ledger's tables");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库，只是一段文字。".repeat(200)).unwrap();
    refused_unchanged(&text, "a file that is not SQLite at all");
}

#[test]
fn a_new_database_says_it_is_ip_desks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    let id: i32 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, 0x4950_4453, "application_id 'IPDS'");
    Store::open(&path).expect("and it opens again");
}

#[test]
fn a_restore_in_place_swaps_the_file_and_keeps_the_store_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let today = "2026-01-01".parse().unwrap();
    let mut s = Store::open(&path).unwrap();
    s.add_patents(sample::ledger(3, 2, today)).unwrap();
    let backup = dir.path().join("backup.db");
    s.backup_to(&backup).unwrap();
    s.add_patents(sample::ledger(2, 9, today)).unwrap();
    assert_eq!(
        s.list_patents(&PatentQuery::default(), today)
            .unwrap()
            .total,
        5
    );

    let report = s.restore_in_place(&backup).unwrap();
    assert_eq!(report.patents, 3);
    assert_eq!(
        s.list_patents(&PatentQuery::default(), today)
            .unwrap()
            .total,
        3,
        "the store reads the restored file"
    );
    s.add_patents(sample::ledger(1, 4, today))
        .expect("and writes to it");
    drop(s);
    assert_eq!(
        Store::open(&path)
            .unwrap()
            .list_patents(&PatentQuery::default(), today)
            .unwrap()
            .total,
        4,
        "the write went to the file, not a stand-in"
    );
}
