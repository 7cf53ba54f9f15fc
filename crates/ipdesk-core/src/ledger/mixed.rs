//! Lists holding patents and trademarks together — a 类型 column that says
//! 商标 on some rows, or a workbook with a sheet of each — imported in one
//! transaction ([`Store::import_mixed`] writes both kinds).

use std::path::Path;

use super::import::is_import_header;
use super::*;
use crate::error::Result;
use crate::sheet::*;
use crate::store::Store;

impl Store {
    /// Imports a sheet opened with [`open_table`] as `kind`: patents while
    /// the sheet is still being read, trademarks (small ledgers) once it is.
    /// Patents and trademarks together go in one transaction, the report's
    /// [`ImportReport::trademarks`] holding the marks': a patent list whose
    /// 类型 column says 商标 on some rows, or a workbook whose other sheet
    /// lists the other kind (its mapping remembered or suggested).
    pub fn import_sheet(
        &mut self,
        sheet: SheetStream,
        kind: ImportKind,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        // Mixed lists are a company's whole portfolio, thousands of rows at
        // most; a larger sheet keeps being written while it is read.
        const MIXED_CHECK_ROWS: usize = 20_000;
        if sheet.rows_hint <= MIXED_CHECK_ROWS {
            let path = sheet.path().to_path_buf();
            let table = sheet.collect()?;
            let other = self.other_kind_sheet(&path, &table.sheet, kind)?;
            let joined = |mut p: ImportReport, m: ImportReport| {
                p.trademarks = Some(Box::new(m));
                p
            };
            return match (kind, other) {
                (ImportKind::Patent, Some((marks, mark_mapping))) => {
                    let (p, m) = self.import_mixed(
                        (&table, mapping),
                        (&marks, Some(&mark_mapping)),
                        opts,
                        progress,
                    )?;
                    Ok(joined(p, m))
                }
                (ImportKind::Trademark, Some((patents, patent_mapping))) => {
                    let (p, m) = self.import_mixed(
                        (&patents, &patent_mapping),
                        (&table, Some(mapping)),
                        opts,
                        progress,
                    )?;
                    Ok(joined(p, m))
                }
                (ImportKind::Patent, None) => match split_mixed(&table, mapping) {
                    Some((patents, marks)) => {
                        let (p, m) =
                            self.import_mixed((&patents, mapping), (&marks, None), opts, progress)?;
                        Ok(joined(p, m))
                    }
                    None => self.import_patents(&table, mapping, opts, progress),
                },
                (ImportKind::Trademark, None) => {
                    self.import_trademarks(&table, mapping, opts, progress)
                }
            };
        }
        match kind {
            ImportKind::Patent => self.import_patents_streamed(sheet, mapping, opts, progress),
            ImportKind::Trademark => {
                self.import_trademarks(&sheet.collect()?, mapping, opts, progress)
            }
        }
    }

    /// The first other sheet of the workbook at `path` (not `first`) whose
    /// header is a list of the kind `kind` is not, with its mapping.
    fn other_kind_sheet(
        &self,
        path: &Path,
        first: &str,
        kind: ImportKind,
    ) -> Result<Option<(Table, Mapping)>> {
        let want = match kind {
            ImportKind::Patent => ImportKind::Trademark,
            ImportKind::Trademark => ImportKind::Patent,
        };
        for table in other_sheets(path, first, is_import_header)? {
            let (found, mapping) = self.import_plan(&table.headers)?;
            if found == want && mapping.check_for(want, &table.headers).is_ok() {
                return Ok(Some((table, mapping)));
            }
        }
        Ok(None)
    }
}

/// The rows of `table` whose 类型 cell names a trademark, when the sheet
/// mixes patents and trademarks in one list: split into a patent table and
/// a trademark table under the same header. `None` when no row does.
pub fn split_mixed(table: &Table, mapping: &Mapping) -> Option<(Table, Table)> {
    let col = mapping.column_of(Field::Kind)?;
    let is_mark = |r: &SheetRow| {
        let t = cell(r, col).text();
        t.contains("商标") || t.trim().parse::<ImportKind>().ok() == Some(ImportKind::Trademark)
    };
    if !table.rows.iter().any(is_mark) {
        return None;
    }
    let (marks, patents): (Vec<SheetRow>, Vec<SheetRow>) =
        table.rows.iter().cloned().partition(|r| is_mark(r));
    let with = |rows| Table {
        rows,
        ..table.clone()
    };
    Some((with(patents), with(marks)))
}
