use std::path::PathBuf;

/// The field an input error is about: a stable camelCase `code` (the DTO
/// field and form prop it belongs to, e.g. `appNo`), which forms key on, and
/// the Chinese `label` the user sees in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName {
    pub code: &'static str,
    pub label: &'static str,
}

impl FieldName {
    pub const fn new(code: &'static str, label: &'static str) -> FieldName {
        FieldName { code, label }
    }
}

/// A field known only by its label (a command-line flag, a column mapping):
/// its code is the label itself, which no form prop matches.
impl From<&'static str> for FieldName {
    fn from(label: &'static str) -> FieldName {
        FieldName { code: label, label }
    }
}

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label)
    }
}

/// Shorthand for [`FieldName::new`] at the places that refuse input.
pub(crate) const fn field(code: &'static str, label: &'static str) -> FieldName {
    FieldName::new(code, label)
}

/// Everything the core can refuse or fail at.
///
/// Input errors carry the field (in Chinese, as the user sees it), the value
/// and the reason, so a form can show the message next to the right field and
/// the command line can print it as is.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}「{value}」无效：{reason}")]
    Invalid {
        field: FieldName,
        value: String,
        reason: String,
    },

    #[error("{field}不能为空")]
    Missing { field: FieldName },

    #[error("{field}「{value}」已存在：{reason}")]
    Duplicate {
        field: FieldName,
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

    /// A stored file whose bytes no longer match the sha256 taken when it
    /// was added: it was altered or damaged since.
    #[error("附件「{file_name}」校验失败：内容与登记时的 SHA-256 不一致（登记 {expected}，现为 {found}），文件可能已被改动或损坏")]
    Tampered {
        file_name: String,
        expected: String,
        found: String,
    },

    /// The store's file could not be reopened after a swap (a restore);
    /// nothing more is written until the app is restarted.
    #[error("{0}")]
    Closed(String),

    /// The user stopped the work (an import) part way; nothing was written.
    #[error("已取消，未写入任何数据")]
    Cancelled,

    /// A program file (shipped or the officer's own) that cannot be used.
    #[error("申报项目文件 {file} 有误：{field} {reason}")]
    BadProgram {
        file: String,
        field: String,
        reason: String,
    },

    #[error("规则数据有误（{file}）：{reason}")]
    Rules { file: &'static str, reason: String },

    #[error("{0}")]
    Report(#[from] crate::pdf::ReportError),

    #[error("数据库错误：{0}")]
    Sql(#[from] rusqlite::Error),

    #[error("文件读写错误：{0}")]
    Io(#[from] std::io::Error),

    #[error("数据格式错误：{0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub(crate) fn invalid(
        field: impl Into<FieldName>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }

    /// True for errors caused by what the user typed or chose, as opposed to
    /// the machine (disk, database): the desktop shell's `invalidInput` code.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Invalid { .. }
                | Error::Missing { .. }
                | Error::Duplicate { .. }
                | Error::NotFound { .. }
                | Error::NewerSchema { .. }
                | Error::BadFile { .. }
                | Error::BadProgram { .. }
                | Error::Cancelled
        ) || matches!(self, Error::InRow { source, .. } if source.is_user_error())
            || matches!(
                self,
                Error::Report(
                    crate::pdf::ReportError::MissingGlyphs(_)
                        | crate::pdf::ReportError::Attachment { .. }
                )
            )
    }

    /// The field an input error is about, for showing it next to that field.
    pub fn field(&self) -> Option<FieldName> {
        match self {
            Error::Invalid { field, .. }
            | Error::Missing { field }
            | Error::Duplicate { field, .. } => Some(*field),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
