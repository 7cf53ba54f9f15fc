-- FROZEN: the schema of release v11 (user_version 11). Never edit; the upgrade tests build old databases from it.
-- Migrations 0001–0011 applied in order to a fresh database, each object as sqlite_schema
-- holds it (FTS5 shadow tables left out: creating the virtual table creates them).

CREATE TABLE company (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL DEFAULT '',
    uscc TEXT NOT NULL DEFAULT '',
    registration_date TEXT,
    address TEXT NOT NULL DEFAULT '',
    legal_representative TEXT NOT NULL DEFAULT '',
    contact_person TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    headcount INTEGER,
    qualifications TEXT NOT NULL DEFAULT '[]',
    ip_department TEXT NOT NULL DEFAULT '',
    ip_staff_count INTEGER
, industry_chain TEXT NOT NULL DEFAULT '', chain_leader INTEGER NOT NULL DEFAULT 0 CHECK (chain_leader IN (0, 1)));

CREATE TABLE patent (
    id INTEGER PRIMARY KEY,
    jurisdiction TEXT NOT NULL DEFAULT 'CN',
    kind TEXT NOT NULL CHECK (kind IN ('invention', 'utility', 'design')),
    route TEXT NOT NULL DEFAULT 'domestic',
    app_no TEXT NOT NULL,
    filing_date TEXT NOT NULL,
    priority_date TEXT,
    publication_no TEXT NOT NULL DEFAULT '',
    publication_kind TEXT NOT NULL DEFAULT '',
    grant_no TEXT NOT NULL DEFAULT '',
    grant_date TEXT,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    applicants TEXT NOT NULL DEFAULT '[]',
    inventors TEXT NOT NULL DEFAULT '[]',
    ipc TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    sei_category TEXT NOT NULL DEFAULT '',
    fee_reduction TEXT NOT NULL DEFAULT 'none',
    fee_reduction_filed TEXT,
    grant_fee_year INTEGER,
    fees_paid_through INTEGER,
    exam_request_date TEXT,
    compensation_days INTEGER NOT NULL DEFAULT 0,
    overseas_family_grant INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    -- Derived by the store from the fee rules and the payments, so listings
    -- can filter and sort on them: the due date of the first unpaid annual
    -- fee and the last year of the unbroken paid run (年费缴至).
    next_fee_due TEXT,
    fees_paid_to INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, acquisition TEXT NOT NULL DEFAULT 'own'
    CHECK (acquisition IN ('own', 'transfer', 'gift', 'merger', 'other')), acquired_on TEXT, hnte_used_year INTEGER,
    UNIQUE (jurisdiction, app_no)
);

CREATE INDEX patent_filing_date ON patent (filing_date);

CREATE INDEX patent_grant_date ON patent (grant_date);

CREATE INDEX patent_title ON patent (title);

CREATE INDEX patent_next_fee_due ON patent (next_fee_due);

