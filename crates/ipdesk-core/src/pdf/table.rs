//! Tables that flow over pages: column widths from weights, wrapped cells,
//! the header row repeated on every page, rows kept whole unless a single row
//! is taller than a page.

use super::fonts::FontKind;
use super::layout::{baseline_in, place_line, pt, Flow, Item, RectItem, Role, RuleItem, TextRun};
use super::text::{break_lines, BrokenLine};
use super::{Align, Table};

const TABLE_PT: f32 = 9.0;
const TABLE_LEADING: f32 = 1.4;
const CELL_PAD_X: f32 = 1.5;
const CELL_PAD_Y: f32 = 1.2;
const BORDER_PT: f32 = 0.4;
const HEADER_GREY: f32 = 0.88;

/// State of one table as it flows over pages.
pub(super) struct TableFlow<'f, 'a> {
    flow: &'f mut Flow<'a>,
    table: &'f Table,
    col_x: Vec<f32>,
    col_w: Vec<f32>,
    header: Vec<Vec<BrokenLine>>,
    header_h: f32,
    lh: f32,
    /// Top of the table's part on the current page, once started.
    segment_top: Option<f32>,
}

impl<'f, 'a> TableFlow<'f, 'a> {
    pub(super) fn new(flow: &'f mut Flow<'a>, table: &'f Table) -> Self {
        let cw = flow.geo.content_width();
        let total: f32 = table.columns.iter().map(|c| c.width).sum();
        let col_w: Vec<f32> = table.columns.iter().map(|c| cw * c.width / total).collect();
        let mut col_x = Vec::with_capacity(col_w.len() + 1);
        let mut x = flow.geo.left;
        for w in &col_w {
            col_x.push(x);
            x += w;
        }
        col_x.push(flow.geo.left + cw);
        let lh = pt(TABLE_PT) * TABLE_LEADING;
        let bold = flow.fonts.face(FontKind::SansBold);
        let header: Vec<Vec<BrokenLine>> = table
            .columns
            .iter()
            .zip(&col_w)
            .map(|(c, w)| {
                break_lines(&c.title, w - 2.0 * CELL_PAD_X, 0.0, |ch| {
                    bold.advance_em(ch) * pt(TABLE_PT)
                })
            })
            .collect();
        let header_h = height_of(&header, lh);
        Self {
            flow,
            table,
            col_x,
            col_w,
            header,
            header_h,
            lh,
            segment_top: None,
        }
    }

    fn cell_lines(&self, row: &[String]) -> Vec<Vec<BrokenLine>> {
        let face = self.flow.fonts.face(FontKind::Sans);
        row.iter()
            .zip(&self.col_w)
            .map(|(text, w)| {
                break_lines(text, w - 2.0 * CELL_PAD_X, 0.0, |c| {
                    face.advance_em(c) * pt(TABLE_PT)
                })
            })
            .collect()
    }

    pub(super) fn run(mut self) {
        let first_h = self
            .table
            .rows
            .first()
            .map_or(0.0, |r| height_of(&self.cell_lines(r), self.lh));
        // Header plus the first row (or one line of it) must fit; a header
        // stranded at the page foot is useless.
        let need = self.header_h + first_h.min(self.lh + 2.0 * CELL_PAD_Y);
        if self.flow.room() < need && !self.flow.at_top() {
            self.flow.new_page();
        }
        self.start_segment();
        let page_body = self.flow.geo.content_bottom() - self.flow.geo.top - self.header_h;
        for row in &self.table.rows {
            let cells = self.cell_lines(row);
            let h = height_of(&cells, self.lh);
            if h <= self.flow.room() + 1e-3 {
                self.place(&cells, 0, usize::MAX);
            } else if h <= page_body + 1e-3 {
                self.next_page();
                self.place(&cells, 0, usize::MAX);
            } else {
                self.place_split(&cells);
            }
        }
        self.close_segment();
    }

    /// A row taller than a whole page: fill each page with as many of its
    /// lines as fit, repeating the header on every continuation page.
    fn place_split(&mut self, cells: &[Vec<BrokenLine>]) {
        let total = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut from = 0;
        let mut fresh_page = false;
        while from < total {
            let fit = ((self.flow.room() - 2.0 * CELL_PAD_Y) / self.lh + 1e-3).floor();
            if fit < 1.0 && !fresh_page {
                self.next_page();
                fresh_page = true;
                continue;
            }
            // Even a fresh page may have no room when the header alone fills
            // it (absurdly long column titles); overflow one line rather than
            // loop forever.
            let n = (fit.max(1.0) as usize).min(total - from);
            self.place(cells, from, n);
            from += n;
            fresh_page = false;
            if from < total {
                self.next_page();
                fresh_page = true;
            }
        }
    }

