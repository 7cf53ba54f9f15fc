//! 案卷一 专利台账 — the patent ledger: patents and applications, CN
//! application numbers, annual fees and deadlines, the forecast, high-value
//! flags, family links, the dashboard, the ledger's import and export
//! columns and its PDFs.
//!
//! The ledger is the centre every other case file points at: records,
//! layout plans, leads and dossiers use its public items (a patent's id, its
//! listing, its high-value verdict), never its internals.

mod annuities;
mod app_no;
mod approval;
mod card;
mod columns;
mod dashboard;
mod decisions;
mod detail;
mod export;
mod family;
mod forecast;
mod high_value;
mod import;
mod listing;
mod mixed;
mod normalise;
mod patent;
mod renewal_plan;
mod renewals;
mod report;
mod rows;
pub mod sample;
mod schedule;
mod vendors;
mod wizard;

pub use annuities::PaymentInput;
pub use app_no::{
    app_no_check_char, check_app_no_kind, parse_cn_app_no, strip_app_no, AppNo, AppNoFormat,
};
pub use approval::{approval_document, approval_pdf};
pub use card::{patent_card_document, patent_card_pdf, PatentCard};
pub use columns::{Field, ImportKind, Mapping};
pub use dashboard::{Dashboard, DueBucket, FilingYear, GRACE_ROWS};
pub use decisions::{ApprovalReport, ApprovalRow, Decision, DecisionInput, FeeDecision, ValueHint};
pub use detail::PatentDetail;
pub use forecast::{Forecast, ForecastItem, MonthTotal};
pub use high_value::{HighValue, HighValueReason};
pub(crate) use import::{import_in_transaction_for, run_import};
pub use import::{open_table, read_table, ImportBatch, ImportReport};
pub use listing::{PatentPage, PatentQuery, PatentRow, SortKey, TagCount};
pub use mixed::split_mixed;
pub use normalise::normalise_patent;
use normalise::normalise_patent_under;
pub use patent::{Acquisition, AnnuityPayment, LegalStatus, Patent, PatentData, Route};
pub use renewal_plan::{renewal_plan_document, renewal_plan_pdf, RenewalReport, RENEWAL_COLUMNS};
pub use renewals::{RenewalDue, TrademarkRenewal, MAX_RENEWAL_MONTHS};
pub use report::{
    annuity_document, annuity_pdf, ledger_document, ledger_pdf, AnnuityReport, LedgerReport,
};
pub use rows::PatentLabel;
pub use schedule::{grant_year, FeeRow, FeeSchedule, FeeState, FeeStatus, PaymentFact};
pub use vendors::{cn_kind_code, is_grant_code, recognise_format, SheetFormat};
pub use wizard::{FieldOption, ImportPicked, KindPlan};

pub(crate) use high_value::{
    first_filing_with_anniversary_after, high_value_sql, HIGH_VALUE_TABLE,
};

// The ledger's own rooms see each other's internals through `super::*`.
use annuities::{facts_of, fee_fields};
use rows::{
    insert_prepared, patent_by_key, patent_from_row, payment_from_row, update_patent, NewPatent,
};
use schedule::missing_years;
