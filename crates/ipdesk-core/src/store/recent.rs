//! The databases this user opened lately, newest first: a small JSON list
//! beside the default database, which the desktop app offers under
//! 设置 → 数据库 → 最近打开.

use std::path::{Path, PathBuf};

use crate::error::Result;

/// How many databases the list keeps.
pub const RECENT_KEEP: usize = 8;

/// Where the list lives: `recent.json` in the folder of
/// [`super::Store::default_path`].
pub fn recent_file() -> PathBuf {
    super::Store::default_path().with_file_name("recent.json")
}

/// The list in `file`, newest first. A missing, unreadable or garbled file
/// is an empty list: the list is a convenience and never stops a start.
pub fn recent_databases(file: &Path) -> Vec<PathBuf> {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<PathBuf>>(&bytes).ok())
        .map(|mut list| {
            list.truncate(RECENT_KEEP);
            list
        })
        .unwrap_or_default()
}

/// Puts `db` first in the list in `file` (once), keeping [`RECENT_KEEP`];
/// written atomically.
pub fn remember_database(file: &Path, db: &Path) -> Result<()> {
    let db = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let mut list = recent_databases(file);
    list.retain(|p| p != &db);
    list.insert(0, db);
    list.truncate(RECENT_KEEP);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let bytes = serde_json::to_vec_pretty(&list).map_err(std::io::Error::other)?;
    super::write_atomic(file, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_newest_first_once_each_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app").join("recent.json");
        assert!(recent_databases(&file).is_empty(), "no file yet");
        let db = |n: usize| dir.path().join(format!("{n}.db"));
        for n in 0..10 {
            remember_database(&file, &db(n)).unwrap();
        }
        remember_database(&file, &db(5)).unwrap();
        let list = recent_databases(&file);
        assert_eq!(list.len(), RECENT_KEEP);
        assert_eq!(list[0], db(5), "the one opened last comes first");
        assert_eq!(list[1], db(9));
        assert_eq!(list.iter().filter(|p| **p == db(5)).count(), 1, "once");
        assert!(!list.contains(&db(0)), "the oldest fell off");
        std::fs::write(&file, b"{not json").unwrap();
        assert!(
            recent_databases(&file).is_empty(),
            "a garbled list is empty"
        );
        remember_database(&file, &db(1)).unwrap();
        assert_eq!(recent_databases(&file), [db(1)], "and is started afresh");
    }
}
