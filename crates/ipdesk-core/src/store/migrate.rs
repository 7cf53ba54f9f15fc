//! Migrations: versioned, additive `.sql` files; the schema version is
//! SQLite's `user_version`.

/// Migrations in order; migration `i` takes the schema from version `i` to
/// `i + 1`. Append only: a released file is never edited.
pub(super) const MIGRATIONS: &[&str] = &[
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

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
