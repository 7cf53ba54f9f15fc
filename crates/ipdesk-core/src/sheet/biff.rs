//! The check of an .xls (BIFF) file before calamine opens it. calamine
//! reserves what a sheet's DIMENSIONS record declares, and lays each sheet
//! out as a dense grid from its first to its last cell; a file that
//! declares 4,000,000,000 rows, or puts one cell at row 65,535 and column
//! 65,535, asks for terabytes, and a failed allocation ends the process —
//! no thread can contain it. The sheets are walked as calamine walks them
//! (from the BoundSheet8 offsets of the workbook globals to each sheet's
//! EOF, nested substreams skipped), and a sheet whose declared or real
//! extent passes [`MAX_SHEET_CELLS`] is refused with its size named.

use std::io::Read;
use std::path::Path;

use super::guard::MAX_SHEET_CELLS;
use super::read::bad_file;
use crate::error::Result;

/// Record types (MS-XLS 2.3) of the walk.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MUL_RK: u16 = 0x00BD;
/// The cell records calamine keeps, each starting with its row and column.
const CELLS: &[u16] = &[0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

pub(super) fn check_xls(path: &Path) -> Result<()> {
    let broken = |e: std::io::Error| {
        bad_file(
            path,
            format!("不是有效的 .xls 文件（复合文档结构损坏：{e}），请在 Excel 或 WPS 中另存为 .xlsx 后导入"),
        )
    };
    let mut book = cfb::open(path).map_err(broken)?;
    // No workbook stream: calamine says so in its own words.
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| book.is_stream(n))
    else {
        return Ok(());
    };
    let mut stream = Vec::new();
    book.open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(broken)?;
    for (i, pos) in sheet_offsets(&stream).into_iter().enumerate() {
        // An offset past the end: calamine's own slice fails, on the
        // reader thread, and the file is refused there.
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        if let Some(cells) = too_large(sheet) {
            return Err(bad_file(
                path,
                format!(
                    "第 {} 个工作表的范围约 {cells} 个单元格，超过 {MAX_SHEET_CELLS} 个的上限（可能有远离数据的单元格，或文件已损坏）；请删除多余的行列，或另存为 .xlsx 后导入",
                    i + 1
                ),
            ));
        }
    }
    Ok(())
}

/// BIFF records from the start of `s`: type and data. Stops where a record
/// runs past the end, as calamine then stops with an error.
fn records(mut s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes([*s.first()?, *s.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*s.get(2)?, *s.get(3)?]));
        let data = s.get(4..4 + len)?;
        s = &s[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
    ])))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// Where each sheet's records start, from the globals' BoundSheet8 records.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    records(stream)
        .take_while(|(typ, _)| *typ != EOF)
        .filter(|(typ, _)| *typ == BOUND_SHEET)
        .filter_map(|(_, d)| u32_at(d, 0).map(|p| p as usize))
        .collect()
}

/// The cells a DIMENSIONS record makes calamine reserve, worked out as
/// calamine does (`parse_dimensions`, then `end - start + 1` in u32, which
/// wraps in a release build when the record's first row is past its last).
fn declared_cells(d: &[u8]) -> Option<u64> {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (u16_at(d, 0)?, u16_at(d, 2)?, u16_at(d, 4)?, u16_at(d, 6)?),
        14 | 16 => (u32_at(d, 0)?, u32_at(d, 4)?, u16_at(d, 8)?, u16_at(d, 10)?),
        _ => return None,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
    Some(rows.saturating_mul(cols))
}

