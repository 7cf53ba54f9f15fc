//! Text as Chinese input methods type it: full-width forms (`２０２６－０１－０５`,
//! `ＺＬ２０１９…`, the ideographic space) read as their ASCII twins, so every
//! number, date and code parser normalises them instead of refusing them.

use crate::error::{Error, FieldName, Result};

/// `！`–`～` (U+FF01–U+FF5E) and the ideographic space as ASCII; anything
/// else as it is.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// `s` with every full-width form as ASCII ([`half_width`]).
pub(crate) fn fold_width(s: &str) -> String {
    s.chars().map(half_width).collect()
}

/// The most characters in one text field — what one spreadsheet cell
/// holds, so every record exports whole (Excel refuses a longer cell) and
/// no paste of a whole document bloats the search index.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// Labels of the text fields records share, for the message; a field not
/// listed is named by its code.
const LABELS: &[(&str, &str)] = &[
    ("title", "名称"),
    ("name", "名称"),
    ("notes", "备注"),
    ("applicants", "申请人"),
    ("inventors", "发明人"),
    ("tags", "标签"),
    ("agency", "代理机构"),
    ("agent", "代理人"),
    ("description", "说明"),
    ("summary", "概述"),
    ("counterpart", "对方"),
    ("body", "正文"),
    ("mark", "商标"),
    ("holder", "权利人"),
];

/// Refuses `data` if one of its text fields — or one list of texts, joined
/// as an export writes it — is longer than [`MAX_TEXT_CHARS`], naming the
/// field. Every record's normalisation calls it before anything is written.
pub(crate) fn check_text_sizes<T: serde::Serialize>(data: &T) -> Result<()> {
    let Ok(value) = serde_json::to_value(data) else {
        return Ok(());
    };
    check_value(None, &value)
}

fn check_value(key: Option<&str>, v: &serde_json::Value) -> Result<()> {
    use serde_json::Value;
    let chars = match v {
        Value::String(s) if s.len() > MAX_TEXT_CHARS => s.chars().count(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.chars().count() + 1)
            .sum(),
        Value::Array(items) => {
            for item in items {
                check_value(key, item)?;
            }
            0
        }
        Value::Object(map) => {
            for (k, item) in map {
                check_value(Some(k), item)?;
            }
            0
        }
        _ => 0,
    };
    if chars > MAX_TEXT_CHARS {
        let code = key.unwrap_or("text");
        let (code, label) = LABELS
            .iter()
            .find(|(c, _)| *c == code)
            .copied()
            // A struct's own field name: a finite set, leaked once per
            // refusal at most.
            .unwrap_or_else(|| {
                let code: &'static str = Box::leak(code.to_string().into_boxed_str());
                (code, code)
            });
        let shown: String = match v {
            serde_json::Value::String(s) => s.chars().take(20).collect(),
            _ => String::new(),
        };
        return Err(Error::invalid(
            FieldName::new(code, label),
            format!("{shown}…"),
            format!("有 {chars} 字，超过每项 {MAX_TEXT_CHARS} 字的上限"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_field_over_one_cell_is_refused_naming_it() {
        #[derive(serde::Serialize)]
        struct Data {
            title: String,
            applicants: Vec<String>,
            inner: Vec<Inner>,
        }
        #[derive(serde::Serialize)]
        struct Inner {
            notes: String,
        }
        let ok = Data {
            title: "一种电机".into(),
            applicants: vec!["甲".into(); 100],
            inner: vec![Inner {
                notes: "短".into()
            }],
        };
        check_text_sizes(&ok).unwrap();
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        let err = check_text_sizes(&Data {
            title: long.clone(),
            ..ok
        })
        .unwrap_err();
        assert_eq!(err.field().map(|f| f.label), Some("名称"), "{err}");
        assert!(err.to_string().contains("32767"), "{err}");
        let err = check_text_sizes(&Data {
            title: String::new(),
            applicants: vec!["甲".repeat(1000); 40],
            inner: vec![],
        })
        .unwrap_err();
        assert_eq!(err.field().map(|f| f.code), Some("applicants"), "{err}");
        let err = check_text_sizes(&Data {
            title: String::new(),
            applicants: vec![],
            inner: vec![Inner { notes: long }],
        })
        .unwrap_err();
        assert_eq!(err.field().map(|f| f.label), Some("备注"), "{err}");
    }

    #[test]
    fn full_width_forms_fold_and_chinese_stays() {
        assert_eq!(fold_width("２０２６－０１－０５"), "2026-01-05");
        assert_eq!(fold_width("ＺＬ２０１９．Ｘ\u{3000}专利"), "ZL2019.X 专利");
        assert_eq!(
            fold_width("９１４４０３００１９２２０３８２１６"),
            "914403001922038216"
        );
    }
}
