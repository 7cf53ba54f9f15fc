//! Attachments: files kept inside the database, stored once by content
//! (sha256), linked to any record with a label, and verified against their
//! hash whenever they are read back, so an officer can show that a piece of
//! evidence or a certificate is the file that was filed.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store::{Entity, EntityRef, Store};

use crate::store::write_atomic;

/// Files larger than this are refused: an attachment lives in the one
/// database file the user backs up and restores.
pub const MAX_ATTACHMENT_BYTES: usize = 100 * 1024 * 1024;

/// A stored file, without its bytes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Lower-case hex sha256 of the bytes, taken when the file was added.
    pub sha256: String,
    /// The file's name as the user chose it (no folder).
    pub file_name: String,
    pub media_type: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: i64,
    pub added_at: String,
    pub added_by: String,
}

/// A file as linked to one record, with the label it has there
/// (营业执照, 专利证书, 公证书 …).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachedFile {
    pub attachment: Attachment,
    pub record: EntityRef,
    pub label: String,
}

impl Store {
    /// Adds `bytes` as a file named `file_name` and links it to `record`
    /// with `label`, in one transaction. The same content already stored is
    /// not stored twice: the existing file gets the link.
    ///
    /// Errors: an input error for an empty name, an empty file or one over
    /// [`MAX_ATTACHMENT_BYTES`]; [`Error::NotFound`] for a record that does
    /// not exist.
    pub fn attach_bytes(
        &mut self,
        record: EntityRef,
        file_name: &str,
        bytes: &[u8],
        label: &str,
    ) -> Result<AttachedFile> {
        let name = checked_file(file_name, bytes)?;
        let id = self.write(|tx, audit| store_bytes(tx, audit, record, &name, bytes, label))?;
        self.attached(id, record)
    }

    /// [`Store::attach_bytes`] with the bytes of the file at `path`.
    /// Errors: [`Error::BadFile`] when it cannot be read or is too large.
    pub fn attach_file(
        &mut self,
        record: EntityRef,
        path: &Path,
        label: &str,
    ) -> Result<AttachedFile> {
        let (name, bytes) = read_user_file(path)?;
        self.attach_bytes(record, &name, &bytes, label)
    }

    /// Links a stored file to another record as well.
    pub fn link_attachment(
        &mut self,
        id: i64,
        record: EntityRef,
        label: &str,
    ) -> Result<AttachedFile> {
        self.write(|tx, audit| {
            crate::store::ensure_exists(tx, Entity::Attachment.at(id))?;
            crate::store::ensure_exists(tx, record)?;
            link(tx, audit, id, record, label)
        })?;
        self.attached(id, record)
    }

    /// Unlinks a file from a record; the file itself goes once no record
    /// links it. Errors: [`Error::NotFound`] when that link does not exist.
    pub fn detach(&mut self, id: i64, record: EntityRef) -> Result<()> {
        let before = self.attached(id, record)?;
        self.write(|tx, audit| {
            tx.execute(
                "DELETE FROM attachment_link WHERE attachment_id = ?1 AND entity = ?2 AND entity_id = ?3",
                params![id, record.entity, record.id],
            )?;
            audit.update(
                tx,
                record.entity,
                record.id,
                &serde_json::json!({ "attachment": id, "label": before.label }),
                &serde_json::json!({}),
            )?;
            let still_linked: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM attachment_link WHERE attachment_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !still_linked {
                tx.execute("DELETE FROM attachment WHERE id = ?1", [id])?;
                audit.delete(
                    tx,
                    Entity::Attachment,
                    id,
                    &serde_json::json!({ "fileName": before.attachment.file_name, "sha256": before.attachment.sha256 }),
                )?;
            }
            Ok(())
        })
    }

