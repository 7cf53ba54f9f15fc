//! A face as a PDF font: the glyphs a document uses, cut out of the face
//! with `subsetter` and written as a Type 0 font with Identity-H encoding
//! (ISO 32000-1 §9.7), its `/W` widths and a `/ToUnicode` map so text can
//! be searched and copied.
//!
//! The subset numbers glyphs by how often the document uses them, and the
//! CID is the subset glyph id (`/CIDToGIDMap /Identity`). The encoding is
//! an embedded CMap with two code lengths, as GBK's is: the 127 commonest
//! glyphs (digits, 年, 有限公司 …) are one byte, the rest two (`0x8000 |
//! CID`). A table of 1,000 rows is a tenth smaller than with two bytes for
//! every glyph (Identity-H), because each page is compressed on its own.

use std::fmt::Write as _;

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};
use subsetter::GlyphRemapper;

use super::fonts::{Face, FontKind};
use super::ReportError;

/// The glyphs one face draws in one document, numbered as the subset will
/// number them.
pub(super) struct FaceUse {
    remapper: GlyphRemapper,
    /// By subset id: the advance written to `/W` (1/1000 em) and the text
    /// the glyph stands for.
    glyphs: Vec<(u16, char)>,
}

impl FaceUse {
    pub(super) fn new() -> Self {
        Self {
            remapper: GlyphRemapper::new(),
            // Subset id 0 is .notdef.
            glyphs: vec![(0, '\u{FFFD}')],
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.glyphs.len() <= 1
    }

    /// Numbers the characters of `text` by how often they occur, commonest
    /// first, so the most used glyphs get one-byte codes.
    pub(super) fn number_by_use<'a>(&mut self, face: &Face, texts: impl Iterator<Item = &'a str>) {
        let mut counts: std::collections::HashMap<char, u32> = std::collections::HashMap::new();
        for text in texts {
            for ch in text.chars() {
                *counts.entry(ch).or_default() += 1;
            }
        }
        let mut order: Vec<(char, u32)> = counts.into_iter().collect();
        order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (ch, _) in order {
            self.code(face, ch);
        }
    }

    /// The subset id of `ch`; unmapped characters were refused before
    /// layout (`check`), so they cannot reach here except as .notdef.
    pub(super) fn code(&mut self, face: &Face, ch: char) -> u16 {
        let Some(glyph) = face.glyph(ch) else {
            return 0;
        };
        let code = self.remapper.remap(glyph.id);
        if usize::from(code) == self.glyphs.len() {
            self.glyphs.push((glyph.width, ch));
        }
        code
    }
}

/// Writes the subset of `face` with the glyphs in `used` and returns the
/// Type 0 font dictionary's id.
pub(super) fn font_objects(
    doc: &mut Document,
    kind: FontKind,
    face: &Face,
    used: &FaceUse,
) -> Result<ObjectId, ReportError> {
    let program =
        subsetter::subset(&face.data, 0, &used.remapper).map_err(|e| ReportError::FontParse {
            font: face.name(),
            reason: format!("无法生成字体子集：{e}"),
        })?;
    let d = &face.descriptor;
    // ISO 32000-1 §9.6.4: six capital letters, '+', the PostScript name.
    let base_font = format!("{}+{}", kind.pdf_id(), d.postscript_name);

    let file_len = program.len() as i64;
    let file = doc.add_object(Stream::new(dictionary! { "Length1" => file_len }, program));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        // Symbolic: the glyphs are addressed by CID, not a standard encoding.
        "Flags" => 4,
        "FontBBox" => d.bbox.iter().map(|&v| Object::Integer(v.into())).collect::<Vec<_>>(),
        "ItalicAngle" => 0,
        "Ascent" => d.ascent,
        "Descent" => d.descent,
        "CapHeight" => d.cap_height,
        "StemV" => 80,
        "FontFile2" => file,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => DEFAULT_WIDTH,
        "W" => widths(&used.glyphs),
        "CIDToGIDMap" => "Identity",
    });
    let to_unicode = doc.add_object(Stream::new(
        dictionary! {},
        to_unicode_cmap(&used.glyphs).into_bytes(),
    ));
    let system_info = dictionary! {
        "Registry" => Object::string_literal("Adobe"),
        "Ordering" => Object::string_literal("Identity"),
        "Supplement" => 0,
    };
    let encoding = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "CMap",
            "CMapName" => ENCODING_NAME,
            "CIDSystemInfo" => system_info,
        },
        encoding_cmap(used.glyphs.len()).into_bytes(),
    ));
    Ok(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => encoding,
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    }))
}

