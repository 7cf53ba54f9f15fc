//! 案卷四 项目申报 — funding programs and qualifications checked against the
//! ledger (issue 13), and the dossier for one program and year printed as
//! one packet with its attachments, frozen when submitted (issue 14).
//!
//! Programs are data (`rules::Program`, from `assets/programs/`): each
//! criterion is a metric over the store, a profile fact or an evidence item,
//! with its source; an unconfirmed criterion is shown but never decides the
//! status. [`crate::Store::check_program`] gives each criterion's verdict
//! (`met`, `unmet`, `needsEvidence`, `unknown`, `notApplicable`) with the
//! rows that prove it and, when unmet, what is missing ("还差 1 件有效发明专利");
//! the national programs count Ⅰ类 / Ⅱ类 rights by their own definitions
//! (`classes`), and their scored items resolve to the official band and its
//! point range, never a point value; a program of tiers (创新型 / 专精特新 /
//! 小巨人) gives each tier its standing;
//! subsidy estimates are computed per row in exact money (pledge tiers by
//! single loan, foreign invention grants by office);
//! [`crate::Store::program_radar`] checks every program at once; an
//! officer's own program files are kept in the database (`own`).

mod check;
mod classes;
mod dossier;
mod metrics;
mod own;
mod packet;
mod radar_report;
mod self_check;

pub use check::{
    CriterionResult, ProgramCheck, ProofRow, RadarRow, RadarStatus, ScaleBand, SubsidyEstimate,
    SubsidyLine, TierResult, Verdict,
};
pub use dossier::{
    sections_of, Dossier, DossierDetail, DossierSection, DossierStatus, DossierStatusChange,
    DEFAULT_SECTIONS,
};
pub use metrics::pledge_subsidy;
pub use packet::STANDARD_DECLARATION;
pub use radar_report::{radar_document, radar_pdf, RadarReport};
pub use self_check::{self_check_document, self_check_pdf, SelfCheckReport};
