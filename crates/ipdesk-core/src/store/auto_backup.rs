//! Automatic backups: a copy of the open database on open and then daily,
//! into a folder the officer chooses (a USB drive, a network share),
//! rotated so the last few days and weeks are kept.
//!
//! Each copy is SQLite's online backup, checked before it takes its name
//! ([`Store::backup_to`]); its name says which database and which day it
//! is (`台账.auto-2026-12-03.db`), so one folder can hold the backups of
//! several databases and the list is read back from the names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Error, Result};

const POLICY_KEY: &str = "backup.policy";

/// The most days or weeks the officer can ask to keep.
pub const MAX_KEPT: u32 = 366;

/// Where automatic backups go and how many are kept.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupPolicy {
    /// Automatic backups on or off.
    pub enabled: bool,
    /// The folder; `None` is the default, `ipdesk-backups` beside the
    /// database.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub dir: Option<PathBuf>,
    /// Daily backups kept (the newest days with a backup).
    pub daily: u32,
    /// Weekly backups kept: the newest backup of each of the newest weeks,
    /// besides the daily ones.
    pub weekly: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            enabled: true,
            dir: None,
            daily: 7,
            weekly: 4,
        }
    }
}

/// One automatic backup found in the folder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupEntry {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub day: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// What one automatic backup run did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoBackupReport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub dir: PathBuf,
    /// The copy made now; `None` when today's already existed or automatic
    /// backups are off.
    pub taken: Option<BackupReport>,
    /// Older copies the rotation removed.
    #[cfg_attr(feature = "ts", ts(type = "Array<string>"))]
    pub removed: Vec<PathBuf>,
    /// Every automatic backup of this database kept, newest first.
    pub kept: Vec<BackupEntry>,
}

/// The days to keep out of those with a backup: the newest `daily` days,
/// and the newest day of each of the `weekly` ISO weeks before them (a
/// week with a daily copy needs no weekly one). The rest are removed.
pub fn rotation(days: &[NaiveDate], daily: u32, weekly: u32) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let mut newest_first: Vec<NaiveDate> = days.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let week_of = |d: &NaiveDate| (d.iso_week().year(), d.iso_week().week());
    let mut keep: BTreeSet<NaiveDate> = newest_first.iter().take(daily as usize).copied().collect();
    let mut covered: BTreeSet<(i32, u32)> = keep.iter().map(week_of).collect();
    let mut weeks = 0;
    for day in newest_first.iter().skip(daily as usize) {
        if weeks >= weekly {
            break;
        }
        if covered.insert(week_of(day)) {
            keep.insert(*day);
            weeks += 1;
        }
    }
    let remove = newest_first
        .iter()
        .filter(|d| !keep.contains(d))
        .copied()
        .collect();
    (keep.into_iter().rev().collect(), remove)
}

impl Store {
    /// The automatic-backup settings (the defaults until changed). A damaged
    /// stored value reads as the defaults: backups go on.
    pub fn backup_policy(&self) -> Result<BackupPolicy> {
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [POLICY_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(stored
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Changes the automatic-backup settings (audited). Refuses a folder
    /// that is the database's own, a relative path, or counts outside
    /// 1–[`MAX_KEPT`] days and 0–[`MAX_KEPT`] weeks.
    pub fn set_backup_policy(&mut self, policy: BackupPolicy) -> Result<BackupPolicy> {
        if !(1..=MAX_KEPT).contains(&policy.daily) {
            return Err(Error::invalid(
                field("daily", "保留每日备份数"),
                policy.daily.to_string(),
                format!("应在 1 至 {MAX_KEPT} 之间"),
            ));
        }
        if policy.weekly > MAX_KEPT {
            return Err(Error::invalid(
                field("weekly", "保留每周备份数"),
                policy.weekly.to_string(),
                format!("应在 0 至 {MAX_KEPT} 之间"),
            ));
        }
        if let Some(dir) = &policy.dir {
            if !dir.is_absolute() {
                return Err(Error::invalid(
                    field("dir", "备份文件夹"),
                    dir.display().to_string(),
                    "请选择一个完整的文件夹路径",
                ));
            }
        }
        let before = self.backup_policy()?;
        let value = serde_json::to_string(&policy)?;
        self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![POLICY_KEY, value],
            )?;
            audit.update(
                tx,
                Entity::Setting,
                0,
                &serde_json::json!({ "backupPolicy": before }),
                &serde_json::json!({ "backupPolicy": policy }),
            )
        })?;
        self.backup_policy()
    }

    /// The folder automatic backups go to: the policy's, else
    /// `ipdesk-backups` beside the database. `None` for an in-memory store.
    pub fn backup_dir(&self, policy: &BackupPolicy) -> Option<PathBuf> {
        policy.dir.clone().or_else(|| {
            let own = self.path()?;
            Some(
                own.parent()
                    .unwrap_or(Path::new("."))
                    .join("ipdesk-backups"),
            )
        })
    }

