//! Importing a trademark ledger (商标台账): the same file reading, mapping,
//! dry run and all-or-nothing commit as patents, over [`TrademarkData`].
//! Trademark ledgers run to hundreds of rows, not 100,000, so rows are
//! checked and written on one thread.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::{
    bool_of, cell, column_of_error, date_of, error_at, readable, split_list, Cell, Field,
    ImportKind, ImportOptions, ImportReport, Mapping, OnDuplicate, RowAction, RowOutcome, SheetRow,
    Table,
};
use crate::error::{Error, Result};
use crate::model::{TrademarkData, TrademarkStatus};
use crate::records::{insert_record, record_by_unique, replace_record, Record};
use crate::store::{Audit, Store};

impl Store {
    /// Imports the rows of `table` as trademarks, keyed by 注册号: all of
    /// them in one transaction, or — if any row has an error, or
    /// `opts.dry_run` — none. A number already in the ledger (or earlier in
    /// the file) is updated or skipped as `opts.on_duplicate` says.
    ///
    /// Errors: an invalid mapping; [`Error::ImportRejected`] with the full
    /// report when a row is bad (a dry run returns the report instead).
    pub fn import_trademarks(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        mapping.check_for(ImportKind::Trademark, &table.headers)?;
        // Trademark ledgers are small: created trademarks keep full audit rows.
        self.import_in_transaction(
            ImportKind::Trademark,
            table,
            mapping,
            opts,
            |tx, audit, _| {
                Ok((
                    import_rows(tx, audit, table, mapping, opts, progress)?,
                    Vec::new(),
                ))
            },
        )
    }
}

fn import_rows(
    tx: &Transaction,
    audit: &Audit,
    table: &Table,
    mapping: &Mapping,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport::start(ImportKind::Trademark, table, mapping, opts);
    let total = table.rows.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        let outcome = import_row(tx, audit, table, mapping, opts, row, &mut seen, &mut report)?;
        report.tally(outcome);
        progress(i + 1, total);
    }
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn import_row(
    tx: &Transaction,
    audit: &Audit,
    table: &Table,
    mapping: &Mapping,
    opts: &ImportOptions,
    row: &SheetRow,
    seen: &mut HashMap<String, usize>,
    report: &mut ImportReport,
) -> Result<RowOutcome> {
    let mut outcome = RowOutcome {
        row: row.row,
        app_no: String::new(),
        action: RowAction::Failed,
        note: String::new(),
    };
    let error_at =
        |col: Option<usize>, value: String, e: &Error| error_at(table, row, col, value, e);
    let before = report.errors.len();
    let fresh = apply_cells(TrademarkData::default(), mapping, row, |c, v, e| {
        report.errors.push(error_at(Some(c), v, &e))
    });
    if report.errors.len() > before {
        return Ok(outcome);
    }
    let checked = match fresh.normalise() {
        Ok(t) => t,
        Err(e) => {
            let col = column_of_error(Field::TRADEMARK, mapping, &e);
            let value = col.map(|c| cell(row, c).text()).unwrap_or_default();
            report.errors.push(error_at(col, value, &e));
            return Ok(outcome);
        }
    };
    outcome.app_no = checked.reg_no.clone();
    let earlier = seen.get(&checked.reg_no).copied();
    seen.entry(checked.reg_no.clone()).or_insert(row.row);
    let Some((id, existing)) = record_by_unique::<TrademarkData>(tx, &checked.reg_no)? else {
        insert_record(tx, audit, &checked)?;
        outcome.action = RowAction::Created;
        return Ok(outcome);
    };
    outcome.note = match earlier {
        Some(r) => format!("与第 {r} 行注册号相同"),
        None => "台账中已有该注册号".to_string(),
    };
    if opts.on_duplicate == OnDuplicate::Skip {
        outcome.action = RowAction::Skipped;
        return Ok(outcome);
    }
    // Columns the sheet does not map keep what the ledger has.
    let merged = apply_cells(existing.clone(), mapping, row, |_, _, _| {});
    let merged = match merged.normalise() {
        Ok(t) => t,
        Err(e) => {
            report.errors.push(error_at(None, String::new(), &e));
            return Ok(outcome);
        }
    };
    if merged == existing {
        outcome.action = RowAction::Unchanged;
    } else {
        replace_record(tx, audit, id, &existing, &merged)?;
        outcome.action = RowAction::Updated;
    }
    Ok(outcome)
}

/// Writes the mapped cells of `row` into `t`, reporting each bad cell to
/// `fail(column, value, error)` and leaving its field as it was.
fn apply_cells(
    mut t: TrademarkData,
    mapping: &Mapping,
    row: &SheetRow,
    mut fail: impl FnMut(usize, String, Error),
) -> TrademarkData {
    for (&col, &field) in &mapping.0 {
        let c = cell(row, col);
        let label = field.header();
        let text = c.text();
        let result: Result<()> = (|| {
            readable(label, c)?;
            match field {
                // Registration numbers are digits, sometimes with a prefix
                // letter (G for international registrations); spaces go.
                Field::RegNo => t.reg_no = text.split_whitespace().collect(),
                Field::Mark => t.mark = text.clone(),
                Field::Classes => t.classes = classes_of(label, c)?,
                Field::RegDate => t.reg_date = date_of(label, c)?,
                Field::ExpiryDate => t.expiry_date = date_of(label, c)?,
                Field::TrademarkStatus if !c.is_empty() => {
                    t.status = text.parse::<TrademarkStatus>()?
                }
                Field::WellKnown => t.well_known = bool_of(label, c)?,
                Field::GeographicalIndication => t.geographical_indication = bool_of(label, c)?,
                Field::Notes => t.notes = text.clone(),
                // Patent fields: `Mapping::check_for` keeps them out.
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            fail(col, text, e);
        }
    }
    t
}

/// Nice classes as ledgers write them: `9`, `9、35、42`, `第9类`,
/// `9类;35类`, `09`.
fn classes_of(label: &'static str, c: &Cell) -> Result<Vec<u32>> {
    if let Cell::Number(n) = c {
        if n.fract() == 0.0 && *n >= 0.0 {
            return Ok(vec![*n as u32]);
        }
    }
    split_list(&c.text())
        .iter()
        .map(|s| {
            let t = s.trim_start_matches('第').trim_end_matches('类').trim();
            t.parse::<u32>().map_err(|_| {
                Error::invalid(
                    label,
                    s.clone(),
                    "应为尼斯分类号（1–45），多个类别用顿号分隔，如 9、35、42",
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_read_in_the_shapes_ledgers_use() {
        let text = |s: &str| Cell::Text(s.into());
        assert_eq!(classes_of("类别", &Cell::Number(9.0)).unwrap(), [9]);
        assert_eq!(classes_of("类别", &text("9、35、42")).unwrap(), [9, 35, 42]);
        assert_eq!(classes_of("类别", &text("第9类；第35类")).unwrap(), [9, 35]);
        assert_eq!(classes_of("类别", &text("09")).unwrap(), [9]);
        assert!(classes_of("类别", &text("电子产品")).is_err());
        assert!(classes_of("类别", &Cell::Empty).unwrap().is_empty());
    }
}
