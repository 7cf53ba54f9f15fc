//! Pure layout: turns a [`Document`] into pages of positioned text runs,
//! rectangles and rules. No PDF bytes here, so tests can assert positions.
//!
//! Coordinates are millimetres from the top-left corner of the page; text is
//! placed by its baseline. Page numbering: the cover (if any) is not numbered
//! and not counted, so `第 1 页` is the first page after the cover (the TOC, or
//! the first content page) and `共 M 页` counts pages after the cover. This is
//! the usual convention for Chinese reports (封面不编页码), and it keeps the
//! numbers in the TOC equal to what is printed in the footers.

use super::fonts::{FontKind, Fonts};
use super::front::{compose_cover, compose_toc};
use super::table::TableFlow;
use super::text::{break_lines, BrokenLine};
use super::{Align, Block, Document, Figure, Orientation, Picture, ReportError, Table};

/// Millimetres per PostScript point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Page size and margins, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Geometry {
    /// Portrait follows GB/T 9704-2012 §5.2.1 (公文版心: top 37 mm, left
    /// 28 mm, 156 × 225 mm text block, hence bottom 35 mm and right 26 mm).
    /// Landscape exists for wide ledgers, so it trades the official look for
    /// table width: 20 mm on every side gives a 257 × 170 mm block, enough for
    /// 8–10 columns of 9 pt text, while leaving room for the running header.
    pub fn for_orientation(orientation: Orientation) -> Self {
        match orientation {
            Orientation::Portrait => Self {
                width: 210.0,
                height: 297.0,
                top: 37.0,
                bottom: 35.0,
                left: 28.0,
                right: 26.0,
            },
            Orientation::Landscape => Self {
                width: 297.0,
                height: 210.0,
                top: 20.0,
                bottom: 20.0,
                left: 20.0,
                right: 20.0,
            },
        }
    }

    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    pub fn content_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// What a text run is, so tests (and future tagging) can find things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Cover,
    TocTitle,
    TocEntry,
    TocLeader,
    TocPage,
    Heading,
    Body,
    KeyValue,
    TableHeader,
    TableCell,
    Caption,
    PageHeader,
    PageFooter,
}

/// One line of text in a single font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub role: Role,
    pub font: FontKind,
    pub size_pt: f32,
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub baseline: f32,
    /// Extra space after every glyph, used for justification (mm).
    pub char_spacing: f32,
    /// Drawn width including `char_spacing` between glyphs.
    pub width: f32,
    pub text: String,
}

/// A filled and/or stroked rectangle; `y` is its top edge.
#[derive(Debug, Clone, PartialEq)]
pub struct RectItem {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Grey level 0 (black) ..= 1 (white).
    pub fill_grey: f32,
}

/// A straight rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleItem {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width_pt: f32,
}

/// A picture placed on the page; `y` is its top edge.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageItem {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub picture: Picture,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rect(RectItem),
    Rule(RuleItem),
    Image(ImageItem),
    /// Room kept for a page of another PDF (see [`super::fill_frames`]).
    Frame(super::FrameItem),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Printed page number; `None` for the cover.
    pub number: Option<usize>,
    pub items: Vec<Item>,
}

impl Page {
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// A heading as listed in the TOC, with the number printed on its page.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingEntry {
    pub level: u8,
    pub text: String,
    pub page_number: usize,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    /// Pages carrying a number (`共 M 页`).
    pub numbered_pages: usize,
    pub headings: Vec<HeadingEntry>,
}

// Type scale. Body 12 pt serif (公文 uses 三号仿宋 16 pt; 12 pt suits dense
// reports), tables 9 pt sans so that a landscape ledger fits 8+ columns.
const BODY_PT: f32 = 12.0;
const BODY_LEADING: f32 = 1.7;
const KV_PT: f32 = 10.5;
const RUNNING_PT: f32 = 9.0;
/// Justification never opens gaps wider than this (em); looser lines stay ragged.
const MAX_JUSTIFY_EM: f32 = 0.5;

