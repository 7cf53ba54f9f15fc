//! Each released schema is frozen in `tests/schemas/`; a database built from
//! it must open with today's code, keep its data, and end up with exactly the
//! schema a fresh database gets.

use ipdesk_core::{PatentQuery, Store, SCHEMA_VERSION};
use rusqlite::Connection;

const SCHEMA_V1: &str = include_str!("../schemas/schema_v1.sql");

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
fn upgrade_from_frozen_v1_keeps_data_and_matches_a_fresh_schema() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.db");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        // Rows as a v1 build wrote them (raw SQL: the old code is gone).
        conn.execute_batch(
            "INSERT INTO company (id, name, uscc) VALUES (1, '衡阳某科技有限公司', '914403001922038216');
             INSERT INTO patent (id, kind, app_no, filing_date, grant_date, status, title, applicants,
                                 fees_paid_through, next_fee_due, fees_paid_to, created_at, updated_at)
             VALUES (1, 'invention', '200710308494X', '2007-05-20', '2010-03-03', 'granted',
                     '一种锂离子电池管理方法', '[\"衡阳某科技有限公司\"]', 18, '2025-05-20', 18,
                     '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00+08:00');
             INSERT INTO patent_fts (rowid, title, numbers, applicants, inventors, tags)
             VALUES (1, '一种锂离子电池管理方法', '200710308494X', '衡阳某科技有限公司', '', '');
             INSERT INTO annuity_payment (patent_id, patent_year, paid_date, amount) VALUES (1, 19, '2025-05-10', 800000);",
        )
        .unwrap();
    }
    let store = Store::open(&old).expect("a v1 database opens");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let p = store
        .find_patent("ZL200710308494.X")
        .expect("the patent survived");
    assert_eq!(p.data.title, "一种锂离子电池管理方法");
    assert_eq!(p.data.fees_paid_through, Some(18));
    assert_eq!(store.payments(p.id).unwrap().len(), 1, "payments survived");
    assert_eq!(store.company().unwrap().name, "衡阳某科技有限公司");
    let hits = store
        .list_patents(
            &PatentQuery {
                text: "锂离子电池".into(),
                ..Default::default()
            },
            "2026-01-01".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(hits.total, 1, "the full-text index survived");
    drop(store);

    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(
        schema_of(&Connection::open(&old).unwrap()),
        schema_of(&Connection::open(&fresh).unwrap()),
        "an upgraded database has exactly the schema of a fresh one"
    );
}

#[test]
fn the_released_v1_migration_is_the_frozen_schema() {
    // Editing a released migration would leave old databases with a schema
    // no fresh database has; this catches any change to 0001, column by column.
    let frozen = Connection::open_in_memory().unwrap();
    frozen.execute_batch(SCHEMA_V1).unwrap();
    let released = Connection::open_in_memory().unwrap();
    released
        .execute_batch(include_str!("../../migrations/0001_initial.sql"))
        .unwrap();
    assert_eq!(schema_of(&frozen), schema_of(&released));
}

/// The query plans of lookups that run once per row of a listing: a full
/// scan there turns a 30,000-row high-value listing quadratic.
#[test]
fn per_row_lookups_use_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    for sql in [
        // A patent's family: links are stored once, in either column.
        "SELECT 1 FROM patent_family f WHERE f.patent_id = 7 OR f.member_id = 7",
        "SELECT 1 FROM pledge_patent WHERE patent_id = 7",
        "SELECT 1 FROM award_patent WHERE patent_id = 7",
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
