//! Backups while the app is open, and restoring one over a closed database.

use std::path::{Path, PathBuf};

use chrono::Local;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::OpenFlags;

use super::*;

/// Tables every IP Desk database has since schema version 1.
const MARKER_TABLES: &[&str] = &["patent", "audit", "setting"];

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub patents: u64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub target: PathBuf,
    /// Where the database that was replaced now is; `None` if there was none.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub previous: Option<PathBuf>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub schema_version: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub patents: u64,
}

impl Store {
    /// Copies the open database to `out` with SQLite's online backup, which
    /// gives a consistent snapshot even while the app keeps writing. The copy
    /// is checked before it takes the chosen name.
    pub fn backup_to(&self, out: &Path) -> Result<BackupReport> {
        self.backup_watched(out, &mut Watch::none())
    }

    /// [`Store::backup_to`], reporting `copy` (pages) and `check` as it goes.
    /// Cancelled at any point before the rename, it leaves no file behind.
    pub fn backup_watched(&self, out: &Path, watch: &mut Watch) -> Result<BackupReport> {
        self.refuse_own_files(out)?;
        if let Some(own) = self.path() {
            if same_file(own, out) {
                return Err(Error::invalid(
                    "备份文件",
                    out.display().to_string(),
                    "不能覆盖正在使用的数据库本身",
                ));
            }
        }
        let part = part_path(out);
        let _ = std::fs::remove_file(&part);
        let copied = (|| -> Result<u64> {
            let mut dst = Connection::open(&part)?;
            copy_database(&self.conn, &mut dst, Duration::from_millis(10), watch)?;
            // A single file: the copy must not depend on a -wal beside it.
            dst.pragma_update(None, "journal_mode", "DELETE")?;
            drop(dst);
            watch.report("check", 0, 1);
            let patents = inspect(&part)?.patents;
            watch.check()?;
            Ok(patents)
        })();
        let patents = match copied {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        failpoint::hit("backup.before_rename");
        super::atomic::commit_part(&part, out)?;
        Ok(BackupReport {
            path: out.to_path_buf(),
            bytes: std::fs::metadata(out)?.len(),
            patents,
        })
    }

    /// Replaces the database at `target` with the backup at `backup`.
    ///
    /// An associated function over paths because no [`Store`] may be open on
    /// `target` while its file is swapped: close the app's store first, call
    /// this, then open `target` again (which migrates an older backup).
    ///
    /// The backup is checked first — SQLite's integrity check, an IP Desk
    /// database, a schema not newer than this build — and refused with
    /// [`Error::BadFile`] or [`Error::NewerSchema`] leaving `target` untouched.
    /// The replaced database is kept beside it as
    /// `<name>.before-restore-<timestamp>`.
    pub fn restore(backup: &Path, target: &Path) -> Result<RestoreReport> {
        Store::restore_watched(backup, target, &mut Watch::none())
    }

    /// [`Store::restore`], reporting `check`, `copy` (pages) and `migrate`.
    /// Cancelled before the swap, it leaves `target` as it was and no copy.
    pub fn restore_watched(
        backup: &Path,
        target: &Path,
        watch: &mut Watch,
    ) -> Result<RestoreReport> {
        if same_file(backup, target) {
            return Err(Error::invalid(
                "备份文件",
                backup.display().to_string(),
                "就是当前数据库本身",
            ));
        }
        watch.report("check", 0, 1);
        let info = inspect(backup)?;
        watch.check()?;
        let part = part_path(target);
        let _ = std::fs::remove_file(&part);
        // The copy is made, migrated and checked under its `.part` name;
        // only a database this build can use takes the target's name. The
        // last chance to stop is before the database is set aside.
        if let Err(e) =
            prepare_copy(backup, &part, info.version, watch).and_then(|()| watch.check())
        {
            remove_with_journals(&part);
            return Err(e);
        }
        failpoint::hit("restore.after_copy");
        let mut previous = None;
        if target.exists() {
            match keep_aside(target) {
                Ok(aside) => previous = Some(aside),
                Err(e) => {
                    remove_with_journals(&part);
                    return Err(e);
                }
            }
        }
        failpoint::hit("restore.after_aside");
        // One rename replaces the old file with the new: at every instant
        // one whole database is under the name, never neither.
        if let Err(e) = super::atomic::commit_part(&part, target) {
            remove_with_journals(&part);
            return Err(e.into());
        }
        failpoint::hit("restore.after_swap");
        Ok(RestoreReport {
            target: target.to_path_buf(),
            previous,
            schema_version: info.version,
            patents: info.patents,
        })
    }
}

/// Copies the checked backup to `part` through SQLite (a backup that still
/// has a -wal beside it arrives complete), brings it to this build's schema
/// and checks it again, leaving one self-contained file.
fn prepare_copy(backup: &Path, part: &Path, version: i64, watch: &mut Watch) -> Result<()> {
    let src = open_untrusted(backup)?;
    let mut dst = Connection::open(part)?;
    copy_database(&src, &mut dst, Duration::ZERO, watch)?;
    drop(src);
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    if version < SCHEMA_VERSION {
        watch.report("migrate", 0, 1);
        let mut store = Store {
            conn: dst,
            path: Some(part.to_path_buf()),
            os_user: os_user(),
            listings: Default::default(),
            rules: Rules::shared(),
            closed: None,
        };
        store.prepare()?;
        store.migrate(MIGRATIONS, version)?;
        failpoint::hit("restore.after_migrate");
        dst = store.conn;
        // Back to one file: the WAL the store used is folded in and gone.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
    }
    watch.report("check", 0, 1);
    let check: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::BadFile {
            path: backup.to_path_buf(),
            reason: format!("升级后的副本未通过完整性检查（{check}）"),
        });
    }
    Ok(())
}

