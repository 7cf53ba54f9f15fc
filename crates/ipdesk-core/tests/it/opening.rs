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

#[test]
fn out_of_range_numbers_and_dates_are_refused_not_a_panic() {
    use ipdesk_core::{PatentData, PaymentInput};
    let mut s = Store::open_in_memory().unwrap();
    let today: chrono::NaiveDate = "2026-01-01".parse().unwrap();
    for months in [0, 241, u32::MAX] {
        let err = s.forecast(today, months).expect_err("months out of range");
        assert_eq!(err.field().map(|f| f.code), Some("months"), "{err}");
    }
    assert!(s.forecast(today, 240).is_ok(), "a whole term is fine");
    // Over IPC a date arrives as JSON and skips parse_date's range.
    let far: PatentData = serde_json::from_value(serde_json::json!({
        "appNo": "200710308494X", "title": "一种方法", "kind": "invention",
        "filingDate": "+200000-01-01",
    }))
    .unwrap();
    let err = s.add_patent(far).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("filingDate"), "{err}");
    let id = s.add_patents(sample::ledger(1, 1, today)).unwrap()[0];
    let pay: PaymentInput = serde_json::from_value(serde_json::json!({
        "patentYear": 3, "paidDate": "-5000-01-01",
    }))
    .unwrap();
    let err = s.record_payment(id, pay).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("paidDate"), "{err}");
}

#[test]
fn no_export_writes_over_the_open_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let s = Store::open(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // The same file under other names: a hard link, a symbolic link, and
    // the folder reached through a link; a -journal not there yet.
    std::fs::hard_link(&path, dir.path().join("别名.db")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&path, dir.path().join("链接.db")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("同一文件夹")).unwrap();
    }
    let names: &[&str] = if cfg!(unix) {
        &[
            "链接.db",
            "同一文件夹/ledger.db",
            "同一文件夹/ledger.db-wal",
        ]
    } else {
        &[]
    };
    let targets = [
        "ledger.db",
        "ledger.db-wal",
        "ledger.db-shm",
        "ledger.db-journal",
        "别名.db",
    ];
    for target in targets.iter().chain(names) {
        let out = dir.path().join(target);
        let err = s
            .export_patents(
                &PatentQuery::default(),
                "2026-01-01".parse().unwrap(),
                ipdesk_core::ExportFormat::Csv,
                &out,
            )
            .expect_err(target);
        assert!(
            err.to_string().contains("正在使用的数据库"),
            "{target}: {err}"
        );
        assert!(s.save_file(&out, b"%PDF").is_err(), "{target}: nor a PDF");
        assert!(s.backup_to(&out).is_err(), "{target}: nor a backup");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database is untouched"
    );
    s.save_file(&dir.path().join("台账.pdf"), b"%PDF")
        .expect("any other name is fine");
}

/// A backup someone slipped a trigger or a view into, or whose rows point
/// at records that are not there, is refused before anything is copied:
/// the open database keeps every row and its name.
#[test]
fn a_backup_with_foreign_objects_or_broken_references_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let today = "2026-01-01".parse().unwrap();
    let mut s = Store::open(&path).unwrap();
    s.add_patents(sample::ledger(3, 2, today)).unwrap();
    let cases = [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON patent BEGIN DELETE FROM annuity_payment; END;",
            "trigger wipe",
        ),
        (
            "CREATE VIEW everything AS SELECT * FROM patent;",
            "view everything",
        ),
        ("CREATE TABLE patent_shadow (x);", "table patent_shadow"),
        (
            "PRAGMA foreign_keys = OFF;
             INSERT INTO annuity_payment (patent_id, patent_year, paid_date, amount)
             VALUES (999999, 3, '2026-01-01', 90000);",
            "外键",
        ),
    ];
    for (n, (sql, named)) in cases.iter().enumerate() {
        let backup = dir.path().join(format!("tampered-{n}.db"));
        s.backup_to(&backup).unwrap();
        Connection::open(&backup)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let rows_before = s
            .list_patents(&PatentQuery::default(), today)
            .unwrap()
            .total;
        let err = s.restore_in_place(&backup).unwrap_err();
        assert!(matches!(err, Error::BadFile { .. }), "{sql}: {err:?}");
        assert!(err.to_string().contains(named), "{sql}: {err}");
        assert_eq!(
            s.list_patents(&PatentQuery::default(), today)
                .unwrap()
                .total,
            rows_before,
            "{sql}: the open database is untouched"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.contains(".part") || n.contains("before-restore"))
            .collect();
        assert!(leftovers.is_empty(), "{sql}: {leftovers:?}");
    }
    // Another program's database is refused too, by its application_id.
    let backup = dir.path().join("other.db");
    s.backup_to(&backup).unwrap();
    Connection::open(&backup)
        .unwrap()
        .pragma_update(None, "application_id", 0x1234)
        .unwrap();
    let err = s.restore_in_place(&backup).unwrap_err();
    assert!(err.to_string().contains("其他程序"), "{err}");
}

/// What a Chinese input method types in full width is read, not refused:
/// dates, amounts, credit codes, application numbers.
#[test]
fn full_width_input_is_normalised_not_refused() {
    use ipdesk_core::{parse_cn_app_no, parse_date, parse_uscc, Money};

    assert_eq!(
        parse_date("申请日", "２０２６－０１－０５")
            .unwrap()
            .to_string(),
        "2026-01-05"
    );
    assert_eq!(
        parse_uscc("９１４４０３００１９２２０３８２１６").unwrap(),
        "914403001922038216"
    );
    assert_eq!(
        Money::parse("金额", "￥１，２００．５０元").unwrap(),
        Money::parse("金额", "1200.50").unwrap()
    );
    let check = ipdesk_core::app_no_check_char("201910123456");
    let wide = char::from_u32(check as u32 + 0xFEE0).unwrap();
    assert_eq!(
        parse_cn_app_no(&format!("ＺＬ２０１９１０１２３４５６．{wide}"))
            .unwrap()
            .digits,
        format!("201910123456{check}")
    );
}

/// A whole document pasted into one field is refused naming the field, and
/// nothing is written: every field fits one spreadsheet cell.
#[test]
fn a_field_longer_than_a_spreadsheet_cell_is_refused_and_nothing_is_written() {
    let (db, mut s) = crate::Db::new();
    let before = db.rows();
    let mut p = sample::ledger(1, 5, "2026-01-01".parse().unwrap()).remove(0);
    p.notes = "备".repeat(ipdesk_core::MAX_TEXT_CHARS + 1);
    let err = s.add_patent(p).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("notes"), "{err}");
    assert!(err.to_string().contains("备注"), "{err}");
    assert_eq!(db.rows(), before, "nothing written");
}
