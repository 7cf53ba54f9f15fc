//! Appending other PDFs to a rendered document: each page of an attachment
//! becomes a Form XObject drawn, scaled to fit, into the next
//! [`FrameItem`] of the layout — so attachment pages carry the packet's
//! running header and `第 N 页 共 M 页` footer like every other page — and
//! the headings become the outline (bookmarks). lopdf reads and writes the
//! files; nothing here parses PDF syntax by hand.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::layout::{Item, Layout, MM_PER_PT};
use super::{FrameItem, ReportError};

/// A page's content streams, decompressed, may not exceed this (a small
/// compressed stream can inflate without bound).
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// Reads a PDF to merge, refusing an encrypted or unreadable one; `name`
/// labels the errors.
fn load(name: &str, bytes: &[u8]) -> Result<Document, ReportError> {
    let bad = |reason: String| ReportError::Attachment {
        name: name.to_string(),
        reason,
    };
    // A malformed file must not take the app down with it.
    let doc = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| bad("文件已损坏，无法解析".into()))?
        .map_err(|e| bad(format!("文件已损坏或不是 PDF（{e}）")))?;
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(bad("PDF 已加密，请先解除密码或打印限制后再添加".into()));
    }
    if doc.get_pages().is_empty() {
        return Err(bad("PDF 中没有页面".into()));
    }
    Ok(doc)
}

/// The number of pages of a PDF to merge. Errors as [`fill_frames`].
pub fn pdf_page_count(name: &str, bytes: &[u8]) -> Result<usize, ReportError> {
    Ok(load(name, bytes)?.get_pages().len())
}

/// An attribute a page inherits from its ancestors (Resources, MediaBox,
/// Rotate), resolved through references.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(v) = node.get(key) {
            return Some(match v {
                Object::Reference(id) => doc.get_object(*id).ok()?.clone(),
                other => other.clone(),
            });
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// `[a b c d e f]` of `first` then `then` (PDF's row-vector convention).
fn concat(first: [f32; 6], then: [f32; 6]) -> [f32; 6] {
    let [a, b, c, d, e, f] = first;
    let [a2, b2, c2, d2, e2, f2] = then;
    [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
}

/// One page of an attachment, ready to place: the form and how it sits.
struct SourcePage {
    form: Stream,
    /// From the page's own space to an upright box at the origin.
    upright: [f32; 6],
    size: (f32, f32),
}

fn source_page(
    name: &str,
    doc: &Document,
    page: ObjectId,
    n: usize,
) -> Result<SourcePage, ReportError> {
    let bad = |reason: String| ReportError::Attachment {
        name: name.to_string(),
        reason: format!("第 {n} 页{reason}"),
    };
    let content = doc
        .get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        .map_err(|e| bad(format!("内容无法读取（{e}）")))?;
    let resources =
        inherited(doc, page, b"Resources").unwrap_or(Object::Dictionary(Dictionary::new()));
    let media: Vec<f32> = match inherited(doc, page, b"MediaBox") {
        Some(Object::Array(a)) => a.iter().filter_map(number).collect(),
        _ => Vec::new(),
    };
    let [x0, y0, x1, y1] = match media[..] {
        [x0, y0, x1, y1] if x1 > x0 && y1 > y0 => [x0, y0, x1, y1],
        // No usable MediaBox: A4, the common case for scans.
        _ => [0.0, 0.0, 595.276, 841.89],
    };
    let (w, h) = (x1 - x0, y1 - y0);
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let origin = [1.0, 0.0, 0.0, 1.0, -x0, -y0];
    let (turn, size) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], (h, w)),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], (w, h)),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], (h, w)),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], (w, h)),
    };
    let bbox: Vec<Object> = [x0, y0, x1, y1].into_iter().map(Object::Real).collect();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => bbox,
            "Resources" => resources,
        },
        content,
    );
    Ok(SourcePage {
        form,
        upright: concat(origin, turn),
        size,
    })
}

/// What fills frames: every page of a PDF, or a JPEG scan on one page,
/// passed through as it is (DCTDecode: not decoded, not re-encoded).
#[derive(Debug, Clone)]
pub enum FrameSource {
    Pdf { name: String, bytes: Vec<u8> },
    Jpeg { name: String, bytes: Vec<u8> },
}

/// A baseline or progressive JPEG's size and colour components, read from
/// its frame header (SOFn), without decoding it.
pub fn jpeg_info(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            let components = bytes[i + 9];
            return (w > 0 && h > 0).then_some((w, h, components));
        }
        i += 2 + len;
    }
    None
}

