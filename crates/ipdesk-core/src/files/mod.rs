//! Files: attachments kept inside the database (content-addressed by sha256,
//! linked to any record with a label, verified on every read), and atomic
//! writes of the files the app produces (exports, PDFs, backups).
//!
//! Attachments live in the one SQLite file, so backup, restore and a future
//! encryption cover them; a file is deleted only when nothing links it.

mod atomic;
// mod attachments;

pub(crate) use atomic::part_path;
pub use atomic::write_atomic;
// pub use attachments::{Attachment, AttachmentLink, NewAttachment};
