-- IP Desk schema v6: 案卷二 高价值专利布局计划 (the high-value patent
-- layout plan). A plan around one key core technology, its technology
-- branches, the filings it plans, and the ledger applications that fulfil
-- each planned filing.
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

-- The ledger applications that fulfil a planned filing. The number is kept
-- as it was linked: a patent deleted from the ledger leaves a visible
-- "missing" link (patent_id NULL), never a silent drop; a number edited in
-- the ledger is followed through patent_id.
CREATE TABLE plan_item_patent (
    item_id INTEGER NOT NULL REFERENCES plan_item (id) ON DELETE CASCADE,
    patent_id INTEGER REFERENCES patent (id) ON DELETE SET NULL,
    jurisdiction TEXT NOT NULL,
    app_no TEXT NOT NULL,
    PRIMARY KEY (item_id, jurisdiction, app_no)
);
CREATE INDEX plan_item_patent_patent ON plan_item_patent (patent_id);

-- A number corrected in the ledger is the number the link keeps, so a link
-- whose patent is later deleted shows the last number the ledger had.
CREATE TRIGGER plan_link_follows_number AFTER UPDATE OF jurisdiction, app_no ON patent
BEGIN
    UPDATE plan_item_patent SET jurisdiction = NEW.jurisdiction, app_no = NEW.app_no
    WHERE patent_id = NEW.id;
END;
