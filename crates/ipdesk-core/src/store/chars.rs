//! The character index (`patent_chars`, migration 0011): full-text search
//! for queries of one or two Chinese characters (电机, 张伟), which the
//! trigram index cannot answer. Every non-ASCII letter or digit becomes a
//! token of its own, so a two-character query is a two-token phrase; ASCII
//! runs stay whole tokens and are never queried here (short ASCII queries
//! still scan).

/// The separator token put between the items of a list (applicants,
/// inventors, tags), so a phrase never spans two names (张三 李四 does not
/// match 三李). ASCII, so no query looks it up.
pub(crate) const ITEM_BREAK: &str = " 0 ";

/// `s` with a space on each side of every non-ASCII letter or digit: 「电机
/// 控制」 → 「 电  机  控  制 」 for FTS5's `unicode61` tokenizer, which
/// would otherwise keep a run of Chinese characters as one token.
pub fn char_tokens(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if c.is_alphanumeric() && !c.is_ascii() {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A search text the character index answers: one or two characters, each
/// a non-ASCII letter or digit. The FTS5 phrase for it.
pub(crate) fn char_phrase(text: &str) -> Option<String> {
    let n = text.chars().count();
    ((1..=2).contains(&n) && text.chars().all(|c| c.is_alphanumeric() && !c.is_ascii()))
        .then(|| format!("\"{}\"", char_tokens(text).trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_become_tokens_and_ascii_runs_stay_whole() {
        assert_eq!(char_tokens("5G天线"), "5G 天  线 ");
        assert_eq!(char_phrase("电机").as_deref(), Some("\"电  机\""));
        assert_eq!(char_phrase("电").as_deref(), Some("\"电\""));
        assert_eq!(char_phrase("5G"), None, "ASCII scans");
        assert_eq!(char_phrase("电机控"), None, "three characters use trigrams");
        assert_eq!(char_phrase("电\""), None, "punctuation is not a token");
    }
}
