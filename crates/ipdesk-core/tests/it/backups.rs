//! Automatic backups (issue 18): taken once a day into the chosen folder,
//! each a whole, checked IP Desk database, rotated to the last 7 days and
//! 4 weeks with a fixed clock, never pruned when a new copy failed.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use ipdesk_core::{BackupPolicy, Cancel, PatentData, PatentKind, Store, Watch};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn one_patent(s: &mut Store) {
    let body = "201910000001";
    s.add_patent(PatentData {
        kind: PatentKind::Invention,
        app_no: format!("{body}.{}", ipdesk_core::app_no_check_char(body)),
        title: "一种储能装置".into(),
        filing_date: Some(d("2019-03-01")),
        ..PatentData::default()
    })
    .unwrap();
}

#[test]
fn a_daily_backup_is_taken_once_checked_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.db");
    let mut s = Store::open(&db).unwrap();
    one_patent(&mut s);
    // The default folder is beside the database.
    let first = s.auto_backup(d("2026-10-01")).unwrap();
    assert_eq!(first.dir, dir.path().join("ipdesk-backups"));
    let taken = first.taken.expect("the first run takes a copy");
    assert_eq!(taken.patents, 1);
    assert!(
        taken.path.ends_with("台账.auto-2026-10-01.db"),
        "{:?}",
        taken.path
    );
    // The copy is a whole database: it opens, with the patent.
    let copy = Store::open_reader(&taken.path).unwrap();
    assert_eq!(copy.schema_version().unwrap(), s.schema_version().unwrap());
    drop(copy);
    // Once a day: a second run the same day takes nothing.
    assert!(s.auto_backup(d("2026-10-01")).unwrap().taken.is_none());

    // A folder of its own, then one run a day for 64 days.
    let chosen = dir.path().join("U盘").join("备份");
    s.set_backup_policy(BackupPolicy {
        dir: Some(chosen.clone()),
        ..BackupPolicy::default()
    })
    .unwrap();
    let mut last = None;
    for i in 0..64u64 {
        last = Some(
            s.auto_backup(d("2026-10-01") + chrono::Days::new(i))
                .unwrap(),
        );
    }
    let last = last.unwrap();
    assert_eq!(last.dir, chosen);
    let days: Vec<NaiveDate> = last.kept.iter().map(|e| e.day).collect();
    assert_eq!(days.len(), 11, "7 daily and 4 weekly: {days:?}");
    assert_eq!(days[0], d("2026-12-03"));
    assert_eq!(days[6], d("2026-11-27"));
    assert_eq!(
        days[7..],
        [
            d("2026-11-22"),
            d("2026-11-15"),
            d("2026-11-08"),
            d("2026-11-01")
        ]
    );
    let on_disk = std::fs::read_dir(&chosen).unwrap().count();
    assert_eq!(
        on_disk, 11,
        "the rotation removed the rest, and no part file is left"
    );
    // The earlier folder's copy is not touched by the new folder's rotation.
    assert!(dir
        .path()
        .join("ipdesk-backups")
        .join("台账.auto-2026-10-01.db")
        .exists());

    // Off: nothing is taken and nothing removed.
    s.set_backup_policy(BackupPolicy {
        enabled: false,
        dir: Some(chosen.clone()),
        ..BackupPolicy::default()
    })
    .unwrap();
    let off = s.auto_backup(d("2026-12-10")).unwrap();
    assert!(off.taken.is_none() && off.removed.is_empty());
    assert_eq!(off.kept.len(), 11);
}

#[test]
fn a_folder_that_cannot_be_written_fails_and_keeps_the_old_copies() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("a.db")).unwrap();
    one_patent(&mut s);
    let folder = dir.path().join("backups");
    s.set_backup_policy(BackupPolicy {
        dir: Some(folder.clone()),
        daily: 1,
        weekly: 0,
        ..BackupPolicy::default()
    })
    .unwrap();
    s.auto_backup(d("2026-12-01")).unwrap();
    // The folder turns into a file (a drive gone, a share remapped).
    let moved = dir.path().join("backups-moved");
    std::fs::rename(&folder, &moved).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let err = s.auto_backup(d("2026-12-02")).unwrap_err().to_string();
    assert!(err.contains("备份文件夹"), "{err}");
    assert!(
        moved.join("a.auto-2026-12-01.db").exists(),
        "the old copy stays"
    );

    // Bad settings are refused, naming the field; nothing changes.
    for bad in [
        BackupPolicy {
            daily: 0,
            ..BackupPolicy::default()
        },
        BackupPolicy {
            weekly: 1000,
            ..BackupPolicy::default()
        },
        BackupPolicy {
            dir: Some("relative/dir".into()),
            ..BackupPolicy::default()
        },
    ] {
        let before = s.backup_policy().unwrap();
        let err = s.set_backup_policy(bad).unwrap_err().to_string();
        assert!(err.contains("保留") || err.contains("备份文件夹"), "{err}");
        assert_eq!(s.backup_policy().unwrap(), before);
    }
}

/// What 设置 does: the app's store stays open while a reader connection
/// takes the automatic backup; restoring that copy in place brings the
/// database back to the day's first state.
#[test]
fn an_automatic_backup_restores_over_the_open_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let mut s = Store::open(&db).unwrap();
    let taken = Store::open_reader(&db)
        .unwrap()
        .auto_backup(d("2026-12-03"))
        .unwrap()
        .taken
        .unwrap();
    one_patent(&mut s);
    let listed = s.auto_backups(&dir.path().join("ipdesk-backups")).unwrap();
    assert_eq!(listed[0].path, taken.path);
    let report = s.restore_in_place(&listed[0].path).unwrap();
    assert_eq!(report.patents, 0);
    assert_eq!(
        s.list_patents(&ipdesk_core::PatentQuery::default(), d("2026-12-03"))
            .unwrap()
            .total,
        0
    );
}

