//! Typed links between records of any kind (`record_link`), and what
//! deleting a record does to the links and files that point at it.

use rusqlite::{params, Transaction};
use serde::Serialize;

use super::{Entity, EntityRef, Store};
use crate::error::{Error, Result};

/// A link from one record to another.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordLink {
    pub from: EntityRef,
    pub to: EntityRef,
    pub label: String,
}

impl Store {
    /// Links `from` to `to` with a label (replacing the label of an existing
    /// link). Errors: [`Error::NotFound`] when either record does not exist;
    /// an input error for a link from a record to itself.
    pub fn link_records(&mut self, from: EntityRef, to: EntityRef, label: &str) -> Result<()> {
        if from == to {
            return Err(Error::invalid(
                "关联记录",
                to.id.to_string(),
                "不能与自身关联",
            ));
        }
        self.write(|tx, audit| {
            ensure_exists(tx, from)?;
            ensure_exists(tx, to)?;
            tx.execute(
                "INSERT INTO record_link (from_entity, from_id, to_entity, to_id, label)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO UPDATE SET label = excluded.label",
                params![from.entity, from.id, to.entity, to.id, label.trim()],
            )?;
            audit.update(
                tx,
                from.entity,
                from.id,
                &serde_json::json!({}),
                &serde_json::json!({ "link": to, "label": label.trim() }),
            )
        })
    }

    /// Removes the link from `from` to `to`; no link is not an error.
    pub fn unlink_records(&mut self, from: EntityRef, to: EntityRef) -> Result<()> {
        self.write(|tx, audit| {
            let n = tx.execute(
                "DELETE FROM record_link
                 WHERE from_entity = ?1 AND from_id = ?2 AND to_entity = ?3 AND to_id = ?4",
                params![from.entity, from.id, to.entity, to.id],
            )?;
            if n > 0 {
                audit.update(
                    tx,
                    from.entity,
                    from.id,
                    &serde_json::json!({ "link": to }),
                    &serde_json::json!({}),
                )?;
            }
            Ok(())
        })
    }

    /// The links from `from`, in the order they were made.
    pub fn links_from(&self, from: EntityRef) -> Result<Vec<RecordLink>> {
        self.links("from_entity = ?1 AND from_id = ?2", from)
    }

    /// The links to `to` from records of any kind.
    pub fn links_to(&self, to: EntityRef) -> Result<Vec<RecordLink>> {
        self.links("to_entity = ?1 AND to_id = ?2", to)
    }

    fn links(&self, filter: &str, r: EntityRef) -> Result<Vec<RecordLink>> {
        let sql = format!(
            "SELECT from_entity, from_id, to_entity, to_id, label FROM record_link
             WHERE {filter} ORDER BY rowid"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![r.entity, r.id], |row| {
            Ok(RecordLink {
                from: EntityRef {
                    entity: row.get(0)?,
                    id: row.get(1)?,
                },
                to: EntityRef {
                    entity: row.get(2)?,
                    id: row.get(3)?,
                },
                label: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The table a record kind lives in, where it is a table of its own.
fn table_of(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Patent
        | Entity::AnnuityPayment
        | Entity::Trademark
        | Entity::Pledge
        | Entity::Award
        | Entity::Transfer
        | Entity::Insurance
        | Entity::Product
        | Entity::Company
        | Entity::Attachment
        | Entity::LayoutPlan
        | Entity::PlanItem
        | Entity::Lead
        | Entity::LeadAction
        | Entity::Evidence
        | Entity::Qualification
        | Entity::OtherIp
        | Entity::Dossier => Some(entity.code()),
        Entity::Holiday | Entity::Setting => None,
    }
}

pub(crate) fn ensure_exists(tx: &Transaction, r: EntityRef) -> Result<()> {
    let found = match table_of(r.entity) {
        Some(table) => tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [r.id],
            |row| row.get(0),
        )?,
        None => false,
    };
    if found {
        Ok(())
    } else {
        Err(Error::NotFound {
            entity: r.entity.label(),
            key: r.id.to_string(),
        })
    }
}

/// Inside a record's delete: drops the links from and to it and its file
/// links, then the files nothing links any more. A file another record still
/// links stays.
pub(crate) fn forget_record(tx: &Transaction, r: EntityRef) -> Result<()> {
    tx.execute(
        "DELETE FROM record_link WHERE (from_entity = ?1 AND from_id = ?2)
                                    OR (to_entity = ?1 AND to_id = ?2)",
        params![r.entity, r.id],
    )?;
    tx.execute(
        "DELETE FROM attachment_link WHERE entity = ?1 AND entity_id = ?2",
        params![r.entity, r.id],
    )?;
    tx.execute(
        "DELETE FROM attachment WHERE NOT EXISTS
             (SELECT 1 FROM attachment_link l WHERE l.attachment_id = attachment.id)",
        [],
    )?;
    Ok(())
}
