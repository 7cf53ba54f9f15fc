//! IP Desk core: the case files an enterprise IP officer (企业知识产权专员)
//! keeps, the rules that compute what is due, and the documents printed from
//! them. Everything the app does is here; the desktop shell and the `ipdesk`
//! command line only call it.
//!
//! # Four case files around a small kernel
//!
//! - **案卷一 专利台账** (`ledger`, `records`): CN and foreign patents and
//!   applications, with application numbers normalised and check-digit
//!   validated ([`parse_cn_app_no`]), annual-fee schedules and deadlines by
//!   the official rules, the forecast, high-value flags, family links and the
//!   dashboard; around them trademarks, pledges, awards, transfers and
//!   licences, insurance policies and patent products, each a [`Record`]
//!   linked to the patents it concerns. The ledger is the centre every other
//!   case file points at.
//! - **案卷二 高价值专利布局计划** (`plan`): plans around key core
//!   technologies, their branches and planned filings, each linked to the
//!   ledger applications that fulfil it; progress (the weighted count where
//!   an international invention counts 2, overdue items, coverage) computed
//!   on demand; the plan and its application list as PDFs.
//! - **案卷三 侵权线索** (`leads`): infringement leads with a dated status
//!   workflow, actions and their deadlines, the rights involved, and an
//!   evidence locker on `files` whose hash-chained custody log shows any
//!   altered file or log entry ([`Store::verify_evidence`]); the 侵权线索汇总表
//!   for the bureau and the single-lead dossier as PDFs.
//! - **案卷四 项目申报** (`dossiers`): funding programs as data (`rules`),
//!   each criterion checked against the store with the rows behind its
//!   verdict, subsidy estimates, and the radar over every shipped program;
//!   the dossier and its packet PDF are still to come.
//!
//! The kernel knows no case file: [`Store`] (one SQLite file, migrations,
//! the audit trail, the listing cache, backup and restore), `files`
//! (attachments kept in the database, content-addressed and verified on
//! read, linked to any record), [`Rules`] (fees, terms, reductions and
//! high-value marks as data from `assets/rules/`, each with its source and
//! whether that source is confirmed), `sheet` (spreadsheet reading and
//! writing and the one import row loop), `pdf` (the PDF engine: A4, Chinese
//! line breaking, tables over pages), [`Money`], `calendar` (anniversaries,
//! holidays, working days) and [`Company`]. A case file uses the kernel and
//! the public items of the ledger; case files never reach into each other.
//! A test (`tests/it/layout.rs`) reads the `use crate::` lines and holds the
//! code to that rule.
//!
//! # Invariants
//!
//! - Every write runs in one `BEGIN IMMEDIATE` transaction together with its
//!   audit rows: a failed write leaves nothing behind, and a second process
//!   writing at the same time waits its turn.
//! - Computations never read the clock: the caller passes `today`, so the
//!   same ledger gives the same schedule on any machine and in tests.
//! - The store holds its rule set ([`Store::rules`], the bundled one unless
//!   opened with another), and every computation takes rules from it.
//! - Bad input is an ordinary outcome: [`Error`] names the field (its stable
//!   code for forms, its Chinese label for people), the value and the reason.
//!   A refused import is an [`ImportReport`] with `committed: false`.

#[macro_use]
mod macros;

mod calendar;
mod company;
mod error;
mod files;
mod money;
pub mod pdf;
mod rules;
mod sheet;
mod store;
mod text;

mod dossiers;
mod leads;
mod ledger;
mod plan;
mod records;

// The home page on paper, across the four case files.
mod overview;

// The fuzz targets' bodies (fuzz/, tests/it/fuzz_corpus.rs); not an API.
#[doc(hidden)]
pub mod fuzzing;