/// A JPEG as an Image XObject placed like a page of its pixel size.
fn jpeg_page(name: &str, bytes: Vec<u8>) -> Result<SourcePage, ReportError> {
    let (w, h, components) = jpeg_info(&bytes)
        .filter(|(_, _, c)| matches!(c, 1 | 3))
        .ok_or_else(|| ReportError::Attachment {
            name: name.to_string(),
            reason: "不是可直接放入的 JPEG（灰度或 RGB）".into(),
        })?;
    let space = if components == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut image = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => w as i64,
            "Height" => h as i64,
            "ColorSpace" => space,
            "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        },
        bytes,
    );
    image.allows_compression = false;
    let (w, h) = (w as f32, h as f32);
    Ok(SourcePage {
        form: image,
        // The image space is the unit square: stretch it to its pixels.
        upright: [w, 0.0, 0.0, h, 0.0, 0.0],
        size: (w, h),
    })
}

/// Draws every page of `sources`, in order, into the frames of `layout` —
/// the layout `own` was rendered from — and adds the level-1 and level-2
/// headings as the outline.
///
/// Errors: [`ReportError::Attachment`] naming a source that is encrypted,
/// damaged or has no pages; [`ReportError::Pdf`] when the sources have more
/// or fewer pages than the layout has frames (a caller's planning error).
pub fn fill_frames(
    own: &[u8],
    layout: &Layout,
    sources: Vec<FrameSource>,
) -> Result<Vec<u8>, ReportError> {
    let pdf_err = |e: lopdf::Error| ReportError::Pdf(e.to_string());
    let mut doc = Document::load_mem(own).map_err(pdf_err)?;
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let frames: Vec<(usize, FrameItem)> = layout
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.items.iter().filter_map(move |item| match item {
                Item::Frame(f) => Some((i, *f)),
                _ => None,
            })
        })
        .collect();
    // The output is about the inputs' size: reserve it once rather than
    // doubling a buffer of tens of megabytes while writing.
    let estimate = own.len()
        + sources
            .iter()
            .map(|s| match s {
                FrameSource::Pdf { bytes, .. } | FrameSource::Jpeg { bytes, .. } => bytes.len(),
            })
            .sum::<usize>()
        + (1 << 20);
    let mut next = 0;
    for source in sources {
        let pages: Vec<SourcePage> = match source {
            FrameSource::Jpeg { name, bytes } => vec![jpeg_page(&name, bytes)?],
            FrameSource::Pdf { name, bytes } => {
                let mut src = load(&name, &bytes)?;
                drop(bytes);
                src.renumber_objects_with(doc.max_id + 1);
                let pages = src
                    .get_pages()
                    .into_values()
                    .enumerate()
                    .map(|(n, id)| source_page(&name, &src, id, n + 1))
                    .collect::<Result<_, _>>()?;
                doc.max_id = doc.max_id.max(src.max_id);
                doc.objects.extend(std::mem::take(&mut src.objects));
                pages
            }
        };
        for page in pages {
            let Some(&(index, frame)) = frames.get(next) else {
                return Err(ReportError::Pdf("附件页数多于预留的页面".into()));
            };
            next += 1;
            let target = *page_ids
                .get(index)
                .ok_or_else(|| ReportError::Pdf("版面与 PDF 页数不一致".into()))?;
            place(&mut doc, target, page, frame, layout.geometry.height, next)?;
        }
    }
    if next != frames.len() {
        return Err(ReportError::Pdf("附件页数少于预留的页面".into()));
    }
    outline(&mut doc, layout, &page_ids)?;
    doc.prune_objects();
    super::write::compress_streams(&mut doc);
    let mut out = Vec::with_capacity(estimate);
    doc.save_to(&mut out)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

