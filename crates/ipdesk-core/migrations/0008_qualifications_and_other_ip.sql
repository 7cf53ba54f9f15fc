-- IP Desk schema v8: what the national qualification checks read and the
-- ledger lacked (qualification-programs.md §1.1, §1.2, §8).
--
-- The company's industry chain and whether it is a chain leader (龙头企业),
-- asked by Hengyang (一)1 and Shaoyang's 强链护链 plan.
ALTER TABLE company ADD COLUMN industry_chain TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN chain_leader INTEGER NOT NULL DEFAULT 0 CHECK (chain_leader IN (0, 1));

-- Qualifications held, with certificate and validity: 高新技术企业,
-- 科技型中小企业, 专精特新, 知识产权优势/示范企业, 贯标认证 … A title counts
-- on a date only inside its validity; a 贯标 certificate of the 2013
-- standard is dead after 2025-12-31 (认监委 公告2023年第27号).
-- `company.qualifications` stays: titles listed without a certificate.
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

-- How each patent was acquired (知识产权获得方式: 高企 item 4 band; the
-- MIIT tiers exclude rights transferred in less than a year), the date the
-- transfer was registered, and the year it was last used in a 高新技术企业
-- application (a class-II right counts only once).
ALTER TABLE patent ADD COLUMN acquisition TEXT NOT NULL DEFAULT 'own'
    CHECK (acquisition IN ('own', 'transfer', 'gift', 'merger', 'other'));
ALTER TABLE patent ADD COLUMN acquired_on TEXT;
ALTER TABLE patent ADD COLUMN hnte_used_year INTEGER;

-- Rights other than patents and trademarks that the national programs
-- count: software copyrights (class II), IC layout designs, plant varieties,
-- new drugs, protected TCM varieties (class I).
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
