//! Input validation before layout: every character must exist in the face
//! that will draw it, and tables must be rectangular.
//!
//! A missing glyph would print as an empty box (.notdef), which on a document
//! filed with the patent office is worse than no document: the user must be
//! told which field to fix.

use std::collections::HashSet;

use super::fonts::{FontKind, Fonts};
use super::text::normalize;
use super::{Block, Document, MissingGlyph, ReportError};

pub(crate) fn check(doc: &Document, fonts: &Fonts) -> Result<(), ReportError> {
    check_tables(doc)?;
    let mut missing = Missing {
        fonts,
        seen: HashSet::new(),
        list: Vec::new(),
    };
    missing.scan(&doc.header, &[FontKind::Sans], || "页眉".into());
    if let Some(cover) = &doc.cover {
        missing.scan(&cover.title, &[FontKind::SansBold], || "封面标题".into());
        if let Some(sub) = &cover.subtitle {
            missing.scan(sub, &[FontKind::Sans], || "封面副标题".into());
        }
        for (k, v) in &cover.lines {
            let field = || format!("封面「{}」", short(k));
            missing.scan(k, &[FontKind::SansBold], field);
            missing.scan(v, &[FontKind::Sans], field);
        }
    }
    let mut paragraph = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                // Level 1–2 headings are repeated in the TOC in another face.
                let faces: &[FontKind] = match (doc.toc, *level) {
                    (true, 0..=1) => &[FontKind::SansBold],
                    (true, 2) => &[FontKind::SansBold, FontKind::Serif],
                    _ => &[FontKind::SansBold],
                };
                missing.scan(text, faces, || format!("标题「{}」", short(text)));
            }
            Block::Paragraph(text) => {
                paragraph += 1;
                missing.scan(text, &[FontKind::Serif], || format!("段落 {paragraph}"));
            }
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    let field = || format!("摘要项「{}」", short(k));
                    missing.scan(k, &[FontKind::SansBold], field);
                    missing.scan(v, &[FontKind::Sans], field);
                }
            }
            Block::Table(table) => {
                for col in &table.columns {
                    missing.scan(&col.title, &[FontKind::SansBold], || {
                        format!("{} 表头「{}」", table.field, short(&col.title))
                    });
                }
                for (r, row) in table.rows.iter().enumerate() {
                    for (cell, col) in row.iter().zip(&table.columns) {
                        missing.scan(cell, &[FontKind::Sans], || {
                            format!("{} 第 {} 行「{}」", table.field, r + 1, short(&col.title))
                        });
                    }
                }
            }
            Block::Figures(figures) => {
                for (i, f) in figures.iter().enumerate() {
                    missing.scan(&f.caption, &[FontKind::Sans], || {
                        format!("图片 {} 的说明", i + 1)
                    });
                }
            }
            Block::Spacer(_) | Block::PageBreak | Block::Frame(_) => {}
        }
    }
    if missing.list.is_empty() {
        Ok(())
    } else {
        Err(ReportError::MissingGlyphs(missing.list))
    }
}

fn check_tables(doc: &Document) -> Result<(), ReportError> {
    for block in &doc.blocks {
        let Block::Table(table) = block else { continue };
        let bad_weight = table
            .columns
            .iter()
            .any(|c| !c.width.is_finite() || c.width <= 0.0);
        if table.columns.is_empty() || bad_weight {
            return Err(ReportError::InvalidColumns {
                field: table.field.clone(),
            });
        }
        if let Some((i, row)) = table
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.len() != table.columns.len())
        {
            return Err(ReportError::TableShape {
                field: table.field.clone(),
                row: i + 1,
                expected: table.columns.len(),
                found: row.len(),
            });
        }
    }
    Ok(())
}

/// Field names quote user text; keep them readable in an error dialog.
fn short(text: &str) -> String {
    const MAX: usize = 16;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

struct Missing<'a> {
    fonts: &'a Fonts,
    /// (char, field) pairs already reported: a missing character repeated in
    /// one cell is one problem to fix, not twenty.
    seen: HashSet<(char, String)>,
    list: Vec<MissingGlyph>,
}