/// Draws `page` into `frame` on page `target`: scaled to fit, centred
/// across, at the top.
fn place(
    doc: &mut Document,
    target: ObjectId,
    page: SourcePage,
    frame: FrameItem,
    page_height_mm: f32,
    k: usize,
) -> Result<(), ReportError> {
    let pdf_err = |e: lopdf::Error| ReportError::Pdf(e.to_string());
    let form_id = doc.add_object(page.form);
    let (fw, fh) = (frame.w / MM_PER_PT, frame.h / MM_PER_PT);
    let (w, h) = page.size;
    let s = (fw / w.max(1.0)).min(fh / h.max(1.0));
    let left = frame.x / MM_PER_PT + (fw - w * s) / 2.0;
    let bottom = (page_height_mm - frame.y) / MM_PER_PT - h * s;
    let m = concat(page.upright, [s, 0.0, 0.0, s, left, bottom]);
    let name = format!("Att{k}");
    // The page, then a hairline grey border so its edge shows on white paper.
    let ops = format!(
        "q {} {} {} {} {} {} cm /{name} Do Q\nq 0.5 w 0.6 G {left} {bottom} {} {} re S Q\n",
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        m[5],
        w * s,
        h * s
    );
    let save = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let restore = doc.add_object(Stream::new(Dictionary::new(), b"Q\n".to_vec()));
    let draw = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));

    // The page's resources may be its own dictionary or a shared one, and
    // its XObject dictionary likewise.
    let res_id = match doc
        .get_dictionary(target)
        .map_err(pdf_err)?
        .get(b"Resources")
    {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    let xobject_ref = {
        let res = match res_id {
            Some(id) => doc.get_dictionary(id).ok(),
            None => doc
                .get_dictionary(target)
                .ok()
                .and_then(|p| p.get(b"Resources").ok())
                .and_then(|r| r.as_dict().ok()),
        };
        res.and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| x.as_reference().ok())
    };
    if let Some(id) = xobject_ref {
        doc.get_dictionary_mut(id)
            .map_err(pdf_err)?
            .set(name.as_bytes(), form_id);
    } else {
        let res = match res_id {
            Some(id) => doc.get_dictionary_mut(id).map_err(pdf_err)?,
            None => {
                let page = doc.get_dictionary_mut(target).map_err(pdf_err)?;
                if !matches!(page.get(b"Resources"), Ok(Object::Dictionary(_))) {
                    page.set("Resources", Dictionary::new());
                }
                page.get_mut(b"Resources")
                    .and_then(Object::as_dict_mut)
                    .map_err(pdf_err)?
            }
        };
        if !matches!(res.get(b"XObject"), Ok(Object::Dictionary(_))) {
            res.set("XObject", Dictionary::new());
        }
        res.get_mut(b"XObject")
            .and_then(Object::as_dict_mut)
            .map_err(pdf_err)?
            .set(name.as_bytes(), form_id);
    }

    let page = doc.get_dictionary_mut(target).map_err(pdf_err)?;
    let mut contents = vec![Object::Reference(save)];
    match page.get(b"Contents") {
        Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
        Ok(other) => contents.push(other.clone()),
        Err(_) => {}
    }
    contents.push(Object::Reference(restore));
    contents.push(Object::Reference(draw));
    page.set("Contents", contents);
    Ok(())
}

/// A text string as PDF wants non-Latin text: UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The level-1 headings as top-level bookmarks, level-2 under the level 1
/// before them; each opens its page.
fn outline(doc: &mut Document, layout: &Layout, page_ids: &[ObjectId]) -> Result<(), ReportError> {
    let page_of = |number: usize| {
        layout
            .pages
            .iter()
            .position(|p| p.number == Some(number))
            .and_then(|i| page_ids.get(i).copied())
    };
    // (title, page, children)
    type Bookmark = (String, ObjectId);
    let mut tree: Vec<(String, ObjectId, Vec<Bookmark>)> = Vec::new();
    for h in layout.headings.iter().filter(|h| h.level <= 2) {
        let Some(page) = page_of(h.page_number) else {
            continue;
        };
        match (h.level, tree.last_mut()) {
            (2, Some(parent)) => parent.2.push((h.text.clone(), page)),
            _ => tree.push((h.text.clone(), page, Vec::new())),
        }
    }
    if tree.is_empty() {
        return Ok(());
    }
    let root = doc.new_object_id();
    let top = link_items(
        doc,
        root,
        tree.iter()
            .map(|(t, p, _)| (t.clone(), *p))
            .collect::<Vec<_>>()
            .as_slice(),
    );
    let mut total = top.len() as i64;
    for ((_, _, children), id) in tree.iter().zip(&top) {
        if children.is_empty() {
            continue;
        }
        let kids = link_items(doc, *id, children);
        total += kids.len() as i64;
        let item = doc
            .get_dictionary_mut(*id)
            .map_err(|e| ReportError::Pdf(e.to_string()))?;
        item.set("First", kids[0]);
        item.set("Last", kids[kids.len() - 1]);
        // Negative: closed until the reader opens it.
        item.set("Count", -(kids.len() as i64));
    }
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => top[0],
            "Last" => top[top.len() - 1],
            "Count" => total,
        }),
    );
    let catalog = doc
        .catalog_mut()
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    catalog.set("Outlines", root);
    catalog.set("PageMode", "UseOutlines");
    Ok(())
}

/// Sibling outline items under `parent`, linked Prev/Next; their ids.
fn link_items(doc: &mut Document, parent: ObjectId, items: &[(String, ObjectId)]) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    for (i, ((title, page), id)) in items.iter().zip(&ids).enumerate() {
        let mut d = dictionary! {
            "Title" => text_string(title),
            "Parent" => parent,
            "Dest" => vec![Object::Reference(*page), "Fit".into()],
        };
        if i > 0 {
            d.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.set("Next", ids[i + 1]);
        }
        doc.objects.insert(*id, Object::Dictionary(d));
    }
    ids
}