/// Another program with the database open (the CLI, a second window)
/// blocks a restore: it is refused in Chinese, nothing is replaced, and the
/// app's store goes on working.
#[test]
fn a_restore_while_another_program_has_the_database_open_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut s = Store::open(&db).unwrap();
    let taken = s.auto_backup(d("2026-12-03")).unwrap().taken.unwrap();
    one_patent(&mut s);
    let other = Store::open(&db).unwrap();
    let err = s.restore_in_place(&taken.path).unwrap_err().to_string();
    assert!(err.contains("正被其他程序使用"), "{err}");
    drop(other);
    let total = |s: &Store| {
        s.list_patents(&ipdesk_core::PatentQuery::default(), d("2026-12-03"))
            .unwrap()
            .total
    };
    assert_eq!(total(&s), 1, "nothing was replaced");
    one_patent_more(&mut s);
    assert_eq!(total(&s), 2, "and the store still writes");
}

fn one_patent_more(s: &mut Store) {
    let body = "201910000002";
    s.add_patent(PatentData {
        kind: PatentKind::Invention,
        app_no: format!("{body}.{}", ipdesk_core::app_no_check_char(body)),
        title: "一种充电装置".into(),
        filing_date: Some(d("2019-04-01")),
        ..PatentData::default()
    })
    .unwrap();
}

/// A store whose file spans several backup steps (a 6 MiB evidence file),
/// with one patent written after `before` was backed up.
fn a_big_store(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
    let mut s = Store::open(&dir.join("大.db")).unwrap();
    let lead = s
        .add_lead(ipdesk_core::LeadData {
            title: "某店铺销售仿冒产品".into(),
            suspect_name: "某电子商行".into(),
            discovered_date: Some(d("2026-03-02")),
            ..Default::default()
        })
        .unwrap();
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..6u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    s.add_evidence(lead.id, "公证书.pdf", &bytes, Default::default())
        .unwrap();
    let before = dir.join("之前.db");
    s.backup_to(&before).unwrap();
    one_patent(&mut s);
    (s, before)
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

/// 取消 during a backup's copy (issue 18): the command fails as cancelled
/// after the first step, and neither the backup nor its `.part` is left.
/// Not cancelled, the copy reports its pages up to the whole, then the check.
#[test]
fn a_backup_cancelled_during_the_copy_leaves_no_file() {
    static STOP: AtomicBool = AtomicBool::new(false);
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = a_big_store(dir.path());
    let listed = files_in(dir.path());
    let out = dir.path().join("今天.db");
    let mut seen = Vec::new();
    let mut watch = Watch::new(Cancel::new(&STOP), |stage, done, total| {
        seen.push((stage, done, total));
        STOP.store(true, Ordering::Relaxed);
    });
    let err = s.backup_watched(&out, &mut watch).unwrap_err();
    drop(watch);
    assert!(matches!(err, ipdesk_core::Error::Cancelled), "{err}");
    assert_eq!(seen.len(), 1, "stopped after the first step: {seen:?}");
    let (stage, done, total) = seen[0];
    assert!(stage == "copy" && done > 0 && done < total, "{seen:?}");
    assert_eq!(files_in(dir.path()), listed, "no backup, no .part");

    STOP.store(false, Ordering::Relaxed);
    let mut seen = Vec::new();
    let report = s
        .backup_watched(
            &out,
            &mut Watch::new(Cancel::new(&STOP), |stage, done, total| {
                seen.push((stage, done, total))
            }),
        )
        .unwrap();
    assert_eq!(report.patents, 1);
    let copies: Vec<_> = seen.iter().filter(|r| r.0 == "copy").collect();
    assert!(copies.len() >= 2, "several steps: {seen:?}");
    let last = copies.last().unwrap();
    assert_eq!(last.1, last.2, "the copy reaches the whole: {seen:?}");
    assert_eq!(seen.last().unwrap().0, "check");
}

/// 取消 during a restore's copy: the open database is left as it was (its
/// patent still there, nothing set aside, no `.part`) and goes on writing;
/// the same restore, not cancelled, then replaces it.
#[test]
fn a_restore_cancelled_before_the_swap_leaves_the_database_as_it_was() {
    static STOP: AtomicBool = AtomicBool::new(false);
    let dir = tempfile::tempdir().unwrap();
    let (mut s, before) = a_big_store(dir.path());
    let listed = files_in(dir.path());
    let mut stages = Vec::new();
    let mut watch = Watch::new(Cancel::new(&STOP), |stage, _, _| {
        stages.push(stage);
        if stage == "copy" {
            STOP.store(true, Ordering::Relaxed);
        }
    });
    let err = s.restore_in_place_watched(&before, &mut watch).unwrap_err();
    drop(watch);
    assert!(matches!(err, ipdesk_core::Error::Cancelled), "{err}");
    assert_eq!(stages.last(), Some(&"copy"), "{stages:?}");
    assert_eq!(files_in(dir.path()), listed, "nothing set aside, no .part");
    let total = |s: &Store| {
        s.list_patents(&ipdesk_core::PatentQuery::default(), d("2026-12-03"))
            .unwrap()
            .total
    };
    assert_eq!(total(&s), 1, "the database was not replaced");
    one_patent_more(&mut s);
    assert_eq!(total(&s), 2, "and it still writes");

    STOP.store(false, Ordering::Relaxed);
    let report = s
        .restore_in_place_watched(&before, &mut Watch::new(Cancel::new(&STOP), |_, _, _| {}))
        .unwrap();
    assert_eq!((report.patents, total(&s)), (0, 0));
}
