//! 申报材料: the dossier for one program and year — its narrative sections,
//! its attachments, its status from 草稿 to 已拨付, and the freeze at
//! submission (the packet's exact bytes, their sha256 and a snapshot of the
//! check), so what was handed in never changes with the ledger.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::check::{ProgramCheck, Verdict};
use crate::error::{field, Error, FieldName, Result};
use crate::files::{checked_file, store_bytes, AttachedFile};
use crate::money::Money;
use crate::rules::Program;
use crate::store::{forget_record, Entity, Store};

coded_enum!(
    /// Where a dossier stands at the bureau.
    DossierStatus, "申报状态" {
        Draft = "draft", "草稿";
        Submitted = "submitted", "已提交" | "提交";
        Accepted = "accepted", "已受理" | "受理";
        Approved = "approved", "已立项" | "立项";
        Rejected = "rejected", "未立项" | "不予立项";
        Paid = "paid", "已拨付" | "拨付";
    }
);

impl DossierStatus {
    /// The statuses reachable from this one (草稿 is reached by taking a
    /// dossier back, with a reason).
    pub fn next(self) -> &'static [DossierStatus] {
        use DossierStatus::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Accepted, Approved, Rejected, Draft],
            Accepted => &[Approved, Rejected, Draft],
            Approved => &[Paid],
            Rejected | Paid => &[],
        }
    }
}

/// The narrative sections when a program names none.
pub const DEFAULT_SECTIONS: [&str; 3] = ["项目实施方案", "预期目标", "经费预算"];

/// The label of the frozen packet among a dossier's files.
pub(super) const PACKET_LABEL: &str = "已提交的申报材料（冻结）";

const STATUS: FieldName = field("status", "申报状态");

