//! The three faces a report is drawn with, loaded once and shared.
//!
//! [`Fonts`] is built once and borrowed by every [`layout`](super::layout) /
//! [`render`](super::render) call. A face's glyph advances are copied out of
//! `hmtx` into a flat table the first time a document uses the face: line
//! breaking asks for the width of every character of every cell, and a slice
//! index is far cheaper than a cmap binary search plus an `hmtx` read each
//! time.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use super::ReportError;

/// Which of the bundled faces draws a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontKind {
    /// Noto Serif SC Regular: body paragraphs and TOC entries.
    Serif,
    /// Noto Sans SC Regular: tables, header/footer, cover details.
    Sans,
    /// Noto Sans SC Bold: headings, table headers, cover title.
    SansBold,
}

impl FontKind {
    pub(crate) const ALL: [FontKind; 3] = [FontKind::Serif, FontKind::Sans, FontKind::SansBold];

    /// The subset tag of the face in a PDF (`XXXXXX+FontName`, ISO 32000-1
    /// §9.6.4): `pdffonts`/Acrobat only treat a font as a subset when the
    /// tag is six uppercase letters. A fixed tag keeps output byte-identical
    /// between runs.
    pub(crate) fn pdf_id(self) -> &'static str {
        match self {
            FontKind::Serif => "IPDSRF",
            FontKind::Sans => "IPDSNS",
            FontKind::SansBold => "IPDSNB",
        }
    }
}

/// Glyph id and advance width for every character a face maps.
///
/// Widths are thousandths of an em, truncated, and written as such into the
/// PDF `/W` array ([`embed`](super::embed)); measuring with the same integers
/// keeps our justified line ends exactly where the viewer will put them.
/// Glyph ids are kept for the subset the writer cuts.
struct Advances {
    bmp: Vec<Glyph>,
    astral: HashMap<u32, Glyph>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub(crate) id: u16,
    /// Advance in 1/1000 em.
    pub(crate) width: u16,
}

/// Glyph 0 is .notdef, so id 0 marks an unmapped character.
const MISSING: Glyph = Glyph { id: 0, width: 0 };

impl Advances {
    fn empty() -> Self {
        Self {
            bmp: vec![MISSING; 0x1_0000],
            astral: HashMap::new(),
        }
    }

    fn from_face(face: &ttf_parser::Face<'_>) -> Self {
        let upem = u32::from(face.units_per_em().max(1));
        let Self {
            mut bmp,
            mut astral,
        } = Self::empty();
        let Some(cmap) = face.tables().cmap else {
            return Self { bmp, astral };
        };
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                let Some(gid) = sub.glyph_index(cp) else {
                    return;
                };
                if gid.0 == 0 {
                    return;
                }
                let adv = u32::from(face.glyph_hor_advance(gid).unwrap_or(0));
                let glyph = Glyph {
                    id: gid.0,
                    width: (adv * 1000 / upem).min(u32::from(u16::MAX)) as u16,
                };
                if cp < 0x1_0000 {
                    bmp[cp as usize] = glyph;
                } else {
                    astral.insert(cp, glyph);
                }
            });
        }
        Self { bmp, astral }
    }

    #[inline]
    fn get(&self, ch: char) -> Option<Glyph> {
        let cp = ch as u32;
        let g = if cp < 0x1_0000 {
            self.bmp[cp as usize]
        } else {
            *self.astral.get(&cp)?
        };
        (g != MISSING).then_some(g)
    }
}

/// Font-wide numbers the PDF font descriptor needs, in 1/1000 em.
#[derive(Debug, Clone)]
pub(crate) struct Descriptor {
    /// PostScript name (`name` id 6), the part after the subset tag.
    pub(crate) postscript_name: String,
    pub(crate) bbox: [i32; 4],
    pub(crate) ascent: i32,
    pub(crate) descent: i32,
    pub(crate) cap_height: i32,
}

