use super::*;
use crate::error::{field, Error, Result};
use crate::store::{Entity, Store};

/// The other members of patent `?1`'s family. A link is stored once, as
/// (smaller id, larger id), so the patent may be in either column.
const FAMILY_SQL: &str = "SELECT p.* FROM patent p JOIN patent_family f
       ON p.id = CASE WHEN f.patent_id = ?1 THEN f.member_id ELSE f.patent_id END
     WHERE f.patent_id = ?1 OR f.member_id = ?1 ORDER BY p.filing_date";

impl Store {
    /// Links two patents as members of one family (a CN patent and its
    /// foreign or PCT counterparts).
    pub fn link_family(&mut self, a: i64, b: i64) -> Result<()> {
        if a == b {
            return Err(Error::invalid(
                field("familyAppNo", "同族专利"),
                a.to_string(),
                "不能与自身关联",
            ));
        }
        self.patent(a)?;
        self.patent(b)?;
        let (lo, hi) = (a.min(b), a.max(b));
        self.write(|tx, audit| {
            let n = tx.execute(
                "INSERT OR IGNORE INTO patent_family (patent_id, member_id) VALUES (?1, ?2)",
                [lo, hi],
            )?;
            if n > 0 {
                audit.update(
                    tx,
                    Entity::Patent,
                    a,
                    &serde_json::json!({"familyMember": null}),
                    &serde_json::json!({"familyMember": b}),
                )?;
            }
            Ok(())
        })
    }

    pub fn unlink_family(&mut self, a: i64, b: i64) -> Result<()> {
        // Unlinking two patents that are not linked changes nothing and is
        // fine; unlinking one that does not exist is a caller's mistake.
        self.patent(a)?;
        self.patent(b)?;
        let (lo, hi) = (a.min(b), a.max(b));
        self.write(|tx, audit| {
            let n = tx.execute(
                "DELETE FROM patent_family WHERE patent_id = ?1 AND member_id = ?2",
                [lo, hi],
            )?;
            if n > 0 {
                audit.update(
                    tx,
                    Entity::Patent,
                    a,
                    &serde_json::json!({"familyMember": b}),
                    &serde_json::json!({"familyMember": null}),
                )?;
            }
            Ok(())
        })
    }

    /// The other members of a patent's family (direct links).
    pub fn family(&self, id: i64) -> Result<Vec<Patent>> {
        let mut stmt = self.conn.prepare_cached(FAMILY_SQL)?;
        let rows = stmt.query_map([id], patent_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlinking_a_patent_that_does_not_exist_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store.unlink_family(-1, -2).unwrap_err();
        assert!(
            matches!(err, Error::NotFound { .. }),
            "the UI is told, as for every other command on a missing patent: {err:?}"
        );
    }

    /// A patent's family is read for every row of the high-value list and
    /// for each detail page: a full scan of the links there would make the
    /// list quadratic. `EXPLAIN` on the SQL `Store::family` runs.
    #[test]
    fn a_family_is_found_by_an_index_on_either_column() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {FAMILY_SQL}"))
            .unwrap()
            .query_map([0], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            !plan.iter().any(|s| s.starts_with("SCAN")),
            "no table is scanned: {plan:#?}"
        );
        for column in ["patent_id", "member_id"] {
            assert!(
                plan.iter()
                    .any(|s| s.starts_with("SEARCH f") && s.contains(&format!("({column}=?)"))),
                "links are searched by {column} through an index (migration 0003): {plan:#?}"
            );
        }
    }
}
