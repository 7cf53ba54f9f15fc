-- IP Desk schema v2: composite indexes for the ledger's common filter + sort
-- shapes, so a page reads ids in order from one index instead of sorting the
-- matching rows (see BENCHMARKS.md, "Core (issue 2)").

-- 类型 + 状态, sorted by 名称 (and by id, which every index carries).
CREATE INDEX patent_kind_status_title ON patent (kind, status, title);
-- "fee due within N days": status = 'granted' AND next_fee_due <= ?, sorted by due date.
CREATE INDEX patent_status_next_fee_due ON patent (status, next_fee_due);
-- 类型, sorted by 申请号.
CREATE INDEX patent_kind_app_no ON patent (kind, app_no);
