//! Each released schema is frozen in `tests/schemas/`: the released
//! migrations must still produce it, and a database built from it must open
//! with today's code, keep its data, and end up with exactly the schema a
//! fresh database gets.

use chrono::NaiveDate;
use ipdesk_core::{
    Entity, OnDuplicate, PatentQuery, PledgeData, Store, TrademarkData, TrademarkStatus,
    SCHEMA_VERSION,
};
use rusqlite::Connection;

/// `FROZEN[n - 1]` is the schema of release vN (`user_version` N).
const FROZEN: [&str; 11] = [
    include_str!("../schemas/schema_v1.sql"),
    include_str!("../schemas/schema_v2.sql"),
    include_str!("../schemas/schema_v3.sql"),
    include_str!("../schemas/schema_v4.sql"),
    include_str!("../schemas/schema_v5.sql"),
    include_str!("../schemas/schema_v6.sql"),
    include_str!("../schemas/schema_v7.sql"),
    include_str!("../schemas/schema_v8.sql"),
    include_str!("../schemas/schema_v9.sql"),
    include_str!("../schemas/schema_v10.sql"),
    include_str!("../schemas/schema_v11.sql"),
];

/// The released migrations; `RELEASED[n - 1]` took the schema to vN.
const RELEASED: [&str; 11] = [
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_listing_indexes.sql"),
    include_str!("../../migrations/0003_index_shapes.sql"),
    include_str!("../../migrations/0004_import_log.sql"),
    include_str!("../../migrations/0005_files_and_links.sql"),
    include_str!("../../migrations/0006_layout_plan.sql"),
    include_str!("../../migrations/0007_leads.sql"),
    include_str!("../../migrations/0008_qualifications_and_other_ip.sql"),
    include_str!("../../migrations/0009_dossiers.sql"),
    include_str!("../../migrations/0010_fee_decisions_and_renewals.sql"),
    include_str!("../../migrations/0011_search_indexes.sql"),
];

fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn each_released_migration_still_produces_its_frozen_schema() {
    // Editing a released migration would leave databases made by that
    // release with a schema no fresh database has; this catches any change
    // to 0001–0007, object by object and column by column.
    for n in 1..=RELEASED.len() {
        let frozen = Connection::open_in_memory().unwrap();
        frozen.execute_batch(FROZEN[n - 1]).unwrap();
        let released = Connection::open_in_memory().unwrap();
        // 0011 fills the character index through a function the app
        // registers; the schema does not depend on what it returns.
        released
            .create_scalar_function(
                "ipdesk_chars",
                1,
                rusqlite::functions::FunctionFlags::SQLITE_UTF8,
                |ctx| ctx.get::<String>(0),
            )
            .unwrap();
        for migration in &RELEASED[..n] {
            released.execute_batch(migration).unwrap();
        }
        assert_eq!(
            schema_of(&released),
            schema_of(&frozen),
            "migrations 0001–000{n} no longer produce tests/schemas/schema_v{n}.sql: \
             a released migration was edited (add a new one instead)"
        );
    }
}

/// Rows as releases v1–v4 wrote them, in tables all four have (raw SQL: the
/// old code is gone): a CN invention with a payment, its US family member,
/// a trademark, a pledge on the invention, a holiday, the pledge threshold
/// setting and an audit row.
const ROWS_V1: &str = "
    INSERT INTO company (id, name, uscc) VALUES (1, '衡阳某科技有限公司', '914403001922038216');
    INSERT INTO patent (id, kind, app_no, filing_date, grant_date, status, title, applicants,
                        fees_paid_through, next_fee_due, fees_paid_to, created_at, updated_at)
    VALUES (1, 'invention', '200710308494X', '2007-05-20', '2010-03-03', 'granted',
            '一种锂离子电池管理方法', '[\"衡阳某科技有限公司\"]', 18, '2025-05-20', 18,
            '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00+08:00');
    INSERT INTO patent (id, jurisdiction, kind, app_no, filing_date, grant_date, status, title,
                        created_at, updated_at)
    VALUES (2, 'US', 'invention', '17/123,456', '2008-05-19', '2011-06-07', 'granted',
            'Lithium-ion battery management method',
            '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00+08:00');
    INSERT INTO patent_fts (rowid, title, numbers, applicants, inventors, tags)
    VALUES (1, '一种锂离子电池管理方法', '200710308494X', '衡阳某科技有限公司', '', ''),
           (2, 'Lithium-ion battery management method', '17/123,456', '', '', '');
    INSERT INTO patent_family (patent_id, member_id) VALUES (1, 2);
    INSERT INTO annuity_payment (patent_id, patent_year, paid_date, amount)
    VALUES (1, 19, '2025-05-10', 800000);
    INSERT INTO trademark (id, reg_no, mark, classes, reg_date, status)
    VALUES (1, '12345678', '智电', '[7,9]', '2015-05-07', 'registered');
    INSERT INTO pledge (id, pledgor, pledgee, loan_amount) VALUES (1, '衡阳某科技有限公司', '中国银行衡阳分行', 500000000);
    INSERT INTO pledge_patent (pledge_id, patent_id) VALUES (1, 1);
    INSERT INTO holiday (date, kind, name) VALUES ('2026-05-20', 'off', '调休');
    INSERT INTO setting (key, value) VALUES ('high_value.pledge_threshold', '100000000');
    INSERT INTO audit (at, os_user, entity, entity_id, action, changes)
    VALUES ('2024-02-01T09:00:00+08:00', 'officer', 'patent', 1, 'update',
            '{\"notes\":[\"\",\"核心专利\"]}');
