-- IP Desk schema v10: the yearly keep-or-drop decision on annual fees, and
-- trademark renewals.
--
-- A decision belongs to one patent year's fee: 缴纳 (pay), 放弃 (drop: the
-- fee stops warning and the patent is let lapse) or 待定 (pending), with a
-- reason, who decided and when; every change is in the audit trail under
-- the patent. Management signs the 年费缴纳审批表 printed from these rows.
CREATE TABLE fee_decision (
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    patent_year INTEGER NOT NULL CHECK (patent_year BETWEEN 1 AND 30),
    decision TEXT NOT NULL CHECK (decision IN ('pay', 'drop', 'pending')),
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    PRIMARY KEY (patent_id, patent_year)
);

-- One row per renewal of a registered mark: the term it closed and the one
-- it opened (商标法 第40条: ten years from the day after the old term ends),
-- what was paid and how it was filed.
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
