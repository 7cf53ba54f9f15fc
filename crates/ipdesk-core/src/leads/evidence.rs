//! The evidence locker: files kept in the `files` kernel with how they were
//! obtained, and the custody log — append-only and hash-chained — that
//! records every intake, view, export, verification and removal.
//!
//! What the chain proves: each entry's hash covers its fields and the
//! previous entry's hash, and `custody_head` holds the newest entry's, so
//! editing or deleting any entry (or the newest ones) is seen on the next
//! verification, and a stored file whose bytes changed no longer matches the
//! sha256 its intake entry recorded. What it cannot prove: *when* a file was
//! captured. Someone rewriting the whole database and every hash with it
//! leaves a consistent chain; the head hash printed on an exported manifest,
//! kept outside the app, and a 可信时间戳 or notarisation are what anchor it.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

use super::custody::{
    append_custody, check_chain, custody_from_row, ChainProblem, CustodyAction, CustodyEntry,
    NewCustody, GENESIS,
};
use super::model::normalise_evidence;
use super::{EvidenceData, EvidenceKind, Lead};
use crate::error::{field, Error, Result};
use crate::files::{checked_file, read_user_file, sha256_hex, store_bytes};
use crate::store::{write_atomic, Audit, Entity, Store, Watch};

/// A file in a lead's evidence locker.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub lead_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub attachment_id: i64,
    pub kind: EvidenceKind,
    /// The file's name when it was taken in.
    pub original_name: String,
    /// sha256 of the bytes at intake, lower-case hex.
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: i64,
    pub media_type: String,
    pub captured_at: String,
    pub captured_by: String,
    pub source_url: String,
    pub notary_ref: String,
    pub note: String,
    pub added_at: String,
    pub added_by: String,
}

impl Evidence {
    pub fn is_image(&self) -> bool {
        self.media_type.starts_with("image/")
    }
}

/// The result of checking one evidence file.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileCheck {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub evidence_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub lead_id: i64,
    pub lead_title: String,
    pub file_name: String,
    /// The sha256 recorded at intake.
    pub sha256: String,
    pub ok: bool,
    /// Why it failed, in Chinese, naming the file and the lead.
    pub problem: Option<String>,
}

/// What a verification found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    /// Every file matches and the chain is whole.
    pub ok: bool,
    pub files: Vec<FileCheck>,
    pub chain: Vec<ChainProblem>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub chain_entries: i64,
    /// The chain's head after this verification was logged: write it down
    /// outside the app to anchor the log.
    pub head_hash: String,
}

impl VerifyReport {
    /// Every problem as one Chinese line each.
    pub fn problems(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|f| f.problem.clone())
            .chain(self.chain.iter().map(|c| c.message.clone()))
            .collect()
    }
}

const EVIDENCE_FIELD: crate::error::FieldName = field("file", "证据文件");

/// The kernel's file errors, named as the evidence file.
fn as_evidence_error(e: Error) -> Error {
    match e {
        Error::Invalid { value, reason, .. } => Error::Invalid {
            field: EVIDENCE_FIELD,
            value,
            reason,
        },
        Error::Missing { .. } => Error::Missing {
            field: EVIDENCE_FIELD,
        },
        other => other,
    }
}

impl Store {
    /// Takes a file into a lead's evidence locker: hashed, stored once by
    /// content (a file another lead already holds is linked, not stored
    /// again), and logged as 入库. Errors: an empty or oversized file, the
    /// same file already in this lead's locker, an input error naming the
    /// field; nothing is written.
    pub fn add_evidence(
        &mut self,
        lead_id: i64,
        file_name: &str,
        bytes: &[u8],
        data: EvidenceData,
    ) -> Result<Evidence> {
        let mut added = self.add_evidence_many(lead_id, &[(file_name, bytes)], data)?;
        Ok(added.remove(0))
    }