    fn next_page(&mut self) {
        self.close_segment();
        self.flow.new_page();
        self.start_segment();
    }

    /// Draws the header row at the current position.
    fn start_segment(&mut self) {
        let top = self.flow.y;
        self.segment_top = Some(top);
        let cw = self.flow.geo.content_width();
        self.flow.push(Item::Rect(RectItem {
            x: self.flow.geo.left,
            y: top,
            w: cw,
            h: self.header_h,
            fill_grey: HEADER_GREY,
        }));
        let header = std::mem::take(&mut self.header);
        self.draw_cells(
            &header,
            0,
            usize::MAX,
            top,
            Role::TableHeader,
            FontKind::SansBold,
            |_| Align::Center,
        );
        self.header = header;
        self.flow.y = top + self.header_h;
        self.rule_across(top);
        self.rule_across(self.flow.y);
    }

    /// Vertical borders for the part of the table on this page.
    fn close_segment(&mut self) {
        let Some(top) = self.segment_top.take() else {
            return;
        };
        let bottom = self.flow.y;
        for &x in &self.col_x {
            self.flow.push(Item::Rule(RuleItem {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                width_pt: BORDER_PT,
            }));
        }
    }

    fn rule_across(&mut self, y: f32) {
        let (x1, x2) = (
            self.col_x[0],
            *self.col_x.last().expect("at least one column"),
        );
        self.flow.push(Item::Rule(RuleItem {
            x1,
            y1: y,
            x2,
            y2: y,
            width_pt: BORDER_PT,
        }));
    }

    /// Places lines `from..from + n` of every cell as one row band.
    fn place(&mut self, cells: &[Vec<BrokenLine>], from: usize, n: usize) {
        let top = self.flow.y;
        let columns = &self.table.columns;
        let rows = self.draw_cells(cells, from, n, top, Role::TableCell, FontKind::Sans, |i| {
            columns[i].align
        });
        self.flow.y = top + rows.max(1) as f32 * self.lh + 2.0 * CELL_PAD_Y;
        self.rule_across(self.flow.y);
    }

    /// Returns the number of line rows drawn.
    #[allow(clippy::too_many_arguments)]
    fn draw_cells(
        &mut self,
        cells: &[Vec<BrokenLine>],
        from: usize,
        n: usize,
        top: f32,
        role: Role,
        font: FontKind,
        align: impl Fn(usize) -> Align,
    ) -> usize {
        let size_mm = pt(TABLE_PT);
        let base = baseline_in(self.lh, size_mm, self.flow.fonts.face(font).ascent);
        // Cells are centred vertically in their row band (中部居中), the usual
        // look of Chinese ledgers when one long name wraps and the rest do not.
        let band = cells
            .iter()
            .map(|c| c.len().saturating_sub(from).min(n))
            .max()
            .unwrap_or(0);
        let mut drawn = 0;
        for (i, lines) in cells.iter().enumerate() {
            let own = lines.len().saturating_sub(from).min(n);
            let top = top + (band - own) as f32 * self.lh / 2.0;
            let x0 = self.col_x[i] + CELL_PAD_X;
            let w = self.col_w[i] - 2.0 * CELL_PAD_X;
            let slice = lines.iter().skip(from).take(n);
            let mut count = 0;
            for (k, line) in slice.enumerate() {
                if line.text.is_empty() {
                    count = k + 1;
                    continue;
                }
                let run = place_line(line, role, font, TABLE_PT, x0, w, align(i), false);
                let baseline = top + CELL_PAD_Y + k as f32 * self.lh + base;
                self.flow.push(Item::Text(TextRun { baseline, ..run }));
                count = k + 1;
            }
            drawn = drawn.max(count);
        }
        drawn
    }
}