CREATE VIRTUAL TABLE patent_fts USING fts5 (
    title, numbers, applicants, inventors, tags,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TABLE patent_family (
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (patent_id, member_id),
    CHECK (patent_id < member_id)
);

CREATE TABLE annuity_payment (
    id INTEGER PRIMARY KEY,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    patent_year INTEGER NOT NULL CHECK (patent_year BETWEEN 1 AND 25),
    paid_date TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    late_fee INTEGER NOT NULL DEFAULT 0 CHECK (late_fee >= 0),
    receipt_no TEXT NOT NULL DEFAULT '',
    UNIQUE (patent_id, patent_year)
);

CREATE TABLE trademark (
    id INTEGER PRIMARY KEY,
    reg_no TEXT NOT NULL UNIQUE,
    mark TEXT NOT NULL,
    classes TEXT NOT NULL DEFAULT '[]',
    reg_date TEXT,
    expiry_date TEXT,
    status TEXT NOT NULL,
    well_known INTEGER NOT NULL DEFAULT 0,
    geographical_indication INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE pledge (
    id INTEGER PRIMARY KEY,
    pledgor TEXT NOT NULL,
    pledgee TEXT NOT NULL,
    loan_amount INTEGER NOT NULL CHECK (loan_amount >= 0),
    start_date TEXT,
    end_date TEXT,
    reg_no TEXT NOT NULL DEFAULT '',
    reg_date TEXT,
    release_date TEXT,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE pledge_patent (
    pledge_id INTEGER NOT NULL REFERENCES pledge (id) ON DELETE CASCADE,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (pledge_id, patent_id)
);

CREATE INDEX pledge_patent_patent ON pledge_patent (patent_id);

CREATE TABLE award (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    year INTEGER,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE award_patent (
    award_id INTEGER NOT NULL REFERENCES award (id) ON DELETE CASCADE,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (award_id, patent_id)
);

CREATE INDEX award_patent_patent ON award_patent (patent_id);

CREATE TABLE transfer (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    date TEXT,
    amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    contract_no TEXT NOT NULL DEFAULT '',
    record_no TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE transfer_patent (
    transfer_id INTEGER NOT NULL REFERENCES transfer (id) ON DELETE CASCADE,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (transfer_id, patent_id)
);

CREATE INDEX transfer_patent_patent ON transfer_patent (patent_id);

CREATE TABLE insurance (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    insurer TEXT NOT NULL,
    policy_no TEXT NOT NULL DEFAULT '',
    premium INTEGER NOT NULL DEFAULT 0 CHECK (premium >= 0),
    cover INTEGER NOT NULL DEFAULT 0 CHECK (cover >= 0),
    start_date TEXT,
    end_date TEXT,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE insurance_patent (
    insurance_id INTEGER NOT NULL REFERENCES insurance (id) ON DELETE CASCADE,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (insurance_id, patent_id)
);

CREATE INDEX insurance_patent_patent ON insurance_patent (patent_id);

CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    filing_status TEXT NOT NULL DEFAULT '',
    revenues TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE product_patent (
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, patent_id)
);

CREATE INDEX product_patent_patent ON product_patent (patent_id);

CREATE TABLE attachment (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL
, added_by TEXT NOT NULL DEFAULT '');

CREATE TABLE attachment_link (
    attachment_id INTEGER NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (attachment_id, entity, entity_id)
);

CREATE INDEX attachment_link_entity ON attachment_link (entity, entity_id);

CREATE TABLE holiday (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    changes TEXT NOT NULL
);

CREATE INDEX audit_entity ON audit (entity, entity_id);

CREATE INDEX patent_kind_status_title ON patent (kind, status, title);

CREATE INDEX patent_status_next_fee_due ON patent (status, next_fee_due);

CREATE INDEX patent_kind_app_no ON patent (kind, app_no);

CREATE INDEX patent_kind_status_filing_date ON patent (kind, status, filing_date);

CREATE INDEX patent_kind_status_app_no ON patent (kind, status, app_no);

CREATE INDEX patent_family_member ON patent_family (member_id);

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

CREATE TABLE record_link (
    from_entity TEXT NOT NULL,
    from_id INTEGER NOT NULL,
    to_entity TEXT NOT NULL,
    to_id INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (from_entity, from_id, to_entity, to_id)
);

CREATE INDEX record_link_to ON record_link (to_entity, to_id);

CREATE TABLE layout_plan (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    technology TEXT NOT NULL,
    industry_chain TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    target INTEGER NOT NULL DEFAULT 5 CHECK (target >= 0),
    analysis_agency TEXT NOT NULL DEFAULT '',
    filing_agency TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'done')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE plan_branch (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES layout_plan (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (plan_id, name)
);

CREATE TABLE plan_item (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES layout_plan (id) ON DELETE CASCADE,
    branch_id INTEGER REFERENCES plan_branch (id) ON DELETE SET NULL,
    topic TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'invention',
    route TEXT NOT NULL DEFAULT 'domestic',
    -- JSON list of jurisdiction codes (CN, US, EP …).
    jurisdictions TEXT NOT NULL DEFAULT '["CN"]',
    -- The domestic first filing an international item claims priority from.
    priority_item_id INTEGER REFERENCES plan_item (id) ON DELETE SET NULL,
    planned_date TEXT,
    inventors TEXT NOT NULL DEFAULT '[]',
    agency TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'idea',
    expected_category TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE INDEX plan_item_plan ON plan_item (plan_id);

CREATE TABLE plan_item_patent (
    item_id INTEGER NOT NULL REFERENCES plan_item (id) ON DELETE CASCADE,
    patent_id INTEGER REFERENCES patent (id) ON DELETE SET NULL,
    jurisdiction TEXT NOT NULL,
    app_no TEXT NOT NULL,
    PRIMARY KEY (item_id, jurisdiction, app_no)
);

CREATE INDEX plan_item_patent_patent ON plan_item_patent (patent_id);

CREATE TRIGGER plan_link_follows_number AFTER UPDATE OF jurisdiction, app_no ON patent
BEGIN
    UPDATE plan_item_patent SET jurisdiction = NEW.jurisdiction, app_no = NEW.app_no
    WHERE patent_id = NEW.id;
END;

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

CREATE TABLE qualification (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    cert_no TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    valid_until TEXT,
    standard TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE other_ip (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('software_copyright', 'ic_layout', 'plant_variety',
                                       'new_drug', 'tcm_protected', 'other')),
    reg_no TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    owners TEXT NOT NULL DEFAULT '[]',
    reg_date TEXT,
    valid_until TEXT,
    status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'lapsed')),
    acquisition TEXT NOT NULL DEFAULT 'own'
        CHECK (acquisition IN ('own', 'transfer', 'gift', 'merger', 'other')),
    acquired_on TEXT,
    hnte_used_year INTEGER,
    notes TEXT NOT NULL DEFAULT ''
);

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

CREATE TABLE dossier_section (
    dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, name)
);

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

CREATE TABLE fee_decision (
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    patent_year INTEGER NOT NULL CHECK (patent_year BETWEEN 1 AND 30),
    decision TEXT NOT NULL CHECK (decision IN ('pay', 'drop', 'pending')),
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    PRIMARY KEY (patent_id, patent_year)
);

CREATE TABLE trademark_renewal (
    id INTEGER PRIMARY KEY,
    trademark_id INTEGER NOT NULL REFERENCES trademark (id) ON DELETE CASCADE,
    renewed_on TEXT NOT NULL,
    previous_expiry TEXT NOT NULL,
    new_expiry TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    late_fee INTEGER NOT NULL DEFAULT 0 CHECK (late_fee >= 0),
    created_at TEXT NOT NULL
);

CREATE INDEX trademark_renewal_by_mark ON trademark_renewal (trademark_id, renewed_on);

CREATE VIRTUAL TABLE patent_chars USING fts5 (
    title, applicants, inventors, tags,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
);

CREATE INDEX patent_high_value
    ON patent (filing_date, compensation_days, overseas_family_grant, sei_category,
               kind, status, jurisdiction)
    WHERE kind = 'invention' AND status = 'granted' AND jurisdiction = 'CN';

CREATE TABLE patent_tag (
    tag TEXT NOT NULL,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, patent_id)
) WITHOUT ROWID;

CREATE INDEX patent_tag_patent ON patent_tag (patent_id);

CREATE INDEX patent_counts ON patent (jurisdiction, kind, filing_date, status);
