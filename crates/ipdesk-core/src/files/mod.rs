//! Files: attachments kept inside the database, content-addressed by sha256,
//! linked to any record with a label, and verified on every read.
//!
//! Attachments live in the one SQLite file, so backup, restore and a future
//! encryption cover them; a file is deleted only when nothing links it.

mod attachments;

pub use attachments::{sha256_hex, AttachedFile, Attachment, MAX_ATTACHMENT_BYTES};