";

/// v4's import log: one committed import, and the audit row of the patent
/// it created pointing at its sheet row (`Audit::imported_json`).
const ROWS_V4: &str = "
    INSERT INTO import_batch (id, at, os_user, kind, file, sheet, header_row, on_duplicate,
                              rows, created, updated, unchanged, skipped)
    VALUES (1, '2024-01-01T00:00:00+08:00', 'officer', 'patent', '旧台账.xlsx', '专利', 1, 'skip',
            2, 1, 0, 0, 1);
    INSERT INTO audit (at, os_user, entity, entity_id, action, changes)
    VALUES ('2024-01-01T00:00:00+08:00', 'officer', 'patent', 1, 'create',
            '{\"importBatch\":1,\"sheetRow\":2}');
";

/// A database as release v3 left it, with `ROWS_V1`, at `path`.
pub(crate) fn write_v3_database(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(FROZEN[2]).unwrap();
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.execute_batch(ROWS_V1).unwrap();
}

/// A database as release `version` left it — its frozen schema, its
/// `user_version` and `rows` — opened with today's code. Checks that the
/// upgrade reaches this build's version, copies the old file aside when it
/// migrates, and ends with exactly the schema of a fresh database.
fn upgraded(version: usize, rows: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join(format!("v{version}.db"));
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(FROZEN[version - 1]).unwrap();
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        conn.execute_batch(rows).unwrap();
    }
    let (store, report) = Store::open_with_report(&old)
        .unwrap_or_else(|e| panic!("a v{version} database opens: {e}"));
    assert_eq!(
        (report.from_version, report.to_version),
        (version as i64, SCHEMA_VERSION),
        "v{version} is upgraded to this build's version"
    );
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        report.backup.is_some(),
        (version as i64) < SCHEMA_VERSION,
        "a v{version} file is copied aside exactly when it is migrated"
    );

    let conn = Connection::open(&old).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "v{version}: no reference broken by the upgrade");
    conn.execute(
        "INSERT INTO patent_fts(patent_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap_or_else(|e| panic!("v{version}: the full-text index matches its table: {e}"));
    drop(conn);
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(
        schema_of(&Connection::open(&old).unwrap()),
        schema_of(&Connection::open(&fresh).unwrap()),
        "a database upgraded from v{version} has exactly the schema of a fresh one"
    );
    (dir, store)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// What `ROWS_V1` wrote, read back through today's API.
fn assert_v1_rows_survived(store: &Store, version: usize) {
    let p = store
        .find_patent("ZL200710308494.X")
        .unwrap_or_else(|e| panic!("v{version}: the patent survived: {e}"));
    assert_eq!(p.data.title, "一种锂离子电池管理方法", "v{version}");
    assert_eq!(p.data.fees_paid_through, Some(18), "v{version}");
    assert_eq!(
        store.payments(p.id).unwrap().len(),
        1,
        "v{version}: payments survived"
    );
    assert_eq!(
        store.company().unwrap().name,
        "衡阳某科技有限公司",
        "v{version}"
    );
    let hits = store
        .list_patents(
            &PatentQuery {
                text: "锂离子电池".into(),
                ..Default::default()
            },
            d("2026-01-01"),
        )
        .unwrap();
    assert_eq!(hits.total, 1, "v{version}: the full-text index survived");
    // v11's character index and high-value index were filled from the old
    // rows: a two-character search and the high-value filter find them.
    for text in ["电池", "锂", "衡阳"] {
        let hits = store
            .list_patents(
                &PatentQuery {
                    text: text.into(),
                    ..Default::default()
                },
                d("2026-01-01"),
            )
            .unwrap();
        assert_eq!(
            hits.total, 1,
            "v{version}: 「{text}」 is found through the character index"
        );
    }
    let high_value = store
        .list_patents(
            &PatentQuery {
                high_value: Some(true),
                ..Default::default()
            },
            d("2026-01-01"),
        )
        .unwrap();
    assert_eq!(
        high_value
            .items
            .iter()
            .map(|r| r.patent.id)
            .collect::<Vec<_>>(),
        [p.id],
        "v{version}: the high-value filter agrees with high_value_of"
    );
    assert!(
        high_value.items[0].high_value,
        "v{version}: and flags the row"
    );

    let family: Vec<String> = store
        .family(p.id)
        .unwrap()
        .into_iter()
        .map(|m| m.data.jurisdiction)
        .collect();
    assert_eq!(family, ["US"], "v{version}: the family link survived");
    let reasons: Vec<String> = store
        .high_value_of(p.id, d("2026-01-01"))
        .unwrap()
        .reasons
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(
        reasons,
        ["overseas", "maintained10", "pledge"],
        "v{version}: the granted US member, the years maintained and the pledge above \
         the stored threshold still count"
    );
    let pledges = store.records_of_patent::<PledgeData>(p.id).unwrap();
    assert_eq!(
        pledges.len(),
        1,
        "v{version}: the pledge and its link survived"
    );
    let marks = store.list_records::<TrademarkData>().unwrap();
    assert_eq!(
        marks
            .iter()
            .map(|t| (
                t.data.reg_no.as_str(),
                t.data.classes.clone(),
                t.data.status
            ))
            .collect::<Vec<_>>(),
        [("12345678", vec![7, 9], TrademarkStatus::Registered)],
        "v{version}: the trademark survived"
    );
    assert!(
        store.holidays().unwrap().off.contains(&d("2026-05-20")),
        "v{version}: the holiday survived"
    );
    let history = store.history(Entity::Patent, p.id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.action == "update" && e.changes["notes"][1] == "核心专利"),
        "v{version}: the audit trail survived: {history:?}"
    );
}

