//! Front matter: the cover page and the table of contents.

use super::fonts::{FontKind, Fonts};
use super::layout::{baseline_in, label, place_line, pt, Geometry, Item, Role, TextRun, TocMark};
use super::text::break_lines;
use super::{Align, Cover};

/// Title centred at a third of the page, subtitle below, then the key/value
/// lines as a centred block with aligned colons.
pub(super) fn compose_cover(fonts: &Fonts, geo: Geometry, cover: &Cover) -> Vec<Item> {
    let mut items = Vec::new();
    let cw = geo.content_width();
    let mut y = geo.height * 0.28;
    let centred = |items: &mut Vec<Item>, text: &str, font: FontKind, size: f32, y: &mut f32| {
        let face = fonts.face(font);
        let lh = pt(size) * 1.5;
        for line in break_lines(text, cw, 0.0, |c| face.advance_em(c) * pt(size)) {
            let run = place_line(
                &line,
                Role::Cover,
                font,
                size,
                geo.left,
                cw,
                Align::Center,
                false,
            );
            items.push(Item::Text(TextRun {
                baseline: *y + baseline_in(lh, pt(size), face.ascent),
                ..run
            }));
            *y += lh;
        }
    };
    centred(&mut items, &cover.title, FontKind::SansBold, 26.0, &mut y);
    if let Some(sub) = &cover.subtitle {
        y += 6.0;
        centred(&mut items, sub, FontKind::Sans, 16.0, &mut y);
    }

    const SIZE: f32 = 14.0;
    let lh = pt(SIZE) * 1.9;
    let labels: Vec<String> = cover.lines.iter().map(|(k, _)| label(k)).collect();
    let key_w = labels
        .iter()
        .map(|l| fonts.text_width(FontKind::SansBold, SIZE, l))
        .fold(0.0, f32::max);
    let value_w = cover
        .lines
        .iter()
        .map(|(_, v)| fonts.text_width(FontKind::Sans, SIZE, v))
        .fold(0.0, f32::max);
    let block_w = (key_w + value_w).min(cw);
    let x0 = geo.left + (cw - block_w) / 2.0;
    let value_room = (cw - key_w).max(pt(SIZE));
    let sans = fonts.face(FontKind::Sans);
    let mut y = geo.height * 0.62;
    for (label, (_, value)) in labels.iter().zip(&cover.lines) {
        let key_line = break_lines(label, key_w.max(pt(SIZE)), 0.0, |c| {
            fonts.face(FontKind::SansBold).advance_em(c) * pt(SIZE)
        });
        let value_lines = break_lines(value, value_room, 0.0, |c| sans.advance_em(c) * pt(SIZE));
        let base = baseline_in(lh, pt(SIZE), sans.ascent);
        for (k, line) in key_line.iter().enumerate() {
            let run = place_line(
                line,
                Role::Cover,
                FontKind::SansBold,
                SIZE,
                x0,
                key_w,
                Align::Right,
                false,
            );
            items.push(Item::Text(TextRun {
                baseline: y + k as f32 * lh + base,
                ..run
            }));
        }
        for (k, line) in value_lines.iter().enumerate() {
            let run = place_line(
                line,
                Role::Cover,
                FontKind::Sans,
                SIZE,
                x0 + key_w,
                value_room,
                Align::Left,
                false,
            );
            items.push(Item::Text(TextRun {
                baseline: y + k as f32 * lh + base,
                ..run
            }));
        }
        y += key_line.len().max(value_lines.len()) as f32 * lh;
    }
    items
}

