//! The store: one SQLite file holding every case file, opened and migrated by
//! [`Store::open`]. Every operation the app performs is a method here; writes
//! run in one transaction that also writes the audit trail.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{AuditEntry, Company, ImportedFrom};
use crate::rules::Holidays;
use crate::validate::{parse_uscc, Money};

/// Migrations in order; migration `i` takes the schema from version `i` to
/// `i + 1`. Append only: a released file is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_listing_indexes.sql"),
    include_str!("../migrations/0003_index_shapes.sql"),
    include_str!("../migrations/0004_import_log.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA cache_size` during bulk writes: negative means KiB, so 64 MiB.
const BULK_CACHE_KIB: i64 = -64 * 1024;

const PLEDGE_THRESHOLD_KEY: &str = "high_value.pledge_threshold";

/// The open database. Cheap to keep open for the life of the app.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    pub(crate) os_user: String,
    /// Ordered ids of recent ledger listings (see `Store::list_patents`).
    pub(crate) listings: std::cell::RefCell<crate::patents::ListingCache>,
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
        let version = schema_version(&conn)?;
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
            let to = path.with_file_name(format!("{name}.v{version}.bak"));
            // VACUUM INTO gives a consistent single-file copy even in WAL mode.
            conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])
                .or_else(|_| std::fs::copy(path, &to).map(|_| 0).map_err(Error::from))?;
            backup = Some(to);
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            os_user: os_user(),
            listings: Default::default(),
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
        })
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            os_user: os_user(),
            listings: Default::default(),
        };
        store.prepare()?;
        store.migrate(MIGRATIONS, 0)?;
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
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self, migrations: &[&str], from: i64) -> Result<()> {
        for (i, sql) in migrations.iter().enumerate().skip(from as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `f` in one transaction; nothing is written if it fails.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Audit) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let audit = Audit {
            user: self.os_user.clone(),
            at: now(),
        };
        let out = f(&tx, &audit)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::write`] for imports of many rows, with a larger page cache
    /// while it runs: a 100,000-row ledger's indexes and full-text index
    /// outgrow SQLite's default 2 MB cache, and every insert then re-reads
    /// index pages from the file.
    pub(crate) fn write_bulk<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Audit) -> Result<T>,
    ) -> Result<T> {
        let before: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let out = self.write(f);
        self.conn.pragma_update(None, "cache_size", before)?;
        out
    }

    // ----- company profile -----

    pub fn company(&self) -> Result<Company> {
        let row = self
            .conn
            .query_row("SELECT * FROM company WHERE id = 1", [], |r| {
                Ok(Company {
                    name: r.get("name")?,
                    uscc: r.get("uscc")?,
                    registration_date: r.get("registration_date")?,
                    address: r.get("address")?,
                    legal_representative: r.get("legal_representative")?,
                    contact_person: r.get("contact_person")?,
                    contact_phone: r.get("contact_phone")?,
                    contact_email: r.get("contact_email")?,
                    headcount: r.get("headcount")?,
                    qualifications: json_list(r.get("qualifications")?),
                    ip_department: r.get("ip_department")?,
                    ip_staff_count: r.get("ip_staff_count")?,
                })
            })
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Saves the company profile after validating the credit code and e-mail.
    pub fn set_company(&mut self, mut c: Company) -> Result<Company> {
        c.name = c.name.trim().to_string();
        if c.name.is_empty() {
            return Err(Error::Missing {
                field: "企业名称"
            });
        }
        if !c.uscc.trim().is_empty() {
            c.uscc = parse_uscc(&c.uscc)?;
        }
        let email = c.contact_email.trim();
        if !(email.is_empty() || (email.contains('@') && email.contains('.'))) {
            return Err(Error::invalid("联系邮箱", email, "不是有效的电子邮箱地址"));
        }
        c.qualifications.retain(|q| !q.trim().is_empty());
        let before = self.company()?;
        self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO company (id, name, uscc, registration_date, address, legal_representative,
                    contact_person, contact_phone, contact_email, headcount, qualifications,
                    ip_department, ip_staff_count)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, uscc = excluded.uscc,
                    registration_date = excluded.registration_date, address = excluded.address,
                    legal_representative = excluded.legal_representative,
                    contact_person = excluded.contact_person, contact_phone = excluded.contact_phone,
                    contact_email = excluded.contact_email, headcount = excluded.headcount,
                    qualifications = excluded.qualifications, ip_department = excluded.ip_department,
                    ip_staff_count = excluded.ip_staff_count",
                params![
                    c.name,
                    c.uscc,
                    c.registration_date,
                    c.address,
                    c.legal_representative,
                    c.contact_person,
                    c.contact_phone,
                    c.contact_email,
                    c.headcount,
                    serde_json::to_string(&c.qualifications)?,
                    c.ip_department,
                    c.ip_staff_count
                ],
            )?;
            audit.update(tx, "company", 1, &before, &c)
        })?;
        Ok(c)
    }

    // ----- settings and holidays -----

    /// The loan amount at or above which a pledge makes an invention
    /// high-value (category 4). No official figure was found, so it is unset
    /// until the user sets it, and the category never fires while unset.
    pub fn pledge_threshold(&self) -> Result<Option<Money>> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [PLEDGE_THRESHOLD_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.and_then(|s| s.parse().ok()).map(Money))
    }

    pub fn set_pledge_threshold(&mut self, amount: Option<Money>) -> Result<()> {
        let before = self.pledge_threshold()?;
        self.write(|tx, audit| {
            match amount {
                Some(m) => tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![PLEDGE_THRESHOLD_KEY, m.0.to_string()],
                )?,
                None => tx.execute("DELETE FROM setting WHERE key = ?1", [PLEDGE_THRESHOLD_KEY])?,
            };
            audit.update(
                tx,
                "setting",
                0,
                &serde_json::json!({ "pledgeThreshold": before }),
                &serde_json::json!({ "pledgeThreshold": amount }),
            )
        })
    }

    pub fn holidays(&self) -> Result<Holidays> {
        let mut h = Holidays::default();
        let mut stmt = self.conn.prepare_cached("SELECT date, kind FROM holiday")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (d, kind) = row?;
            if kind == "work" {
                h.work.insert(d);
            } else {
                h.off.insert(d);
            }
        }
        Ok(h)
    }

    /// Records a statutory holiday (`working = false`) or a make-up working day.
    ///
    /// The stored `next_fee_due` is the unshifted anniversary, so nothing
    /// derived needs refreshing; schedules shift deadlines when computed.
    pub fn set_holiday(&mut self, date: NaiveDate, working: bool, name: &str) -> Result<()> {
        let kind = if working { "work" } else { "off" };
        self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO holiday (date, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                params![date, kind, name.trim()],
            )?;
            let after = serde_json::json!({ "date": date, "kind": kind, "name": name.trim() });
            audit.update(tx, "holiday", 0, &serde_json::json!({}), &after)
        })
    }

    // ----- audit trail -----

    /// The change history of one record, newest first.
    pub fn history(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok(AuditEntry {
                id: r.get("id")?,
                at: r.get("at")?,
                os_user: r.get("os_user")?,
                entity: r.get("entity")?,
                entity_id: r.get("entity_id")?,
                action: r.get("action")?,
                changes: serde_json::from_str(&r.get::<_, String>("changes")?).unwrap_or_default(),
                imported_from: None,
            })
        })?;
        let mut entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for e in &mut entries {
            let (Some(batch), Some(row)) = (
                e.changes.get("importBatch").and_then(|v| v.as_i64()),
                e.changes.get("sheetRow").and_then(|v| v.as_i64()),
            ) else {
                continue;
            };
            e.imported_from = self
                .conn
                .query_row(
                    "SELECT file, sheet FROM import_batch WHERE id = ?1",
                    [batch],
                    |r| {
                        Ok(ImportedFrom {
                            batch,
                            file: r.get(0)?,
                            sheet: r.get(1)?,
                            row,
                        })
                    },
                )
                .optional()?;
        }
        Ok(entries)
    }
}

/// Writes audit rows inside the caller's transaction.
#[derive(Debug)]
pub(crate) struct Audit {
    pub(crate) user: String,
    pub(crate) at: String,
}

impl Audit {
    pub(crate) fn create<T: Serialize>(
        &self,
        tx: &Transaction,
        entity: &str,
        id: i64,
        after: &T,
    ) -> Result<()> {
        let changes = Audit::created_json(after)?;
        self.insert(tx, entity, id, "create", &changes)
    }

    /// The `changes` of a create row for `after`, built apart from the
    /// insert so an import can build it on another thread.
    pub(crate) fn created_json<T: Serialize>(after: &T) -> Result<String> {
        every_field_json(after, created_pair)
    }

    /// The `changes` of a create row for a record an import made from sheet
    /// row `row`: where it came from, not its fields (see migration 0004).
    pub(crate) fn imported_json(batch: i64, row: usize) -> String {
        format!("{{\"importBatch\":{batch},\"sheetRow\":{row}}}")
    }

    /// Records only the fields that changed; writes nothing when none did.
    pub(crate) fn update<T: Serialize, U: Serialize>(
        &self,
        tx: &Transaction,
        entity: &str,
        id: i64,
        before: &T,
        after: &U,
    ) -> Result<()> {
        let before = serde_json::to_value(before)?;
        let after = serde_json::to_value(after)?;
        let empty = serde_json::Map::new();
        let b = before.as_object().unwrap_or(&empty);
        let a = after.as_object().unwrap_or(&empty);
        let mut changes = serde_json::Map::new();
        for (k, av) in a {
            let bv = b.get(k).cloned().unwrap_or(serde_json::Value::Null);
            if &bv != av && !matches!(k.as_str(), "updatedAt" | "createdAt") {
                changes.insert(k.clone(), serde_json::json!([bv, av]));
            }
        }
        if changes.is_empty() {
            return Ok(());
        }
        let changes = serde_json::Value::Object(changes).to_string();
        self.insert(tx, entity, id, "update", &changes)
    }

    pub(crate) fn delete<T: Serialize>(
        &self,
        tx: &Transaction,
        entity: &str,
        id: i64,
        before: &T,
    ) -> Result<()> {
        let changes = every_field_json(before, deleted_pair)?;
        self.insert(tx, entity, id, "delete", &changes)
    }

    pub(crate) fn insert(
        &self,
        tx: &Transaction,
        entity: &str,
        id: i64,
        action: &str,
        changes: &str,
    ) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO audit (at, os_user, entity, entity_id, action, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.at, self.user, entity, id, action, changes])?;
        Ok(())
    }
}

/// `{"field": <pair>, …}` over every field of `value` that holds something,
/// in the order `serde_json::Map` keeps them, with `pair` writing each
/// field's entry. Empty fields (null, "", [], {}) are left out: a created or
/// deleted record's row says what it held, and the empty fields made up
/// most of the audit table after an import (1 KB per imported patent).
/// Written straight into one buffer: an import audits every row it creates,
/// and building a second `Map` per row cost more than the row's INSERT.
fn every_field_json<T: Serialize>(
    value: &T,
    pair: impl Fn(&serde_json::Value, &mut Vec<u8>) -> serde_json::Result<()>,
) -> Result<String> {
    let value = serde_json::to_value(value)?;
    let mut out = Vec::with_capacity(512);
    out.push(b'{');
    if let Some(fields) = value.as_object() {
        let held = fields.iter().filter(|(_, v)| !is_empty_json(v));
        for (i, (k, v)) in held.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut out, k)?;
            out.push(b':');
            pair(v, &mut out)?;
        }
    }
    out.push(b'}');
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

fn is_empty_json(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// `[null, value]`: a field as created.
fn created_pair(v: &serde_json::Value, out: &mut Vec<u8>) -> serde_json::Result<()> {
    out.extend_from_slice(b"[null,");
    serde_json::to_writer(&mut *out, v)?;
    out.push(b']');
    Ok(())
}

/// `[value, null]`: a field as deleted.
fn deleted_pair(v: &serde_json::Value, out: &mut Vec<u8>) -> serde_json::Result<()> {
    out.push(b'[');
    serde_json::to_writer(&mut *out, v)?;
    out.extend_from_slice(b",null]");
    Ok(())
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
fn now() -> String {
    Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

pub(crate) fn json_list<T: serde::de::DeserializeOwned>(s: String) -> Vec<T> {
    serde_json::from_str(&s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_copies_the_old_file_aside_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        {
            // A v1 file (the first migration only), then a hypothetical v2.
            let (mut s, report) = Store::open_with_migrations(&path, &MIGRATIONS[..1]).unwrap();
            assert_eq!(report.backup, None, "a new file needs no copy");
            s.set_company(Company {
                name: "甲公司".into(),
                ..Company::default()
            })
            .unwrap();
        }
        let next = [
            MIGRATIONS[0],
            "ALTER TABLE company ADD COLUMN website TEXT NOT NULL DEFAULT '';",
        ];
        let (s, report) = Store::open_with_migrations(&path, &next).unwrap();
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
    fn create_and_delete_audit_json_pairs_every_held_field_with_null() {
        let c = Company {
            name: "甲公司\"引号\"".into(),
            qualifications: vec!["高新技术企业".into()],
            headcount: Some(12),
            ..Company::default()
        };
        let fields = serde_json::to_value(&c).unwrap();
        let pairs = |f: &dyn Fn(&serde_json::Value) -> serde_json::Value| {
            let m: serde_json::Map<_, _> = fields
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, v)| !is_empty_json(v))
                .map(|(k, v)| (k.clone(), f(v)))
                .collect();
            serde_json::Value::Object(m).to_string()
        };
        let created = every_field_json(&c, created_pair).unwrap();
        assert_eq!(
            created,
            pairs(&|v| serde_json::json!([null, v])),
            "the text is what a Map of [null, value] pairs would serialise to"
        );
        assert_eq!(
            every_field_json(&c, deleted_pair).unwrap(),
            pairs(&|v| serde_json::json!([v, null])),
            "a deletion pairs every value with null after it"
        );
        let parsed: serde_json::Value = serde_json::from_str(&created).unwrap();
        assert_eq!(parsed["name"][1], "甲公司\"引号\"", "quotes are escaped");
        assert_eq!(parsed["headcount"][1], 12);
        let held: Vec<&String> = parsed.as_object().unwrap().keys().collect();
        assert_eq!(
            held,
            ["headcount", "name", "qualifications"],
            "empty fields (\"\", [], null) are left out"
        );
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
        assert!(
            r.set_company(Company::default()).is_err(),
            "a reader refuses writes"
        );
        assert_eq!(s.company().unwrap().name, "乙公司");
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 7)
            .unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::NewerSchema { found: 7, .. }), "{err}");
        assert!(
            err.to_string().contains("更新版本"),
            "tells the user to upgrade: {err}"
        );
        let v: i64 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 7, "the file is not touched");
    }
}