/// Pages copied per step of SQLite's online backup (4 MiB at 4 KiB pages):
/// between steps progress is reported and the cancel switch looked at.
const STEP_PAGES: std::ffi::c_int = 1024;

/// SQLite's online backup of `src` into `dst`, a step at a time, pausing
/// `pause` between steps so the app's own writes get their turn.
fn copy_database(
    src: &Connection,
    dst: &mut Connection,
    pause: Duration,
    watch: &mut Watch,
) -> Result<()> {
    let backup = Backup::new(src, dst)?;
    loop {
        let step = backup.step(STEP_PAGES)?;
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let left = u64::try_from(p.remaining).unwrap_or(0);
        watch.report("copy", total.saturating_sub(left), total);
        if step == StepResult::Done {
            return Ok(());
        }
        watch.check()?;
        std::thread::sleep(pause);
    }
}

/// Keeps the database at `target` beside it as
/// `<name>.before-restore-<timestamp>` — a second link to the same file
/// where the file system allows, otherwise a flushed copy — and leaves the
/// original under its name for the swap. Its WAL is folded in first, so the
/// kept file is whole and no -wal is left to be replayed over the new one.
fn keep_aside(target: &Path) -> Result<PathBuf> {
    let in_use = || {
        Error::invalid(
            "数据库",
            target.display().to_string(),
            "正被其他程序使用（另一个 IP Desk 窗口或命令行），请先关闭它再恢复",
        )
    };
    (|| -> Result<()> {
        let conn = Connection::open(target)?;
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(in_use());
        }
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })()
    .map_err(|e| match e {
        Error::Sql(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            in_use()
        }
        e => e,
    })?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(target.with_file_name(format!("{name}{ext}")));
    }
    // A file name, not a rule: the clock is allowed here.
    #[allow(clippy::disallowed_methods)]
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let mut aside = target.with_file_name(format!("{name}.before-restore-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = target.with_file_name(format!("{name}.before-restore-{stamp}-{n}"));
    }
    if std::fs::hard_link(target, &aside).is_err() {
        // FAT drives and some shares have no hard links.
        let part = part_path(&aside);
        let copied = std::fs::copy(target, &part)
            .map_err(Error::from)
            .and_then(|_| Ok(super::atomic::commit_part(&part, &aside)?));
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    } else {
        super::atomic::sync_dir(&aside)?;
    }
    Ok(aside)
}

fn remove_with_journals(path: &Path) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    for ext in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(path.with_file_name(format!("{name}{ext}")));
    }
}

/// Opens a file that came from elsewhere for reading, with SQLite's guards
/// for untrusted schemas on: its triggers and views may not call functions
/// with side effects, and defensive mode forbids writes to the schema.
fn open_untrusted(path: &Path) -> Result<Connection> {
    use rusqlite::config::DbConfig;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(conn)
}