/// The table of contents: level-1 entries in bold, level-2 indented, dot
/// leaders to a right-aligned page number. `number(i)` gives the page number
/// of mark `i`.
pub(super) fn compose_toc(
    fonts: &Fonts,
    geo: Geometry,
    marks: &[TocMark],
    number: impl Fn(usize) -> usize,
) -> Vec<Vec<Item>> {
    const SIZE: f32 = 12.0;
    // Wide enough for "9999": numbers never wrap or shift entries, which is
    // what makes the two-pass TOC stable.
    const NUMBER_COL: f32 = 14.0;
    const LEADER_PITCH: f32 = 2.0;
    let size_mm = pt(SIZE);
    let lh = size_mm * 1.9;
    let cw = geo.content_width();
    let right = geo.left + cw;
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = geo.top;

    let title = "目  录";
    let tw = fonts.text_width(FontKind::SansBold, 18.0, title);
    let title_lh = pt(18.0) * 1.6;
    pages[0].push(Item::Text(TextRun {
        role: Role::TocTitle,
        font: FontKind::SansBold,
        size_pt: 18.0,
        x: geo.left + (cw - tw) / 2.0,
        baseline: y + baseline_in(title_lh, pt(18.0), fonts.face(FontKind::SansBold).ascent),
        char_spacing: 0.0,
        width: tw,
        text: title.into(),
    }));
    y += title_lh + 6.0;

    let serif = fonts.face(FontKind::Serif);
    let dot_w = serif.advance_em('.') * size_mm;
    for (i, mark) in marks.iter().enumerate() {
        let (font, indent) = if mark.level <= 1 {
            (FontKind::SansBold, 0.0)
        } else {
            (FontKind::Serif, 2.0 * size_mm)
        };
        let face = fonts.face(font);
        let text_w = cw - indent - NUMBER_COL;
        let lines = break_lines(&mark.text, text_w, 0.0, |c| face.advance_em(c) * size_mm);
        let base = baseline_in(lh, size_mm, face.ascent);
        if y + lines.len() as f32 * lh > geo.content_bottom() {
            pages.push(Vec::new());
            y = geo.top;
        }
        let page = pages.last_mut().expect("toc has a page");
        let mut end_x = 0.0;
        for (k, line) in lines.iter().enumerate() {
            let run = place_line(
                line,
                Role::TocEntry,
                font,
                SIZE,
                geo.left + indent,
                text_w,
                Align::Left,
                false,
            );
            end_x = run.x + run.width;
            page.push(Item::Text(TextRun {
                baseline: y + k as f32 * lh + base,
                ..run
            }));
        }
        let baseline = y + (lines.len() - 1) as f32 * lh + base;
        let num = number(i).to_string();
        let num_w = fonts.text_width(FontKind::Serif, SIZE, &num);
        page.push(Item::Text(TextRun {
            role: Role::TocPage,
            font: FontKind::Serif,
            size_pt: SIZE,
            x: right - num_w,
            baseline,
            char_spacing: 0.0,
            width: num_w,
            text: num,
        }));
        // Leaders start on a fixed grid so the dots line up from row to row.
        let start = geo.left + ((end_x + 1.5 - geo.left) / LEADER_PITCH).ceil() * LEADER_PITCH;
        let stop = right - NUMBER_COL + 2.0;
        let count = ((stop - start) / LEADER_PITCH).floor();
        if count >= 2.0 {
            let count = count as usize;
            page.push(Item::Text(TextRun {
                role: Role::TocLeader,
                font: FontKind::Serif,
                size_pt: SIZE,
                x: start,
                baseline,
                char_spacing: LEADER_PITCH - dot_w,
                width: count as f32 * LEADER_PITCH,
                text: ".".repeat(count),
            }));
        }
        y += lines.len() as f32 * lh;
    }
    pages
}

#[cfg(test)]
mod tests {
    use crate::pdf::fonts::tests::fonts;
    use crate::pdf::layout::tests::{doc, one_line_rows, table};
    use crate::pdf::layout::{layout, Page, Role, TextRun};
    use crate::pdf::{Block, Cover, Orientation};

    #[test]
    fn toc_lists_level_one_and_two_headings_with_the_pages_printed_in_footers() {
        let mut blocks = Vec::new();
        for chapter in 1..=3 {
            blocks.push(Block::Heading {
                level: 1,
                text: format!("第{chapter}章 概况"),
            });
            blocks.push(Block::Paragraph("正文内容。".repeat(40)));
            blocks.push(Block::Heading {
                level: 2,
                text: format!("{chapter}.1 小节"),
            });
            blocks.push(Block::Heading {
                level: 3,
                text: format!("{chapter}.1.1 不进目录"),
            });
            blocks.push(Block::Table(table(one_line_rows(30))));
        }
        let mut d = doc(Orientation::Portrait, blocks);
        d.toc = true;
        d.cover = Some(Cover {
            title: "专利年度报告".into(),
            subtitle: Some("2026 年度".into()),
            lines: vec![],
        });
        let l = layout(&d, fonts()).unwrap();

        assert_eq!(l.pages[0].number, None, "cover is unnumbered");
        assert!(
            l.pages[0].texts().all(|t| t.role == Role::Cover),
            "cover has no header or footer"
        );
        assert_eq!(
            l.numbered_pages,
            l.pages.len() - 1,
            "cover is not counted in 共 M 页"
        );
        let footer = |p: &Page| {
            p.texts()
                .find(|t| t.role == Role::PageFooter)
                .map(|t| t.text.clone())
        };
        assert_eq!(
            footer(&l.pages[1]),
            Some(format!("第 1 页 共 {} 页", l.numbered_pages))
        );

        let toc: Vec<(String, String)> = {
            let runs: Vec<&TextRun> = l.pages[1]
                .texts()
                .filter(|t| matches!(t.role, Role::TocEntry | Role::TocPage))
                .collect();
            runs.chunks(2)
                .map(|c| (c[0].text.clone(), c[1].text.clone()))
                .collect()
        };
        assert_eq!(
            toc.len(),
            6,
            "three chapters × (level 1 + level 2), level 3 left out: {toc:?}"
        );
        for (entry, heading) in toc.iter().zip(&l.headings) {
            assert_eq!(entry.0, heading.text);
            assert_eq!(entry.1, heading.page_number.to_string());
            let page = &l.pages[heading.page_number]; // index = number because the cover is index 0
            assert!(
                page.texts()
                    .any(|t| t.role == Role::Heading && t.text == heading.text),
                "{heading:?} is on its page"
            );
            assert_eq!(
                footer(page),
                Some(format!(
                    "第 {} 页 共 {} 页",
                    heading.page_number, l.numbered_pages
                ))
            );
        }
    }
}
