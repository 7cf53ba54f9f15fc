//! The one error shape the UI receives: `{ code, message, field }`.

use serde::Serialize;

/// What the UI branches on; everything else is in the message.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
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
    /// The officer stopped the work (an import); nothing was written.
    Cancelled,
    Internal,
}

/// Every command's error, as the UI receives it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The field an input error is about, as a stable camelCase code (the
    /// DTO field and form prop: `appNo`, `filingDate` …); the message names
    /// it in Chinese.
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
            E::Cancelled => ErrorCode::Cancelled,
            e if e.is_user_error() => ErrorCode::InvalidInput,
            _ => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            eprintln!("ipdesk: internal error: {e:?}");
        }
        AppError {
            code,
            field: e.field().map(|f| f.code),
            message: e.to_string(),
        }
    }
}

pub type CmdResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use ipdesk_core::{Error, FieldName};

    use super::*;

    #[test]
    fn a_user_error_is_invalid_input_with_the_core_message() {
        let e = AppError::from(Error::Missing {
            field: FieldName::new("title", "专利名称"),
        });
        assert_eq!(
            e.code,
            ErrorCode::InvalidInput,
            "a missing field is the user's to fix, so the form shows it"
        );
        assert_eq!(
            e.message, "专利名称不能为空",
            "the core's message reaches the UI as is"
        );
    }

    #[test]
    fn a_cancelled_import_is_cancelled_not_an_input_error() {
        let e = AppError::from(Error::Cancelled);
        assert_eq!(e.code, ErrorCode::Cancelled);
        assert!(e.message.contains("未写入"), "{}", e.message);
    }

    #[test]
    fn a_missing_record_is_not_found() {
        let e = AppError::from(Error::NotFound {
            entity: "专利",
            key: "42".into(),
        });
        assert_eq!(
            e.code,
            ErrorCode::NotFound,
            "the UI leaves a page whose record is gone"
        );
        assert_eq!(e.field, None, "a missing record is about no form field");
    }

    #[test]
    fn an_sql_failure_is_internal() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        let e = AppError::from(Error::Sql(busy));
        assert_eq!(
            e.code,
            ErrorCode::Internal,
            "nothing the user typed can fix a database failure"
        );
        assert_eq!(e.field, None);
    }

    #[test]
    fn an_input_error_carries_its_field() {
        let e = AppError::from(Error::Invalid {
            field: FieldName::new("filingDate", "申请日"),
            value: "2023-13-01".into(),
            reason: "不是有效日期".into(),
        });
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(
            e.field,
            Some("filingDate"),
            "the form shows the message next to the field whose prop is this code"
        );
    }

    #[test]
    fn the_wire_shape_is_code_message_field_in_camel_case() {
        let e = AppError::from(Error::Invalid {
            field: FieldName::new("appNo", "申请号"),
            value: "x".into(),
            reason: "格式不对".into(),
        });
        let json = serde_json::to_value(&e).expect("serialisable");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalidInput",
                "message": "申请号「x」无效：格式不对",
                "field": "appNo",
            }),
            "ui/src/api/invoke.ts reads exactly these keys and codes"
        );
    }
}
