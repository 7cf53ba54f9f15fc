//! The audit trail: one row per change, with who, when and what.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::Result;

/// One row of the audit trail.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub entity: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub entity_id: i64,
    pub action: String,
    /// `{ field: [before, after] }`; for a record an import created,
    /// `{ importBatch, sheetRow }` (see [`AuditEntry::imported_from`]).
    pub changes: serde_json::Value,
    /// For a record an import created: the file and row it came from.
    pub imported_from: Option<ImportedFrom>,
}

/// Where an imported record came from, as its history shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFrom {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub batch: i64,
    pub file: String,
    pub sheet: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: i64,
}

impl Store {
    pub fn history(&self, entity: Entity, entity_id: i64) -> Result<Vec<AuditEntry>> {
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
        entity: Entity,
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
        entity: Entity,
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
        entity: Entity,
        id: i64,
        before: &T,
    ) -> Result<()> {
        let changes = every_field_json(before, deleted_pair)?;
        self.insert(tx, entity, id, "delete", &changes)
    }

    pub(crate) fn insert(
        &self,
        tx: &Transaction,
        entity: Entity,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::Company;

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
            ["chainLeader", "headcount", "name", "qualifications"],
            "empty fields (\"\", [], null) are left out; false is a value"
        );
    }
}
