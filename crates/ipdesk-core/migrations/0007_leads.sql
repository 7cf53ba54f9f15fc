-- IP Desk schema v7: 案卷三 侵权线索 (the infringement-lead log) and its
-- evidence locker with a hash-chained custody log.
CREATE TABLE lead (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    discovered_date TEXT NOT NULL,
    channel TEXT NOT NULL,
    suspect_name TEXT NOT NULL,
    suspect_uscc TEXT NOT NULL DEFAULT '',
    suspect_address TEXT NOT NULL DEFAULT '',
    suspect_shop TEXT NOT NULL DEFAULT '',
    suspect_url TEXT NOT NULL DEFAULT '',
    suspect_platform TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    scale TEXT NOT NULL DEFAULT '',
    -- 分 (1/100 yuan), as every amount in the store.
    estimated_loss INTEGER NOT NULL DEFAULT 0 CHECK (estimated_loss >= 0),
    region TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'verifying', 'evidenced', 'handling', 'closed', 'dropped')),
    -- The date the lead was fed back to the market-regulation bureau, and to which body.
    reported_date TEXT,
    reported_to TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX lead_discovered ON lead (discovered_date, id);
CREATE INDEX lead_status ON lead (status, discovered_date);

-- Every status change, dated, with who made it and why.
CREATE TABLE lead_status_change (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    date TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX lead_status_change_lead ON lead_status_change (lead_id);

-- What was done about a lead: a warning letter, a platform complaint, a suit …
CREATE TABLE lead_action (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    counterpart TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    -- The next step's deadline; shown on the dashboard until `done`.
    due_date TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lead_action_lead ON lead_action (lead_id);
CREATE INDEX lead_action_due ON lead_action (due_date) WHERE done = 0;

-- The ledger rights a lead concerns. The number is kept as it was linked:
-- a patent or trademark deleted from the ledger leaves a visible "missing"
-- right, never a silent drop; a number corrected in the ledger is followed.
CREATE TABLE lead_right (
    lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('patent', 'trademark')),
    patent_id INTEGER REFERENCES patent (id) ON DELETE SET NULL,
    trademark_id INTEGER REFERENCES trademark (id) ON DELETE SET NULL,
    number TEXT NOT NULL,
    PRIMARY KEY (lead_id, kind, number)
);
CREATE INDEX lead_right_patent ON lead_right (patent_id);
CREATE INDEX lead_right_trademark ON lead_right (trademark_id);

CREATE TRIGGER lead_right_follows_app_no AFTER UPDATE OF app_no ON patent
BEGIN
    UPDATE lead_right SET number = NEW.app_no WHERE patent_id = NEW.id;
END;
CREATE TRIGGER lead_right_follows_reg_no AFTER UPDATE OF reg_no ON trademark
BEGIN
    UPDATE lead_right SET number = NEW.reg_no WHERE trademark_id = NEW.id;
END;

-- A file in a lead's evidence locker: the stored bytes live in `attachment`
-- (once, by content); this row says what the file is evidence of and how
-- it was obtained. The sha256 and size are those taken at intake.
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    attachment_id INTEGER NOT NULL REFERENCES attachment (id),
    kind TEXT NOT NULL,
    original_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    captured_at TEXT,
    captured_by TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    -- 公证书编号 or 可信时间戳 certificate number.
    notary_ref TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    UNIQUE (lead_id, attachment_id)
);
CREATE INDEX evidence_attachment ON evidence (attachment_id);

-- The custody log: append-only and hash-chained. Each entry's hash covers
-- its fields and the previous entry's hash, so editing or deleting an
-- entry breaks the chain; `custody_head` holds the last entry's sequence
-- number and hash, so deleting the newest entries is seen too. The lead and
-- file are copied in, so the log outlives a deleted lead.
CREATE TABLE custody_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('intake', 'view', 'export', 'verify', 'remove')),
    lead_id INTEGER,
    lead_title TEXT NOT NULL DEFAULT '',
    evidence_id INTEGER,
    file_name TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX custody_log_lead ON custody_log (lead_id);
CREATE INDEX custody_log_evidence ON custody_log (evidence_id);

CREATE TRIGGER custody_log_append_only_update BEFORE UPDATE ON custody_log
BEGIN
    SELECT RAISE(ABORT, '证据保管记录只能追加，不能修改');
END;
CREATE TRIGGER custody_log_append_only_delete BEFORE DELETE ON custody_log
BEGIN
    SELECT RAISE(ABORT, '证据保管记录只能追加，不能删除');
END;

CREATE TABLE custody_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
