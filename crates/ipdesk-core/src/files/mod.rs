//! Files: attachments kept inside the database, content-addressed by sha256,
//! linked to any record with a label, and verified on every read.
//!
//! Attachments live in the one SQLite file, so backup, restore and a future
//! encryption cover them; a file is deleted only when nothing links it.

mod attachments;
mod images;

pub(crate) use attachments::{checked_file, media_type_of, read_user_file, store_bytes};
pub use attachments::{sha256_hex, AttachedFile, Attachment, MAX_ATTACHMENT_BYTES};
pub(crate) use images::{picture, png_thumbnail};