    /// [`Store::add_evidence`] with files on disk, all or none: one that
    /// cannot be read, is empty, over the size limit or already in the
    /// locker leaves nothing written. Errors: [`Error::BadFile`] naming the
    /// file that cannot be used.
    pub fn add_evidence_files(
        &mut self,
        lead_id: i64,
        paths: &[PathBuf],
        data: EvidenceData,
    ) -> Result<Vec<Evidence>> {
        self.lead(lead_id)?;
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let (name, bytes) = read_user_file(path)?;
            if bytes.is_empty() {
                return Err(Error::BadFile {
                    path: path.to_path_buf(),
                    reason: "文件是空的".into(),
                });
            }
            files.push((name, bytes));
        }
        let files: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        self.add_evidence_many(lead_id, &files, data)
    }

    /// [`Store::add_evidence_files`] for one file.
    pub fn add_evidence_file(
        &mut self,
        lead_id: i64,
        path: &Path,
        data: EvidenceData,
    ) -> Result<Evidence> {
        let mut added = self.add_evidence_files(lead_id, &[path.to_path_buf()], data)?;
        Ok(added.remove(0))
    }

    fn add_evidence_many(
        &mut self,
        lead_id: i64,
        files: &[(&str, &[u8])],
        data: EvidenceData,
    ) -> Result<Vec<Evidence>> {
        let lead = self.lead(lead_id)?;
        let data = normalise_evidence(data)?;
        let mut named = Vec::with_capacity(files.len());
        for (name, bytes) in files {
            named.push((checked_file(name, bytes).map_err(as_evidence_error)?, bytes));
        }
        let ids = self.write(|tx, audit| {
            named
                .iter()
                .map(|(name, bytes)| intake(tx, audit, &lead, name, bytes, &data))
                .collect::<Result<Vec<i64>>>()
        })?;
        ids.into_iter().map(|id| self.evidence(id)).collect()
    }

    /// Takes a file out of a lead's locker with the reason logged as 移除.
    /// The bytes go when no other record uses them; the log keeps the entry.
    pub fn remove_evidence(&mut self, id: i64, reason: &str) -> Result<()> {
        let e = self.evidence(id)?;
        let lead = self.lead(e.lead_id)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Missing {
                field: field("reason", "移除原因"),
            });
        }
        self.write(|tx, audit| {
            tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
            tx.execute(
                "DELETE FROM attachment_link WHERE attachment_id = ?1 AND entity = 'lead' AND entity_id = ?2",
                params![e.attachment_id, e.lead_id],
            )?;
            tx.execute(
                "DELETE FROM attachment WHERE id = ?1
                   AND NOT EXISTS (SELECT 1 FROM attachment_link WHERE attachment_id = ?1)",
                [e.attachment_id],
            )?;
            append_custody(tx, audit, NewCustody::of(CustodyAction::Remove, &lead, &e, reason))?;
            audit.delete(
                tx,
                Entity::Evidence,
                id,
                &serde_json::json!({ "fileName": e.original_name, "sha256": e.sha256, "reason": reason }),
            )
        })
    }

    /// One evidence file's description. Errors: [`Error::NotFound`].
    pub fn evidence(&self, id: i64) -> Result<Evidence> {
        self.conn
            .prepare_cached("SELECT * FROM evidence WHERE id = ?1")?
            .query_row([id], evidence_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "证据",
                key: id.to_string(),
            })
    }

    /// A lead's evidence, in intake order.
    pub fn evidence_of(&self, lead_id: i64) -> Result<Vec<Evidence>> {
        Ok(self
            .conn
            .prepare_cached("SELECT * FROM evidence WHERE lead_id = ?1 ORDER BY id")?
            .query_map([lead_id], evidence_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// An evidence file's bytes for the officer to look at, checked against
    /// the intake hash and logged as 查看. Errors: [`Error::Tampered`].
    pub fn view_evidence(&mut self, id: i64) -> Result<Vec<u8>> {
        let (e, bytes) = self.checked_evidence_bytes(id)?;
        self.log_access(&e, CustodyAction::View, "在应用中查看")?;
        Ok(bytes)
    }

    /// Writes an evidence file out (atomically), checked against the intake
    /// hash and logged as 导出 with the file name written.
    pub fn save_evidence(&mut self, id: i64, out: &Path) -> Result<()> {
        let (e, bytes) = self.checked_evidence_bytes(id)?;
        self.refuse_own_files(out)?;
        write_atomic(out, &bytes)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        self.log_access(&e, CustodyAction::Export, &format!("导出为 {name}"))
    }

    /// Copies every file of a lead's locker into `dir` with a
    /// `SHA256SUMS.txt` that `sha256sum -c` (or `certutil -hashfile` by hand)
    /// checks and a `说明.txt` saying what the hashes prove, each file logged
    /// as 导出. Returns the paths written (the files, then the two lists).
    pub fn export_evidence(&mut self, lead_id: i64, dir: &Path) -> Result<Vec<PathBuf>> {
        let lead = self.lead(lead_id)?;
        let list = self.evidence_of(lead_id)?;
        let mut checked = Vec::with_capacity(list.len());
        for e in &list {
            checked.push(self.checked_evidence_bytes(e.id)?);
        }
        std::fs::create_dir_all(dir)?;
        let mut written = Vec::new();
        let mut sums = String::new();
        for (i, (e, bytes)) in checked.iter().enumerate() {
            // Numbered: two leads' files may share a name.
            let name = format!("{:02}_{}", i + 1, e.original_name);
            let path = dir.join(&name);
            self.refuse_own_files(&path)?;
            write_atomic(&path, bytes)?;
            sums.push_str(&format!("{}  {}\n", e.sha256, name));
            written.push(path);
        }
        let sums_path = dir.join("SHA256SUMS.txt");
        write_atomic(&sums_path, sums.as_bytes())?;
        written.push(sums_path);
        // What the hashes prove, beside them (not inside SHA256SUMS.txt,
        // which `sha256sum -c` reads line by line).
        let head = self
            .custody_head()?
            .map(|(seq, hash)| format!("导出时证据保管记录共 {seq} 条，链头哈希 {hash}。\n"))
            .unwrap_or_default();
        let note = format!(
            "侵权线索「{}」证据文件清单\r\n\r\n{}\r\n\r\n{}",
            lead.data.title,
            super::HASH_NOTE,
            head.replace('\n', "\r\n")
        );
        let note_path = dir.join("说明.txt");
        write_atomic(&note_path, note.as_bytes())?;
        written.push(note_path);
        self.write(|tx, audit| {
            for (e, _) in &checked {
                append_custody(
                    tx,
                    audit,
                    NewCustody::of(
                        CustodyAction::Export,
                        &lead,
                        e,
                        "随证据包导出（附 SHA256SUMS.txt）",
                    ),
                )?;
            }
            Ok(())
        })?;
        Ok(written)
    }

    /// A small PNG of an image in the locker (longest side `max_px`), for
    /// lists and printed dossiers; `None` for a file that is not a picture
    /// this build can decode. Checked against the intake hash, not logged
    /// (a thumbnail is not an inspection of the evidence).
    pub fn evidence_thumbnail(&self, id: i64, max_px: u32) -> Result<Option<Vec<u8>>> {
        let e = self.evidence(id)?;
        if !e.is_image() {
            return Ok(None);
        }
        let (_, bytes) = self.checked_evidence_bytes(id)?;
        Ok(crate::files::png_thumbnail(&bytes, max_px))
    }

    /// The custody log of one lead (or the whole log), oldest first.
    pub fn custody_log(&self, lead_id: Option<i64>) -> Result<Vec<CustodyEntry>> {
        let sql = match lead_id {
            Some(_) => "SELECT * FROM custody_log WHERE lead_id = ?1 ORDER BY seq",
            None => "SELECT * FROM custody_log WHERE ?1 IS NULL ORDER BY seq",
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([lead_id], custody_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Re-hashes every stored evidence file (of one lead, or all) against
    /// the sha256 its intake recorded, and the whole custody chain, then
    /// logs the verification as 核验. Problems are reported, never fixed.
    pub fn verify_evidence(&mut self, lead_id: Option<i64>) -> Result<VerifyReport> {
        self.verify_evidence_watched(lead_id, &mut Watch::none())
    }

    /// [`Store::verify_evidence`], reporting `verify` file by file. Cancelled
    /// between two files, it logs nothing: a verification is recorded whole
    /// or not at all.
    pub fn verify_evidence_watched(
        &mut self,
        lead_id: Option<i64>,
        watch: &mut Watch,
    ) -> Result<VerifyReport> {
        if let Some(id) = lead_id {
            self.lead(id)?;
        }
        let list: Vec<Evidence> = match lead_id {
            Some(id) => self.evidence_of(id)?,
            None => self
                .conn
                .prepare("SELECT * FROM evidence ORDER BY lead_id, id")?
                .query_map([], evidence_from_row)?
                .collect::<rusqlite::Result<_>>()?,
        };
        let mut files = Vec::with_capacity(list.len());
        let total = list.len() as u64;
        for e in &list {
            watch.report("verify", files.len() as u64, total);
            watch.check()?;
            files.push(self.verify_one(e)?);
        }
        watch.report("verify", total, total);
        watch.check()?;
        let log = self.custody_log(None)?;
        let chain = check_chain(&log, self.custody_head()?);
        let bad_files = files.iter().filter(|f| !f.ok).count();
        let ok = bad_files == 0 && chain.is_empty();
        let detail = format!(
            "核验 {} 个证据文件：{}；保管记录链：{}",
            files.len(),
            if bad_files == 0 {
                "全部与入库时一致".to_string()
            } else {
                format!("{bad_files} 个不一致")
            },
            if chain.is_empty() {
                "完整".to_string()
            } else {
                format!("{} 处断裂", chain.len())
            }
        );
        let title = match lead_id {
            Some(id) => self.lead(id)?.data.title,
            None => String::new(),
        };
        self.write(|tx, audit| {
            append_custody(
                tx,
                audit,
                NewCustody {
                    action: CustodyAction::Verify,
                    lead_id,
                    lead_title: title,
                    evidence_id: None,
                    file_name: String::new(),
                    sha256: String::new(),
                    detail,
                },
            )
        })?;
        let (chain_entries, head_hash) = self.custody_head()?.unwrap_or((0, GENESIS.to_string()));
        Ok(VerifyReport {
            ok,
            files,
            chain,
            chain_entries,
            head_hash,
        })
    }

    /// The chain's head: the newest entry's number and hash.
    pub fn custody_head(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash FROM custody_head WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    pub(super) fn verify_one(&self, e: &Evidence) -> Result<FileCheck> {
        let lead_title: String =
            self.conn
                .query_row("SELECT title FROM lead WHERE id = ?1", [e.lead_id], |r| {
                    r.get(0)
                })?;
        let named =
            |why: String| format!("线索「{lead_title}」的证据文件「{}」{why}", e.original_name);
        let intake: Option<String> = self
            .conn
            .query_row(
                "SELECT sha256 FROM custody_log WHERE evidence_id = ?1 AND action = 'intake'
                 ORDER BY seq LIMIT 1",
                [e.id],
                |r| r.get(0),
            )
            .optional()?;
        let stored: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT data FROM attachment WHERE id = ?1",
                [e.attachment_id],
                |r| r.get(0),
            )
            .optional()?;
        let problem = match (stored, intake) {
            (None, _) => Some(named("的内容在数据库中缺失".into())),
            (_, None) => Some(named("没有入库保管记录，无法证明其来源".into())),
            (Some(bytes), Some(logged)) => {
                let found = sha256_hex(&bytes);
                if found != logged || found != e.sha256 {
                    Some(named(format!(
                        "校验失败：现在的 SHA-256 为 {found}，与入库时登记的 {logged} 不一致，文件已被改动或损坏"
                    )))
                } else {
                    None
                }
            }
        };
        Ok(FileCheck {
            evidence_id: e.id,
            lead_id: e.lead_id,
            lead_title: lead_title.clone(),
            file_name: e.original_name.clone(),
            sha256: e.sha256.clone(),
            ok: problem.is_none(),
            problem,
        })
    }

    /// The evidence's bytes after checking them against the intake hash.
    fn checked_evidence_bytes(&self, id: i64) -> Result<(Evidence, Vec<u8>)> {
        let e = self.evidence(id)?;
        let bytes = self.read_attachment(e.attachment_id)?;
        let found = sha256_hex(&bytes);
        if found != e.sha256 {
            return Err(Error::Tampered {
                file_name: e.original_name,
                expected: e.sha256,
                found,
            });
        }
        Ok((e, bytes))
    }

    fn log_access(&mut self, e: &Evidence, action: CustodyAction, detail: &str) -> Result<()> {
        let lead = self.lead(e.lead_id)?;
        self.write(|tx, audit| append_custody(tx, audit, NewCustody::of(action, &lead, e, detail)))
    }
}

/// Inside a write: one file into the locker, refused when the lead already
/// holds the same content (also a file earlier in the same batch).
fn intake(
    tx: &Transaction,
    audit: &Audit,
    lead: &Lead,
    name: &str,
    bytes: &[u8],
    data: &EvidenceData,
) -> Result<i64> {
    let sha = sha256_hex(bytes);
    let same: Option<String> = tx
        .query_row(
            "SELECT original_name FROM evidence WHERE lead_id = ?1 AND sha256 = ?2",
            params![lead.id, sha],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = same {
        return Err(Error::Duplicate {
            field: EVIDENCE_FIELD,
            value: name.into(),
            reason: format!("本线索的证据库中已有内容相同的文件「{existing}」（SHA-256 相同）"),
        });
    }
    let media_type = crate::files::media_type_of(name);
    let kind = data.kind.unwrap_or_else(|| EvidenceKind::guess(media_type));
    let attachment_id = store_bytes(tx, audit, Entity::Lead.at(lead.id), name, bytes, "证据")?;
    tx.execute(
        "INSERT INTO evidence (lead_id, attachment_id, kind, original_name, sha256, size,
             media_type, captured_at, captured_by, source_url, notary_ref, note,
             added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            lead.id,
            attachment_id,
            kind,
            name,
            sha,
            bytes.len() as i64,
            media_type,
            (!data.captured_at.is_empty()).then_some(&data.captured_at),
            data.captured_by,
            data.source_url,
            data.notary_ref,
            data.note,
            audit.at,
            audit.user
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = match (data.notary_ref.as_str(), data.source_url.as_str()) {
        ("", "") => format!("{} 字节", bytes.len()),
        ("", url) => format!("{} 字节，来源 {url}", bytes.len()),
        (r, _) => format!("{} 字节，公证/时间戳 {r}", bytes.len()),
    };
    append_custody(
        tx,
        audit,
        NewCustody {
            action: CustodyAction::Intake,
            lead_id: Some(lead.id),
            lead_title: lead.data.title.clone(),
            evidence_id: Some(id),
            file_name: name.into(),
            sha256: sha.clone(),
            detail,
        },
    )?;
    audit.create(
        tx,
        Entity::Evidence,
        id,
        &serde_json::json!({ "lead": lead.id, "fileName": name, "sha256": sha }),
    )?;
    Ok(id)
}

fn evidence_from_row(r: &Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get("id")?,
        lead_id: r.get("lead_id")?,
        attachment_id: r.get("attachment_id")?,
        kind: r.get("kind")?,
        original_name: r.get("original_name")?,
        sha256: r.get("sha256")?,
        size: r.get("size")?,
        media_type: r.get("media_type")?,
        captured_at: r
            .get::<_, Option<String>>("captured_at")?
            .unwrap_or_default(),
        captured_by: r.get("captured_by")?,
        source_url: r.get("source_url")?,
        notary_ref: r.get("notary_ref")?,
        note: r.get("note")?,
        added_at: r.get("added_at")?,
        added_by: r.get("added_by")?,
    })
}
