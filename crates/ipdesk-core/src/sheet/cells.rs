use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use calamine::{ExcelDateTime, ExcelDateTimeType};

use super::read::number_text;
use super::*;
use crate::calendar::parse_date;

/// Folds the spellings a header comes in: full-width letters and brackets to
/// ASCII, spaces (also U+3000) and a trailing required-marker `*` dropped,
/// ASCII lower-cased.
pub fn normalise_header(h: &str) -> String {
    h.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            '【' | '〔' => Some('('),
            '】' | '〕' => Some(')'),
            _ => Some(c),
        })
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

pub(crate) fn cell(row: &SheetRow, col: usize) -> &Cell {
    row.cells.get(col).unwrap_or(&Cell::Empty)
}

/// `0` → `A`, `26` → `AA`, as Excel names columns.
pub(crate) fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Refuses a cell whose value can't be read: an Excel error value, or a
/// formula the file holds no result for.
pub(crate) fn readable(label: &'static str, c: &Cell) -> Result<()> {
    match c {
        Cell::Error(e) => Err(Error::invalid(label, e.clone(), "单元格是错误值，请先在表格中修正")),
        Cell::UncachedFormula(f) => Err(Error::invalid(
            label,
            format!("={f}"),
            "单元格是公式，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或将该列粘贴为数值",
        )),
        _ => Ok(()),
    }
}

/// Splits a list cell on the separators ledgers use: ；;、,， and line breaks.
pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split(['；', ';', '、', ',', '，', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// [`split_list`] for applicant names: a comma before a company-form suffix
/// ("Co., Ltd.", "Co.，Ltd.", "Inc.") is part of the name, so
/// "Huawei Technologies Co., Ltd." stays one applicant, written as in the
/// sheet.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "ltd",
        "ltd.",
        "limited",
        "inc",
        "inc.",
        "llc",
        "l.l.c.",
        "corp",
        "corp.",
        "corporation",
        "gmbh",
        "s.a.",
        "b.v.",
        "plc",
    ];
    let is_sep = |c: char| matches!(c, '；' | ';' | '、' | ',' | '，' | '\n' | '\r');
    let mut out: Vec<String> = Vec::new();
    let mut rest = s;
    // The separator before the current piece, if it was a comma.
    let mut comma_before: Option<char> = None;
    loop {
        let end = rest.find(is_sep).unwrap_or(rest.len());
        let piece = &rest[..end];
        let t = piece.trim();
        let suffix = SUFFIXES.contains(&t.to_ascii_lowercase().as_str());
        match (comma_before, out.last_mut()) {
            (Some(comma), Some(prev)) if suffix && !prev.is_empty() => {
                prev.push(comma);
                prev.push_str(piece.trim_end());
            }
            _ => out.push(t.to_string()),
        }
        let Some(sep) = rest[end..].chars().next() else {
            break;
        };
        comma_before = matches!(sep, ',' | '，').then_some(sep);
        rest = &rest[end + sep.len_utf8()..];
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Country names officers write instead of codes.
pub(crate) fn jurisdiction_code(s: &str) -> String {
    let t = s.trim();
    let code = match t {
        "" | "中国" | "中国大陆" | "国内" => "CN",
        "美国" => "US",
        "欧洲" | "欧专局" | "欧洲专利局" => "EP",
        "日本" => "JP",
        "韩国" => "KR",
        "德国" => "DE",
        "英国" => "GB",
        "法国" => "FR",
        "PCT" | "pct" | "世界知识产权组织" | "国际局" => "WO",
        _ => return t.to_string(),
    };
    code.to_string()
}

pub(crate) fn year_of(label: &'static str, s: &str) -> Result<Option<u32>> {
    let t = s
        .trim()
        .trim_start_matches('第')
        .trim_end_matches('年')
        .trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| Error::invalid(label, s.trim(), "应为专利年度（整数，如 5 或 第5年）"))
}

/// A calendar year (`2024`, `2024年`); empty is none.
pub(crate) fn calendar_year_of(label: &'static str, s: &str) -> Result<Option<i32>> {
    let t = s.trim().trim_end_matches('年').trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i32>() {
        Ok(y) if (1985..=2100).contains(&y) => Ok(Some(y)),
        _ => Err(Error::invalid(label, s.trim(), "应为年份（如 2024）")),
    }
}

pub(crate) fn bool_of(label: &'static str, c: &Cell) -> Result<bool> {
    match c {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) => Ok(*n != 0.0),
        _ => match c.text().to_ascii_lowercase().as_str() {
            "" | "否" | "无" | "false" | "n" | "no" | "0" => Ok(false),
            "是" | "有" | "true" | "y" | "yes" | "1" => Ok(true),
            other => Err(Error::invalid(label, other, "应为「是」或「否」")),
        },
    }
}

