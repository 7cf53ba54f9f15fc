//! Atomic writes of the files the app produces (exports, PDFs, backups):
//! through a `.part` file beside the target, flushed to the disk, a rename,
//! and the folder flushed so the rename itself survives a power cut.

use std::path::{Path, PathBuf};

use super::Store;
use crate::error::{Error, Result};

pub(crate) fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

/// Writes `bytes` to `out` through a `.part` file beside it and a rename, so
/// a reader never sees half a file and a failed write leaves the old file.
pub fn write_atomic(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let part = part_path(out);
    let written = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&part)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    commit_part(&part, out)
}

/// Flushes the finished `.part` file, renames it over `out` and flushes the
/// folder; on failure the `.part` file goes and `out` is as it was.
pub(crate) fn commit_part(part: &Path, out: &Path) -> std::io::Result<()> {
    let done = (|| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(part)?
            .sync_all()?;
        std::fs::rename(part, out)
    })();
    if let Err(e) = done {
        let _ = std::fs::remove_file(part);
        return Err(e);
    }
    sync_dir(out)
}

/// Flushes the folder holding `file`, making a rename into it durable. On
/// Windows a folder cannot be opened for flushing and NTFS journals the
/// rename itself, so there is nothing to do.
pub(crate) fn sync_dir(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

impl Store {
    /// Writes a file the app produced (a PDF) atomically, refusing to write
    /// over the open database or its journal files.
    pub fn save_file(&self, out: &Path, bytes: &[u8]) -> Result<()> {
        self.refuse_own_files(out)?;
        write_atomic(out, bytes)?;
        Ok(())
    }

    /// Refuses an output path that is the open database, its `-wal`, `-shm`
    /// or `-journal`: writing there would destroy the ledger. Caught under
    /// any spelling — another letter case where the file system ignores
    /// case (Windows, macOS), a link, the folder reached another way — by
    /// file identity; a journal file not there yet, by its name.
    pub(crate) fn refuse_own_files(&self, out: &Path) -> Result<()> {
        let Some(db) = self.path() else {
            return Ok(());
        };
        let own = ["", "-wal", "-shm", "-journal"].map(|suffix| {
            let mut name = db.file_name().unwrap_or_default().to_os_string();
            name.push(suffix);
            db.with_file_name(name)
        });
        let folder = |p: &Path| {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            dir.canonicalize().ok()
        };
        let name = |p: &Path| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        let same_folder = matches!((folder(db), folder(out)), (Some(a), Some(b)) if a == b);
        let is_own = own.iter().any(|f| {
            is_same_file(f, out) || (same_folder && same_name(&name(f), &name(out), CASE_BLIND))
        });
        if is_own {
            return Err(Error::invalid(
                "导出文件",
                out.display().to_string(),
                "是正在使用的数据库文件，不能覆盖；请另选文件名",
            ));
        }
        Ok(())
    }
}

/// Whether `a` and `b` are one file. On Unix by `stat` (device and inode),
/// never by opening: closing any descriptor of the database file drops
/// every POSIX lock this process holds on it, SQLite's included (an e2e run
/// saw "disk I/O error" right after). Windows locks belong to a handle, so
/// there the `same-file` crate's handle comparison is safe.
fn is_same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        same_file::is_same_file(a, b).unwrap_or(false)
    }
}

/// Whether this system's file systems ignore letter case in names (NTFS and
/// APFS as they ship).
const CASE_BLIND: bool = cfg!(any(windows, target_os = "macos"));

fn same_name(a: &str, b: &str, case_blind: bool) -> bool {
    if case_blind {
        a.to_lowercase() == b.to_lowercase()
    } else {
        a == b
    }
}

#[cfg(test)]
mod tests {
    use super::same_name;

    /// Windows and macOS compare names without case: 「LEDGER.DB」 there is
    /// the open 「ledger.db」. Linux does not (tested where it runs).
    #[test]
    fn names_compare_as_the_file_system_does() {
        assert!(same_name("Ledger.DB-wal", "ledger.db-WAL", true));
        assert!(same_name("台账.db", "台账.DB", true));
        assert!(!same_name("Ledger.db", "ledger.db", false));
        assert!(!same_name("ledger.db", "ledger.db.pdf", true));
    }
}
