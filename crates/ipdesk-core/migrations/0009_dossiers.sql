-- IP Desk schema v9: 申报材料 — the dossier for one program and year.
--
-- A dossier moves 草稿 → 已提交 → 已受理 → 已立项 / 未立项 → 已拨付. At
-- submission it is frozen: the packet PDF's exact bytes are kept as a file of
-- the files kernel (linked to the dossier), with their sha256 and a snapshot
-- of the program check (every criterion's verdict and rows), so a later
-- ledger edit never changes what was handed in. Attachments are files linked
-- to the dossier (attachment_link, entity 'dossier'), in the order added.
CREATE TABLE dossier (
    id INTEGER PRIMARY KEY,
    program_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'accepted', 'approved', 'rejected', 'paid')),
    submitted_on TEXT,
    accepted_on TEXT,
    decided_on TEXT,
    paid_on TEXT,
    amount_received INTEGER CHECK (amount_received IS NULL OR amount_received >= 0),
    packet_id INTEGER REFERENCES attachment (id),
    packet_sha256 TEXT,
    snapshot TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (program_id, year)
);

-- The narrative sections (实施方案, 预期目标, 经费预算 …): plain text,
-- paragraphs separated by blank lines.
CREATE TABLE dossier_section (
    dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, name)
);

-- Every status change with its date and, for a dossier taken back to
-- 草稿 after submission, the reason.
CREATE TABLE dossier_status_change (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL DEFAULT '',
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    date TEXT,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_status_change_dossier ON dossier_status_change (dossier_id);
