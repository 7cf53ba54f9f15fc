//! Limits a real ledger never reaches, checked before a file reaches a
//! reader library and while its cells are read, so that a hostile or broken
//! file is refused with the limit named instead of taking the memory of
//! the machine (a spreadsheet library reserves what the file declares).
//!
//! - the file's size ([`MAX_FILE_BYTES`]);
//! - inside a workbook (a zip): the parts' unpacked size in all and each
//!   part's packing ratio, as the archive declares them (a zip bomb);
//! - the shared-strings part, which a reader loads whole: its declared
//!   count and its real unpacked size, read through a bounded pass;
//! - an .xls sheet's extent ([`MAX_SHEET_CELLS`], `biff.rs`);
//! - columns per row ([`MAX_COLUMNS`]) and characters per cell
//!   ([`MAX_CELL_CHARS`], Excel's own limit).

use std::io::{BufReader, Read};
use std::path::Path;

use super::read::bad_file;
use super::Cell;
use crate::error::Result;

/// The largest file an import opens: 200 MB. A 200,000-row ledger is about
/// 30 MB as .xlsx and 60 MB as CSV.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// The most a workbook's parts may unpack to, in all: 1 GB.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// The highest packing ratio of a part over 1 MB unpacked. Sheet XML packs
/// about 10:1, very repetitive sheets 50:1; a zip bomb 1000:1.
pub const MAX_PACKING_RATIO: u64 = 200;
/// The most shared strings (distinct texts) a workbook may declare.
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;
/// The largest shared-strings part, unpacked: 256 MB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 * 1024 * 1024;
/// The most columns a row may reach: a ledger has a few dozen.
pub const MAX_COLUMNS: usize = 1024;
/// The most characters in one cell, as in Excel.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most cells one .xls sheet may span, from its first to its last cell
/// (a reader lays it out as a dense grid): 4,000,000, as 100,000 rows of 40
/// columns. A ledger of 20,000 patents in 30 columns spans 600,000.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;
/// The most parts in a workbook.
const MAX_PARTS: usize = 10_000;

const MB: u64 = 1024 * 1024;

/// Checks `path` before any reader opens it: its size and, for a workbook
/// that is a zip (.xlsx, .xlsm, .xlsb, .ods), its parts.
pub(crate) fn check_file(path: &Path, ext: &str) -> Result<()> {
    let len = std::fs::metadata(path)?.len();
    if len > MAX_FILE_BYTES {
        return Err(bad_file(
            path,
            format!(
                "文件过大（{} MB），导入的文件最大 {} MB，请拆分后分批导入",
                len / MB,
                MAX_FILE_BYTES / MB
            ),
        ));
    }
    if matches!(ext, "xlsx" | "xlsm" | "xlsb" | "ods") {
        check_zip(path)?;
    }
    if ext == "xls" {
        super::biff::check_xls(path)?;
    }
    Ok(())
}

fn check_zip(path: &Path) -> Result<()> {
    let damaged = |e: zip::result::ZipError| {
        bad_file(path, format!("文件已损坏、不完整或不是 Excel 文件（{e}）"))
    };
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    if zip.len() > MAX_PARTS {
        return Err(bad_file(
            path,
            format!(
                "文件包含 {} 个部件，超过 {MAX_PARTS} 个的上限，不像是表格文件",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut shared = None;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(damaged)?;
        let (packed, size) = (part.compressed_size(), part.size());
        let name = part.name().map_err(damaged)?.into_owned();
        total = total.saturating_add(size);
        if size > MB && size / packed.max(1) > MAX_PACKING_RATIO {
            return Err(bad_file(
                path,
                format!(
                    "文件中的「{}」解压后 {} MB、压缩后仅 {} KB，压缩比超过 {MAX_PACKING_RATIO}:1 的上限，疑似压缩炸弹，未导入",
                    name,
                    size / MB,
                    packed / 1024
                ),
            ));
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(bad_file(
                path,
                format!(
                    "文件解压后超过 {} MB 的上限，未导入",
                    MAX_UNPACKED_BYTES / MB
                ),
            ));
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared = Some(i);
        }
    }
    if let Some(i) = shared {
        let part = zip.by_index(i).map_err(damaged)?;
        check_shared_strings(path, part)?;
    }
    Ok(())
}

/// Reads the shared-strings part through a pass that stops past its limit:
/// the declared counts must be within [`MAX_SHARED_STRINGS`] and the real
/// unpacked size within [`MAX_SHARED_STRINGS_BYTES`], whatever the archive
/// claims.
fn check_shared_strings(path: &Path, part: impl Read) -> Result<()> {
    let mut limited = part.take(MAX_SHARED_STRINGS_BYTES + 1);
    let mut head = vec![0u8; 4096];
    let mut filled = 0;
    while filled < head.len() {
        match limited.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) => return Err(bad_file(path, format!("文件已损坏（共享字符串：{e}）"))),
        }
    }
    let head = String::from_utf8_lossy(&head[..filled]);
    for attr in ["uniqueCount", "count"] {
        if let Some(n) = declared(&head, attr) {
            if n > MAX_SHARED_STRINGS {
                return Err(bad_file(
                    path,
                    format!(
                        "文件声明了 {n} 个共享字符串（{attr}），超过 {MAX_SHARED_STRINGS} 个的上限，未导入"
                    ),
                ));
            }
        }
    }
    let rest = std::io::copy(&mut limited, &mut std::io::sink())
        .map_err(|e| bad_file(path, format!("文件已损坏（共享字符串：{e}）")))?;
    if filled as u64 + rest > MAX_SHARED_STRINGS_BYTES {
        return Err(bad_file(
            path,
            format!(
                "文件的共享字符串解压后超过 {} MB 的上限，未导入",
                MAX_SHARED_STRINGS_BYTES / MB
            ),
        ));
    }
    Ok(())
}

/// The number in `attr="…"` of the first `<sst …>` tag in `head`; a number
/// too long for u64 counts as over every limit.
fn declared(head: &str, attr: &str) -> Option<u64> {
    let tag = &head[head.find("<sst")?..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let needle = format!(" {attr}=");
    let at = tag.find(&needle)? + needle.len();
    let value = tag[at..].trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Refuses a cell past [`MAX_COLUMNS`] that holds anything (an empty one is
/// passed over by the caller) and text over [`MAX_CELL_CHARS`].
pub(crate) fn check_cell(path: &Path, row: usize, col: usize, cell: &Cell) -> Result<()> {
    if col >= MAX_COLUMNS && !cell.is_empty() {
        return Err(bad_file(
            path,
            format!(
                "第 {row} 行第 {} 列有内容，超出 {MAX_COLUMNS} 列的上限，不像是台账，未导入",
                col + 1
            ),
        ));
    }
    if let Cell::Text(s) | Cell::UncachedFormula(s) = cell {
        // Bytes first: most cells are short, and a char is at most 4 bytes.
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            return Err(bad_file(
                path,
                format!(
                    "第 {row} 行第 {} 列的文字有 {} 字，超过单元格 {MAX_CELL_CHARS} 字的上限，未导入",
                    col + 1,
                    s.chars().count()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_counts_are_read_from_the_sst_tag() {
        let head =
            r#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="4000000000"><si>"#;
        assert_eq!(declared(head, "uniqueCount"), Some(4_000_000_000));
        assert_eq!(declared(head, "count"), Some(12));
        assert_eq!(declared("<sst>", "count"), None);
        assert_eq!(
            declared(r#"<sst count="99999999999999999999999">"#, "count"),
            Some(u64::MAX)
        );
    }
}
