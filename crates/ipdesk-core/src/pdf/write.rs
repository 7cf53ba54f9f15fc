//! Layout → PDF bytes, written with lopdf: page content streams composed
//! here, fonts cut to the glyphs used ([`embed`](super::embed)).
//!
//! The content streams are as small as a reader allows: coordinates in
//! hundredths of a point, text positioned with relative `Td` moves, each
//! line of a table row one `TJ` with one hex string per cell, and the table
//! rules of a page stroked as one path. The same document always gives the
//! same bytes: the date is the one given and the file id is a content hash.

use std::io::Write as _;

use lopdf::{dictionary, Dictionary, Document as Pdf, Object, SaveOptions, Stream, StringFormat};

use super::embed::{font_objects, push_code, text_string, FaceUse};
use super::fonts::{FontKind, Fonts};
use super::layout::{layout, Item, Layout, Page, Role, TextRun, MM_PER_PT};
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
    let mut pdf = Pdf::with_version("1.7");
    let pages_id = pdf.new_object_id();
    let mut used = FontKind::ALL.map(|_| FaceUse::new());
    let geo = layout.geometry;
    let (width, height) = (pt(geo.width), pt(geo.height));

    let mut xobjects = Dictionary::new();
    let mut forms = Forms::default();
    for (kind, face_use) in FontKind::ALL.into_iter().zip(used.iter_mut()) {
        let texts = layout.pages.iter().flat_map(|p| p.texts());
        let texts = texts.filter(|r| r.font == kind).map(|r| r.text.as_str());
        face_use.number_by_use(fonts.face(kind), texts);
    }
    let mut kids = Vec::with_capacity(layout.pages.len());
    let mut page_ids = Vec::with_capacity(layout.pages.len());
    for (p, page) in layout.pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Image(img) = item {
                let picture = &img.picture;
                let stream = Stream::new(
                    dictionary! {
                        "Type" => "XObject",
                        "Subtype" => "Image",
                        "Width" => i64::from(picture.width),
                        "Height" => i64::from(picture.height),
                        "ColorSpace" => "DeviceRGB",
                        "BitsPerComponent" => 8,
                    },
                    picture.rgb.to_vec(),
                );
                xobjects.set(image_name(p, i), pdf.add_object(stream));
            }
        }
        let content = page_content(p, page, geo.height, fonts, &mut used, &mut forms);
        let content_id = pdf.add_object(Stream::new(Dictionary::new(), content));
        let page_id = pdf.new_object_id();
        page_ids.push((page_id, content_id));
        kids.push(Object::Reference(page_id));
    }

    let mut font_dict = Dictionary::new();
    for (kind, face_use) in FontKind::ALL.into_iter().zip(&used) {
        if !face_use.is_empty() {
            let id = font_objects(&mut pdf, kind, fonts.face(kind), face_use)?;
            font_dict.set(resource_name(kind), id);
        }
    }
    let resources = pdf.new_object_id();
    for (k, content) in forms.contents.into_iter().enumerate() {
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), width.into(), height.into()],
                "Resources" => resources,
            },
            content,
        );
        xobjects.set(form_name(k), pdf.add_object(form));
    }
    pdf.objects.insert(
        resources,
        Object::Dictionary(dictionary! {
            "Font" => font_dict,
            "XObject" => xobjects,
            "ProcSet" => vec!["PDF".into(), "Text".into(), "ImageC".into()],
        }),
    );
    for (page_id, content_id) in page_ids {
        pdf.objects.insert(
            page_id,
            Object::Dictionary(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
                "Resources" => resources,
                "Contents" => content_id,
            }),
        );
    }
    let count = kids.len() as i64;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = pdf.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Lang" => Object::string_literal("zh-CN"),
    });
    let date = Object::string_literal(meta.created.format("D:%Y%m%d%H%M%S").to_string());
    let info = pdf.add_object(dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.author),
        "Subject" => text_string(&meta.subject),
        // The version that produced the file, for a reader who must tell.
        "Creator" => text_string(&format!("IP Desk {}", env!("CARGO_PKG_VERSION"))),
        "Producer" => text_string("IP Desk report engine (lopdf, subsetter)"),
        "CreationDate" => date.clone(),
        "ModDate" => date,
    });
    pdf.trailer.set("Root", catalog);
    pdf.trailer.set("Info", info);
    let id = content_id(layout, meta);
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    compress_streams(&mut pdf);
    let mut out = Vec::new();
    // Page and font dictionaries packed into compressed object streams, with
    // a cross-reference stream (PDF 1.5): a few KB instead of ~200 bytes a page.
    let options = SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    pdf.save_with_options(&mut out, options)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

