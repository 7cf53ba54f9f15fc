//! Two writers on one database file — the CLI beside the open app — take
//! turns instead of failing.

use std::sync::mpsc;
use std::time::Duration;

use ipdesk_core::{sample, Store};
use rusqlite::Connection;

#[test]
fn a_write_waits_for_another_process_writing_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut app = Store::open(&path).unwrap();
    app.add_patents(sample::ledger(3, 5, "2026-01-01".parse().unwrap()))
        .unwrap();
    let mut p = app.patent(1).unwrap().data;
    p.title = "另一进程修改后的名称".into();

    // Another process holds the write lock for a moment.
    let (locked, wait) = mpsc::channel();
    let other = {
        let path = path.clone();
        std::thread::spawn(move || {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE; UPDATE setting SET value = value;")
                .unwrap();
            locked.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            conn.execute_batch("COMMIT").unwrap();
        })
    };
    wait.recv().unwrap();
    // update_patent reads (the duplicate-number check) before it writes. In
    // a DEFERRED transaction that read pins a snapshot, and the upgrade to a
    // writer fails at once with SQLITE_BUSY while the other process holds
    // the lock — the busy timeout is not consulted. BEGIN IMMEDIATE waits
    // for the lock first.
    let saved = app.update_patent(1, p);
    other.join().unwrap();
    let saved = saved.expect("the second writer waits its turn");
    assert_eq!(saved.data.title, "另一进程修改后的名称");
}
