//! The three faces a report is drawn with, parsed once and shared.
//!
//! Parsing a 10–15 MB CJK font is the most expensive thing this module does,
//! so [`Fonts`] is built once (at app start) and borrowed by every
//! [`layout`](super::layout) / [`render`](super::render) call. Glyph advances
//! are copied out of `hmtx` into a flat table at load time: line breaking asks
//! for the width of every character of every cell, and a slice index is far
//! cheaper than a cmap binary search plus an `hmtx` read each time.

use std::collections::HashMap;
use std::path::Path;

use printpdf::ParsedFont;

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

    /// Resource name inside the PDF. Six capital letters on purpose: printpdf
    /// builds the subset tag (`XXXXXX+FontName`, ISO 32000-1 §9.6.4) from the
    /// first six characters of the font id, and `pdffonts`/Acrobat only treat
    /// a font as a subset when that tag is six uppercase letters. A fixed id
    /// (instead of printpdf's random `FontId::new()`) also keeps output
    /// byte-identical between runs.
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
/// Widths are thousandths of an em, truncated, because that is exactly what
/// printpdf writes into the PDF `/W` array; measuring with the same integers
/// keeps our justified line ends exactly where the viewer will put them.
/// Glyph ids are kept so the PDF writer can skip printpdf's own cmap lookup,
/// which scans linearly and dominated render time for large tables.
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
    fn from_face(face: &ttf_parser::Face<'_>) -> Self {
        let upem = u32::from(face.units_per_em().max(1));
        let mut bmp = vec![MISSING; 0x1_0000];
        let mut astral = HashMap::new();
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

/// One parsed face: the printpdf handle for embedding plus our metric tables.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    advances: Advances,
    /// OS/2 typographic ascender in em. For Noto CJK this is the top of the
    /// ideographic em box (0.88), which is what vertical centring in a table
    /// cell should be based on — `hhea` ascent (1.16) would push text down.
    pub(crate) ascent: f32,
}

impl Face {
    fn from_bytes(bytes: &[u8], name: &'static str) -> Result<Self, ReportError> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| ReportError::FontParse {
            font: name,
            reason: e.to_string(),
        })?;
        let upem = f32::from(face.units_per_em().max(1));
        let ascent = f32::from(face.typographic_ascender().unwrap_or(face.ascender())) / upem;
        let advances = Advances::from_face(&face);
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| {
            ReportError::FontParse {
                font: name,
                reason: "printpdf 无法解析该字体".into(),
            }
        })?;
        Ok(Self {
            parsed,
            advances,
            ascent,
        })
    }

    /// Whether the face can draw `ch` (has a real glyph, not .notdef).
    #[inline]
    pub(crate) fn has(&self, ch: char) -> bool {
        self.advances.get(ch).is_some()
    }

    /// Advance of `ch` in em; 0 for characters the face lacks (those are
    /// rejected before layout, so this only matters for defensive callers).
    #[inline]
    pub(crate) fn advance_em(&self, ch: char) -> f32 {
        f32::from(self.advances.get(ch).map_or(0, |g| g.width)) / 1000.0
    }

    /// Glyph for `ch`, if the face has one.
    #[inline]
    pub(crate) fn glyph(&self, ch: char) -> Option<Glyph> {
        self.advances.get(ch)
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
    /// Parses the three faces from raw TrueType bytes.
    ///
    /// Errors with [`ReportError::FontParse`] naming the face that failed.
    pub fn from_bytes(serif: &[u8], sans: &[u8], sans_bold: &[u8]) -> Result<Self, ReportError> {
        Ok(Self {
            serif: Face::from_bytes(serif, "Noto Serif SC Regular")?,
            sans: Face::from_bytes(sans, "Noto Sans SC Regular")?,
            sans_bold: Face::from_bytes(sans_bold, "Noto Sans SC Bold")?,
        })
    }

    /// The fonts shipped in `assets/fonts` (SIL OFL 1.1), compiled into the
    /// binary so an offline install can never lose them; parsed once per
    /// process (about 0.1 s).
    pub fn embedded() -> &'static Fonts {
        static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
        FONTS.get_or_init(|| {
            Fonts::from_bytes(
                include_bytes!("../../../../assets/fonts/NotoSerifSC-Regular.ttf"),
                include_bytes!("../../../../assets/fonts/NotoSansSC-Regular.ttf"),
                include_bytes!("../../../../assets/fonts/NotoSansSC-Bold.ttf"),
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
            &read("NotoSerifSC-Regular.ttf")?,
            &read("NotoSansSC-Regular.ttf")?,
            &read("NotoSansSC-Bold.ttf")?,
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

    #[test]
    fn missing_files_are_reported_with_their_path() {
        let err = Fonts::bundled(Path::new("/nonexistent-font-dir")).expect_err("must fail");
        assert!(matches!(err, ReportError::FontIo { .. }), "{err}");
    }
}
