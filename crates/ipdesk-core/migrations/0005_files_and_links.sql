-- IP Desk schema v5: the files kernel and typed links between records.
--
-- Attachments (certificates, contracts, receipts, reports, evidence) were
-- in the schema since v1 but had no API. They now record who added them;
-- a file's bytes are verified against its sha256 on every read.
ALTER TABLE attachment ADD COLUMN added_by TEXT NOT NULL DEFAULT '';

-- A link from one record to another of any kind (a lead to the patents and
-- trademarks it concerns, a layout-plan item to the application filed, a
-- dossier to the products and awards it cites), with an optional label.
-- Records are named by their entity code (`patent`, `trademark` …) and id;
-- deleting a record removes the links from and to it.
CREATE TABLE record_link (
    from_entity TEXT NOT NULL,
    from_id INTEGER NOT NULL,
    to_entity TEXT NOT NULL,
    to_id INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (from_entity, from_id, to_entity, to_id)
);
CREATE INDEX record_link_to ON record_link (to_entity, to_id);
