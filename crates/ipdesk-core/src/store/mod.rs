//! The store: one SQLite file holding every case file, opened and migrated by
//! [`Store::open`]. Every operation the app performs is a method here; writes
//! run in one transaction that also writes the audit trail.

mod atomic;
mod audit;
mod auto_backup;
mod backup;
mod cache;
mod chars;
mod entity;
mod failpoint;
mod holidays;
pub use holidays::{holidays_document, holidays_pdf, HolidayCalendar, HolidaysReport};
mod links;
mod migrate;
mod recent;
mod work;

pub use atomic::write_atomic;
pub(crate) use atomic::{commit_part, part_path};
pub(crate) use audit::Audit;
pub use audit::{AuditEntry, ImportedFrom};
pub use auto_backup::{AutoBackupReport, BackupEntry, BackupPolicy};
pub use backup::{BackupReport, RestoreReport};
pub(crate) use cache::{DataVersion, ListingCache, ListingKey};
pub(crate) use chars::{char_phrase, char_tokens, ITEM_BREAK};
pub use entity::{Entity, EntityRef};
pub(crate) use failpoint::hit as fail_point;
pub use links::RecordLink;
pub(crate) use links::{ensure_exists, forget_record};
pub use recent::{recent_databases, recent_file, remember_database, RECENT_KEEP};
pub use work::{Cancel, Watch};

use migrate::MIGRATIONS;
pub use migrate::SCHEMA_VERSION;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Local, NaiveDate};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::rules::Rules;

/// `PRAGMA cache_size` during bulk writes: negative means KiB, so 64 MiB.
const BULK_CACHE_KIB: i64 = -64 * 1024;

/// The open database. Cheap to keep open for the life of the app.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    pub(crate) os_user: String,
    /// Ordered ids of recent ledger listings (see `Store::list_patents`).
    pub(crate) listings: std::cell::RefCell<ListingCache>,
    /// The fee, term and high-value rules; the bundled ones unless
    /// [`Store::with_rules`] says otherwise.
    rules: Arc<Rules>,
    /// Set while the connection is closed for a file swap (a restore), and
    /// kept if the file could not be reopened: writes are then refused
    /// rather than going anywhere but the user's file.
    closed: Option<String>,
}