/// The cells of one sheet's grid, if over the limit: what its DIMENSIONS
/// declares, or the box from its first to its last cell.
fn too_large(sheet: &[u8]) -> Option<u64> {
    let mut seen_bof = false;
    let mut depth = 0usize;
    let (mut rows, mut cols) = ((u32::MAX, 0), (u32::MAX, 0));
    let mut add = |r: u32, c: u32| {
        rows = (rows.0.min(r), rows.1.max(r));
        cols = (cols.0.min(c), cols.1.max(c));
    };
    for (typ, d) in records(sheet) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => (),
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => {
                if let Some(n) = declared_cells(d).filter(|n| *n > MAX_SHEET_CELLS) {
                    return Some(n);
                }
            }
            MUL_RK if d.len() >= 6 => {
                if let (Some(r), Some(first), Some(last)) =
                    (u16_at(d, 0), u16_at(d, 2), u16_at(d, d.len() - 2))
                {
                    add(r, first);
                    add(r, last);
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(r), Some(c)) = (u16_at(d, 0), u16_at(d, 2)) {
                    add(r, c);
                }
            }
            _ => (),
        }
    }
    if rows.0 > rows.1 {
        return None;
    }
    let n = u64::from(rows.1 - rows.0 + 1) * u64::from(cols.1 - cols.0 + 1);
    (n > MAX_SHEET_CELLS).then_some(n)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn cell(row: u16, col: u16) -> Vec<u8> {
        // A Number record: row, column, format, then the value.
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
        d.extend(1.0f64.to_le_bytes());
        record(0x0203, &d)
    }

    /// An .xls whose one sheet holds `sheet` between its BOF and EOF.
    fn xls(dir: &Path, sheet: &[u8]) -> std::path::PathBuf {
        let bof = record(BOF, &[0, 6, 0x10, 0, 0, 0, 0, 0]);
        let eof = record(EOF, &[]);
        // BoundSheet8: the sheet's offset, visibility, type, name.
        let name = [0, 0, 2, 0, b'S', b'1'];
        let globals_len = bof.len() + 4 + 4 + name.len() + eof.len();
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend(name);
        let mut stream = [bof.clone(), record(BOUND_SHEET, &bound), eof.clone()].concat();
        stream.extend([bof, sheet.to_vec(), eof].concat());
        let path = dir.join("台账.xls");
        let mut file = cfb::create(&path).unwrap();
        file.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        file.flush().unwrap();
        path
    }

    fn refused(path: &Path) -> String {
        match check_xls(path) {
            Err(e) => e.to_string(),
            Ok(()) => panic!("{} passed the check", path.display()),
        }
    }

    /// What the fuzzer found (fuzz/regressions/sheet_xls/crash-413a…,
    /// crash-a62f…): a declared size, and two cells far apart, that made
    /// calamine ask for 11 PB and 135 GB and ended the process.
    #[test]
    fn a_sheet_too_large_to_lay_out_is_refused_before_calamine_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(4_000_000_000u32.to_le_bytes());
        dims.extend([0, 0, 0, 1, 0, 0]);
        let msg = refused(&xls(dir.path(), &record(DIMENSIONS, &dims)));
        assert!(msg.contains("超过 4000000 个的上限"), "{msg}");
        // First row past the last: calamine's u32 subtraction wraps.
        let mut dims = 10u32.to_le_bytes().to_vec();
        dims.extend(5u32.to_le_bytes());
        dims.extend([0, 0, 1, 0, 0, 0]);
        refused(&xls(dir.path(), &record(DIMENSIONS, &dims)));
        let far = [cell(0, 0), cell(65_535, 65_535)].concat();
        let msg = refused(&xls(dir.path(), &far));
        assert!(
            msg.contains("第 1 个工作表") && msg.contains("另存为 .xlsx"),
            "{msg}"
        );
        // A chart inside the sheet is passed over, as calamine passes it over.
        let chart = [
            record(BOF, &[0, 6, 0x20, 0, 0, 0, 0, 0]),
            cell(65_535, 255),
            record(EOF, &[]),
        ]
        .concat();
        check_xls(&xls(dir.path(), &[cell(0, 0), chart].concat())).unwrap();
    }

    #[test]
    fn a_ledger_sized_sheet_passes() {
        let dir = tempfile::tempdir().unwrap();
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(20_001u32.to_le_bytes());
        dims.extend([0, 0, 30, 0, 0, 0]);
        let rows = [record(DIMENSIONS, &dims), cell(0, 0), cell(20_000, 29)].concat();
        check_xls(&xls(dir.path(), &rows)).unwrap();
        let seed =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/sheet_xls/ledger.xls");
        check_xls(&seed).unwrap();
        let not_ole = dir.path().join("假的.xls");
        std::fs::write(&not_ole, "申请号,专利名称\n").unwrap();
        assert!(refused(&not_ole).contains("不是有效的 .xls 文件"));
    }
}
