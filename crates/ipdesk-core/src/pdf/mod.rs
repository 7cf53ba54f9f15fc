//! Bureau-ready PDF reports: A4, Chinese line breaking, tables that flow over
//! pages, TOC, running header and `第 N 页 共 M 页` footer.
//!
//! The module is domain-free: callers describe a [`Document`] as a list of
//! [`Block`]s and get PDF bytes back from [`render`]. [`layout`] exposes the
//! positioned result without bytes, for tests and previews.
//!
//! Guarantees:
//! - every character is checked against the face that draws it before
//!   anything is laid out; a character the fonts lack is an error naming the
//!   field ([`ReportError::MissingGlyphs`]), never a box on paper;
//! - fonts are embedded as subsets with a ToUnicode map, so text can be
//!   searched and copied;
//! - output depends only on the input: the creation date comes from
//!   [`DocMeta::created`] and ids are derived from content, so the same
//!   document renders to identical bytes.

mod check;
mod embed;
mod fonts;
mod frame;
mod front;
mod layout;
mod merge;
mod table;
mod text;
mod write;

pub use fonts::{FontKind, Fonts};
pub use frame::FrameItem;
pub use layout::{
    layout, Geometry, HeadingEntry, ImageItem, Item, Layout, Page, RectItem, Role, RuleItem,
    TextRun,
};
pub use merge::{fill_frames, jpeg_info, pdf_page_count, FrameSource};
pub use text::{break_lines, is_closing, is_opening, BrokenLine};
pub use write::{render, render_laid_out};

use std::path::PathBuf;

/// Where a long export is; the desktop shell turns these into progress events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// A code the UI translates: `layout` (排版), `render` (生成 PDF),
    /// `merge` (合并附件), `done` (完成).
    pub stage: &'static str,
    pub done: u32,
    pub total: u32,
}

/// Builds a document and renders it with the embedded fonts, reporting the
/// three stages every export shows (`layout`, `render`, `done`).
pub fn render_staged(
    build: impl FnOnce() -> Document,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>, ReportError> {
    let stage = |stage, done| Progress {
        stage,
        done,
        total: 3,
    };
    progress(stage("layout", 1));
    let doc = build();
    progress(stage("render", 2));
    let bytes = render(&doc, Fonts::embedded())?;
    progress(stage("done", 3));
    Ok(bytes)
}

/// A4 page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Document information written to the PDF Info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Passed in rather than read from the clock, so that the same input
    /// yields the same bytes. Written without a time zone (the PDF date
    /// format allows omitting it), because a naive local time labelled UTC
    /// would be eight hours off in Beijing.
    pub created: chrono::NaiveDateTime,
}

impl DocMeta {
    /// A document dated `day` (at midnight: the same day prints the same
    /// bytes), its subject the title and the day.
    pub fn dated(title: &str, author: &str, day: chrono::NaiveDate) -> DocMeta {
        DocMeta {
            title: title.into(),
            author: author.into(),
            subject: format!("{title}（{day}）"),
            created: day.and_time(chrono::NaiveTime::MIN),
        }
    }
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: DocMeta,
    pub orientation: Orientation,
    /// Running header printed above the rule on every numbered page.
    pub header: String,
    pub cover: Option<Cover>,
    /// Emit a table of contents (level-1 and level-2 headings) after the cover.
    pub toc: bool,
    pub blocks: Vec<Block>,
}

/// Cover page: not numbered, no header or footer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cover {
    pub title: String,
    pub subtitle: Option<String>,
    /// Label/value lines such as ("编制单位", "某公司").
    pub lines: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 and 2 appear in the TOC; 3+ are run-in subheads.
    Heading {
        level: u8,
        text: String,
    },
    /// Justified body text with a two-character first-line indent; `\n`
    /// forces a line break.
    Paragraph(String),
    Table(Table),
    /// Vertical space in millimetres (dropped at the top of a page).
    Spacer(f32),
    PageBreak,
    /// Short label/value summary lines.
    KeyValues(Vec<(String, String)>),
    /// Pictures in a grid, three to a row, each scaled to fit its cell and
    /// captioned underneath (evidence thumbnails, certificate scans).
    Figures(Vec<Figure>),
    /// The rest of the page (a whole page when less than a third is left)
    /// for one page of an attachment: a picture fitted into it, or — when
    /// `None` — an empty [`FrameItem`] that [`fill_frames`] fills with a
    /// page of another PDF. The next block starts a new page.
    Frame(Option<Picture>),
}

/// A picture to print: 8-bit RGB pixels, row by row, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: std::sync::Arc<Vec<u8>>,
}

/// A picture with the caption printed under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub picture: Picture,
    pub caption: String,
}

/// A table that may span pages; the header row repeats on each page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Each row must have exactly `columns.len()` cells.
    pub rows: Vec<Vec<String>>,
    /// Name used in error messages, e.g. "专利台账".
    pub field: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative weight; must be finite and > 0.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: f32, align: Align) -> Column {
        Column {
            title: title.into(),
            width,
            align,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A character that no bundled face can draw, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    /// Human-readable location, e.g. "专利台账 第 3 行「专利名称」", "段落 2".
    pub field: String,
}

impl std::fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}：「{}」(U+{:04X})",
            self.field, self.ch, self.ch as u32
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("以下字符无法用报告字体打印，请修改后重试：{}", join(.0))]
    MissingGlyphs(Vec<MissingGlyph>),
    #[error("表格「{field}」第 {row} 行有 {found} 列，应为 {expected} 列")]
    TableShape {
        field: String,
        row: usize,
        expected: usize,
        found: usize,
    },
    #[error("表格「{field}」没有列，或列宽不是正数")]
    InvalidColumns { field: String },
    #[error("字体「{font}」无法解析：{reason}")]
    FontParse { font: &'static str, reason: String },
    #[error("无法读取字体文件 {path}")]
    FontIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("PDF 生成失败：{0}")]
    Pdf(String),
    /// A PDF to merge that cannot be read: named by the caller's label.
    #[error("附件「{name}」无法合并：{reason}")]
    Attachment { name: String, reason: String },
}

fn join(list: &[MissingGlyph]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("；")
}
