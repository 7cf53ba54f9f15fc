use std::path::PathBuf;

/// Everything the core can refuse or fail at.
///
/// Input errors carry the field (in Chinese, as the user sees it), the value
/// and the reason, so a form can show the message next to the right field and
/// the command line can print it as is.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}「{value}」无效：{reason}")]
    Invalid {
        field: &'static str,
        value: String,
        reason: String,
    },

    #[error("{field}不能为空")]
    Missing { field: &'static str },

    #[error("{field}「{value}」已存在：{reason}")]
    Duplicate {
        field: &'static str,
        value: String,
        reason: String,
    },

    #[error("未找到{entity}「{key}」")]
    NotFound { entity: &'static str, key: String },

    #[error("数据库文件 {path} 由更新版本的 IP Desk 写入（结构版本 {found}，本程序支持到 {supported}），请升级程序后再打开")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// An error in one row of a multi-row write; the whole write was undone.
    #[error("第 {row} 行：{source}")]
    InRow { row: usize, source: Box<Error> },

    /// A file the user chose cannot be used (wrong type, damaged, empty,
    /// too large, not an IP Desk database); nothing was written.
    #[error("文件 {path} 无法使用：{reason}")]
    BadFile { path: PathBuf, reason: String },

    /// An import refused because rows have errors; nothing was written. The
    /// report lists every error.
    #[error("{}", .0.rejection())]
    ImportRejected(Box<crate::import::ImportReport>),

    #[error("规则数据有误（{file}）：{reason}")]
    Rules { file: &'static str, reason: String },

    #[error("{0}")]
    Report(#[from] crate::report::ReportError),

    #[error("数据库错误：{0}")]
    Sql(#[from] rusqlite::Error),

    #[error("文件读写错误：{0}")]
    Io(#[from] std::io::Error),

    #[error("数据格式错误：{0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub(crate) fn invalid(
        field: &'static str,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            field,
            value: value.into(),
            reason: reason.into(),
        }
    }

    /// True for errors caused by what the user typed or chose, as opposed to
    /// the machine (disk, database). The CLI maps these to exit code 1 and the
    /// desktop shell to its `invalidInput` code.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Invalid { .. }
                | Error::Missing { .. }
                | Error::Duplicate { .. }
                | Error::NotFound { .. }
                | Error::NewerSchema { .. }
                | Error::BadFile { .. }
                | Error::ImportRejected(_)
        ) || matches!(self, Error::InRow { source, .. } if source.is_user_error())
            || matches!(
                self,
                Error::Report(crate::report::ReportError::MissingGlyphs(_))
            )
    }

    /// The field an input error is about, for showing it next to that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. }
            | Error::Missing { field }
            | Error::Duplicate { field, .. } => Some(field),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