#[test]
fn upgrade_from_frozen_v1_keeps_data_and_matches_a_fresh_schema() {
    let (_dir, store) = upgraded(1, ROWS_V1);
    assert_v1_rows_survived(&store, 1);
}

#[test]
fn upgrade_from_frozen_v2_keeps_data_and_matches_a_fresh_schema() {
    let (_dir, store) = upgraded(2, ROWS_V1);
    assert_v1_rows_survived(&store, 2);
}

#[test]
fn upgrade_from_frozen_v3_keeps_data_and_matches_a_fresh_schema() {
    let (_dir, store) = upgraded(3, ROWS_V1);
    assert_v1_rows_survived(&store, 3);
}

#[test]
fn upgrade_from_every_later_frozen_version_keeps_data_and_matches_a_fresh_schema() {
    for version in 5..SCHEMA_VERSION as usize {
        let (_dir, store) = upgraded(version, &format!("{ROWS_V1}{ROWS_V4}"));
        assert_v1_rows_survived(&store, version);
        assert_eq!(store.import_batches(10).unwrap().len(), 1, "v{version}");
    }
}

/// `sha256sum migrations/*.sql` when each was released. The frozen schemas
/// catch a change to what a migration builds; this catches any edit at
/// all — a changed backfill or default leaves the schema alone but gives
/// old and new databases different data.
const RELEASED_SHA256: [&str; 11] = [
    "0f7081057b086e2a5d04f84e81181062ad56104ca48576b75bbacc6cc55ca6be",
    "a11f08d2dd60fb453abb408298f590801dce6196fbb8223e1be05c24e4fd55fe",
    "5e1339e773733d14ad31fc72d7a0318d61b0b60a5f2cc4d74855a762a93bc4e9",
    "bed18932010e9e0f1587d46cfbd1c46a4ce6a881c079ef77516533563c94532c",
    "d41dcde9fb3e12bf3b8c694861087aa0e74ca8aa31c4e377c22d09e40d3659f3",
    "4008feff0f09887bfc29eda825fbbe174dd50152ec26093c60fa7848502a0828",
    "88ec08b6372e8595b3e77320a7aa9eff902524dec2e29ec4c7a836f8fdf929de",
    "77b551be3990a17aaa8bdd4266888f31bd0cbb82930154db4d0887c7bf85dc15",
    "8c064d0ebe12a41c51b94b7200bf5ddf57ef7bd98b998be216bfc2996e62a6c1",
    "cedcf85b8151f23e182df3ce3bd0ec70c5770f97407f7d0260f5cb725a7ac0d3",
    "1ea48e247d428b62c164e491cb3283a60c088cea4c59039e2bd1f60c67937ec7",
];