impl Missing<'_> {
    fn scan(&mut self, text: &str, faces: &[FontKind], field: impl Fn() -> String) {
        // Fast path: the overwhelming majority of strings are fine, so only
        // build the field name when something is actually missing.
        for ch in normalize(text) {
            if ch == '\n' || ch == ' ' {
                continue;
            }
            if faces.iter().all(|&f| self.fonts.face(f).has(ch)) {
                continue;
            }
            let field = field();
            if self.seen.insert((ch, field.clone())) {
                self.list.push(MissingGlyph { ch, field });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::tests::fonts;
    use crate::pdf::{Align, Column, Cover, DocMeta, Orientation, Table};

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            meta: DocMeta::default(),
            orientation: Orientation::Portrait,
            header: "页眉".into(),
            cover: None,
            toc: true,
            blocks,
        }
    }

    fn ledger(rows: Vec<Vec<String>>) -> Table {
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
                    width: 4.0,
                    align: Align::Left,
                },
            ],
            rows,
        }
    }

    #[test]
    fn missing_glyph_in_a_table_cell_names_table_row_and_column() {
        let rows = vec![
            vec!["1".into(), "一种数据处理方法".into()],
            vec!["2".into(), "螃蟹🦀养殖装置".into()],
            vec!["3".into(), "𠀀字检索系统".into()],
        ];
        let err = check(&doc(vec![Block::Table(ledger(rows))]), fonts()).unwrap_err();
        let ReportError::MissingGlyphs(list) = &err else {
            panic!("expected MissingGlyphs, got {err}")
        };
        assert_eq!(
            list,
            &[
                MissingGlyph {
                    ch: '🦀',
                    field: "专利台账 第 2 行「专利名称」".into()
                },
                MissingGlyph {
                    ch: '𠀀',
                    field: "专利台账 第 3 行「专利名称」".into()
                },
            ]
        );
        let message = err.to_string();
        assert!(
            message.contains("U+1F980") && message.contains("专利台账 第 2 行"),
            "{message}"
        );
    }

    #[test]
    fn missing_glyphs_in_paragraphs_headings_and_cover_are_located() {
        let mut d = doc(vec![
            Block::Paragraph("正常段落".into()),
            Block::Heading {
                level: 1,
                text: "第一章🦀".into(),
            },
            Block::Paragraph("第二段😀😀".into()),
        ]);
        d.cover = Some(Cover {
            title: "报告".into(),
            subtitle: None,
            lines: vec![("编制单位".into(), "某🦀公司".into())],
        });
        let Err(ReportError::MissingGlyphs(list)) = check(&d, fonts()) else {
            panic!("must fail")
        };
        let fields: Vec<(char, &str)> = list.iter().map(|m| (m.ch, m.field.as_str())).collect();
        assert_eq!(
            fields,
            [
                ('🦀', "封面「编制单位」"),
                ('🦀', "标题「第一章🦀」"),
                ('😀', "段落 2")
            ]
        );
    }

    #[test]
    fn whitespace_and_control_characters_are_not_reported() {
        let d = doc(vec![Block::Paragraph(
            "制表\t符\r\n换行\u{7}\u{200B}与　全角空格".into(),
        )]);
        assert!(check(&d, fonts()).is_ok());
    }

    #[test]
    fn ragged_rows_and_zero_weights_are_rejected() {
        let rows = vec![vec!["1".into(), "名称".into()], vec!["2".into()]];
        let err = check(&doc(vec![Block::Table(ledger(rows))]), fonts()).unwrap_err();
        assert!(
            matches!(
                err,
                ReportError::TableShape {
                    row: 2,
                    expected: 2,
                    found: 1,
                    ..
                }
            ),
            "{err}"
        );
        let mut t = ledger(vec![]);
        t.columns[0].width = 0.0;
        let err = check(&doc(vec![Block::Table(t)]), fonts()).unwrap_err();
        assert!(matches!(err, ReportError::InvalidColumns { .. }), "{err}");
    }
}
