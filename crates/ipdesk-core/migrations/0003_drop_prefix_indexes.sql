-- IP Desk schema v3: drop two indexes that v2's composite indexes make
-- redundant. `patent_kind_status (kind, status)` is a prefix of
-- `patent_kind_status_title` and `patent_status (status)` of
-- `patent_status_next_fee_due`, so every query they served is served as well
-- by the longer index, while each insert or import still paid to maintain
-- them (see BENCHMARKS.md, "Import").
DROP INDEX patent_kind_status;
DROP INDEX patent_status;
