//! The custody log: append-only and hash-chained. Each entry's hash covers
//! its fields and the previous entry's hash, and `custody_head` holds the
//! newest entry's, so editing or deleting any entry (or the newest ones) is
//! seen by [`check_chain`].

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Evidence, Lead};
use crate::error::Result;
use crate::store::Audit;

coded_enum!(
    /// What a custody-log entry records.
    CustodyAction, "保管动作" {
        Intake = "intake", "入库";
        View = "view", "查看";
        Export = "export", "导出";
        Verify = "verify", "核验";
        Remove = "remove", "移除";
    }
);

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the custody log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustodyEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: CustodyAction,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub lead_id: Option<i64>,
    pub lead_title: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub evidence_id: Option<i64>,
    pub file_name: String,
    pub sha256: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl CustodyEntry {
    /// The hash this entry must carry: sha256 over its fields and the
    /// previous entry's hash, as a JSON array (a fixed, unambiguous form).
    fn expected_hash(&self) -> String {
        chain_hash(
            self.seq,
            &self.at,
            &self.actor,
            self.action,
            self.lead_id,
            &self.lead_title,
            self.evidence_id,
            &self.file_name,
            &self.sha256,
            &self.detail,
            &self.prev_hash,
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn chain_hash(
    seq: i64,
    at: &str,
    actor: &str,
    action: CustodyAction,
    lead_id: Option<i64>,
    lead_title: &str,
    evidence_id: Option<i64>,
    file_name: &str,
    sha256: &str,
    detail: &str,
    prev: &str,
) -> String {
    let canonical = serde_json::json!([
        seq,
        at,
        actor,
        action.code(),
        lead_id,
        lead_title,
        evidence_id,
        file_name,
        sha256,
        detail,
        prev
    ]);
    let digest = Sha256::digest(canonical.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An entry about to be appended.
pub(super) struct NewCustody {
    pub action: CustodyAction,
    pub lead_id: Option<i64>,
    pub lead_title: String,
    pub evidence_id: Option<i64>,
    pub file_name: String,
    pub sha256: String,
    pub detail: String,
}

impl NewCustody {
    pub(super) fn of(action: CustodyAction, lead: &Lead, e: &Evidence, detail: &str) -> Self {
        NewCustody {
            action,
            lead_id: Some(lead.id),
            lead_title: lead.data.title.clone(),
            evidence_id: Some(e.id),
            file_name: e.original_name.clone(),
            sha256: e.sha256.clone(),
            detail: detail.into(),
        }
    }
}

/// Appends `e` to the chain inside the caller's transaction and makes it
/// the head. It follows the head rather than the newest row still in the
/// log: were the newest entries deleted, the next entry would otherwise
/// chain onto what is left and hide the gap; following the head keeps the
/// gap visible. (Should the head have been set back, it follows the newest
/// row, and the verification reports the head.)
pub(super) fn append_custody(tx: &Transaction, audit: &Audit, e: NewCustody) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let head: Option<(i64, String)> = tx
        .query_row("SELECT seq, hash FROM custody_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (seq, prev) = match (head, last) {
        (Some((hs, hh)), Some((ls, _))) if hs >= ls => (hs + 1, hh),
        (_, Some((ls, lh))) => (ls + 1, lh),
        (Some((hs, hh)), None) => (hs + 1, hh),
        (None, None) => (1, GENESIS.to_string()),
    };
    let hash = chain_hash(
        seq,
        &audit.at,
        &audit.user,
        e.action,
        e.lead_id,
        &e.lead_title,
        e.evidence_id,
        &e.file_name,
        &e.sha256,
        &e.detail,
        &prev,
    );
    tx.execute(
        "INSERT INTO custody_log (seq, at, actor, action, lead_id, lead_title, evidence_id,
             file_name, sha256, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            seq,
            audit.at,
            audit.user,
            e.action,
            e.lead_id,
            e.lead_title,
            e.evidence_id,
            e.file_name,
            e.sha256,
            e.detail,
            prev,
            hash
        ],
    )?;
    tx.execute(
        "INSERT INTO custody_head (id, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        params![seq, hash],
    )?;
    Ok(())
}

/// A break in the custody chain.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainProblem {
    /// The entry where the break shows.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub seq: Option<i64>,
    pub lead_title: String,
    pub file_name: String,
    pub message: String,
}

/// Walks the log in order: each entry must follow the previous one's number
/// and hash and carry its own hash; the head must name the newest entry.
pub(super) fn check_chain(log: &[CustodyEntry], head: Option<(i64, String)>) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    let mut prev_hash = GENESIS.to_string();
    let mut next_seq = 1;
    let problem = |e: &CustodyEntry, message: String| ChainProblem {
        seq: Some(e.seq),
        lead_title: e.lead_title.clone(),
        file_name: e.file_name.clone(),
        message,
    };
    let what = |e: &CustodyEntry| {
        let mut s = format!("（{}", e.action.label());
        if !e.lead_title.is_empty() {
            s.push_str(&format!("，线索「{}」", e.lead_title));
        }
        if !e.file_name.is_empty() {
            s.push_str(&format!("，文件「{}」", e.file_name));
        }
        s.push('）');
        s
    };
    for e in log {
        if e.seq != next_seq {
            problems.push(problem(
                e,
                format!(
                    "保管记录{}缺失：记录被删除，链条在第 {} 条处断开",
                    entries(next_seq, e.seq - 1),
                    e.seq
                ),
            ));
        } else if e.prev_hash != prev_hash {
            problems.push(problem(
                e,
                format!(
                    "保管记录第 {} 条{}记载的前一条哈希与第 {} 条不符：前面的记录被改动或删除",
                    e.seq,
                    what(e),
                    e.seq - 1
                ),
            ));
        }
        if e.expected_hash() != e.hash {
            problems.push(problem(
                e,
                format!(
                    "保管记录第 {} 条{}的内容被改动：与其哈希不符",
                    e.seq,
                    what(e)
                ),
            ));
        }
        prev_hash = e.hash.clone();
        next_seq = e.seq + 1;
    }
    match (log.last(), head) {
        (None, None) => {}
        (Some(last), Some((seq, hash))) if last.seq == seq && last.hash == hash => {}
        (Some(last), Some((seq, _))) if seq > last.seq => problems.push(ChainProblem {
            seq: Some(seq),
            lead_title: String::new(),
            file_name: String::new(),
            message: format!(
                "保管记录{}缺失：最新的记录被删除（链头记载共 {} 条）",
                entries(last.seq + 1, seq),
                seq
            ),
        }),
        (None, Some((seq, _))) => problems.push(ChainProblem {
            seq: Some(seq),
            lead_title: String::new(),
            file_name: String::new(),
            message: format!("保管记录全部缺失（链头记载共 {seq} 条）"),
        }),
        (Some(last), _) => problems.push(problem(
            last,
            format!(
                "保管记录链头与第 {} 条{}不符：最新的记录被改动或删除",
                last.seq,
                what(last)
            ),
        )),
    }
    problems
}

/// "第 3 条" or "第 3–5 条".
fn entries(from: i64, to: i64) -> String {
    if from >= to {
        format!("第 {from} 条")
    } else {
        format!("第 {from}–{to} 条")
    }
}

pub(super) fn custody_from_row(r: &Row) -> rusqlite::Result<CustodyEntry> {
    Ok(CustodyEntry {
        seq: r.get("seq")?,
        at: r.get("at")?,
        actor: r.get("actor")?,
        action: r.get("action")?,
        lead_id: r.get("lead_id")?,
        lead_title: r.get("lead_title")?,
        evidence_id: r.get("evidence_id")?,
        file_name: r.get("file_name")?,
        sha256: r.get("sha256")?,
        detail: r.get("detail")?,
        prev_hash: r.get("prev_hash")?,
        hash: r.get("hash")?,
    })
}
