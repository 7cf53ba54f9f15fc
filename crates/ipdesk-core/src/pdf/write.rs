//! Layout → PDF bytes via printpdf 0.12, with the fixes that make the output
//! reproducible (printpdf draws ids from a process-global counter and stamps
//! dates as UTC).

use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat,
    Rect, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use super::fonts::{Face, FontKind, Fonts};
use super::layout::{layout, Geometry, Item, Layout, Page, TextRun, MM_PER_PT};
use super::{DocMeta, Document, ReportError};

/// Lays out `doc` and serialises it to PDF bytes.
///
/// Same `doc` and fonts ⇒ identical bytes. Errors as [`layout`], plus
/// [`ReportError::Pdf`] if the PDF writer fails.
pub fn render(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    let laid_out = layout(doc, fonts)?;
    write_pdf(&laid_out, &doc.meta, fonts)
}

/// [`render`], returning the layout too (where the frames and headings are).
pub fn render_laid_out(doc: &Document, fonts: &Fonts) -> Result<(Vec<u8>, Layout), ReportError> {
    let laid_out = layout(doc, fonts)?;
    let bytes = write_pdf(&laid_out, &doc.meta, fonts)?;
    Ok((bytes, laid_out))
}

fn write_pdf(layout: &Layout, meta: &DocMeta, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    let mut pdf = PdfDocument::new(&meta.title);
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    // The version that produced the file, for a reader who must tell.
    info.creator = format!("IP Desk {}", env!("CARGO_PKG_VERSION"));
    info.producer = "IP Desk report engine (printpdf 0.12)".into();
    for kind in FontKind::ALL {
        pdf.resources.fonts.map.insert(
            FontId(kind.pdf_id().into()),
            PdfFont::new(fonts.face(kind).parsed.clone()),
        );
    }
    let geo = layout.geometry;
    // Pictures get ids from their place, not printpdf's random ones, so the
    // same document renders to the same bytes.
    for (p, page) in layout.pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Image(img) = item {
                pdf.resources.xobjects.map.insert(
                    image_id(p, i),
                    XObject::Image(RawImage {
                        pixels: RawImageData::U8(img.picture.rgb.to_vec()),
                        width: img.picture.width as usize,
                        height: img.picture.height as usize,
                        data_format: RawImageFormat::RGB8,
                        tag: Vec::new(),
                    }),
                );
            }
        }
    }
    let pages = layout
        .pages
        .iter()
        .enumerate()
        .map(|(p, page)| PdfPage::new(Mm(geo.width), Mm(geo.height), page_ops(p, page, geo, fonts)))
        .collect();
    pdf.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    make_reproducible(&mut lo, layout, meta)?;
    compress_streams(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

fn to_pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

fn point(geo: Geometry, x: f32, y_from_top: f32) -> Point {
    Point {
        x: to_pt(x),
        y: to_pt(geo.height - y_from_top),
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// Graphics first, then all text in one text object, so fills never cover
/// glyphs and state changes (font, spacing) are emitted only when they change.
fn image_id(page: usize, item: usize) -> XObjectId {
    XObjectId(format!("Im{page}x{item}"))
}

fn page_ops(p: usize, page: &Page, geo: Geometry, fonts: &Fonts) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 4 + 8);
    let mut stroke_width = None;
    for (i, item) in page.items.iter().enumerate() {
        match item {
            Item::Image(img) => {
                // At 72 dpi printpdf maps one pixel to one point; scale from
                // there to the laid-out size, then move to the bottom-left corner.
                ops.push(Op::UseXobject {
                    id: image_id(p, i),
                    transform: XObjectTransform {
                        translate_x: Some(to_pt(img.x)),
                        translate_y: Some(to_pt(geo.height - img.y - img.h)),
                        scale_x: Some(to_pt(img.w).0 / img.picture.width.max(1) as f32),
                        scale_y: Some(to_pt(img.h).0 / img.picture.height.max(1) as f32),
                        dpi: Some(72.0),
                        ..XObjectTransform::default()
                    },
                });
            }
            Item::Rect(r) => {
                ops.push(Op::SetFillColor {
                    col: grey(r.fill_grey),
                });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: to_pt(r.x),
                        y: to_pt(geo.height - r.y - r.h),
                        width: to_pt(r.w),
                        height: to_pt(r.h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            // Filled later from another PDF (`merge::fill_frames`).
            Item::Frame(_) => {}
            Item::Rule(l) => {
                if stroke_width != Some(l.width_pt) {
                    if stroke_width.is_none() {
                        ops.push(Op::SetOutlineColor { col: grey(0.0) });
                    }
                    ops.push(Op::SetOutlineThickness { pt: Pt(l.width_pt) });
                    stroke_width = Some(l.width_pt);
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(geo, l.x1, l.y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(geo, l.x2, l.y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Text(_) => {}
        }
    }

    ops.push(Op::SetFillColor { col: grey(0.0) });
    ops.push(Op::StartTextSection);
    let mut font = None;
    let mut spacing = 0.0_f32;
    let runs: Vec<&TextRun> = page.texts().filter(|r| !r.text.is_empty()).collect();
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        if font != Some((run.font, run.size_pt)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(run.font.pdf_id().into())),
                size: Pt(run.size_pt),
            });
            font = Some((run.font, run.size_pt));
        }
        if spacing != run.char_spacing {
            // Tc is in unscaled text space units, i.e. points at our identity Tm.
            ops.push(Op::SetCharacterSpacing {
                multiplier: run.char_spacing / MM_PER_PT,
            });
            spacing = run.char_spacing;
        }
        let p = point(geo, run.x, run.baseline);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(p.x, p.y),
        });
        // Neighbouring runs on one baseline (the cells of a table row) share
        // one TJ with kerning offsets for the gaps: a third of the operators,
        // which is most of the serialisation time for large tables.
        let face = fonts.face(run.font);
        let mut items = vec![glyph_item(face, &run.text)];
        let mut end = run.x + run.width;
        i += 1;
        while let Some(next) = runs.get(i) {
            let mergeable = next.font == run.font
                && next.size_pt == run.size_pt
                && next.char_spacing == 0.0
                && run.char_spacing == 0.0
                && next.baseline == run.baseline
                && next.x >= end;
            if !mergeable {
                break;
            }
            // TJ numbers are thousandths of an em, subtracted from the pen.
            items.push(TextItem::Offset(
                -(next.x - end) / MM_PER_PT * 1000.0 / run.size_pt,
            ));
            items.push(glyph_item(face, &next.text));
            end = next.x + next.width;
            i += 1;
        }
        ops.push(Op::ShowText { items });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Flate-compresses every stream at level 3 (zlib's default is 6). lopdf's own
/// `compress` uses level 9, which costs a third of the render time for large
/// tables and saves only about 2 % of the output size.
pub(super) fn compress_streams(lo: &mut lopdf::Document) {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;

    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            Compression::new(3),
        );
        // Writing into a Vec cannot fail.
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

/// Glyph ids straight from our cmap table, each carrying its text for the
/// ToUnicode map. Unmapped characters cannot occur: `check` rejected them.
fn glyph_item(face: &Face, text: &str) -> TextItem {
    TextItem::GlyphIds(
        text.chars()
            .map(|c| Codepoint {
                gid: face.glyph(c).map_or(0, |g| g.id),
                offset: 0.0,
                cid: Some(c.to_string()),
            })
            .collect(),
    )
}

/// Replaces printpdf's counter-based trailer `/ID` with a content hash and
/// writes the creation date as given (no time zone).
fn make_reproducible(
    lo: &mut lopdf::Document,
    layout: &Layout,
    meta: &DocMeta,
) -> Result<(), ReportError> {
    use lopdf::{Object, StringFormat};

    let date = meta.created.format("D:%Y%m%d%H%M%S").to_string();
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| ReportError::Pdf(format!("Info 字典缺失：{e}")))?;
    let info = lo
        .get_object_mut(info_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| ReportError::Pdf(format!("Info 字典无效：{e}")))?;
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    // Not a PDF/X file; an empty conformance key only confuses preflight tools.
    info.remove(b"GTS_PDFXVersion");
    info.remove(b"Identifier");
    info.remove(b"Keywords");

    let id = content_id(layout, meta);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

/// 16-byte document id from metadata and laid-out text (two FNV-1a lanes).
/// Not cryptographic: it only has to be stable and differ between documents.
fn content_id(layout: &Layout, meta: &DocMeta) -> [u8; 16] {
    struct Fnv(u64, u64);
    impl Fnv {
        fn eat(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
                self.1 = (self.1 ^ u64::from(b))
                    .wrapping_mul(0x0000_0100_0000_01b3)
                    .rotate_left(5);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4);
    for s in [&meta.title, &meta.author, &meta.subject] {
        h.eat(s.as_bytes());
        h.eat(&[0]);
    }
    h.eat(meta.created.to_string().as_bytes());
    for page in &layout.pages {
        h.eat(b"\x0cpage");
        for run in page.texts() {
            h.eat(run.text.as_bytes());
            h.eat(&run.x.to_bits().to_le_bytes());
            h.eat(&run.baseline.to_bits().to_le_bytes());
        }
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&h.0.to_be_bytes());
    out[8..].copy_from_slice(&h.1.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::tests::fonts;
    use crate::pdf::{Align, Block, Column, Cover, Orientation, Table};
    use std::path::PathBuf;
    use std::process::Command;

    fn ledger(rows: usize) -> Document {
        let titles = [
            "序号",
            "申请号",
            "专利名称",
            "类型",
            "申请日",
            "法律状态",
            "年费截止日",
            "应缴金额（元）",
        ];
        let weights = [0.7, 2.2, 4.5, 1.0, 1.5, 1.2, 1.5, 1.5];
        let columns = titles
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(i, (t, w))| Column {
                title: (*t).into(),
                width: w,
                align: if i == 0 || i == 7 {
                    Align::Right
                } else {
                    Align::Left
                },
            })
            .collect();
        let rows = (1..=rows)
            .map(|i| {
                vec![
                    i.to_string(),
                    format!("CN2023{:07}.{}", 1_000_000 + i, i % 10),
                    format!("一种基于区块链的知识产权数据处理方法（第{i}号）"),
                    ["发明", "实用新型", "外观设计"][i % 3].into(),
                    format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                    "授权有效".into(),
                    format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                    format!("{}.00", 900 + (i % 7) * 300),
                ]
            })
            .collect();
        Document {
            meta: DocMeta {
                title: "专利台账".into(),
                author: "某科技有限公司".into(),
                subject: "年费监控".into(),
                created: chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
                    .unwrap()
                    .and_hms_opt(9, 30, 0)
                    .unwrap(),
            },
            orientation: Orientation::Landscape,
            header: "某科技有限公司 · 专利台账".into(),
            cover: Some(Cover {
                title: "专利台账".into(),
                subtitle: None,
                lines: vec![("编制单位".into(), "某科技有限公司".into())],
            }),
            toc: false,
            blocks: vec![Block::Table(Table {
                columns,
                rows,
                field: "专利台账".into(),
            })],
        }
    }

    fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("report-engine-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn run(tool: &str, args: &[&str]) -> String {
        let out = Command::new(tool)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
        assert!(
            out.status.success(),
            "{tool} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn same_document_renders_to_identical_bytes() {
        let doc = ledger(50);
        let a = render(&doc, fonts()).unwrap();
        let b = render(&doc, fonts()).unwrap();
        assert!(
            a == b,
            "rendering twice must give identical bytes ({} vs {} bytes)",
            a.len(),
            b.len()
        );
        let mut other = doc.clone();
        other.meta.created += chrono::Duration::days(1);
        assert_ne!(
            render(&other, fonts()).unwrap(),
            a,
            "the creation date is part of the output"
        );
    }

    #[test]
    fn thousand_row_table_is_extractable_with_embedded_subset_fonts() {
        let doc = ledger(1000);
        let pages = layout(&doc, fonts()).unwrap().numbered_pages;
        let path = write_temp("1000.pdf", &render(&doc, fonts()).unwrap());
        let p = path.to_str().unwrap();

        let text = run("pdftotext", &["-enc", "UTF-8", p, "-"]);
        for expected in [
            "一种基于区块链的知识产权数据处理方法（第1000号）".to_string(),
            "应缴金额（元）".into(),
            "CN20231001000.0".into(),
            format!("第 1 页 共 {pages} 页"),
            format!("第 {pages} 页 共 {pages} 页"),
        ] {
            assert!(
                text.contains(&expected),
                "pdftotext output lacks {expected:?} (ToUnicode broken?)"
            );
        }

        let fonts_out = run("pdffonts", &[p]);
        let rows: Vec<&str> = fonts_out.lines().skip(2).collect();
        assert_eq!(
            rows.len(),
            2,
            "table uses Sans and Sans Bold only:\n{fonts_out}"
        );
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type... encoding emb sub uni object ID
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "embedded, subset, ToUnicode: {row}"
            );
            assert!(
                cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
                "subset tag on {}",
                cols[0]
            );
        }

        let info = run("pdfinfo", &["-isodates", p]);
        for expected in [
            "Title:           专利台账",
            "Author:          某科技有限公司",
            "Subject:         年费监控",
            "2026-11-21T09:30:00",
        ] {
            assert!(
                info.contains(expected),
                "pdfinfo lacks {expected:?}:\n{info}"
            );
        }
        std::fs::remove_file(&path).ok();
    }

    #[test]
    fn missing_glyph_fails_render_without_output() {
        let mut doc = ledger(3);
        let Block::Table(t) = &mut doc.blocks[0] else {
            unreachable!()
        };
        t.rows[2][2] = "含有𠀀的名称".into();
        let err = render(&doc, fonts()).unwrap_err();
        assert!(
            err.to_string().contains("专利台账 第 3 行「专利名称」"),
            "{err}"
        );
    }
}