/// What happened when the store was opened.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenReport {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub from_version: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub to_version: i64,
    /// Where the pre-migration copy went, if a migration ran on an existing file.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// The per-user default: `~/.local/share/ipdesk/ipdesk.db` on Linux,
    /// `%APPDATA%\ipdesk\ipdesk.db` on Windows.
    pub fn default_path() -> PathBuf {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("ipdesk")
            .join("ipdesk.db")
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// Refuses a file written by a newer schema. Before migrating a file that
    /// already has data, copies it to `<name>.v<old>.bak` beside it.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store::open_with_report(path)?.0)
    }

    pub fn open_with_report(path: &Path) -> Result<(Store, OpenReport)> {
        Store::open_with_migrations(path, MIGRATIONS)
    }

    fn open_with_migrations(path: &Path, migrations: &[&str]) -> Result<(Store, OpenReport)> {
        let supported = migrations.len() as i64;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let existed = path.exists() && std::fs::metadata(path)?.len() > 0;
        let conn = Connection::open(path)?;
        let mut backup = None;
        let version = schema_version(&conn).map_err(|_| Error::BadFile {
            path: path.to_path_buf(),
            reason: "不是 IP Desk 数据库（也不是 SQLite 数据库），未做任何改动".into(),
        })?;
        if existed {
            check_identity(&conn, path, version)?;
        }
        if version > supported {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                supported,
            });
        }
        if existed && version > 0 && version < supported {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // Never over an earlier copy: a second upgrade attempt (or one
            // from the same version later) keeps both.
            let mut to = path.with_file_name(format!("{name}.v{version}.bak"));
            let mut n = 1;
            while to.exists() {
                n += 1;
                to = path.with_file_name(format!("{name}.v{version}.{n}.bak"));
            }
            // VACUUM INTO gives a consistent single-file copy even in WAL
            // mode. If it fails, nothing is migrated: a plain file copy of a
            // WAL database could be inconsistent, and migrating without a
            // copy is what this step exists to prevent.
            // It is written as `.part`, checked, flushed and renamed, so a
            // crash never leaves half a copy under a `.bak` name.
            let part = part_path(&to);
            let copied = (|| -> Result<()> {
                let _ = std::fs::remove_file(&part);
                let utf8 = part.to_str().ok_or_else(|| {
                    Error::invalid(
                        "数据库",
                        path.display().to_string(),
                        "路径含有无法识别的字符",
                    )
                })?;
                conn.execute("VACUUM INTO ?1", [utf8])?;
                let check: String =
                    Connection::open(&part)?.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
                if check != "ok" {
                    return Err(Error::Io(std::io::Error::other(format!(
                        "副本未通过完整性检查（{check}）"
                    ))));
                }
                commit_part(&part, &to)?;
                Ok(())
            })();
            copied.map_err(|e| {
                let _ = std::fs::remove_file(&part);
                Error::BadFile {
                    path: path.to_path_buf(),
                    reason: format!(
                        "升级前无法在 {} 留存副本（{e}），未做升级；请检查磁盘空间和文件夹权限",
                        to.display()
                    ),
                }
            })?;
            failpoint::hit("migrate.after_backup");
            backup = Some(to);
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            os_user: os_user(),
            listings: Default::default(),
            rules: Rules::shared(),
            closed: None,
        };
        store.prepare()?;
        store.migrate(migrations, version)?;
        Ok((
            store,
            OpenReport {
                from_version: version,
                to_version: supported,
                backup,
            },
        ))
    }

    /// A second, read-only connection to the database a [`Store::open`]
    /// already opened and migrated: for queries that take long (the
    /// dashboard's forecast over a large ledger) without holding the app's
    /// store, so other screens are not kept waiting. In WAL mode it reads the
    /// last committed state while the writer goes on. Any write through it
    /// fails (`query_only`). Refuses a file whose schema is not this build's.
    pub fn open_reader(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        // Before the first read: a checkpoint or WAL recovery by the writer
        // may hold the file for a moment.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version = schema_version(&conn)?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            return Err(Error::BadFile {
                path: path.to_path_buf(),
                reason: format!(
                    "数据库结构版本为 {version}，尚未升级到本程序的版本 {SCHEMA_VERSION}：请先用 IP Desk 正常打开它"
                ),
            });
        }
        conn.pragma_update(None, "query_only", true)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            os_user: os_user(),
            listings: Default::default(),
            rules: Rules::shared(),
            closed: None,
        })
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::in_memory_at(MIGRATIONS)
    }

    /// An in-memory store built by `migrations` from nothing: the schema a
    /// database of that version has.
    fn in_memory_at(migrations: &[&str]) -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            os_user: os_user(),
            listings: Default::default(),
            rules: Rules::shared(),
            closed: None,
        };
        store.prepare()?;
        store.migrate(migrations, 0)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        schema_version(&self.conn)
    }

    /// Connection settings, applied on every open, outside migrations.
    fn prepare(&mut self) -> Result<()> {
        let id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id != APPLICATION_ID {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: a commit the user saw succeed survives a power cut too (one
        // fsync per user action is cheap at this scale; an import is one
        // transaction). The WAL is trimmed after checkpoints.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn
            .pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Migration 0011 fills the character index through it.
        self.conn.create_scalar_function(
            "ipdesk_chars",
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| Ok(chars::char_tokens(&ctx.get::<String>(0)?)),
        )?;
        Ok(())
    }

    /// Runs the migrations after `from`, each in its own transaction with
    /// its version. Foreign keys are off meanwhile, as SQLite asks for schema
    /// changes (a rebuilt table would otherwise cascade deletes into its
    /// children), and each step is checked for broken references before it
    /// commits.
    fn migrate(&mut self, migrations: &[&str], from: i64) -> Result<()> {
        if from as usize >= migrations.len() {
            return Ok(());
        }
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let migrated = (|| -> Result<()> {
            let broken = |tx: &Transaction| -> Result<i64> {
                Ok(
                    tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?,
                )
            };
            for (i, sql) in migrations.iter().enumerate().skip(from as usize) {
                let tx = self.conn.transaction()?;
                // Only what the step itself breaks stops it: a reference
                // already broken in an old file is no reason to keep the
                // officer on the old version.
                let before = broken(&tx)?;
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
                let after = broken(&tx)?;
                if after > before {
                    return Err(Error::BadFile {
                        path: self.path.clone().unwrap_or_default(),
                        reason: format!(
                            "升级到结构版本 {} 会使 {} 行引用不存在的记录，未做升级",
                            i + 1,
                            after - before
                        ),
                    });
                }
                failpoint::hit("migrate.before_commit");
                tx.commit()?;
            }
            Ok(())
        })();
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrated
    }

    /// Closes the connection for a swap of the file under it; every write is
    /// refused until [`Store::reopen`] succeeds. The stand-in connection is
    /// an empty, read-only in-memory database, so a read fails too instead of
    /// showing an empty ledger.
    pub(crate) fn close_for_swap(&mut self, why: &str) -> Result<()> {
        let stand_in = Connection::open_in_memory()?;
        stand_in.pragma_update(None, "query_only", true)?;
        self.conn = stand_in;
        self.closed = Some(why.to_string());
        self.forget_listings();
        Ok(())
    }

    /// Opens `path` again after a swap. On failure the store stays closed
    /// and the error says so.
    pub(crate) fn reopen(&mut self, path: &Path) -> Result<()> {
        match Store::open(path) {
            Ok(mut s) => {
                s.rules = self.rules.clone();
                *self = s;
                Ok(())
            }
            Err(e) => {
                let why = format!(
                    "数据库 {} 未能重新打开（{e}），为免修改丢失已停止写入：请重新启动 IP Desk",
                    path.display()
                );
                self.closed = Some(why.clone());
                Err(Error::Closed(why))
            }
        }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction; nothing is written if
    /// it fails. IMMEDIATE takes the write lock up front, so a second process
    /// writing at the same time (the CLI beside the app) waits for it under
    /// the busy timeout instead of failing with `SQLITE_BUSY_SNAPSHOT` when a
    /// read inside the transaction would have to be upgraded to a write.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Audit) -> Result<T>,
    ) -> Result<T> {
        self.write_then(|tx, audit| Ok((f(tx, audit)?, Commit::Yes)))
    }

    /// [`Store::write`] where `f` decides whether to commit: a refused or
    /// dry-run import performs its writes and then rolls them back while
    /// still returning its report.
    pub(crate) fn write_then<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Audit) -> Result<(T, Commit)>,
    ) -> Result<T> {
        if let Some(why) = &self.closed {
            return Err(Error::Closed(why.clone()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audit = Audit {
            user: self.os_user.clone(),
            at: now(),
        };
        let (out, commit) = f(&tx, &audit)?;
        match commit {
            Commit::Yes => {
                failpoint::hit("write.before_commit");
                tx.commit()?;
                failpoint::hit("write.after_commit");
            }
            Commit::No => tx.rollback()?,
        }
        Ok(out)
    }

    /// [`Store::write_then`] for imports of many rows, with a larger page
    /// cache while it runs: a 100,000-row ledger's indexes and full-text
    /// index outgrow SQLite's default 2 MB cache, and every insert then
    /// re-reads index pages from the file.
    pub(crate) fn write_bulk<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Audit) -> Result<(T, Commit)>,
    ) -> Result<T> {
        let before: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let out = self.write_then(f);
        self.conn.pragma_update(None, "cache_size", before)?;
        out
    }

    /// The rule set every computation of this store uses.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The rule set, shared, for writes that compute with it inside a
    /// transaction (the transaction borrows the store).
    pub(crate) fn rules_arc(&self) -> Arc<Rules> {
        self.rules.clone()
    }

    /// Runs this store on another rule set (tests, a rule file being
    /// checked before it is adopted).
    pub fn with_rules(mut self, rules: Arc<Rules>) -> Store {
        self.rules = rules;
        self.forget_listings();
        self
    }
}

