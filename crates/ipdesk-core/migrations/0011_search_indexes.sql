-- IP Desk schema v11: search and filters at 100,000 patents — a character
-- index beside the trigram one, a partial index for the high-value filter,
-- and tags as rows.
--
-- The trigram index answers queries of three characters or more; the most
-- common Chinese searches are two characters (电机, 电池, 张伟), which so
-- far scanned five columns of every row with LIKE. Here every Chinese
-- character is a token of its own (`ipdesk_chars`, a function the app
-- registers, puts spaces round them), so a one- or two-character query is
-- a one- or two-token phrase looked up in the index. List items are kept
-- apart by the token 0, so a phrase never joins two names. Contentless,
-- like patent_fts: the app writes both in the transaction that writes the
-- patent.
CREATE VIRTUAL TABLE patent_chars USING fts5 (
    title, applicants, inventors, tags,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
);

INSERT INTO patent_chars (rowid, title, applicants, inventors, tags)
SELECT p.id,
       ipdesk_chars(p.title),
       ipdesk_chars(coalesce((SELECT group_concat(j.value, ' 0 ') FROM json_each(p.applicants) j), '')),
       ipdesk_chars(coalesce((SELECT group_concat(j.value, ' 0 ') FROM json_each(p.inventors) j), '')),
       ipdesk_chars(coalesce((SELECT group_concat(j.value, ' 0 ') FROM json_each(p.tags) j), ''))
FROM patent p;

-- The high-value filter (issue 17): every test on the patent row itself
-- (in term, maintained N years, 战略性新兴产业, overseas flag) is answered
-- from this index of the granted CN inventions, in filing-date order,
-- without reading a row; the family, pledge and award tests are small
-- lists computed once per query. kind, status and jurisdiction are
-- repeated as columns so the index covers the test (SQLite does not count a
-- partial index's WHERE as columns it holds).
CREATE INDEX patent_high_value
    ON patent (filing_date, compensation_days, overseas_family_grant, sei_category,
               kind, status, jurisdiction)
    WHERE kind = 'invention' AND status = 'granted' AND jurisdiction = 'CN';

-- Tags as rows (beside the JSON list the patent keeps): the tag filter and
-- the tag list are index lookups instead of json_each over every patent.
-- The app writes them with the patent.
CREATE TABLE patent_tag (
    tag TEXT NOT NULL,
    patent_id INTEGER NOT NULL REFERENCES patent (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, patent_id)
) WITHOUT ROWID;
CREATE INDEX patent_tag_patent ON patent_tag (patent_id);

INSERT OR IGNORE INTO patent_tag (tag, patent_id)
SELECT j.value, p.id FROM patent p, json_each(p.tags) j WHERE p.tags <> '[]';

-- The home page's counts (valid patents by kind, foreign, by filing year):
-- index-only, instead of reading every granted patent's row.
CREATE INDEX patent_counts ON patent (jurisdiction, kind, filing_date, status);