    /// This database's automatic backups in `dir`, newest first.
    pub fn auto_backups(&self, dir: &Path) -> Result<Vec<BackupEntry>> {
        let Some(stem) = self.backup_stem() else {
            return Ok(Vec::new());
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let prefix = format!("{stem}.auto-");
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(day) = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".db"))
                .and_then(|d| d.parse::<NaiveDate>().ok())
            else {
                continue;
            };
            let meta = entry.metadata()?;
            if meta.is_file() {
                found.push(BackupEntry {
                    path: entry.path(),
                    day,
                    bytes: meta.len(),
                });
            }
        }
        found.sort_by_key(|e| std::cmp::Reverse(e.day));
        Ok(found)
    }

    /// Takes today's automatic backup unless one exists (or backups are
    /// off), then removes what the rotation no longer keeps. Meant for a
    /// reader connection on a thread of its own ([`Store::open_reader`]):
    /// the online backup copies the last committed state while the app
    /// goes on writing. A copy that fails its check is removed and the
    /// error returned; the older copies stay.
    pub fn auto_backup(&self, today: NaiveDate) -> Result<AutoBackupReport> {
        let policy = self.backup_policy()?;
        let Some(dir) = self.backup_dir(&policy) else {
            return Err(Error::invalid(
                field("dir", "备份文件夹"),
                "",
                "内存中的数据库没有文件，无法自动备份",
            ));
        };
        let stem = self.backup_stem().unwrap_or_default();
        let mut taken = None;
        if policy.enabled {
            std::fs::create_dir_all(&dir).map_err(|e| {
                Error::invalid(
                    field("dir", "备份文件夹"),
                    dir.display().to_string(),
                    format!("无法创建或写入（{e}）：请检查 U 盘或网络共享是否已连接"),
                )
            })?;
            let today_path = dir.join(format!("{stem}.auto-{today}.db"));
            if !today_path.exists() {
                taken = Some(self.backup_to(&today_path)?);
            }
        }
        let existing = self.auto_backups(&dir)?;
        let days: Vec<NaiveDate> = existing.iter().map(|e| e.day).collect();
        let (_, remove) = rotation(&days, policy.daily, policy.weekly);
        let mut removed = Vec::new();
        // Rotation only prunes when a backup was just taken (or exists for
        // today): a folder whose newest copy is old keeps all it has.
        if policy.enabled && days.contains(&today) {
            for e in existing.iter().filter(|e| remove.contains(&e.day)) {
                std::fs::remove_file(&e.path)?;
                removed.push(e.path.clone());
            }
        }
        Ok(AutoBackupReport {
            kept: self.auto_backups(&dir)?,
            dir,
            taken,
            removed,
        })
    }

    /// The database file's name without its extension, which names its
    /// automatic backups.
    fn backup_stem(&self) -> Option<String> {
        Some(self.path()?.file_stem()?.to_string_lossy().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_rotation_keeps_seven_days_and_four_weeks() {
        // A backup every day for 60 days up to Thursday 2026-12-03.
        let days: Vec<NaiveDate> = (0..60)
            .map(|i| d("2026-12-03") - chrono::Days::new(i))
            .collect();
        let (keep, remove) = rotation(&days, 7, 4);
        assert_eq!(keep.len(), 11);
        assert_eq!(remove.len(), 49);
        assert_eq!(
            &keep[..7],
            (0..7)
                .map(|i| d("2026-12-03") - chrono::Days::new(i))
                .collect::<Vec<_>>()
        );
        // The daily ones reach back to Friday 27 Nov, in the week of Monday
        // 23 Nov; the weekly ones are the newest day (Sunday) of each of the
        // four weeks before.
        assert_eq!(
            keep[7..],
            [
                d("2026-11-22"),
                d("2026-11-15"),
                d("2026-11-08"),
                d("2026-11-01")
            ]
        );
        assert!(remove.iter().all(|r| !keep.contains(r)));
    }

    #[test]
    fn the_rotation_keeps_everything_while_there_is_little() {
        let days = [d("2026-12-03"), d("2026-11-01"), d("2026-10-01")];
        let (keep, remove) = rotation(&days, 7, 4);
        assert_eq!(keep, [d("2026-12-03"), d("2026-11-01"), d("2026-10-01")]);
        assert!(remove.is_empty());
        let (keep, remove) = rotation(&days, 1, 0);
        assert_eq!(
            (keep, remove),
            (
                vec![d("2026-12-03")],
                vec![d("2026-11-01"), d("2026-10-01")]
            )
        );
    }
}