pub(super) fn pt(size: f32) -> f32 {
    size * MM_PER_PT
}

fn heading_pt(level: u8) -> f32 {
    match level {
        0 | 1 => 16.0,
        2 => 14.0,
        _ => 12.0,
    }
}

/// Lays out `doc` without producing bytes.
///
/// Errors: [`ReportError::MissingGlyphs`] when a character cannot be drawn by
/// the font assigned to it, [`ReportError::TableShape`] /
/// [`ReportError::InvalidColumns`] for malformed tables.
pub fn layout(doc: &Document, fonts: &Fonts) -> Result<Layout, ReportError> {
    super::check::check(doc, fonts)?;
    let geo = Geometry::for_orientation(doc.orientation);

    let mut content = Flow::new(fonts, geo);
    for (i, block) in doc.blocks.iter().enumerate() {
        content.block(block, i + 1 == doc.blocks.len());
    }
    let (content_pages, toc_marks) = content.finish();

    let cover_pages = usize::from(doc.cover.is_some());
    // Two passes for the TOC: its own length decides the page numbers it
    // prints, and the numbers (right-aligned in a fixed column) never change
    // its length, so laying it out once with placeholders is enough to know
    // how many pages it takes.
    let toc_pages = if doc.toc {
        compose_toc(fonts, geo, &toc_marks, |_| 0).len()
    } else {
        0
    };
    let number_of = |content_page: usize| toc_pages + content_page + 1;
    let headings: Vec<HeadingEntry> = toc_marks
        .iter()
        .map(|m| HeadingEntry {
            level: m.level,
            text: m.text.clone(),
            page_number: number_of(m.page),
        })
        .collect();

    let mut pages = Vec::with_capacity(cover_pages + toc_pages + content_pages.len());
    if let Some(cover) = &doc.cover {
        pages.push(Page {
            number: None,
            items: compose_cover(fonts, geo, cover),
        });
    }
    if doc.toc {
        let toc = compose_toc(fonts, geo, &toc_marks, |i| headings[i].page_number);
        debug_assert_eq!(
            toc.len(),
            toc_pages,
            "TOC length must not depend on its page numbers"
        );
        pages.extend(toc.into_iter().map(|items| Page {
            number: None,
            items,
        }));
    }
    pages.extend(content_pages.into_iter().map(|items| Page {
        number: None,
        items,
    }));

    let numbered = pages.len() - cover_pages;
    for (i, page) in pages.iter_mut().skip(cover_pages).enumerate() {
        page.number = Some(i + 1);
        decorate(fonts, geo, &doc.header, page, i + 1, numbered);
    }
    Ok(Layout {
        geometry: geo,
        pages,
        numbered_pages: numbered,
        headings,
    })
}

/// Running header (text + rule) and centred `第 N 页 共 M 页` footer.
fn decorate(fonts: &Fonts, geo: Geometry, header: &str, page: &mut Page, n: usize, m: usize) {
    let cw = geo.content_width();
    if !header.trim().is_empty() {
        let text = fit_with_ellipsis(fonts, FontKind::Sans, RUNNING_PT, header, cw);
        let w = fonts.text_width(FontKind::Sans, RUNNING_PT, &text);
        page.items.push(Item::Text(TextRun {
            role: Role::PageHeader,
            font: FontKind::Sans,
            size_pt: RUNNING_PT,
            x: geo.left + (cw - w) / 2.0,
            baseline: geo.top - 9.0,
            char_spacing: 0.0,
            width: w,
            text,
        }));
    }
    page.items.push(Item::Rule(RuleItem {
        x1: geo.left,
        y1: geo.top - 6.5,
        x2: geo.width - geo.right,
        y2: geo.top - 6.5,
        width_pt: 0.5,
    }));
    let text = format!("第 {n} 页 共 {m} 页");
    let w = fonts.text_width(FontKind::Sans, RUNNING_PT, &text);
    page.items.push(Item::Text(TextRun {
        role: Role::PageFooter,
        font: FontKind::Sans,
        size_pt: RUNNING_PT,
        x: geo.left + (cw - w) / 2.0,
        baseline: geo.content_bottom() + 10.0,
        char_spacing: 0.0,
        width: w,
        text,
    }));
}