pub use calendar::{
    add_months, anniversary, parse_date, patent_year_on, shipped_holidays, HolidayDay,
    HolidayNotice, Holidays,
};
pub use company::{parse_uscc, Company};
pub use error::{Error, FieldName, Result};
pub use files::{sha256_hex, AttachedFile, Attachment, MAX_ATTACHMENT_BYTES};
pub use money::Money;
pub use pdf::{Progress, ReportError};
pub use rules::{
    program, shipped_program_files, shipped_programs, Band, BandWhen, Check, Criterion, Fact,
    FeeReduction, FilingChannel, HighValueCategory, Metric, Op, PatentKind, Program, ProgramSource,
    ProgramVersion, RenewalDates, RenewalState, Restoration, RuleSource, Rules, Scheme, Subsidy,
    Tier,
};
pub use sheet::{
    normalise_header, Cell, ExportFormat, ImportOptions, OnDuplicate, RowAction, RowError,
    RowOutcome, SheetRow, SheetStream, Table, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES,
    MAX_IMPORT_ROWS, MAX_PACKING_RATIO, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_CELLS, MAX_UNPACKED_BYTES,
};
pub use store::{
    holidays_document, holidays_pdf, recent_databases, recent_file, remember_database,
    write_atomic, AuditEntry, AutoBackupReport, BackupEntry, BackupPolicy, BackupReport, Cancel,
    Entity, EntityRef, HolidayCalendar, HolidaysReport, ImportedFrom, OpenReport, RecordLink,
    RestoreReport, Store, Watch, RECENT_KEEP, SCHEMA_VERSION,
};
pub use text::MAX_TEXT_CHARS;

pub use dossiers::{
    pledge_subsidy, radar_document, radar_pdf, sections_of, self_check_document, self_check_pdf,
    CriterionResult, Dossier, DossierDetail, DossierSection, DossierStatus, DossierStatusChange,
    ProgramCheck, ProofRow, RadarReport, RadarRow, RadarStatus, ScaleBand, SelfCheckReport,
    SubsidyEstimate, SubsidyLine, TierResult, Verdict, DEFAULT_SECTIONS, STANDARD_DECLARATION,
};
pub use leads::{
    lead_document, lead_pdf, leads_document, leads_pdf, ActionData, ActionKind, ChainProblem,
    Channel, CustodyAction, CustodyEntry, Evidence, EvidenceData, EvidenceKind, FileCheck, Lead,
    LeadAction, LeadData, LeadDeadline, LeadDetail, LeadQuery, LeadReport, LeadRight, LeadStatus,
    LeadSummary, LeadsReport, Outcome, Priority, StatusChange, VerifyReport, GENESIS, HASH_NOTE,
};
pub use ledger::sample;
pub use ledger::{
    annuity_document, annuity_pdf, app_no_check_char, approval_document, approval_pdf,
    check_app_no_kind, grant_year, ledger_document, ledger_pdf, normalise_patent, open_table,
    parse_cn_app_no, read_table, strip_app_no, Acquisition, AnnuityPayment, AnnuityReport, AppNo,
    AppNoFormat, ApprovalReport, ApprovalRow, Dashboard, Decision, DecisionInput, DueBucket,
    FeeDecision, FeeRow, FeeSchedule, FeeState, FeeStatus, Field, FieldOption, FilingYear,
    Forecast, ForecastItem, HighValue, HighValueReason, ImportBatch, ImportKind, ImportPicked,
    ImportReport, KindPlan, LedgerReport, LegalStatus, Mapping, MonthTotal, Patent, PatentData,
    PatentDetail, PatentPage, PatentQuery, PatentRow, PaymentFact, PaymentInput, RenewalDue, Route,
    SortKey, TagCount, TrademarkRenewal, ValueHint, GRACE_ROWS, MAX_RENEWAL_MONTHS,
};
pub use ledger::{
    cn_kind_code, is_grant_code, patent_card_document, patent_card_pdf, recognise_format,
    renewal_plan_document, renewal_plan_pdf, split_mixed, PatentCard, PatentLabel, RenewalReport,
    SheetFormat, RENEWAL_COLUMNS,
};
pub use overview::{overview_document, overview_pdf, Overview, OVERVIEW_LEAD_DAYS};
pub use plan::{
    plan_applications_document, plan_applications_pdf, plan_document, plan_pdf, plans_document,
    plans_pdf, progress_of, CoverageCell, ItemStatus, LayoutPlan, LayoutPlanData,
    LinkedApplication, PlanBranch, PlanDetail, PlanItem, PlanItemData, PlanProgress, PlanReport,
    PlanStatus, PlanSummary, PlansReport,
};
pub use records::{
    records_document, records_pdf, AwardData, AwardKind, InsuranceData, ListColumn, OtherIpData,
    OtherIpKind, OtherIpStatus, PledgeData, ProductData, QualificationData, Record, RecordKind,
    RecordsReport, Shown, Stored, TrademarkData, TrademarkStatus, TransferData, TransferKind,
    YearRevenue, GB29490_2013_LAST_DAY,
};
