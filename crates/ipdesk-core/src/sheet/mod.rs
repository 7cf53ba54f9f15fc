//! Spreadsheet I/O, domain-free: reading .xlsx/.xls/.ods/.csv into rows of
//! [`Cell`]s (streamed for .xlsx), cell parsers every import shares, the one
//! generic import row loop (each importable record kind implements
//! [`Importable`]), and the .xlsx/.csv writers of exports.
//!
//! What a column *means* is the case file's business: it hands the reader a
//! test for its header names and the row loop its [`Importable`] record.

mod biff;
mod cells;
mod guard;
mod import;
mod read;
mod write;

pub use cells::normalise_header;
pub(crate) use cells::{
    bool_of, calendar_year_of, cell, date_of, jurisdiction_code, readable, split_list, split_names,
    year_of,
};
pub use guard::{
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PACKING_RATIO, MAX_SHARED_STRINGS,
    MAX_SHARED_STRINGS_BYTES, MAX_SHEET_CELLS, MAX_UNPACKED_BYTES,
};
pub(crate) use import::{import_rows, Importable, RowChunk};
pub use import::{ImportOptions, OnDuplicate, RowAction, RowError, RowOutcome};
pub(crate) use read::{open_table_with, STREAM_CHUNK};
pub use read::{other_sheets, Cell, SheetRow, SheetStream, Table, MAX_IMPORT_ROWS};
pub use write::ExportFormat;
pub(crate) use write::{date_cell, text_cell, write_table, yes_no_cell};