/// Shortens `text` with a trailing `…` so that it fits `max` (mm).
fn fit_with_ellipsis(fonts: &Fonts, kind: FontKind, size: f32, text: &str, max: f32) -> String {
    let clean: String = super::text::normalize(text)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if fonts.text_width(kind, size, &clean) <= max {
        return clean;
    }
    let budget = max - fonts.text_width(kind, size, "…");
    let mut out = String::new();
    let mut w = 0.0;
    for c in clean.chars() {
        let cw = fonts.text_width(kind, size, c.encode_utf8(&mut [0; 4]));
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Baseline offset from the top of a line box of height `lh` for a font of
/// `size_mm`, centring the ideographic em box (top at `ascent` em).
pub(super) fn baseline_in(lh: f32, size_mm: f32, ascent: f32) -> f32 {
    (lh - size_mm) / 2.0 + ascent * size_mm
}

pub(super) struct TocMark {
    pub(super) level: u8,
    pub(super) text: String,
    /// Index of the content page (0-based, before TOC/cover are prepended).
    pub(super) page: usize,
}

/// Flows blocks down pages, opening a new page when the current one is full.
pub(super) struct Flow<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) geo: Geometry,
    pages: Vec<Vec<Item>>,
    pub(super) y: f32,
    marks: Vec<TocMark>,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a Fonts, geo: Geometry) -> Self {
        Self {
            fonts,
            geo,
            pages: vec![Vec::new()],
            y: geo.top,
            marks: Vec::new(),
        }
    }

    fn finish(self) -> (Vec<Vec<Item>>, Vec<TocMark>) {
        (self.pages, self.marks)
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.geo.top;
    }

    pub(super) fn room(&self) -> f32 {
        self.geo.content_bottom() - self.y
    }

    pub(super) fn at_top(&self) -> bool {
        self.y <= self.geo.top + 1e-3
    }

    pub(super) fn push(&mut self, item: Item) {
        self.pages
            .last_mut()
            .expect("flow always has a page")
            .push(item);
    }

    fn block(&mut self, block: &Block, is_last: bool) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph(text) => self.paragraph(text),
            Block::Table(table) => self.table(table),
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Figures(figures) => self.figures(figures),
            Block::Frame(picture) => self.frame(picture.as_ref(), is_last),
            Block::Spacer(mm) => {
                if *mm > self.room() {
                    self.new_page();
                } else if !self.at_top() {
                    self.y += mm.max(0.0);
                }
            }
            // A trailing page break would only add a blank page.
            Block::PageBreak => {
                if !self.at_top() && !is_last {
                    self.new_page();
                }
            }
        }
    }

    /// Places wrapped lines, breaking pages between lines as needed.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        lines: &[BrokenLine],
        role: Role,
        font: FontKind,
        size: f32,
        lh: f32,
        x0: f32,
        width: f32,
        align: Align,
        justify: bool,
    ) {
        let size_mm = pt(size);
        let ascent = self.fonts.face(font).ascent;
        for line in lines {
            if self.room() < lh - 1e-3 && !self.at_top() {
                self.new_page();
            }
            let run = place_line(line, role, font, size, x0, width, align, justify);
            self.push(Item::Text(TextRun {
                baseline: self.y + baseline_in(lh, size_mm, ascent),
                ..run
            }));
            self.y += lh;
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = heading_pt(level);
        let lh = pt(size) * 1.5;
        let cw = self.geo.content_width();
        let face = self.fonts.face(FontKind::SansBold);
        let lines = break_lines(text, cw, 0.0, |c| face.advance_em(c) * pt(size));
        let before = if level <= 1 { 6.0 } else { 4.0 };
        let after = 2.5;
        let height = lines.len() as f32 * lh;
        // Keep the heading with at least two body lines: a heading alone at
        // the foot of a page reads as a layout error.
        let keep = height + after + 2.0 * pt(BODY_PT) * BODY_LEADING;
        if !self.at_top() {
            if self.room() < before + keep {
                self.new_page();
            } else {
                self.y += before;
            }
        }
        if level <= 2 {
            self.marks.push(TocMark {
                level,
                text: text.to_string(),
                page: self.pages.len() - 1,
            });
        }
        let x = self.geo.left;
        self.lines(
            &lines,
            Role::Heading,
            FontKind::SansBold,
            size,
            lh,
            x,
            cw,
            Align::Left,
            false,
        );
        self.y += after;
    }

    fn paragraph(&mut self, text: &str) {
        let size_mm = pt(BODY_PT);
        let face = self.fonts.face(FontKind::Serif);
        let cw = self.geo.content_width();
        // 首行缩进两字: two ideographic em.
        let lines = break_lines(text, cw, 2.0 * size_mm, |c| face.advance_em(c) * size_mm);
        let lh = size_mm * BODY_LEADING;
        let x = self.geo.left;
        self.lines(
            &lines,
            Role::Body,
            FontKind::Serif,
            BODY_PT,
            lh,
            x,
            cw,
            Align::Left,
            true,
        );
        self.y += 1.5;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let size_mm = pt(KV_PT);
        let lh = size_mm * 1.6;
        let cw = self.geo.content_width();
        let labels: Vec<String> = pairs.iter().map(|(k, _)| label(k)).collect();
        let key_w = labels
            .iter()
            .map(|l| self.fonts.text_width(FontKind::SansBold, KV_PT, l))
            .fold(0.0_f32, f32::max)
            .min(cw / 2.0);
        let value_x = self.geo.left + key_w + 1.0;
        let value_w = cw - key_w - 1.0;
        let bold = self.fonts.face(FontKind::SansBold);
        let regular = self.fonts.face(FontKind::Sans);
        for (label, (_, value)) in labels.iter().zip(pairs) {
            let key_lines = break_lines(label, key_w, 0.0, |c| bold.advance_em(c) * size_mm);
            let value_lines = break_lines(value, value_w, 0.0, |c| regular.advance_em(c) * size_mm);
            let rows = key_lines.len().max(value_lines.len());
            if self.room() < rows as f32 * lh && !self.at_top() {
                self.new_page();
            }
            let top = self.y;
            let x = self.geo.left;
            self.lines(
                &key_lines,
                Role::KeyValue,
                FontKind::SansBold,
                KV_PT,
                lh,
                x,
                key_w,
                Align::Left,
                false,
            );
            self.y = top;
            self.lines(
                &value_lines,
                Role::KeyValue,
                FontKind::Sans,
                KV_PT,
                lh,
                value_x,
                value_w,
                Align::Left,
                false,
            );
            self.y = top + rows as f32 * lh;
        }
        self.y += 2.0;
    }

    fn table(&mut self, table: &Table) {
        TableFlow::new(self, table).run();
        self.y += 3.0;
    }

    /// Three pictures to a row, each fitted into its cell (at most
    /// [`FIGURE_MAX_H`] tall, never enlarged past 1 px = 0.5 mm), with up to
    /// two caption lines under it; a row never splits across pages.
    fn figures(&mut self, figures: &[Figure]) {
        const PER_ROW: usize = 3;
        const GAP: f32 = 5.0;
        let cw = self.geo.content_width();
        let cell_w = (cw - GAP * (PER_ROW as f32 - 1.0)) / PER_ROW as f32;
        let size_mm = pt(CAPTION_PT);
        let lh = size_mm * 1.4;
        let face = self.fonts.face(FontKind::Sans);
        let ascent = face.ascent;
        for row in figures.chunks(PER_ROW) {
            let placed: Vec<(f32, f32, Vec<BrokenLine>)> = row
                .iter()
                .map(|f| {
                    let (pw, ph) = (
                        f.picture.width.max(1) as f32,
                        f.picture.height.max(1) as f32,
                    );
                    let scale = (cell_w / pw).min(FIGURE_MAX_H / ph).min(0.5);
                    let mut lines =
                        break_lines(&f.caption, cell_w, 0.0, |c| face.advance_em(c) * size_mm);
                    lines.truncate(2);
                    (pw * scale, ph * scale, lines)
                })
                .collect();
            let pic_h = placed.iter().map(|p| p.1).fold(0.0_f32, f32::max);
            let cap_h = placed.iter().map(|p| p.2.len()).max().unwrap_or(0) as f32 * lh;
            let height = pic_h + 1.5 + cap_h;
            if self.room() < height && !self.at_top() {
                self.new_page();
            }
            let top = self.y;
            for (i, (f, (w, h, lines))) in row.iter().zip(placed).enumerate() {
                let x0 = self.geo.left + i as f32 * (cell_w + GAP);
                self.push(Item::Image(ImageItem {
                    x: x0 + (cell_w - w) / 2.0,
                    y: top + (pic_h - h),
                    w,
                    h,
                    picture: f.picture.clone(),
                }));
                for (n, line) in lines.iter().enumerate() {
                    let run = place_line(
                        line,
                        Role::Caption,
                        FontKind::Sans,
                        CAPTION_PT,
                        x0,
                        cell_w,
                        Align::Center,
                        false,
                    );
                    self.push(Item::Text(TextRun {
                        baseline: top
                            + pic_h
                            + 1.5
                            + n as f32 * lh
                            + baseline_in(lh, size_mm, ascent),
                        ..run
                    }));
                }
            }
            self.y = top + height + GAP;
        }
    }
}