    /// The files linked to `record`, in the order they were linked.
    pub fn attachments_of(&self, record: EntityRef) -> Result<Vec<AttachedFile>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ATTACHMENT_COLUMNS}, l.label FROM attachment a
             JOIN attachment_link l ON l.attachment_id = a.id
             WHERE l.entity = ?1 AND l.entity_id = ?2 ORDER BY l.rowid"
        ))?;
        let rows = stmt.query_map(params![record.entity, record.id], |r| {
            Ok(AttachedFile {
                attachment: attachment_from_row(r)?,
                record,
                label: r.get("label")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every record a file is linked to.
    pub fn links_of_attachment(&self, id: i64) -> Result<Vec<EntityRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, entity_id FROM attachment_link WHERE attachment_id = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(EntityRef {
                entity: r.get(0)?,
                id: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A stored file's description. Errors: [`Error::NotFound`].
    pub fn attachment(&self, id: i64) -> Result<Attachment> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {ATTACHMENT_COLUMNS} FROM attachment a WHERE a.id = ?1"
            ))?
            .query_row([id], attachment_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "附件",
                key: id.to_string(),
            })
    }

    /// A stored file's bytes, re-hashed before they are handed out.
    ///
    /// Errors: [`Error::Tampered`] naming the file when the bytes no longer
    /// match the sha256 taken when it was added; [`Error::NotFound`].
    pub fn read_attachment(&self, id: i64) -> Result<Vec<u8>> {
        let a = self.attachment(id)?;
        let bytes: Vec<u8> =
            self.conn
                .query_row("SELECT data FROM attachment WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let found = sha256_hex(&bytes);
        if found != a.sha256 {
            return Err(Error::Tampered {
                file_name: a.file_name,
                expected: a.sha256,
                found,
            });
        }
        Ok(bytes)
    }

    /// Checks every stored file against its hash: the files that fail, by
    /// name. An empty list means every file is as it was added.
    pub fn verify_attachments(&self) -> Result<Vec<Attachment>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM attachment ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut bad = Vec::new();
        for id in ids {
            match self.read_attachment(id) {
                Ok(_) => {}
                Err(Error::Tampered { .. }) => bad.push(self.attachment(id)?),
                Err(e) => return Err(e),
            }
        }
        Ok(bad)
    }

    /// Writes a stored file to `out` after verifying it (atomically: a
    /// reader never sees half a file).
    pub fn save_attachment(&self, id: i64, out: &Path) -> Result<()> {
        let bytes = self.read_attachment(id)?;
        self.refuse_own_files(out)?;
        write_atomic(out, &bytes)?;
        Ok(())
    }

    fn attached(&self, id: i64, record: EntityRef) -> Result<AttachedFile> {
        self.attachments_of(record)?
            .into_iter()
            .find(|f| f.attachment.id == id)
            .ok_or(Error::NotFound {
                entity: "附件关联",
                key: format!("{id} → {} {}", record.entity.label(), record.id),
            })
    }
}

/// The file name a file is stored under (no folder), after refusing an
/// empty name, an empty file and one over [`MAX_ATTACHMENT_BYTES`].
pub(crate) fn checked_file(file_name: &str, bytes: &[u8]) -> Result<String> {
    let name = Path::new(file_name.trim())
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        return Err(Error::Missing {
            field: "文件名".into(),
        });
    }
    if bytes.is_empty() {
        return Err(Error::invalid("附件", name, "文件是空的"));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid("附件", name, too_large(bytes.len() as u64)));
    }
    Ok(name)
}

fn too_large(len: u64) -> String {
    format!(
        "文件有 {} MB，超过附件上限 {} MB",
        len / (1024 * 1024),
        MAX_ATTACHMENT_BYTES / (1024 * 1024)
    )
}

/// Reads a file the user chose, refusing one that cannot be read or is over
/// [`MAX_ATTACHMENT_BYTES`] before reading it: the name and the bytes.
pub(crate) fn read_user_file(path: &Path) -> Result<(String, Vec<u8>)> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(e.to_string()))?;
    if !meta.is_file() {
        return Err(bad("不是文件".into()));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES as u64 {
        return Err(bad(too_large(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// Inside a write: stores `bytes` (already checked by [`checked_file`])
/// once by content and links the file to `record`. Returns the file's id.
pub(crate) fn store_bytes(
    tx: &Transaction,
    audit: &crate::store::Audit,
    record: EntityRef,
    name: &str,
    bytes: &[u8],
    label: &str,
) -> Result<i64> {
    let sha = sha256_hex(bytes);
    let media_type = media_type_of(name);
    crate::store::ensure_exists(tx, record)?;
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM attachment WHERE sha256 = ?1", [&sha], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO attachment (sha256, file_name, media_type, size, data, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![sha, name, media_type, bytes.len() as i64, bytes, audit.at, audit.user],
            )?;
            let id = tx.last_insert_rowid();
            audit.create(
                tx,
                Entity::Attachment,
                id,
                &serde_json::json!({ "fileName": name, "sha256": sha, "size": bytes.len() }),
            )?;
            id
        }
    };
    link(tx, audit, id, record, label)?;
    Ok(id)
}

const ATTACHMENT_COLUMNS: &str =
    "a.id, a.sha256, a.file_name, a.media_type, a.size, a.added_at, a.added_by";

fn attachment_from_row(r: &Row) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get("id")?,
        sha256: r.get("sha256")?,
        file_name: r.get("file_name")?,
        media_type: r.get("media_type")?,
        size: r.get("size")?,
        added_at: r.get("added_at")?,
        added_by: r.get("added_by")?,
    })
}

fn link(
    tx: &Transaction,
    audit: &crate::store::Audit,
    id: i64,
    record: EntityRef,
    label: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO attachment_link (attachment_id, entity, entity_id, label) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO UPDATE SET label = excluded.label",
        params![id, record.entity, record.id, label.trim()],
    )?;
    audit.update(
        tx,
        record.entity,
        record.id,
        &serde_json::json!({}),
        &serde_json::json!({ "attachment": id, "label": label.trim() }),
    )
}

/// Lower-case hex sha256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The media type of the kinds of file an officer attaches, by extension;
/// anything else is stored as `application/octet-stream`.
pub(crate) fn media_type_of(name: &str) -> &'static str {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" | "tiff" => "image/tiff",
        "bmp" => "image/bmp",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "htm" | "html" => "text/html",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ofd" => "application/ofd",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        _ => "application/octet-stream",
    }
}
