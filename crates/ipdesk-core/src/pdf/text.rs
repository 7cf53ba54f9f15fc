//! Chinese line breaking (禁则处理) for paragraphs, table cells and headings.
//!
//! Rules, after GB/T 15834 punctuation usage and common CJK typesetting
//! practice (W3C "Requirements for Chinese Text Layout", §3.1.7):
//! - a line never starts with closing punctuation (，。、；：？！”’）》」』】〕…
//!   and ASCII `,.;:?!)]}`), and never ends with opening punctuation
//!   (（“‘《「『【〔 and ASCII `([{`). Offending characters are kept with
//!   their neighbour, which pushes that neighbour to the next line;
//! - a CJK character may break anywhere else;
//! - a run of ASCII letters/digits (with `.` `-` `_` `/` `%` `+` `#` `@`)
//!   is one unbreakable word unless it alone is wider than the line, so
//!   application numbers such as `CN202310123456.7` or IPC `G06F16/35`
//!   stay whole;
//! - spaces may end a line but never start one, and do not count towards the
//!   width of the line they end.

/// One laid-out line of a paragraph or cell.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenLine {
    /// Text to draw, without leading/trailing break spaces.
    pub text: String,
    /// Natural width (same unit as the measure function).
    pub width: f32,
    /// Indent applied before the text (first line of a paragraph).
    pub indent: f32,
    /// Number of characters in `text`, for distributing justification space.
    pub chars: usize,
    /// Last line of the paragraph or before a hard `\n`: never justified.
    pub last: bool,
}

/// Closing punctuation: must not start a line.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '］'
            | '｝'
            | '〗'
            | '〙'
            | '…'
            | '‥'
            | '·'
            | '・'
            | '々'
            | '〜'
            | '～'
            | '％'
            | '．'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Opening punctuation: must not end a line.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '“'
            | '‘'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '［'
            | '｛'
            | '〖'
            | '〘'
            | '('
            | '['
            | '{'
    )
}

/// Characters that form unbreakable Latin words and numbers.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '%' | '+' | '#' | '@')
}

/// Replaces what the font cannot or should not draw: tabs and other
/// whitespace become a plain space, `\r` and other control characters vanish.
/// `\n` is kept as a hard break.
pub fn normalize(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter_map(|c| match c {
        '\n' => Some('\n'),
        // The ideographic space is deliberate spacing in Chinese text (目　录)
        // and has a full-width glyph; keep it.
        '\u{3000}' => Some('\u{3000}'),
        c if c.is_whitespace() => Some(' '),
        c if c.is_control() => None,
        // Zero-width/format characters (ZWSP, BOM, joiners) have no glyph and no
        // meaning in a printed report.
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' => None,
        c => Some(c),
    })
}

/// Whether the punctuation rules (禁则) allow a break between `prev` and `next`.
fn kinsoku_allows(prev: char, next: char) -> bool {
    if next == ' ' || is_closing(next) || is_opening(prev) {
        return false;
    }
    // Two-em dash and ellipsis are drawn as pairs (——, ……) and must not be split.
    !(prev == next && matches!(prev, '—' | '…' | '─'))
}

/// Whether a line break may fall between `prev` and `next` in normal filling.
fn may_break_between(prev: char, next: char) -> bool {
    kinsoku_allows(prev, next) && !(is_word_char(prev) && is_word_char(next))
}

/// Breaks `text` into lines no wider than `max_width`.
///
/// `measure` returns the advance of one character in the caller's unit;
/// `first_indent` is added before the first line only (use 2 em for body
/// paragraphs, 0 for cells). Always returns at least one line, so an empty
/// cell still has a height.
pub fn break_lines(
    text: &str,
    max_width: f32,
    first_indent: f32,
    measure: impl Fn(char) -> f32,
) -> Vec<BrokenLine> {
    let chars: Vec<char> = normalize(text).collect();
    let mut out = Vec::new();
    let mut first = true;
    for hard in chars.split(|&c| c == '\n') {
        let indent = if first { first_indent } else { 0.0 };
        first = false;
        break_hard_line(hard, max_width, indent, &measure, &mut out);
    }
    out
}