/// One face: its file, the numbers a PDF needs, and (built on first use)
/// the glyph table.
///
/// The file is borrowed, not parsed into a copy: a subset is cut from it
/// when a document is written ([`write`](super::write)), so a process that
/// prints a ledger touches only the tables and glyphs it uses. That is what
/// keeps a one-shot ledger export near 45 MB instead of the 180 MB it took
/// when printpdf kept parsed copies of every face (BENCHMARKS.md).
pub(crate) struct Face {
    pub(crate) data: Cow<'static, [u8]>,
    name: &'static str,
    advances: OnceLock<Advances>,
    /// OS/2 typographic ascender in em. For Noto CJK this is the top of the
    /// ideographic em box (0.88), which is what vertical centring in a table
    /// cell should be based on — `hhea` ascent (1.16) would push text down.
    pub(crate) ascent: f32,
    pub(crate) descriptor: Descriptor,
}

impl Face {
    fn new(data: Cow<'static, [u8]>, name: &'static str) -> Result<Self, ReportError> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| ReportError::FontParse {
            font: name,
            reason: e.to_string(),
        })?;
        // The writer embeds TrueType outlines (FontFile2, CIDFontType2): a
        // CFF-flavoured OpenType face would make a PDF no reader can draw.
        if face.tables().cmap.is_none() || face.tables().glyf.is_none() {
            return Err(ReportError::FontParse {
                font: name,
                reason: "缺少 cmap 或 TrueType 字形表（glyf）；CFF 轮廓的 OpenType 字体不能嵌入"
                    .into(),
            });
        }
        let upem = f32::from(face.units_per_em().max(1));
        let ascent = f32::from(face.typographic_ascender().unwrap_or(face.ascender())) / upem;
        let em = |v: i16| (f32::from(v) * 1000.0 / upem).round() as i32;
        let b = face.global_bounding_box();
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.is_ascii())
            .unwrap_or_else(|| name.replace(' ', ""));
        let descriptor = Descriptor {
            postscript_name,
            bbox: [em(b.x_min), em(b.y_min), em(b.x_max), em(b.y_max)],
            ascent: em(face.ascender()),
            descent: em(face.descender()),
            cap_height: em(face.capital_height().unwrap_or(face.ascender())),
        };
        Ok(Self {
            data,
            name,
            advances: OnceLock::new(),
            ascent,
            descriptor,
        })
    }

    fn advances(&self) -> &Advances {
        self.advances.get_or_init(|| {
            // Parsed once already in `new`, so this cannot fail.
            ttf_parser::Face::parse(&self.data, 0)
                .map(|f| Advances::from_face(&f))
                .unwrap_or_else(|_| Advances::empty())
        })
    }

    /// Human name of the face, for messages.
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the face can draw `ch` (has a real glyph, not .notdef).
    #[inline]
    pub(crate) fn has(&self, ch: char) -> bool {
        self.advances().get(ch).is_some()
    }

    /// Advance of `ch` in em; 0 for characters the face lacks (those are
    /// rejected before layout, so this only matters for defensive callers).
    #[inline]
    pub(crate) fn advance_em(&self, ch: char) -> f32 {
        f32::from(self.advances().get(ch).map_or(0, |g| g.width)) / 1000.0
    }

    /// Glyph for `ch`, if the face has one.
    #[inline]
    pub(crate) fn glyph(&self, ch: char) -> Option<Glyph> {
        self.advances().get(ch)
    }
}

/// The report faces, parsed once and reused for every document.
///
/// `Fonts` is `Send + Sync`; keep one in application state and pass `&Fonts`
/// to [`render`](super::render).
pub struct Fonts {
    serif: Face,
    sans: Face,
    sans_bold: Face,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The glyph tables are megabytes of numbers; name the faces instead.
        f.debug_struct("Fonts")
            .field("faces", &FontKind::ALL)
            .finish_non_exhaustive()
    }
}

impl Fonts {
    /// Parses the three faces from TrueType files.
    ///
    /// Only the table directory and a few header tables are read here; the
    /// glyph table of a face is built the first time a document uses it.
    /// Errors with [`ReportError::FontParse`] naming the face that failed.
    pub fn from_bytes(
        serif: impl Into<Cow<'static, [u8]>>,
        sans: impl Into<Cow<'static, [u8]>>,
        sans_bold: impl Into<Cow<'static, [u8]>>,
    ) -> Result<Self, ReportError> {
        Ok(Self {
            serif: Face::new(serif.into(), "Noto Serif SC Regular")?,
            sans: Face::new(sans.into(), "Noto Sans SC Regular")?,
            sans_bold: Face::new(sans_bold.into(), "Noto Sans SC Bold")?,
        })
    }