/// Millimetres to points.
fn pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// A position in millimetres as hundredths of a point, rounded to the
/// tenth of a point (0.035 mm, far below what a printer or eye resolves):
/// one digit less in every number of the stream.
fn centi(mm: f32) -> i64 {
    (pt(mm) * 10.0).round() as i64 * 10
}

fn resource_name(kind: FontKind) -> &'static str {
    match kind {
        FontKind::Serif => "F1",
        FontKind::Sans => "F2",
        FontKind::SansBold => "F3",
    }
}

fn image_name(page: usize, item: usize) -> String {
    format!("Im{page}x{item}")
}

fn form_name(k: usize) -> String {
    format!("Fm{k}")
}

/// What repeats on every page of a table — the running header and the
/// table's header row — drawn once as a form XObject and reused by each
/// page it is identical on. Every page's stream is compressed on its own, so
/// text repeated on each costs its full price each time.
#[derive(Default)]
struct Forms {
    index: std::collections::HashMap<Vec<u8>, usize>,
    contents: Vec<Vec<u8>>,
}

impl Forms {
    /// The name of the form drawing `content`, made on first sight.
    fn name(&mut self, content: Vec<u8>) -> String {
        let next = self.contents.len();
        let k = *self.index.entry(content.clone()).or_insert(next);
        if k == next {
            self.contents.push(content);
        }
        form_name(k)
    }
}

/// Text that is the same on every page of a table.
fn is_furniture(run: &TextRun) -> bool {
    matches!(run.role, Role::PageHeader | Role::TableHeader)
}

/// Writes hundredths of a point as a PDF number: `12.5`, `-3`, `0.07`.
fn num(out: &mut Vec<u8>, centi: i64) {
    if centi < 0 {
        out.push(b'-');
    }
    let v = centi.unsigned_abs();
    let (whole, frac) = (v / 100, v % 100);
    // Writing into a Vec cannot fail.
    let _ = match frac {
        0 => write!(out, "{whole}"),
        f if f % 10 == 0 => write!(out, "{whole}.{}", f / 10),
        f => write!(out, "{whole}.{f:02}"),
    };
}

/// A number given in any unit, to two decimals.
fn dec(out: &mut Vec<u8>, v: f32) {
    num(out, (v * 100.0).round() as i64);
}

/// What the path being built will be painted with.
#[derive(Clone, Copy, PartialEq)]
enum Paint {
    Fill(f32),
    Stroke(f32),
}

/// One page's content stream: pictures, fills and rules in their order
/// (consecutive ones of one kind as one path), then all text in one text
/// object, so fills never cover glyphs.
fn page_content(
    p: usize,
    page: &Page,
    page_h: f32,
    fonts: &Fonts,
    used: &mut [FaceUse; 3],
    forms: &mut Forms,
) -> Vec<u8> {
    let mut s = Vec::with_capacity(page.items.len() * 40 + 256);
    let mut path: Option<Paint> = None;
    let mut fill_grey = None;
    let mut stroke_grey = false;
    let mut line_width = None;
    let finish = |s: &mut Vec<u8>, path: &mut Option<Paint>| match path.take() {
        Some(Paint::Fill(_)) => s.extend_from_slice(b"f\n"),
        Some(Paint::Stroke(_)) => s.extend_from_slice(b"S\n"),
        None => {}
    };
    for (i, item) in page.items.iter().enumerate() {
        match item {
            Item::Image(img) => {
                finish(&mut s, &mut path);
                s.extend_from_slice(b"q ");
                dec(&mut s, pt(img.w));
                s.extend_from_slice(b" 0 0 ");
                dec(&mut s, pt(img.h));
                s.push(b' ');
                num(&mut s, centi(img.x));
                s.push(b' ');
                num(&mut s, centi(page_h - img.y - img.h));
                let _ = writeln!(s, " cm /{} Do Q", image_name(p, i));
            }
            Item::Rect(r) => {
                if path != Some(Paint::Fill(r.fill_grey)) {
                    finish(&mut s, &mut path);
                    if fill_grey != Some(r.fill_grey) {
                        dec(&mut s, r.fill_grey);
                        s.extend_from_slice(b" g\n");
                        fill_grey = Some(r.fill_grey);
                    }
                    path = Some(Paint::Fill(r.fill_grey));
                }
                for (v, sep) in [
                    (centi(r.x), b' '),
                    (centi(page_h - r.y - r.h), b' '),
                    (centi(r.w), b' '),
                    (centi(r.h), b' '),
                ] {
                    num(&mut s, v);
                    s.push(sep);
                }
                s.extend_from_slice(b"re\n");
            }
            Item::Rule(l) => {
                if path != Some(Paint::Stroke(l.width_pt)) {
                    finish(&mut s, &mut path);
                    if !stroke_grey {
                        s.extend_from_slice(b"0 G\n");
                        stroke_grey = true;
                    }
                    if line_width != Some(l.width_pt) {
                        dec(&mut s, l.width_pt);
                        s.extend_from_slice(b" w\n");
                        line_width = Some(l.width_pt);
                    }
                    path = Some(Paint::Stroke(l.width_pt));
                }
                for (x, y, op) in [(l.x1, l.y1, &b" m "[..]), (l.x2, l.y2, &b" l\n"[..])] {
                    num(&mut s, centi(x));
                    s.push(b' ');
                    num(&mut s, centi(page_h - y));
                    s.extend_from_slice(op);
                }
            }
            // Filled later from another PDF (`merge::fill_frames`).
            Item::Frame(_) | Item::Text(_) => {}
        }
    }
    finish(&mut s, &mut path);
    let (furniture, runs): (Vec<&TextRun>, Vec<&TextRun>) = page
        .texts()
        .filter(|r| !r.text.is_empty())
        .partition(|r| is_furniture(r));
    if !furniture.is_empty() {
        let mut form = Vec::new();
        write_text(&mut form, &furniture, page_h, fonts, used);
        let _ = writeln!(s, "/{} Do", forms.name(form));
    }
    write_text(&mut s, &runs, page_h, fonts, used);
    s
}

