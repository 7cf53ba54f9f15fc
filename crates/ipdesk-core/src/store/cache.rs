//! The listing cache: ordered ids of recent listings, keyed by the query
//! and the database's data version.

use std::sync::Arc;

use rusqlite::types::Value;

use super::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListingKey {
    pub(crate) sql: String,
    pub(crate) args: Vec<(String, Value)>,
}

/// The ordered ids of the last few ledger listings, valid while the data
/// version they were read at holds. A listing's ids are a few hundred KB
/// at most (8 bytes per patent).
#[derive(Debug, Default)]
pub(crate) struct ListingCache {
    entries: Vec<(ListingKey, DataVersion, Arc<Vec<i64>>)>,
}

/// See `Store::data_version`.
pub(crate) type DataVersion = (u64, i64);

impl ListingCache {
    const KEEP: usize = 8;

    pub(crate) fn get(&mut self, key: &ListingKey, version: DataVersion) -> Option<Arc<Vec<i64>>> {
        self.entries.retain(|(_, v, _)| *v == version);
        let i = self.entries.iter().position(|(k, _, _)| k == key)?;
        let entry = self.entries.remove(i);
        let ids = Arc::clone(&entry.2);
        self.entries.push(entry);
        Some(ids)
    }

    pub(crate) fn put(&mut self, key: ListingKey, version: DataVersion, ids: Arc<Vec<i64>>) {
        self.entries.retain(|(k, v, _)| *v == version && *k != key);
        if self.entries.len() >= Self::KEEP {
            self.entries.remove(0);
        }
        self.entries.push((key, version, ids));
    }
}

impl Store {
    /// What identifies the database's content for [`ListingCache`]: this
    /// connection's change counter and SQLite's `data_version` (which moves
    /// when another connection commits).
    pub(crate) fn data_version(&self) -> Result<DataVersion> {
        let other: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((self.conn.total_changes(), other))
    }

    /// A number that moves whenever another connection — the command line,
    /// another program — commits to this database, and only then: the
    /// desktop app polls it to refresh its views under such a write.
    pub fn outside_changes(&self) -> Result<i64> {
        Ok(self.data_version()?.1)
    }

    /// Drops the remembered listings, so the next page of every filter is
    /// computed afresh (benchmarks use it to time the first page of a filter).
    pub fn forget_listings(&self) {
        self.listings.borrow_mut().entries.clear();
    }
}