/// The largest CID a two-byte code can carry.
const MAX_CID: u16 = 0x7FFF;

/// Name of the embedded encoding CMap.
const ENCODING_NAME: &str = "IPDesk-OneTwo-H";

/// Appends the code of `cid`: one byte below 128, else `0x8000 | cid`.
pub(super) fn push_code(out: &mut Vec<u8>, cid: u16) {
    if cid < 0x80 {
        out.push(cid as u8);
    } else {
        out.extend_from_slice(&(0x8000 | cid.min(MAX_CID)).to_be_bytes());
    }
}

/// The code of `cid` as hex digits, for CMap sources.
fn code_hex(cid: usize) -> String {
    if cid < 0x80 {
        format!("<{cid:02X}>")
    } else {
        format!("<{:04X}>", 0x8000 | cid)
    }
}

const CODESPACE: &str = "2 begincodespacerange\n<00> <7F>\n<8000> <FFFF>\nendcodespacerange\n";

/// The encoding CMap for `count` glyphs: one-byte codes are their CID; each
/// block of 256 two-byte codes sharing a first byte maps to 256 CIDs (a
/// `cidrange` may only vary in its last byte).
fn encoding_cmap(count: usize) -> String {
    let mut ranges = vec![format!("<00> <7F> 0")];
    if count > 0x80 {
        for hi in 0x80..=(0x80 | ((count - 1) >> 8)) {
            ranges.push(format!("<{hi:02X}00> <{hi:02X}FF> {}", (hi & 0x7F) << 8));
        }
    }
    let mut s = format!(
        "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\n\
         begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n\
         /CMapName /{ENCODING_NAME} def\n/CMapType 1 def\n{CODESPACE}"
    );
    for block in ranges.chunks(100) {
        let _ = writeln!(s, "{} begincidrange", block.len());
        for range in block {
            s.push_str(range);
            s.push('\n');
        }
        s.push_str("endcidrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// Ideographs are a full em; only the others go into `/W`.
const DEFAULT_WIDTH: i64 = 1000;

/// `/W` in its compact form: `c [w1 w2 …]` for each run of consecutive
/// CIDs whose width differs from `/DW`.
fn widths(glyphs: &[(u16, char)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Option<(usize, Vec<Object>)> = None;
    for (cid, &(width, _)) in glyphs.iter().enumerate() {
        let width = i64::from(width);
        if width == DEFAULT_WIDTH {
            if let Some((start, ws)) = run.take() {
                out.push(Object::Integer(start as i64));
                out.push(Object::Array(ws));
            }
            continue;
        }
        run.get_or_insert_with(|| (cid, Vec::new()))
            .1
            .push(Object::Integer(width));
    }
    if let Some((start, ws)) = run {
        out.push(Object::Integer(start as i64));
        out.push(Object::Array(ws));
    }
    out
}

/// The `/ToUnicode` CMap (Adobe technical note #5411): each CID to the
/// UTF-16BE of its character, in blocks of at most 100 entries.
fn to_unicode_cmap(glyphs: &[(u16, char)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
    );
    s.push_str(CODESPACE);
    let entries: Vec<(usize, char)> = glyphs
        .iter()
        .enumerate()
        .skip(1)
        .map(|(cid, &(_, ch))| (cid, ch))
        .collect();
    for block in entries.chunks(100) {
        // Writing into a String cannot fail.
        let _ = writeln!(s, "{} beginbfchar", block.len());
        for &(cid, ch) in block {
            let _ = write!(s, "{} <", code_hex(cid));
            for unit in ch.encode_utf16(&mut [0; 2]) {
                let _ = write!(s, "{unit:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A PDF text string: ASCII as it is, anything else as UTF-16BE with its
/// byte-order mark (ISO 32000-1 §7.9.2.2), which every reader decodes.
pub(super) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_list_only_runs_that_differ_from_the_default() {
        let glyphs = [
            (0, '\u{FFFD}'),
            (1000, '专'),
            (500, '1'),
            (520, '2'),
            (1000, '利'),
            (300, ' '),
        ];
        let w = widths(&glyphs);
        assert_eq!(
            w,
            vec![
                Object::Integer(0),
                Object::Array(vec![Object::Integer(0)]),
                Object::Integer(2),
                Object::Array(vec![Object::Integer(500), Object::Integer(520)]),
                Object::Integer(5),
                Object::Array(vec![Object::Integer(300)]),
            ]
        );
    }

    #[test]
    fn to_unicode_maps_every_cid_and_splits_blocks_of_100() {
        let mut glyphs = vec![(0, '\u{FFFD}')];
        glyphs.extend((0..150).map(|i| (1000, char::from_u32(0x4E00 + i).unwrap())));
        glyphs.push((1000, '😀'));
        let cmap = to_unicode_cmap(&glyphs);
        assert!(cmap.contains("100 beginbfchar"), "{cmap}");
        assert!(cmap.contains("51 beginbfchar"), "{cmap}");
        // One-byte codes below 128, two-byte `0x8000 | cid` above.
        assert!(cmap.contains("<01> <4E00>"), "{cmap}");
        assert!(cmap.contains("<7F> <4E7E>"), "{cmap}");
        assert!(cmap.contains("<8080> <4E7F>"), "{cmap}");
        assert!(cmap.contains("<8096> <4E95>"), "{cmap}");
        // Outside the BMP: a surrogate pair.
        assert!(cmap.contains("<8097> <D83DDE00>"), "{cmap}");
        assert!(!cmap.contains("<00> <FFFD>"), ".notdef maps to nothing");
    }

    #[test]
    fn codes_are_one_byte_below_128_and_map_back_to_their_cid() {
        let mut out = Vec::new();
        for cid in [0x01, 0x7F, 0x80, 0x1234] {
            push_code(&mut out, cid);
        }
        assert_eq!(out, [0x01, 0x7F, 0x80, 0x80, 0x92, 0x34]);
        // 600 glyphs: two-byte codes with first bytes 0x80, 0x81, 0x82, each
        // a range of 256 CIDs starting where its first byte says.
        let cmap = encoding_cmap(600);
        assert!(cmap.contains("4 begincidrange"), "{cmap}");
        assert!(cmap.contains("<00> <7F> 0\n"), "{cmap}");
        assert!(cmap.contains("<8000> <80FF> 0\n"), "{cmap}");
        assert!(cmap.contains("<8200> <82FF> 512\n"), "{cmap}");
        assert!(!cmap.contains("<8300>"), "{cmap}");
        assert_eq!(encoding_cmap(100).matches("begincidrange").count(), 1);
        assert!(!encoding_cmap(128).contains("<8000> <80FF>"));
        assert!(encoding_cmap(129).contains("<8000> <80FF> 0"));
    }

    #[test]
    fn text_strings_are_utf16_when_not_ascii() {
        assert_eq!(text_string("IP Desk"), Object::string_literal("IP Desk"));
        assert_eq!(
            text_string("专利"),
            Object::String(
                vec![0xFE, 0xFF, 0x4E, 0x13, 0x52, 0x29],
                StringFormat::Hexadecimal
            )
        );
    }
}