/// Whether a write keeps what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Commit {
    Yes,
    No,
}

fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}

/// Wall-clock timestamp for audit rows and record stamps — bookkeeping, not
/// business logic, which always takes `today` as an argument.
#[allow(clippy::disallowed_methods)] // bookkeeping, not a rule
fn now() -> String {
    Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A JSON list column (applicants, tags, classes …). A value that does not
/// parse is an error of the row, not an empty list: an empty list would be
/// written back on the next save and recorded as the user's change.
pub(crate) fn json_list<T: serde::de::DeserializeOwned>(s: String) -> rusqlite::Result<Vec<T>> {
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A date column read straight from its `YYYY-MM-DD` text: chrono's
/// general parser cost a third of a 100,000-patent forecast. Any other
/// shape goes through chrono, which names the problem.
pub(crate) fn date_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    use rusqlite::types::ValueRef;
    if let ValueRef::Text(t) = r.get_ref(i)? {
        let digits = |s: &[u8]| {
            s.iter().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        if let [y @ .., b'-', m1, m2, b'-', d1, d2] = t {
            if let (4, Some(y), Some(m), Some(d)) =
                (y.len(), digits(y), digits(&[*m1, *m2]), digits(&[*d1, *d2]))
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                    return Ok(Some(date));
                }
            }
        }
    }
    r.get(i)
}

