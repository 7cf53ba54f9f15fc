//! Atomic writes of the files the app produces (exports, PDFs, backups):
//! through a `.part` file beside the target and a rename.

use std::path::{Path, PathBuf};

pub(crate) fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

/// Writes `bytes` to `out` through a `.part` file beside it and a rename, so
/// a reader never sees half a file and a failed write leaves the old file.
pub fn write_atomic(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let part = part_path(out);
    std::fs::write(&part, bytes).inspect_err(|_| {
        let _ = std::fs::remove_file(&part);
    })?;
    std::fs::rename(&part, out).inspect_err(|_| {
        let _ = std::fs::remove_file(&part);
    })
}
