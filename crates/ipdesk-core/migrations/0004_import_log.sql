-- IP Desk schema v4: a log of committed imports (导入记录).
--
-- One row per import that was written: which file and sheet, by whom, when,
-- and what it did. A patent an import created gets an audit row that points
-- here and names its sheet row, `{"importBatch": id, "sheetRow": n}`,
-- instead of repeating every field: the sheet row is what was imported, and
-- later audit rows hold every change since (with its before value). At
-- 100,000 rows the full rows were a third of the database and of the time
-- an import took (BENCHMARKS.md, "Import").
CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('patent', 'trademark')),
    -- The file's name as the user chose it (no folder: the log is shown and
    -- printed, and a path may name a person's home folder).
    file TEXT NOT NULL,
    sheet TEXT NOT NULL,
    header_row INTEGER NOT NULL,
    on_duplicate TEXT NOT NULL,
    rows INTEGER NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);