fn break_hard_line(
    chars: &[char],
    max_width: f32,
    indent: f32,
    measure: &impl Fn(char) -> f32,
    out: &mut Vec<BrokenLine>,
) {
    // Tolerance for float noise: a line that fits exactly must not wrap.
    const EPS: f32 = 1e-3;
    let widths: Vec<f32> = chars.iter().map(|&c| measure(c)).collect();

    // Segments are maximal runs with no permitted break inside.
    let mut seg_starts = Vec::new();
    for i in 0..chars.len() {
        if i == 0 || may_break_between(chars[i - 1], chars[i]) {
            seg_starts.push(i);
        }
    }
    seg_starts.push(chars.len());

    let mut line = LineBuilder::new(indent);
    for pair in seg_starts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if place(
            &mut line,
            &chars[start..end],
            &widths[start..end],
            max_width + EPS,
            out,
        ) {
            continue;
        }
        // The segment alone is wider than a line (a long number or URL in a
        // narrow cell). Breaking inside it beats overflowing the margin; first
        // try points the punctuation rules still allow, so `CN…456.7` does not
        // put `.7` at the start of a line, and only then split anywhere.
        let mut sub_starts: Vec<usize> = (start..end)
            .filter(|&i| i == start || kinsoku_allows(chars[i - 1], chars[i]))
            .collect();
        sub_starts.push(end);
        for sub in sub_starts.windows(2) {
            let (s, e) = (sub[0], sub[1]);
            if place(&mut line, &chars[s..e], &widths[s..e], max_width + EPS, out) {
                continue;
            }
            for i in s..e {
                if !line.is_empty() && !line.fits(&chars[i..=i], &widths[i..=i], max_width + EPS) {
                    out.push(std::mem::replace(&mut line, LineBuilder::new(0.0)).finish(false));
                }
                line.push(&chars[i..=i], &widths[i..=i]);
            }
        }
    }
    out.push(line.finish(true));
}

/// Appends `seg` to `line`, wrapping first if needed. Returns false (and
/// leaves `line` empty) when `seg` is wider than a whole line.
fn place(
    line: &mut LineBuilder,
    seg: &[char],
    widths: &[f32],
    max: f32,
    out: &mut Vec<BrokenLine>,
) -> bool {
    if !line.fits(seg, widths, max) {
        if line.is_empty() {
            return false;
        }
        out.push(std::mem::replace(line, LineBuilder::new(0.0)).finish(false));
        if !line.fits(seg, widths, max) {
            return false;
        }
    }
    line.push(seg, widths);
    true
}

struct LineBuilder {
    text: String,
    /// Width including trailing spaces.
    width: f32,
    /// Width of the trailing spaces currently at the end of `text`.
    trailing_space: f32,
    trailing_count: usize,
    chars: usize,
    indent: f32,
}

impl LineBuilder {
    fn new(indent: f32) -> Self {
        Self {
            text: String::new(),
            width: 0.0,
            trailing_space: 0.0,
            trailing_count: 0,
            chars: 0,
            indent,
        }
    }

    fn is_empty(&self) -> bool {
        self.chars == self.trailing_count
    }

    /// Would `seg` fit, ignoring its trailing spaces (they may hang)?
    fn fits(&self, seg: &[char], widths: &[f32], max: f32) -> bool {
        let mut w: f32 = widths.iter().sum();
        for (&c, &cw) in seg.iter().zip(widths).rev() {
            if c != ' ' {
                break;
            }
            w -= cw;
        }
        self.indent + self.width + w <= max
    }

    fn push(&mut self, seg: &[char], widths: &[f32]) {
        for (&c, &w) in seg.iter().zip(widths) {
            // Spaces at the start of a wrapped line are dropped, not drawn.
            if c == ' ' && self.is_empty() {
                continue;
            }
            self.text.push(c);
            self.width += w;
            self.chars += 1;
            if c == ' ' {
                self.trailing_space += w;
                self.trailing_count += 1;
            } else {
                self.trailing_space = 0.0;
                self.trailing_count = 0;
            }
        }
    }