/// The sections a program's dossier has, in order.
pub fn sections_of(program: &Program) -> Vec<String> {
    if program.sections.is_empty() {
        DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect()
    } else {
        program.sections.clone()
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dossier {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub program_id: String,
    pub year: i32,
    pub status: DossierStatus,
    pub submitted_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    /// 立项 or 未立项.
    pub decided_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub amount_received: Option<Money>,
    /// The frozen packet's sha256, once submitted.
    pub packet_sha256: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Dossier {
    pub fn frozen(&self) -> bool {
        self.status != DossierStatus::Draft
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierSection {
    pub name: String,
    pub body: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierStatusChange {
    pub at: String,
    pub os_user: String,
    pub from: DossierStatus,
    pub to: DossierStatus,
    pub date: Option<NaiveDate>,
    pub reason: String,
}

/// A dossier with everything its page shows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierDetail {
    pub dossier: Dossier,
    pub program_name: String,
    pub sections: Vec<DossierSection>,
    /// The attachments, in packet order.
    pub files: Vec<AttachedFile>,
    /// Attachments the program lists that no file's label names yet.
    pub missing_attachments: Vec<String>,
    /// The program checked today (live), for the year of the dossier.
    pub check: ProgramCheck,
    /// For a submitted dossier: how the live check differs from the one
    /// frozen at submission ("自提交以来 …").
    pub changes: Vec<String>,
    pub history: Vec<DossierStatusChange>,
    /// Transitions open from here.
    pub next: Vec<DossierStatus>,
}

/// The check as frozen at submission: each criterion's verdict and rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Snapshot {
    pub(super) criteria: Vec<SnapshotCriterion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SnapshotCriterion {
    pub(super) id: String,
    pub(super) text: String,
    pub(super) verdict: Verdict,
    pub(super) rows: Vec<String>,
}

impl Snapshot {
    pub(super) fn of(check: &ProgramCheck) -> Snapshot {
        Snapshot {
            criteria: check
                .criteria
                .iter()
                .map(|c| SnapshotCriterion {
                    id: c.id.clone(),
                    text: c.text.clone(),
                    verdict: c.verdict,
                    rows: c
                        .rows
                        .iter()
                        .map(|r| format!("{} {}", r.kind, r.number).trim().to_string())
                        .collect(),
                })
                .collect(),
        }
    }

    /// What changed between this snapshot and `live`, in Chinese.
    pub(super) fn changes(&self, live: &ProgramCheck) -> Vec<String> {
        let mut out = Vec::new();
        for then in &self.criteria {
            let Some(now) = live.criteria.iter().find(|c| c.id == then.id) else {
                continue;
            };
            if now.verdict != then.verdict {
                out.push(format!(
                    "「{}」提交时{}，现在{}",
                    then.text,
                    then.verdict.label(),
                    now.verdict.label()
                ));
            }
            let now_rows: Vec<String> = now
                .rows
                .iter()
                .map(|r| format!("{} {}", r.kind, r.number).trim().to_string())
                .collect();
            let gone: Vec<&String> = then.rows.iter().filter(|r| !now_rows.contains(r)).collect();
            if !gone.is_empty() {
                out.push(format!(
                    "「{}」自提交以来不再计入 {} 条：{}",
                    then.text,
                    gone.len(),
                    gone.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
        }
        out
    }
}

fn dossier_from_row(r: &Row) -> rusqlite::Result<Dossier> {
    Ok(Dossier {
        id: r.get("id")?,
        program_id: r.get("program_id")?,
        year: r.get("year")?,
        status: r.get("status")?,
        submitted_on: r.get("submitted_on")?,
        accepted_on: r.get("accepted_on")?,
        decided_on: r.get("decided_on")?,
        paid_on: r.get("paid_on")?,
        amount_received: r.get::<_, Option<i64>>("amount_received")?.map(Money),
        packet_sha256: r.get("packet_sha256")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

/// What kind of attachment bytes are: a PDF or a picture this build reads.
pub(super) enum FileKind {
    Pdf,
    Image,
}

/// Refuses what the packet cannot carry: not a PDF or a picture, an
/// encrypted or damaged PDF, a picture that does not decode.
/// A PDF by its header or, failing that, its name (a damaged PDF is still
/// meant as one, and is refused as one).
pub(super) fn looks_like_pdf(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") || name.to_lowercase().ends_with(".pdf")
}

/// A dossier's year: 2000–2100.
fn check_year(year: i32) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::invalid(
            field("year", "申报年度"),
            year.to_string(),
            "应为 2000–2100 年",
        ))
    }
}

pub(super) fn packet_file_kind(name: &str, bytes: &[u8]) -> Result<FileKind> {
    if looks_like_pdf(name, bytes) {
        crate::pdf::pdf_page_count(name, bytes)?;
        return Ok(FileKind::Pdf);
    }
    if image::guess_format(bytes).is_ok() {
        if crate::files::picture(bytes, 64).is_none() {
            return Err(Error::invalid(
                field("file", "附件"),
                name,
                "图片无法解码（文件可能已损坏）",
            ));
        }
        return Ok(FileKind::Image);
    }
    Err(Error::invalid(
        field("file", "附件"),
        name,
        "只能添加 PDF 或图片（JPEG、PNG、GIF、WebP、BMP）",
    ))
}

impl Store {
    /// Starts the dossier for `program_id` and `year`, with the program's
    /// narrative sections empty. Errors: [`Error::NotFound`] for an unknown
    /// program; [`Error::Duplicate`] when that year's dossier exists.
    pub fn new_dossier(&mut self, program_id: &str, year: i32) -> Result<Dossier> {
        let program = self.find_program(program_id)?;
        check_year(year)?;
        self.unique_dossier(&program.id, year)?;
        let id = self.write(|tx, audit| insert_dossier(tx, audit, &program, year))?;
        self.dossier(id)
    }

    fn unique_dossier(&self, program_id: &str, year: i32) -> Result<()> {
        let clash: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM dossier WHERE program_id = ?1 AND year = ?2",
                params![program_id, year],
                |r| r.get(0),
            )
            .optional()?;
        match clash {
            Some(id) => Err(Error::Duplicate {
                field: field("year", "申报年度"),
                value: year.to_string(),
                reason: format!("该项目 {year} 年度的申报材料已存在（#{id}）"),
            }),
            None => Ok(()),
        }
    }

    pub fn dossier(&self, id: i64) -> Result<Dossier> {
        self.conn
            .query_row(
                "SELECT * FROM dossier WHERE id = ?1",
                [id],
                dossier_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "申报材料",
                key: id.to_string(),
            })
    }

    /// Every dossier, newest year first.
    pub fn dossiers(&self) -> Result<Vec<Dossier>> {
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM dossier ORDER BY year DESC, program_id, id")?;
        let rows = stmt.query_map([], dossier_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn dossier_sections(
        &self,
        id: i64,
        program: &Program,
    ) -> Result<Vec<DossierSection>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, body FROM dossier_section WHERE dossier_id = ?1")?;
        let stored: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // The program's order; a section the program no longer names stays, last.
        let mut out: Vec<DossierSection> = sections_of(program)
            .into_iter()
            .map(|name| {
                let body = stored
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, b)| b.clone())
                    .unwrap_or_default();
                DossierSection { name, body }
            })
            .collect();
        for (name, body) in stored {
            if !out.iter().any(|s| s.name == name) {
                out.push(DossierSection { name, body });
            }
        }
        Ok(out)
    }

    /// The dossier's attachments in packet order (the frozen packet left out).
    pub fn dossier_files(&self, id: i64) -> Result<Vec<AttachedFile>> {
        Ok(self
            .attachments_of(Entity::Dossier.at(id))?
            .into_iter()
            .filter(|f| f.label != PACKET_LABEL)
            .collect())
    }

    /// The dossier with its sections, files, gaps, the live check and, once
    /// submitted, what changed since.
    pub fn dossier_detail(&self, id: i64, today: NaiveDate) -> Result<DossierDetail> {
        let dossier = self.dossier(id)?;
        let program = self.find_program(&dossier.program_id)?;
        let files = self.dossier_files(id)?;
        let missing_attachments = program
            .attachments
            .iter()
            .filter(|a| !files.iter().any(|f| names_attachment(&f.label, a)))
            .cloned()
            .collect();
        let check = self.check_program_data(&program, dossier.year, today)?;
        let snapshot: Option<String> =
            self.conn
                .query_row("SELECT snapshot FROM dossier WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let changes = match snapshot {
            Some(json) => serde_json::from_str::<Snapshot>(&json)?.changes(&check),
            None => Vec::new(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, os_user, from_status, to_status, date, reason FROM dossier_status_change
             WHERE dossier_id = ?1 ORDER BY id",
        )?;
        let history = stmt
            .query_map([id], |r| {
                Ok(DossierStatusChange {
                    at: r.get(0)?,
                    os_user: r.get(1)?,
                    from: r.get(2)?,
                    to: r.get(3)?,
                    date: r.get(4)?,
                    reason: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DossierDetail {
            next: dossier.status.next().to_vec(),
            sections: self.dossier_sections(id, &program)?,
            program_name: program.name,
            dossier,
            files,
            missing_attachments,
            check,
            changes,
            history,
        })
    }

    /// Refuses any edit of a dossier that is no longer a draft.
    fn draft(&self, id: i64) -> Result<Dossier> {
        let d = self.dossier(id)?;
        if d.frozen() {
            return Err(Error::invalid(
                STATUS,
                d.status.label(),
                "申报材料已提交并冻结，不能修改：可复制为新的草稿，或注明原因退回草稿",
            ));
        }
        Ok(d)
    }

    /// Writes a narrative section. Errors: a frozen dossier; a section the
    /// program does not have (naming those it has).
    pub fn set_dossier_section(&mut self, id: i64, name: &str, body: &str) -> Result<()> {
        let d = self.draft(id)?;
        let program = self.find_program(&d.program_id)?;
        let names = sections_of(&program);
        let name = name.trim();
        if !names.iter().any(|n| n == name) {
            return Err(Error::invalid(
                field("section", "章节"),
                name,
                format!("本项目的申报材料没有该章节，可填写：{}", names.join("、")),
            ));
        }
        let body = body.replace("\r\n", "\n").trim().to_string();
        crate::text::check_text_sizes(&serde_json::json!({ "body": &body }))?;
        self.write(|tx, audit| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT body FROM dossier_section WHERE dossier_id = ?1 AND name = ?2",
                    params![id, name],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO dossier_section (dossier_id, name, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (dossier_id, name) DO UPDATE SET body = excluded.body",
                params![id, name, body],
            )?;
            touch(tx, id, &audit.at)?;
            audit.update(
                tx,
                Entity::Dossier,
                id,
                &serde_json::json!({ "section": name, "body": before }),
                &serde_json::json!({ "section": name, "body": body }),
            )
        })
    }

    /// Adds a PDF or a picture to the dossier's attachments, last, with its
    /// label. Errors: a frozen dossier; a file that is neither, or an
    /// encrypted or damaged PDF — nothing is written.
    pub fn attach_to_dossier(
        &mut self,
        id: i64,
        file_name: &str,
        bytes: &[u8],
        label: &str,
    ) -> Result<AttachedFile> {
        self.draft(id)?;
        let name = checked_file(file_name, bytes)?;
        let label = match label.trim() {
            "" => name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem)
                .to_string(),
            l => l.to_string(),
        };
        packet_file_kind(&format!("{label}（{name}）"), bytes)?;
        let record = Entity::Dossier.at(id);
        let file = self.write(|tx, audit| {
            let file = store_bytes(tx, audit, record, &name, bytes, &label)?;
            touch(tx, id, &audit.at)?;
            Ok(file)
        })?;
        self.attachments_of(record)?
            .into_iter()
            .find(|f| f.attachment.id == file)
            .ok_or(Error::NotFound {
                entity: "附件",
                key: file.to_string(),
            })
    }

    /// [`Store::attach_to_dossier`] with the file at `path`.
    pub fn attach_file_to_dossier(
        &mut self,
        id: i64,
        path: &std::path::Path,
        label: &str,
    ) -> Result<AttachedFile> {
        let (name, bytes) = crate::files::read_user_file(path)?;
        self.attach_to_dossier(id, &name, &bytes, label)
    }

    /// Takes an attachment out of a draft dossier.
    pub fn remove_dossier_file(&mut self, id: i64, attachment_id: i64) -> Result<()> {
        self.draft(id)?;
        self.detach(attachment_id, Entity::Dossier.at(id))
    }

    /// Puts a draft's attachments in the order of `files` (file ids, each
    /// once) and gives them the labels alongside, in one transaction: the
    /// packet prints them in that order. Errors: a frozen dossier; a list
    /// that is not exactly the dossier's files; an empty label.
    pub fn arrange_dossier_files(&mut self, id: i64, files: &[(i64, String)]) -> Result<()> {
        self.draft(id)?;
        let current = self.dossier_files(id)?;
        let mut given: Vec<i64> = files.iter().map(|(f, _)| *f).collect();
        let mut held: Vec<i64> = current.iter().map(|f| f.attachment.id).collect();
        given.sort_unstable();
        held.sort_unstable();
        if given != held {
            return Err(Error::invalid(
                field("files", "附件顺序"),
                format!("{} 个", files.len()),
                format!("应恰好列出本申报材料的 {} 个附件，各一次", current.len()),
            ));
        }
        if let Some((f, _)) = files.iter().find(|(_, label)| label.trim().is_empty()) {
            return Err(Error::invalid(
                field("label", "附件名称"),
                format!("#{f}"),
                "不能为空",
            ));
        }
        let before: Vec<(i64, &str)> = current
            .iter()
            .map(|f| (f.attachment.id, f.label.as_str()))
            .collect();
        self.write(|tx, audit| {
            // The list is read in link order: re-link in the new order.
            for (file, _) in files {
                tx.execute(
                    "DELETE FROM attachment_link WHERE attachment_id = ?1 AND entity = ?2 AND entity_id = ?3",
                    params![file, Entity::Dossier, id],
                )?;
            }
            for (file, label) in files {
                tx.execute(
                    "INSERT INTO attachment_link (attachment_id, entity, entity_id, label) VALUES (?1, ?2, ?3, ?4)",
                    params![file, Entity::Dossier, id, label.trim()],
                )?;
            }
            touch(tx, id, &audit.at)?;
            audit.update(
                tx,
                Entity::Dossier,
                id,
                &serde_json::json!({ "files": before }),
                &serde_json::json!({ "files": files }),
            )
        })
    }

    /// Deletes a draft dossier (a submitted one is a record of what was
    /// handed in and stays).
    pub fn delete_dossier(&mut self, id: i64) -> Result<()> {
        let d = self.draft(id)?;
        // One transaction: the dossier, its links, and any file no other
        // record links any more (`forget_record`).
        self.write(|tx, audit| {
            tx.execute("DELETE FROM dossier WHERE id = ?1", [id])?;
            forget_record(tx, Entity::Dossier.at(id))?;
            audit.delete(tx, Entity::Dossier, id, &d)
        })
    }

    /// Starts `year`'s dossier from dossier `id`: same program, the
    /// sections' text and the attachments (not the frozen packet).
    pub fn copy_dossier(&mut self, id: i64, year: i32) -> Result<Dossier> {
        let from = self.dossier(id)?;
        let program = self.find_program(&from.program_id)?;
        check_year(year)?;
        self.unique_dossier(&program.id, year)?;
        let sections = self.dossier_sections(id, &program)?;
        let files = self.dossier_files(id)?;
        // One transaction: a copy is whole or not at all.
        let new = self.write(|tx, audit| {
            let new = insert_dossier(tx, audit, &program, year)?;
            for s in &sections {
                tx.execute(
                    "INSERT INTO dossier_section (dossier_id, name, body) VALUES (?1, ?2, ?3)
                     ON CONFLICT (dossier_id, name) DO UPDATE SET body = excluded.body",
                    params![new, s.name, s.body],
                )?;
            }
            for f in &files {
                tx.execute(
                    "INSERT INTO attachment_link (attachment_id, entity, entity_id, label) VALUES (?1, ?2, ?3, ?4)",
                    params![f.attachment.id, Entity::Dossier, new, f.label],
                )?;
            }
            audit.update(
                tx,
                Entity::Dossier,
                new,
                &serde_json::json!({}),
                &serde_json::json!({ "copiedFrom": id }),
            )?;
            Ok(new)
        })?;
        self.dossier(new)
    }

    /// Moves a dossier on: 已提交 only through [`Store::submit_dossier`];
    /// 已受理, 已立项 / 未立项 with their date; 已拨付 with the date and the
    /// amount received; back to 草稿 only with a reason (the frozen packet
    /// stays among the files, the freeze is lifted).
    pub fn set_dossier_status(
        &mut self,
        id: i64,
        to: DossierStatus,
        date: Option<NaiveDate>,
        amount: Option<Money>,
        reason: &str,
    ) -> Result<Dossier> {
        let d = self.dossier(id)?;
        if to == DossierStatus::Submitted {
            return Err(Error::invalid(
                STATUS,
                to.label(),
                "提交请用「提交」：提交时生成并冻结申报材料",
            ));
        }
        if !d.status.next().contains(&to) {
            return Err(Error::invalid(
                STATUS,
                to.label(),
                format!("「{}」之后不能改为「{}」", d.status.label(), to.label()),
            ));
        }
        let reason = reason.trim();
        if to == DossierStatus::Draft && reason.is_empty() {
            return Err(Error::Missing {
                field: field("reason", "退回草稿的原因"),
            });
        }
        if to != DossierStatus::Draft && date.is_none() {
            return Err(Error::Missing {
                field: field("date", "日期"),
            });
        }
        crate::calendar::check_date(field("date", "日期"), date)?;
        if let Some(m) = amount {
            if m.0 < 0 {
                return Err(Error::invalid(
                    field("amount", "拨付金额"),
                    m.to_string(),
                    "不能为负数",
                ));
            }
        }
        if to == DossierStatus::Paid && amount.is_none() {
            return Err(Error::Missing {
                field: field("amount", "拨付金额"),
            });
        }
        self.write(|tx, audit| {
            let column = match to {
                DossierStatus::Accepted => Some("accepted_on"),
                DossierStatus::Approved | DossierStatus::Rejected => Some("decided_on"),
                DossierStatus::Paid => Some("paid_on"),
                _ => None,
            };
            if let Some(col) = column {
                tx.execute(
                    &format!("UPDATE dossier SET {col} = ?2 WHERE id = ?1"),
                    params![id, date],
                )?;
            }
            if to == DossierStatus::Paid {
                tx.execute(
                    "UPDATE dossier SET amount_received = ?2 WHERE id = ?1",
                    params![id, amount.map(|m| m.0)],
                )?;
            }
            if to == DossierStatus::Draft {
                tx.execute(
                    "UPDATE dossier SET packet_id = NULL, packet_sha256 = NULL, snapshot = NULL,
                        submitted_on = NULL, accepted_on = NULL, decided_on = NULL WHERE id = ?1",
                    [id],
                )?;
            }
            change_status(tx, audit, &d, to, date, reason)
        })?;
        self.dossier(id)
    }
}

/// Inserts a draft for `program` and `year` with its sections empty.
fn insert_dossier(
    tx: &Transaction,
    audit: &crate::store::Audit,
    program: &Program,
    year: i32,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO dossier (program_id, year, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![program.id, year, audit.at],
    )?;
    let id = tx.last_insert_rowid();
    for name in sections_of(program) {
        tx.execute(
            "INSERT INTO dossier_section (dossier_id, name) VALUES (?1, ?2)",
            params![id, name],
        )?;
    }
    audit.create(
        tx,
        Entity::Dossier,
        id,
        &serde_json::json!({ "programId": program.id, "year": year }),
    )?;
    Ok(id)
}

/// Whether an attachment's label covers a listed attachment (either names
/// the other).
fn names_attachment(label: &str, listed: &str) -> bool {
    let key = |s: &str| s.split(['（', '(']).next().unwrap_or(s).trim().to_string();
    let (a, b) = (key(label), key(listed));
    !a.is_empty() && (a.contains(&b) || b.contains(&a))
}

pub(super) fn touch(tx: &Transaction, id: i64, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE dossier SET updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

pub(super) fn change_status(
    tx: &Transaction,
    audit: &crate::store::Audit,
    d: &Dossier,
    to: DossierStatus,
    date: Option<NaiveDate>,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE dossier SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![d.id, to, audit.at],
    )?;
    tx.execute(
        "INSERT INTO dossier_status_change (dossier_id, at, os_user, from_status, to_status, date, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![d.id, audit.at, audit.user, d.status, to, date, reason],
    )?;
    audit.update(
        tx,
        Entity::Dossier,
        d.id,
        &serde_json::json!({ "status": d.status }),
        &serde_json::json!({ "status": to, "date": date, "reason": reason }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_names_a_listed_attachment_either_way() {
        assert!(names_attachment("营业执照", "营业执照（副本）"));
        assert!(names_attachment("知识产权证书 ZL2019…", "知识产权证书"));
        assert!(!names_attachment("审计报告", "营业执照"));
        assert!(!names_attachment("", "营业执照"));
    }

    #[test]
    fn statuses_move_forward_and_back_only_to_draft() {
        use DossierStatus::*;
        assert_eq!(Draft.next(), [Submitted]);
        assert!(Submitted.next().contains(&Draft));
        assert!(Paid.next().is_empty());
        assert!(
            !Approved.next().contains(&Draft),
            "an approved dossier is final"
        );
    }
}
