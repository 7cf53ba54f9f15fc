//! What the import wizard shows for a picked sheet: its columns, the kind of
//! ledger it seems to hold, and for each kind the remembered or suggested
//! mapping with the fields a column can hold.

use std::path::PathBuf;

use serde::Serialize;

use super::{Field, ImportKind, Mapping};
use crate::error::Result;
use crate::sheet::Table;
use crate::store::Store;

/// A field a column can be mapped to; `code` is the serde name the mapping uses.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldOption {
    pub code: Field,
    pub header: &'static str,
    pub required: bool,
}

/// The file the user picked, its columns, what it seems to hold and, for
/// each kind of sheet, the suggested (or remembered) mapping.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPicked {
    pub path: PathBuf,
    pub sheet: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub header_row: usize,
    pub headers: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row_count: usize,
    /// The kind a remembered mapping or the headers suggest.
    pub kind: ImportKind,
    /// One plan per kind, so the user can switch without another round trip.
    pub plans: Vec<KindPlan>,
}

/// How a sheet's columns map for one kind of record.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindPlan {
    pub kind: ImportKind,
    /// One entry per column: the field it holds, or null.
    pub mapping: Vec<Option<Field>>,
    pub fields: Vec<FieldOption>,
}

impl Store {
    /// The wizard's view of a sheet read from `path`.
    pub fn import_picked(&self, path: PathBuf, table: Table) -> Result<ImportPicked> {
        let (kind, _) = self.import_plan(&table.headers)?;
        let plans = ImportKind::ALL
            .iter()
            .map(|&k| {
                let mapping = self.import_mapping_for(k, &table.headers)?;
                Ok(KindPlan {
                    kind: k,
                    mapping: mapping.to_columns(table.headers.len()),
                    fields: Field::of(k)
                        .iter()
                        .map(|&f| FieldOption {
                            code: f,
                            header: f.header(),
                            required: Field::required(k).contains(&f),
                        })
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ImportPicked {
            kind,
            plans,
            row_count: table.rows.len(),
            sheet: table.sheet,
            header_row: table.header_row,
            headers: table.headers,
            path,
        })
    }
}

impl Mapping {
    /// One entry per column (of `width`): the field it holds, or none — the
    /// shape the wizard edits.
    pub fn to_columns(&self, width: usize) -> Vec<Option<Field>> {
        (0..width).map(|c| self.0.get(&c).copied()).collect()
    }

    /// The wizard's one-entry-per-column mapping as column → field.
    pub fn from_columns(columns: Vec<Option<Field>>) -> Mapping {
        Mapping(
            columns
                .into_iter()
                .enumerate()
                .filter_map(|(c, f)| Some((c, f?)))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wizard_mapping_round_trips_by_column() {
        let cols = vec![Some(Field::AppNo), None, Some(Field::Title)];
        let m = Mapping::from_columns(cols.clone());
        assert_eq!(m.0.len(), 2, "empty columns map to nothing");
        assert_eq!(m.to_columns(3), cols);
        assert_eq!(m.to_columns(4)[3], None, "columns past the map are empty");
    }
}