impl Store {
    /// Restores `backup` over this store's own file and reopens it. The
    /// connection is closed for the swap; if the file cannot be reopened the
    /// store stays closed — every write is refused with [`Error::Closed`]
    /// naming the file — rather than carrying on in memory, where edits
    /// would vanish on exit.
    pub fn restore_in_place(&mut self, backup: &Path) -> Result<RestoreReport> {
        self.restore_in_place_watched(backup, &mut Watch::none())
    }

    /// [`Store::restore_in_place`] with progress and a cancel switch, as
    /// [`Store::restore_watched`].
    pub fn restore_in_place_watched(
        &mut self,
        backup: &Path,
        watch: &mut Watch,
    ) -> Result<RestoreReport> {
        let target = self.path().map(Path::to_path_buf).ok_or_else(|| {
            Error::invalid("数据库", "内存数据库", "当前数据库不是文件，无法恢复")
        })?;
        watch.report("check", 0, 1);
        inspect(backup)?;
        watch.check()?;
        self.close_for_swap("正在恢复数据库")?;
        let restored = Store::restore_watched(backup, &target, watch);
        self.reopen(&target)?;
        restored
    }
}

struct Inspection {
    version: i64,
    patents: u64,
}

/// Checks that `path` is an intact IP Desk database this build can open.
fn inspect(path: &Path) -> Result<Inspection> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    if !path.is_file() {
        return Err(bad("文件不存在".into()));
    }
    let conn = open_untrusted(path).map_err(|e| bad(format!("无法打开（{e}）")))?;
    let not_db = |e: rusqlite::Error| bad(format!("不是有效的数据库文件，或已损坏（{e}）"));
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(not_db)?;
    if check != ["ok"] {
        return Err(bad(format!(
            "数据库已损坏（完整性检查：{}）",
            check.into_iter().take(3).collect::<Vec<_>>().join("；")
        )));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_db)?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    for t in MARKER_TABLES {
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )
            .map_err(not_db)?;
        if version < 1 || found == 0 {
            return Err(bad("不是 IP Desk 的数据库（缺少专利台账表）".into()));
        }
    }
    check_identity(&conn, path, version)?;
    let foreign = foreign_objects(&conn, version)?;
    if !foreign.is_empty() {
        return Err(bad(format!(
            "含有 IP Desk 不会建立的结构（{}），可能被其他程序改过，未恢复",
            foreign.join("、")
        )));
    }
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(not_db)?;
    if orphans > 0 {
        return Err(bad(format!(
            "有 {orphans} 行引用了不存在的记录（外键检查未通过）"
        )));
    }
    let patents: i64 = conn
        .query_row("SELECT count(*) FROM patent", [], |r| r.get(0))
        .map_err(not_db)?;
    Ok(Inspection {
        version,
        patents: patents as u64,
    })
}

/// Tables, indexes, triggers and views in `conn` that a database IP Desk
/// built at schema `version` does not have (or has with other SQL): a
/// trigger slipped into a backup would otherwise run inside the ledger.
fn foreign_objects(conn: &Connection, version: i64) -> Result<Vec<String>> {
    const SCHEMA: &str = "SELECT type, name, coalesce(sql, '') FROM sqlite_master
                          WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
    let objects = |c: &Connection| -> rusqlite::Result<Vec<(String, String, String)>> {
        c.prepare(SCHEMA)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect()
    };
    let upto = (version.max(0) as usize).min(MIGRATIONS.len());
    let expected = objects(&Store::in_memory_at(&MIGRATIONS[..upto])?.conn)?;
    Ok(objects(conn)?
        .into_iter()
        .filter(|o| !expected.contains(o))
        .map(|(kind, name, _)| format!("{kind} {name}"))
        .collect())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_whose_file_cannot_be_reopened_refuses_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut s = Store::open(&path).unwrap();
        s.close_for_swap("测试").unwrap();
        // What lands under the name is not a database.
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        std::fs::write(&path, b"not a database").unwrap();
        let err = s.reopen(&path).unwrap_err();
        assert!(matches!(err, Error::Closed(_)), "{err:?}");
        assert!(err.to_string().contains("请重新启动"), "{err}");
        let today = "2026-01-01".parse().unwrap();
        let one = crate::ledger::sample::ledger(1, 1, today).remove(0);
        assert!(
            matches!(s.add_patent(one), Err(Error::Closed(_))),
            "no write goes to a stand-in"
        );
        assert!(
            s.list_patents(&Default::default(), today).is_err(),
            "nor does a read show an empty ledger"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"not a database");
    }
}