/// A date in any shape Excel and officers give it: a date cell, a serial
/// number, `2023-01-05`, `2023/1/5`, `2023.01.05`, `2023年1月5日`,
/// `20230105`, optionally followed by a time.
pub(crate) fn date_of(label: &'static str, c: &Cell) -> Result<Option<NaiveDate>> {
    let bad = |v: String| {
        Error::invalid(
            label,
            v,
            "不是有效日期（可写作 2023-01-05、2023/1/5、2023.01.05、2023年1月5日 或 20230105）",
        )
    };
    match c {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(f) => {
            let n = *f;
            if n.fract() == 0.0 && (19_000_101.0..=22_001_231.0).contains(&n) {
                return loose_date(label, &number_text(n)).map(Some);
            }
            if (1.0..=110_000.0).contains(&n) {
                let serial = ExcelDateTime::new(n, ExcelDateTimeType::DateTime, false);
                if let Some(d) = serial.as_datetime() {
                    return Ok(Some(d.date()));
                }
            }
            Err(bad(number_text(n)))
        }
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => loose_date(label, s).map(Some),
        other => Err(bad(other.text())),
    }
}

pub(crate) fn loose_date(label: &'static str, s: &str) -> Result<NaiveDate> {
    let original = s.trim();
    let day = original.split([' ', 'T']).next().unwrap_or_default();
    let mut t: String = day
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' | '／' | '．' => '-',
            c => c,
        })
        .filter(|c| *c != '日')
        .collect();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        t = format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]);
    }
    let parsed = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .ok()
        .map(|d| d.to_string())
        .unwrap_or(t);
    parse_date(label, &parsed)
        .map_err(|_| {
            Error::invalid(
                label,
                original,
                "不是有效日期（可写作 2023-01-05、2023/1/5、2023.01.05、2023年1月5日 或 20230105）",
            )
        })
        .and_then(|d| {
            // Two-digit years ("23/1/5") parse as year 23; parse_date refuses
            // them, this keeps the message about the original text.
            if d.year() < 1900 {
                Err(Error::invalid(label, original, "年份应写四位数字"))
            } else {
                Ok(d)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates_are_read_in_every_shape_ledgers_use() {
        let want = NaiveDate::from_ymd_opt(2023, 1, 5).unwrap();
        for s in [
            "2023-01-05",
            "2023/1/5",
            "2023.01.05",
            "2023年1月5日",
            "20230105",
            "2023-01-05 00:00:00",
        ] {
            assert_eq!(
                date_of("申请日", &text(s)).unwrap(),
                Some(want),
                "{s} is a common spelling"
            );
        }
        assert_eq!(
            date_of("申请日", &Cell::Number(44931.0)).unwrap(),
            Some(want),
            "Excel serial 44931 is 2023-01-05"
        );
        assert_eq!(
            date_of("申请日", &Cell::Number(20230105.0)).unwrap(),
            Some(want),
            "yyyymmdd typed as a number"
        );
        let err = date_of("申请日", &text("2023-13-05")).unwrap_err();
        assert!(
            err.to_string().contains("申请日「2023-13-05」"),
            "names field and value: {err}"
        );
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("张伟；王芳、李娜,刘洋，陈静\n杨磊"),
            vec!["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"]
        );
        assert_eq!(split_list("AR, AG"), vec!["AR", "AG"], "tags are not names");
    }

    #[test]
    fn applicant_names_keep_a_comma_before_a_company_suffix() {
        assert_eq!(
            split_names("Huawei Technologies Co., Ltd.；衡阳华菱钢管有限公司"),
            vec!["Huawei Technologies Co., Ltd.", "衡阳华菱钢管有限公司"]
        );
        assert_eq!(
            split_names("ABC Co.,Ltd., XYZ Inc."),
            vec!["ABC Co.,Ltd.", "XYZ Inc."],
            "written as in the sheet"
        );
        assert_eq!(
            split_names("DEF Co.，Ltd."),
            vec!["DEF Co.，Ltd."],
            "full-width comma"
        );
        assert_eq!(split_names("甲公司,乙大学"), vec!["甲公司", "乙大学"]);
        assert_eq!(split_names(", Ltd."), vec!["Ltd."], "nothing to join to");
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
