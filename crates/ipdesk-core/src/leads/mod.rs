//! 案卷三 侵权线索 — the infringement-lead log and its evidence locker. *Not
//! built yet* (issue 12); this module holds no code yet.
//!
//! What will live here: leads (suspect, channel, the rights involved as links
//! to ledger patents and trademarks, a dated status workflow), actions taken
//! with their deadlines and outcomes, the date a lead was reported to the
//! market-regulation bureau, and an evidence locker on the `files` kernel:
//! every item hashed (sha256) on intake with its capture time and
//! re-verified on demand, so its integrity can be shown; and the report to
//! the bureau as a PDF.