/// IP Desk's SQLite `application_id` ("IPDS"), written into every database it
/// creates or upgrades, so a file can say whose it is.
pub(crate) const APPLICATION_ID: i32 = 0x4950_4453;

/// Refuses, without changing it, an existing file that is not an IP Desk
/// database: one that says it belongs to another program (its
/// `application_id`), or a SQLite file with tables but no IP Desk schema
/// version (opening it used to migrate it in place).
fn check_identity(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let foreign = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id != 0 && id != APPLICATION_ID {
        return Err(foreign(format!(
            "是其他程序的数据库（application_id {id:#x}），不是 IP Desk 数据库，未做任何改动"
        )));
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 {
        if tables > 0 {
            return Err(foreign(
                "是其他程序的 SQLite 数据库（已有数据表，但没有 IP Desk 的结构版本），未做任何改动"
                    .into(),
            ));
        }
    } else if id == 0 {
        // Written before IP Desk set its application_id: it must have the
        // ledger's own tables, or it is another program's file that happens
        // to set user_version.
        let ours: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('patent', 'audit', 'setting')",
            [],
            |r| r.get(0),
        )?;
        if ours < 3 {
            return Err(foreign(format!(
                "是其他程序的 SQLite 数据库（结构版本 {version}，但没有专利台账表），未做任何改动"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::Company;

    #[test]
    fn migrating_copies_the_old_file_aside_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        {
            // A v1 file (the first migration only), then a hypothetical v2.
            let (s, report) = Store::open_with_migrations(&path, &MIGRATIONS[..1]).unwrap();
            assert_eq!(report.backup, None, "a new file needs no copy");
            // Raw SQL: today's `set_company` writes columns v1 lacks.
            s.conn
                .execute("INSERT INTO company (id, name) VALUES (1, '甲公司')", [])
                .unwrap();
        }
        let next = [
            MIGRATIONS[0],
            "ALTER TABLE company ADD COLUMN website TEXT NOT NULL DEFAULT '';",
        ];
        // A copy from an earlier attempt is already there: it stays.
        let earlier = dir.path().join("ledger.db.v1.bak");
        std::fs::write(&earlier, b"an earlier copy").unwrap();
        let (s, report) = Store::open_with_migrations(&path, &next).unwrap();
        assert_eq!(
            std::fs::read(&earlier).unwrap(),
            b"an earlier copy",
            "an earlier copy is never overwritten"
        );
        assert_eq!((report.from_version, report.to_version), (1, 2));
        assert_eq!(s.schema_version().unwrap(), 2);
        let backup = report
            .backup
            .expect("an existing file is copied before migrating");
        let old = Connection::open(&backup).unwrap();
        let v: i64 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "the copy is the pre-migration file");
        let name: String = old
            .query_row("SELECT name FROM company", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "甲公司");
    }

    #[test]
    fn a_reader_sees_committed_data_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut s = Store::open(&path).unwrap();
        s.set_company(Company {
            name: "甲公司".into(),
            ..Company::default()
        })
        .unwrap();
        let r = Store::open_reader(&path).unwrap();
        assert_eq!(r.company().unwrap().name, "甲公司");
        s.set_company(Company {
            name: "乙公司".into(),
            ..Company::default()
        })
        .unwrap();
        assert_eq!(r.company().unwrap().name, "乙公司", "sees later commits");
        let mut r = r;
        // A valid company, so the write passes validation and reaches
        // SQLite: only the read-only connection can refuse it.
        let err = r
            .set_company(Company {
                name: "丙公司".into(),
                ..Company::default()
            })
            .expect_err("a reader refuses writes");
        assert!(
            matches!(
                &err,
                Error::Sql(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error {
                        code: rusqlite::ErrorCode::ReadOnly,
                        ..
                    },
                    _
                ))
            ),
            "refused by SQLite as a read-only connection, not by validation: {err:?}"
        );
        assert_eq!(
            s.company().unwrap().name,
            "乙公司",
            "the reader's write left nothing behind"
        );
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err}");
        assert!(
            err.to_string().contains("更新版本"),
            "tells the user to upgrade: {err}"
        );
        let v: i64 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99, "the file is not touched");
    }
}