    /// The fonts shipped in `assets/fonts` (SIL OFL 1.1), compiled into the
    /// binary so an offline install can never lose them. Nothing is copied:
    /// the faces are read where the binary is mapped.
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            Fonts::from_bytes(
                &include_bytes!("../../../../assets/fonts/NotoSerifSC-Regular.ttf")[..],
                &include_bytes!("../../../../assets/fonts/NotoSansSC-Regular.ttf")[..],
                &include_bytes!("../../../../assets/fonts/NotoSansSC-Bold.ttf")[..],
            )
            .expect("the embedded fonts are valid TrueType")
        })
    }

    /// Loads `NotoSerifSC-Regular.ttf`, `NotoSansSC-Regular.ttf` and
    /// `NotoSansSC-Bold.ttf` from `dir` (the app's `assets/fonts`).
    pub fn bundled(dir: &Path) -> Result<Self, ReportError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| ReportError::FontIo { path, source })
        };
        Self::from_bytes(
            read("NotoSerifSC-Regular.ttf")?,
            read("NotoSansSC-Regular.ttf")?,
            read("NotoSansSC-Bold.ttf")?,
        )
    }

    pub(crate) fn face(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Serif => &self.serif,
            FontKind::Sans => &self.sans,
            FontKind::SansBold => &self.sans_bold,
        }
    }

    /// Width of `text` set in `kind` at `size_pt`, in millimetres.
    pub fn text_width(&self, kind: FontKind, size_pt: f32, text: &str) -> f32 {
        let face = self.face(kind);
        let em: f32 = text.chars().map(|c| face.advance_em(c)).sum();
        em * size_pt * super::layout::MM_PER_PT
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The embedded fonts, parsed once for the whole test binary.
    pub(crate) fn fonts() -> &'static Fonts {
        Fonts::embedded()
    }

    #[test]
    fn fonts_load_from_a_directory_too() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
        let f = Fonts::bundled(&dir).expect("assets/fonts loads");
        assert_eq!(
            f.text_width(FontKind::Sans, 12.0, "专利"),
            fonts().text_width(FontKind::Sans, 12.0, "专利")
        );
    }

    #[test]
    fn cjk_ideographs_are_one_em_wide_in_every_face() {
        for kind in FontKind::ALL {
            let face = fonts().face(kind);
            assert_eq!(
                face.advance_em('专'),
                1.0,
                "{kind:?}: CJK glyphs sit on a full em"
            );
            assert!(face.has('利'));
        }
    }

    #[test]
    fn emoji_and_ext_b_ideographs_are_reported_missing() {
        let face = fonts().face(FontKind::Sans);
        assert!(!face.has('🦀'), "Noto Sans SC has no emoji");
        assert!(
            !face.has('\u{20000}'),
            "Noto Sans SC (static SC subset) lacks CJK Ext B"
        );
    }

    #[test]
    fn fonts_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Fonts>();
    }

    /// An OpenType face with CFF outlines (a 812-byte mock from printpdf's
    /// tests, MIT): it parses and has a cmap, but the writer embeds
    /// TrueType outlines only, so it is refused when loaded rather than
    /// making PDFs no reader can draw.
    #[test]
    fn a_face_with_cff_outlines_is_refused() {
        let cff = &include_bytes!("../../tests/fonts/mock_cff_named.otf")[..];
        let parsed = ttf_parser::Face::parse(cff, 0).expect("the mock parses");
        assert!(parsed.tables().cff.is_some() && parsed.tables().cmap.is_some());
        let sans = &include_bytes!("../../../../assets/fonts/NotoSansSC-Regular.ttf")[..];
        let Err(err) = Fonts::from_bytes(cff, sans, sans) else {
            panic!("a CFF face cannot be embedded");
        };
        assert!(
            matches!(
                err,
                ReportError::FontParse {
                    font: "Noto Serif SC Regular",
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("glyf"), "{err}");
        assert!(
            Fonts::from_bytes(sans, sans, sans).is_ok(),
            "the control loads"
        );
    }

    #[test]
    fn missing_files_are_reported_with_their_path() {
        let err = Fonts::bundled(Path::new("/nonexistent-font-dir")).expect_err("must fail");
        assert!(matches!(err, ReportError::FontIo { .. }), "{err}");
    }
}