#[test]
fn released_migration_files_are_pinned_by_hash() {
    assert_eq!(
        RELEASED.len() as i64,
        SCHEMA_VERSION,
        "a new migration is frozen here (schema, file and hash) when it is released"
    );
    for (n, (sql, pinned)) in RELEASED.iter().zip(RELEASED_SHA256).enumerate() {
        assert_eq!(
            ipdesk_core::sha256_hex(sql.as_bytes()),
            pinned,
            "migrations/00{:02}_*.sql was edited after its release: add a new migration instead",
            n + 1
        );
    }
}

/// A backup made by an older release is upgraded on its copy before it
/// takes the database's name: the file under the name is at this build's
/// version before anything opens it, and keeps its rows.
#[test]
fn an_older_backup_is_upgraded_before_the_swap() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v3-backup.db");
    write_v3_database(&old);
    let before = std::fs::read(&old).unwrap();
    let target = dir.path().join("ledger.db");
    drop(Store::open(&target).unwrap());
    let report = Store::restore(&old, &target).unwrap();
    assert_eq!(report.schema_version, 3);
    let conn = Connection::open(&target).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION, "migrated before the swap");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "one self-contained file");
    drop(conn);
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "the backup is untouched"
    );
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(
        schema_of(&Connection::open(&target).unwrap()),
        schema_of(&Connection::open(&fresh).unwrap())
    );
    assert_v1_rows_survived(&Store::open(&target).unwrap(), 3);
}

#[test]
fn upgrade_from_frozen_v4_keeps_data_and_its_import_log() {
    let (_dir, store) = upgraded(4, &format!("{ROWS_V1}{ROWS_V4}"));
    assert_v1_rows_survived(&store, 4);
    let log = store.import_batches(10).unwrap();
    assert_eq!(log.len(), 1, "the import log survived");
    let b = &log[0];
    assert_eq!(
        (b.file.as_str(), b.sheet.as_str(), b.on_duplicate),
        ("旧台账.xlsx", "专利", OnDuplicate::Skip)
    );
    assert_eq!(
        (b.rows, b.created, b.updated, b.unchanged, b.skipped),
        (2, 1, 0, 0, 1)
    );
    let id = store.find_patent("200710308494X").unwrap().id;
    let created = store
        .history(Entity::Patent, id)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "create")
        .expect("the create row survived");
    let from = created
        .imported_from
        .expect("the create row still points at its import");
    assert_eq!(
        (from.batch, from.file.as_str(), from.row),
        (1, "旧台账.xlsx", 2)
    );
}

/// The indexes migration 0003 added for the ledger's "类型 + 状态" filter
/// serve its two common sorts straight from the index: no table scan and
/// no sort step. (This checks the schema; the lookups that run once per
/// listed row are checked on the production SQL in `ledger::high_value`
/// and `ledger::family`.)
#[test]
fn the_kind_and_status_indexes_serve_the_filing_date_and_app_no_sorts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "SELECT id FROM patent WHERE kind = 'invention' AND status = 'granted' ORDER BY filing_date",
        "SELECT id FROM patent WHERE kind = 'invention' AND status = 'granted' ORDER BY app_no",
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .all(|step| !step.starts_with("SCAN") && !step.contains("TEMP B-TREE")),
            "{sql}: {plan:?}"
        );
    }
}

/// A reference an old file already had broken does not keep the officer on
/// the old version: only what a migration itself would break stops it.
#[test]
fn an_old_file_with_a_broken_reference_still_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v3-orphan.db");
    write_v3_database(&old);
    Connection::open(&old)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO annuity_payment (patent_id, patent_year, paid_date, amount)
             VALUES (999, 3, '2020-01-01', 90000);",
        )
        .unwrap();
    let store = Store::open(&old).expect("the upgrade goes ahead");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_v1_rows_survived(&store, 3);
}