/// Captions under pictures.
const CAPTION_PT: f32 = 8.0;
/// The tallest a picture in a [`Block::Figures`] grid is printed (mm).
const FIGURE_MAX_H: f32 = 55.0;

/// `key` followed by a full-width colon unless it already ends with one.
pub(crate) fn label(key: &str) -> String {
    let k = key.trim_end();
    if k.ends_with('：') || k.ends_with(':') {
        k.to_string()
    } else {
        format!("{k}：")
    }
}

/// Horizontal placement of one broken line (baseline left for the caller).
#[allow(clippy::too_many_arguments)]
pub(super) fn place_line(
    line: &BrokenLine,
    role: Role,
    font: FontKind,
    size: f32,
    x0: f32,
    width: f32,
    align: Align,
    justify: bool,
) -> TextRun {
    let avail = width - line.indent;
    let mut spacing = 0.0;
    if justify && !line.last && line.chars > 1 {
        let per_gap = (avail - line.width) / (line.chars - 1) as f32;
        if per_gap > 0.0 && per_gap <= MAX_JUSTIFY_EM * pt(size) {
            spacing = per_gap;
        }
    }
    let drawn = line.width + spacing * line.chars.saturating_sub(1) as f32;
    let x = match align {
        Align::Left => x0 + line.indent,
        Align::Center => x0 + line.indent + (avail - drawn) / 2.0,
        Align::Right => x0 + width - drawn,
    };
    TextRun {
        role,
        font,
        size_pt: size,
        x,
        baseline: 0.0,
        char_spacing: spacing,
        width: drawn,
        text: line.text.clone(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::pdf::fonts::tests::fonts;
    use crate::pdf::{Column, DocMeta};

    pub(crate) fn doc(orientation: Orientation, blocks: Vec<Block>) -> Document {
        Document {
            meta: DocMeta::default(),
            orientation,
            header: "某科技有限公司 专利台账".into(),
            cover: None,
            toc: false,
            blocks,
        }
    }

    pub(crate) fn table(rows: Vec<Vec<String>>) -> Table {
        Table {
            field: "专利台账".into(),
            columns: vec![
                Column {
                    title: "序号".into(),
                    width: 1.0,
                    align: Align::Right,
                },
                Column {
                    title: "专利名称".into(),
                    width: 5.0,
                    align: Align::Left,
                },
                Column {
                    title: "状态".into(),
                    width: 2.0,
                    align: Align::Center,
                },
            ],
            rows,
        }
    }

    pub(crate) fn one_line_rows(n: usize) -> Vec<Vec<String>> {
        (1..=n)
            .map(|i| vec![i.to_string(), format!("一种数据处理方法{i}"), "有效".into()])
            .collect()
    }

    /// Row numbers (first column) appearing on each page.
    pub(crate) fn row_numbers(layout: &Layout) -> Vec<Vec<usize>> {
        layout
            .pages
            .iter()
            .map(|p| {
                p.texts()
                    .filter(|t| t.role == Role::TableCell)
                    .filter_map(|t| t.text.parse().ok())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_text_run_stays_inside_the_margins() {
        let mut rows = one_line_rows(200);
        rows[40][1] =
            "一种基于深度学习的专利文本自动分类方法及其装置、电子设备和计算机可读存储介质"
                .repeat(3);
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "一、专利概况".into(),
            },
            Block::Paragraph("本报告统计了公司截至本年度的全部有效专利。".repeat(20)),
            Block::Table(table(rows)),
        ];
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let l = layout(&doc(orientation, blocks.clone()), fonts()).unwrap();
            let geo = l.geometry;
            for (i, page) in l.pages.iter().enumerate() {
                for t in page
                    .texts()
                    .filter(|t| !matches!(t.role, Role::PageHeader | Role::PageFooter))
                {
                    let top = t.baseline - pt(t.size_pt);
                    assert!(
                        top >= geo.top - 0.01 && t.baseline <= geo.content_bottom(),
                        "{orientation:?} p{i}: {t:?}"
                    );
                    assert!(
                        t.x >= geo.left - 0.01 && t.x + t.width <= geo.width - geo.right + 0.01,
                        "{orientation:?} p{i}: {t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn paragraph_is_indented_two_characters_and_justified_except_its_last_line() {
        let text = "根据《中华人民共和国专利法》第四十三条的规定，发明专利申请人应当自申请日起三年内提出实质审查请求，逾期未提出的，该申请即被视为撤回。".repeat(3);
        let l = layout(
            &doc(Orientation::Portrait, vec![Block::Paragraph(text)]),
            fonts(),
        )
        .unwrap();
        let geo = l.geometry;
        let body: Vec<&TextRun> = l.pages[0]
            .texts()
            .filter(|t| t.role == Role::Body)
            .collect();
        assert!(body.len() >= 3);
        let em = pt(BODY_PT);
        assert!(
            (body[0].x - (geo.left + 2.0 * em)).abs() < 1e-3,
            "first line indented by two ideographs"
        );
        for line in &body[1..] {
            assert!(
                (line.x - geo.left).abs() < 1e-3,
                "later lines start at the margin"
            );
        }
        let right = geo.width - geo.right;
        for line in &body[..body.len() - 1] {
            assert!(
                (line.x + line.width - right).abs() < 0.01,
                "justified line ends at the margin: {line:?}"
            );
        }
        let last = body.last().unwrap();
        assert_eq!(last.char_spacing, 0.0, "last line keeps natural spacing");
        assert!(!body.iter().skip(1).any(|l| is_closing_start(&l.text)));
    }

    fn is_closing_start(s: &str) -> bool {
        s.chars().next().is_some_and(crate::pdf::is_closing)
    }

    #[test]
    fn landscape_gives_a_257_mm_text_block_and_portrait_the_gbt_9704_one() {
        let p = Geometry::for_orientation(Orientation::Portrait);
        assert_eq!(
            (p.content_width(), p.content_bottom() - p.top),
            (156.0, 225.0)
        );
        let l = Geometry::for_orientation(Orientation::Landscape);
        assert_eq!(
            (l.content_width(), l.content_bottom() - l.top),
            (257.0, 170.0)
        );
    }
}
