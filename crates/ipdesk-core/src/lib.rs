//! IP Desk core: the case files an enterprise IP officer (企业知识产权专员)
//! keeps, and the rules that compute what is due.
//!
//! Everything lives in one SQLite file opened through [`Store`]. The patent
//! ledger (专利台账) is the centre: [`Patent`] records, CN application
//! numbers normalised and check-digit validated ([`parse_cn_app_no`]), and
//! around them trademarks, pledges, awards, transfers and licences, insurance
//! policies and patent products, each a [`Record`] linked to the patents it
//! concerns. Every write runs in one transaction together with its row in the
//! audit trail, so a failed write leaves nothing behind and every change can
//! be traced to a user and a time.
//!
//! The fee and deadline rules ([`Rules`]) are data shipped in
//! `assets/rules/`, each entry with its effective dates, its source and
//! whether that source is confirmed. Computations never read the clock: the
//! caller passes `today`, so the same ledger gives the same schedule on any
//! machine and in tests.
//!
//! Bad input is an ordinary outcome: [`Error`] names the field (in Chinese,
//! as the form labels it), the value and the reason.

mod backup;
mod dashboard;
mod error;
mod export;
mod import;
mod model;
mod patents;
mod records;
pub mod report;
mod rules;
pub mod sample;
mod store;
mod validate;

pub use backup::{BackupReport, RestoreReport};
pub use dashboard::{Dashboard, DueBucket, FilingYear, GRACE_ROWS};
pub use error::{Error, Result};
pub use export::ExportFormat;
pub use import::{
    normalise_header, open_table, read_table, Cell, Field, ImportBatch, ImportKind, ImportOptions,
    ImportReport, Mapping, OnDuplicate, RowAction, RowError, RowOutcome, SheetRow, SheetStream,
    Table, MAX_IMPORT_ROWS,
};
pub use model::{
    AnnuityPayment, AuditEntry, AwardData, AwardKind, Company, FeeReduction, ImportedFrom,
    InsuranceData, LegalStatus, Patent, PatentData, PatentKind, PledgeData, ProductData, Route,
    Stored, TrademarkData, TrademarkStatus, TransferData, TransferKind, YearRevenue,
};
pub use patents::{
    normalise_patent, Forecast, ForecastItem, HighValue, HighValueReason, MonthTotal, PatentPage,
    PatentQuery, PatentRow, PaymentInput, SortKey, TagCount,
};
pub use records::Record;
pub use rules::{
    add_months, anniversary, grant_year, patent_year_on, FeeRow, FeeSchedule, FeeState, FeeStatus,
    HighValueCategory, Holidays, PaymentFact, RuleSource, Rules,
};
pub use store::{OpenReport, Store, SCHEMA_VERSION};
pub use validate::{
    app_no_check_char, check_app_no_kind, parse_cn_app_no, parse_date, parse_uscc, strip_app_no,
    AppNo, AppNoFormat, Money,
};
