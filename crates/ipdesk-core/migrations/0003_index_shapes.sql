-- IP Desk schema v3: the ledger's "类型 + 状态" filter gets a covering index
-- for each of its common sorts, family links get an index on their second
-- column, and two indexes that v2's composite indexes made redundant go (see
-- BENCHMARKS.md, "Desktop app" and "Import").

-- 类型 + 状态 sorted by 申请日 (the ledger's default sort) or by 申请号:
-- read in order from the index, no row lookups, no sort (was 60–90 ms for
-- 30,000 granted inventions; v2 covers the sort by 名称 only).
CREATE INDEX patent_kind_status_filing_date ON patent (kind, status, filing_date);
CREATE INDEX patent_kind_status_app_no ON patent (kind, status, app_no);

-- A family link is stored once, (smaller id, larger id), so "the family of
-- patent X" asks `patent_id = X OR member_id = X`. Only patent_id had an
-- index: the high-value test (overseas family member granted), run for every
-- granted invention in a listing, scanned the whole family table each time.
CREATE INDEX patent_family_member ON patent_family (member_id);

-- `patent_kind_status (kind, status)` is a prefix of
-- `patent_kind_status_title` and `patent_status (status)` of
-- `patent_status_next_fee_due`: every query they served is served as well by
-- the longer index, while each insert or import paid to maintain them.
DROP INDEX patent_kind_status;
DROP INDEX patent_status;