    fn finish(mut self, last: bool) -> BrokenLine {
        let keep = self.text.trim_end_matches(' ').len();
        self.text.truncate(keep);
        BrokenLine {
            text: self.text,
            width: self.width - self.trailing_space,
            indent: self.indent,
            chars: self.chars - self.trailing_count,
            last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK one unit wide, everything else half, like a CJK font at 1 pt.
    fn measure(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn texts(lines: &[BrokenLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Ten columns: the 。 would land first on line 2, so 九 moves with it.
        let lines = break_lines("一二三四五六七八九十。十一", 10.0, 0.0, measure);
        assert_eq!(texts(&lines), ["一二三四五六七八九", "十。十一"]);
        for text in [
            "甲乙丙丁戊，己庚辛壬癸。",
            "专利权人（申请人）：某公司，地址：北京市。",
            "a,b,c,d,e,f,g,h,i,j,k",
        ] {
            // From 3 columns up: "人）：" is three glued characters.
            for width in 3..12 {
                for line in break_lines(text, width as f32, 0.0, measure).iter().skip(1) {
                    let first = line.text.chars().next().unwrap();
                    assert!(
                        !is_closing(first),
                        "{text:?} at width {width}: line starts with {first:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = break_lines("一二三四五六七八九《专利法》", 10.0, 0.0, measure);
        assert_eq!(texts(&lines), ["一二三四五六七八九", "《专利法》"]);
        for text in [
            "甲乙丙丁（戊己）“庚辛”壬癸【子丑】",
            "见(附件1)和[附件2]的{说明}",
        ] {
            for width in 2..12 {
                let lines = break_lines(text, width as f32, 0.0, measure);
                for line in &lines[..lines.len() - 1] {
                    let last = line.text.chars().last().unwrap();
                    assert!(
                        !is_opening(last),
                        "{text:?} at width {width}: line ends with {last:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        // "CN202310123456.7" is 8 units wide; it must move down as a block.
        let lines = break_lines("申请号为CN202310123456.7的专利", 10.0, 0.0, measure);
        assert_eq!(texts(&lines), ["申请号为", "CN202310123456.7的专", "利"]);
        let lines = break_lines("hello world again", 5.0, 0.0, measure);
        assert_eq!(
            texts(&lines),
            ["hello", "world", "again"],
            "break at spaces, which are dropped"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_split_rather_than_overflowing() {
        let lines = break_lines("ABCDEFGHIJKL", 3.0, 0.0, measure);
        assert_eq!(texts(&lines), ["ABCDEF", "GHIJKL"]);
        assert!(lines.iter().all(|l| l.width <= 3.0));
        // Inside a split word the punctuation rules still hold: ".7" stays glued.
        let lines = break_lines("CN2023101234.7", 6.0, 0.0, measure);
        assert_eq!(texts(&lines), ["CN202310123", "4.7"]);
    }

    #[test]
    fn first_line_is_indented_and_later_lines_are_not() {
        let lines = break_lines("一二三四五六七八九十一二三四五", 10.0, 2.0, measure);
        assert_eq!(texts(&lines), ["一二三四五六七八", "九十一二三四五"]);
        assert_eq!(lines[0].indent, 2.0);
        assert_eq!(lines[1].indent, 0.0);
    }

    #[test]
    fn only_the_last_line_and_lines_before_hard_breaks_are_marked_last() {
        let lines = break_lines("一二三四五六\n七八", 4.0, 0.0, measure);
        assert_eq!(texts(&lines), ["一二三四", "五六", "七八"]);
        assert_eq!(
            lines.iter().map(|l| l.last).collect::<Vec<_>>(),
            [false, true, true]
        );
    }

    #[test]
    fn ellipsis_and_dash_pairs_are_not_split() {
        let lines = break_lines("一二三四五六七八九——十", 10.0, 0.0, measure);
        assert_eq!(texts(&lines), ["一二三四五六七八九", "——十"]);
    }

    #[test]
    fn empty_text_still_yields_one_line_and_control_chars_are_dropped() {
        assert_eq!(texts(&break_lines("", 10.0, 0.0, measure)), [""]);
        let lines = break_lines("a\tb\u{7}c\r", 10.0, 0.0, measure);
        assert_eq!(texts(&lines), ["a bc"]);
    }
}