fn height_of(cells: &[Vec<BrokenLine>], lh: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * lh + 2.0 * CELL_PAD_Y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::tests::fonts;
    use crate::pdf::layout::layout;
    use crate::pdf::layout::tests::{doc, one_line_rows, row_numbers, table};
    use crate::pdf::{Block, Orientation};

    #[test]
    fn eighty_one_line_rows_fill_three_portrait_pages_with_31_rows_each() {
        // Row = 9 pt × 1.4 leading + 2 × 1.2 mm padding = 6.845 mm; the 225 mm
        // text block holds the header plus 31 rows.
        let l = layout(
            &doc(
                Orientation::Portrait,
                vec![Block::Table(table(one_line_rows(80)))],
            ),
            fonts(),
        )
        .unwrap();
        let per_page: Vec<usize> = row_numbers(&l).iter().map(Vec::len).collect();
        assert_eq!(per_page, [31, 31, 18]);
        assert_eq!(l.numbered_pages, 3);
        assert_eq!(
            l.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(3)]
        );
    }

    #[test]
    fn table_header_is_repeated_at_the_top_of_every_page_it_spans() {
        let l = layout(
            &doc(
                Orientation::Landscape,
                vec![Block::Table(table(one_line_rows(80)))],
            ),
            fonts(),
        )
        .unwrap();
        assert!(l.pages.len() >= 3, "80 rows need several landscape pages");
        let geo = l.geometry;
        for (i, page) in l.pages.iter().enumerate() {
            let headers: Vec<&TextRun> = page
                .texts()
                .filter(|t| t.role == Role::TableHeader)
                .collect();
            assert_eq!(
                headers.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
                ["序号", "专利名称", "状态"],
                "page {i}"
            );
            let first_cell = page.texts().find(|t| t.role == Role::TableCell).unwrap();
            assert!(
                headers.iter().all(|h| h.baseline < first_cell.baseline),
                "header above rows on page {i}"
            );
            assert!(
                headers[0].baseline < geo.top + 6.0,
                "header at the top of page {i}"
            );
            let grey = page.items.iter().find_map(|it| match it {
                Item::Rect(r) => Some(r),
                _ => None,
            });
            assert_eq!(
                grey.map(|r| r.y),
                Some(geo.top),
                "grey header band at the top margin of page {i}"
            );
        }
    }

    #[test]
    fn a_row_that_does_not_fit_moves_whole_to_the_next_page() {
        // Three-line rows: 31 single rows would fit, but these must never be cut.
        let rows: Vec<Vec<String>> = (1..=40)
            .map(|i| {
                vec![
                    i.to_string(),
                    "甲乙丙丁戊己庚辛壬癸".repeat(12),
                    "有效".into(),
                ]
            })
            .collect();
        let l = layout(
            &doc(Orientation::Portrait, vec![Block::Table(table(rows))]),
            fonts(),
        )
        .unwrap();
        for (i, page) in l.pages.iter().enumerate() {
            let bottom = page
                .texts()
                .filter(|t| t.role == Role::TableCell)
                .map(|t| t.baseline)
                .fold(0.0, f32::max);
            let numbers: Vec<f32> = page
                .texts()
                .filter(|t| t.role == Role::TableCell && t.text.parse::<usize>().is_ok())
                .map(|t| t.baseline)
                .collect();
            // The last row on a page starts with its number and its text lines follow on the same page.
            let last_row_top = numbers.iter().copied().fold(0.0, f32::max);
            assert!(
                bottom > last_row_top,
                "page {i}: last row's continuation lines are on the same page"
            );
        }
        let all: Vec<usize> = row_numbers(&l).concat();
        assert_eq!(
            all,
            (1..=40).collect::<Vec<_>>(),
            "each row appears exactly once"
        );
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_with_the_header_repeated() {
        let mut rows = one_line_rows(3);
        rows[1][1] = "很长的备注内容".repeat(400);
        let l = layout(
            &doc(Orientation::Portrait, vec![Block::Table(table(rows))]),
            fonts(),
        )
        .unwrap();
        assert!(
            l.pages.len() >= 3,
            "2800 characters in one cell span pages, got {}",
            l.pages.len()
        );
        for page in &l.pages {
            assert!(
                page.texts().any(|t| t.role == Role::TableHeader),
                "header on every page"
            );
        }
        assert_eq!(row_numbers(&l).concat(), [1, 2, 3]);
    }

    #[test]
    fn a_header_taller_than_the_page_still_terminates() {
        let mut t = table(one_line_rows(2));
        t.columns[0].title = "序号".repeat(400);
        let l = layout(&doc(Orientation::Landscape, vec![Block::Table(t)]), fonts()).unwrap();
        assert_eq!(
            row_numbers(&l).concat(),
            [1, 2],
            "rows are still placed once each"
        );
    }
}
