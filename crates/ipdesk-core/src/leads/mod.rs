//! 案卷三 侵权线索 — the infringement-lead log and its evidence locker.
//!
//! A lead names a suspected infringer (with a checked USCC when given), the
//! channel it came from, the ledger patents and trademarks it concerns, and
//! moves through a dated workflow (新线索 → 核实中 → 已取证 → 处置中 →
//! 已结案 / 不予处理), each change with who and why. Actions (warning
//! letters, platform complaints, suits …) carry next-step deadlines the
//! dashboard shows. Evidence goes into the `files` kernel, hashed on intake;
//! a hash-chained, append-only custody log records every intake, view,
//! export, verification and removal, so altering a file or the log shows.
//!
//! Shaoyang's 强链护链 plan (seed 000 §二(三)3) has lead enterprises collect
//! 维权需求线索 and feed them back to the market-regulation bureau; the
//! 侵权线索汇总表 is that deliverable, the single-lead dossier the case file
//! an officer takes to a platform, a bureau or a lawyer.

mod actions;
mod custody;
mod evidence;
mod model;
mod report;
mod store;

pub use actions::{LeadAction, LeadDeadline};
pub use custody::{ChainProblem, CustodyAction, CustodyEntry, GENESIS};
pub use evidence::{Evidence, FileCheck, VerifyReport};
pub use model::{
    ActionData, ActionKind, Channel, EvidenceData, EvidenceKind, LeadData, LeadStatus, Outcome,
    Priority,
};
pub use report::{
    lead_document, lead_pdf, leads_document, leads_pdf, LeadReport, LeadsReport, HASH_NOTE,
};
pub use store::{Lead, LeadDetail, LeadQuery, LeadRight, LeadSummary, StatusChange};
