//! The one error shape the UI receives: `{ code, message, field }`.

use serde::Serialize;

/// What the UI branches on; everything else is in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Show the message at `field` (or as a form error).
    InvalidInput,
    NotFound,
    Duplicate,
    /// The database was written by a newer IP Desk.
    NewerSchema,
    /// Disk, dialog or file trouble.
    Io,
    Internal,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The Chinese field label an input error is about (申请号, 授权日 …).
    pub field: Option<&'static str>,
}

impl AppError {
    pub fn io(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::Io,
            message: message.into(),
            field: None,
        }
    }
}

impl From<ipdesk_core::Error> for AppError {
    fn from(e: ipdesk_core::Error) -> AppError {
        use ipdesk_core::Error as E;
        let code = match &e {
            E::NotFound { .. } => ErrorCode::NotFound,
            E::Duplicate { .. } => ErrorCode::Duplicate,
            E::NewerSchema { .. } => ErrorCode::NewerSchema,
            E::Io(_) => ErrorCode::Io,
            e if e.is_user_error() => ErrorCode::InvalidInput,
            _ => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            eprintln!("ipdesk: internal error: {e:?}");
        }
        AppError {
            code,
            field: e.field(),
            message: e.to_string(),
        }
    }
}

pub type CmdResult<T> = Result<T, AppError>;