/// `runs` in one `BT … ET`. Neighbouring runs on one baseline (the cells of
/// a table row) share one `TJ`, the gaps between them written as kerning
/// offsets; font and spacing are set only when they change.
fn write_text(
    s: &mut Vec<u8>,
    runs: &[&TextRun],
    page_h: f32,
    fonts: &Fonts,
    used: &mut [FaceUse; 3],
) {
    if runs.is_empty() {
        return;
    }
    s.extend_from_slice(b"0 g\nBT\n");
    let mut font = None;
    let mut spacing = 0.0_f32;
    // Start of the current line in hundredths of a point (`Td` is relative).
    let mut at = (0_i64, 0_i64);
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        if font != Some((run.font, run.size_pt)) {
            let _ = write!(s, "/{} ", resource_name(run.font));
            dec(s, run.size_pt);
            s.extend_from_slice(b" Tf\n");
            font = Some((run.font, run.size_pt));
        }
        if spacing != run.char_spacing {
            // Tc is in unscaled text space units: points.
            dec(s, pt(run.char_spacing));
            s.extend_from_slice(b" Tc\n");
            spacing = run.char_spacing;
        }
        let to = (centi(run.x), centi(page_h - run.baseline));
        num(s, to.0 - at.0);
        s.push(b' ');
        num(s, to.1 - at.1);
        s.extend_from_slice(b" Td\n[");
        at = to;
        let k = FontKind::ALL
            .iter()
            .position(|&f| f == run.font)
            .unwrap_or(0);
        let face = fonts.face(run.font);
        glyph_string(s, &run.text, |c| used[k].code(face, c));
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
            let gap = -(next.x - end) / MM_PER_PT * 1000.0 / run.size_pt;
            s.push(b' ');
            // Whole thousandths of an em: 0.005 pt at most, per cell.
            num(s, gap.round() as i64 * 100);
            s.push(b' ');
            glyph_string(s, &next.text, |c| used[k].code(face, c));
            end = next.x + next.width;
            i += 1;
        }
        s.extend_from_slice(b"] TJ\n");
    }
    s.extend_from_slice(b"ET\n");
}

/// `text` as one literal string of codes ([`push_code`]; binary: half the
/// size of hex). A line end inside a literal string reads as LF whatever it was
/// (ISO 32000-1 §7.3.4.2), so CR is escaped along with the delimiters.
fn glyph_string(s: &mut Vec<u8>, text: &str, mut code: impl FnMut(char) -> u16) {
    s.push(b'(');
    let mut bytes = Vec::with_capacity(2);
    for c in text.chars() {
        bytes.clear();
        push_code(&mut bytes, code(c));
        for &byte in &bytes {
            match byte {
                b'(' | b')' | b'\\' => s.extend_from_slice(&[b'\\', byte]),
                b'\r' => s.extend_from_slice(b"\\r"),
                _ => s.push(byte),
            }
        }
    }
    s.push(b')');
}

/// Flate-compresses every stream at zlib's default level 6: for a ledger of
/// 1,000 rows, 3 % smaller than level 3 (148 KB against 152 KB) in the same
/// time, now that the streams are small; level 9 saves another 0.5 %.
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
            Compression::new(
                std::env::var("ZL")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(3),
            ),
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
