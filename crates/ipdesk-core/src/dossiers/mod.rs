//! 案卷四 项目申报 — funding programs and qualifications checked against the
//! ledger, and the dossier for one program printed as one packet. *Not built
//! yet* (issues 13 and 14); this module holds no code yet.
//!
//! What will live here: program criteria loaded as data by `rules` (each
//! with its source and whether it is confirmed; an unconfirmed criterion
//! never decides a verdict on its own), checks of each criterion against the
//! ledger, records and company (`today` passed in), the dossier (status from
//! 草稿 to 已拨付, narrative sections, attachments through `files`) and its
//! packet PDF.
