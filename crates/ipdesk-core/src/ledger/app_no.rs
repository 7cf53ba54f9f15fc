//! Identifiers and values that have a checkable form: CN application numbers
//! (check digit, type digit), unified social credit codes (GB 32100-2015),
//! dates and money. Sources are in `../shared/reference/cn-ip-rules.md` §3–§4
//! and repeated next to each function.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{field, Error, FieldName, Result};
use crate::rules::PatentKind;

/// A CN application number after normalisation.
///
/// `digits` holds the number without prefix, spaces or dot, check character
/// included (`200710308494X`). Display adds the dot (`200710308494.X`);
/// [`AppNo::patent_number`] adds the `ZL` prefix used once granted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppNo {
    pub digits: String,
    pub format: AppNoFormat,
    /// The kind the type digit names (8 and 9 are PCT national-phase numbers).
    pub kind: PatentKind,
    pub pct: bool,
    pub filing_year: i32,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AppNoFormat {
    /// 2003-10-01 onward: YYYY T NNNNNNN . C
    Modern,
    /// 1989 to 2003-09-30: YY T NNNNN . C
    Legacy,
    /// 1985–1988: YY T NNNNN, no check character.
    LegacyNoCheck,
}

impl AppNo {
    /// `ZL` + the dotted number: how a granted patent is cited.
    pub fn patent_number(&self) -> String {
        format!("ZL{self}")
    }
}

impl fmt::Display for AppNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.format {
            AppNoFormat::LegacyNoCheck => f.write_str(&self.digits),
            _ => {
                let (body, check) = self.digits.split_at(self.digits.len() - 1);
                write!(f, "{body}.{check}")
            }
        }
    }
}

const APP_NO: FieldName = field("appNo", "申请号");

/// Strips what people and databases put around a CN number: `ZL`/`CN`
/// prefixes, spaces, and the dot before the check character. Full-width
/// forms, which Chinese input methods type (`ＺＬ２０１９…．Ｘ`), are read as
/// their ASCII twins first.
pub fn strip_app_no(input: &str) -> String {
    let mut s: String = input
        .chars()
        .map(crate::text::half_width)
        .filter(|c| !c.is_whitespace() && *c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    while let Some(rest) = s.strip_prefix("ZL").or_else(|| s.strip_prefix("CN")) {
        s = rest.to_string();
    }
    s
}

/// The CNIPA check character: weights 2..9 cycling over the digits, the
/// remainder mod 11 itself is the check, 10 written as `X`.
/// Source: cn-ip-rules.md §3.2 (VBA macro worked example `200710308494.X`;
/// yutian1012/migrate-core PatentValidationUtil.java).
pub fn app_no_check_char(digits: &str) -> char {
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (2 + (i as u32 % 8)))
        .sum();
    match sum % 11 {
        10 => 'X',
        r => char::from(b'0' + r as u8),
    }
}

fn kind_of_type_digit(d: u8) -> Option<(PatentKind, bool)> {
    match d {
        b'1' => Some((PatentKind::Invention, false)),
        b'2' => Some((PatentKind::Utility, false)),
        b'3' => Some((PatentKind::Design, false)),
        b'8' => Some((PatentKind::Invention, true)),
        b'9' => Some((PatentKind::Utility, true)),
        _ => None,
    }
}

/// Parses and validates a CN application number in the 2003+ 12-digit or the
/// legacy 8-digit form (cn-ip-rules.md §3.1–3.2).
pub fn parse_cn_app_no(input: &str) -> Result<AppNo> {
    let s = strip_app_no(input);
    if s.is_empty() {
        return Err(Error::Missing { field: APP_NO });
    }
    let bad = |reason: &str| Error::invalid(APP_NO, input.trim(), reason);
    // What is left must be ASCII: the positions below are byte offsets, and
    // a character such as 号 in "2019101234号" would otherwise be cut in two.
    if let Some(c) = s.chars().find(|c| !c.is_ascii()) {
        return Err(bad(&format!(
            "含有「{c}」：申请号只能包含数字和校验位（0–9 或 X）"
        )));
    }
    let (body, check) = match s.len() {
        13 => (&s[..12], Some(s.as_bytes()[12])),
        9 => (&s[..8], Some(s.as_bytes()[8])),
        8 => (&s[..8], None),
        12 => {
            let expect = if s.bytes().all(|b| b.is_ascii_digit()) {
                format!("，应为 {}.{}", s, app_no_check_char(&s))
            } else {
                String::new()
            };
            return Err(bad(&format!("缺少校验位{expect}")));
        }
        _ => {
            return Err(bad(
                "位数不对：应为 12 位数字加校验位（2003 年 10 月起）或 8 位数字加校验位",
            ))
        }
    };
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("除校验位外只能是数字"));
    }
    let modern = body.len() == 12;
    let (filing_year, type_digit, format) = if modern {
        let year: i32 = body[..4].parse().expect("digits");
        if !(2003..=2100).contains(&year) {
            return Err(bad("12 位申请号的前 4 位应为 2003 年及以后的申请年份"));
        }
        (year, body.as_bytes()[4], AppNoFormat::Modern)
    } else {
        let yy: i32 = body[..2].parse().expect("digits");
        let year = if yy >= 85 { 1900 + yy } else { 2000 + yy };
        if !(1985..=2003).contains(&year) {
            return Err(bad("8 位申请号的前 2 位应为 85–03 年的申请年份"));
        }
        let format = if check.is_none() {
            if year > 1988 {
                return Err(bad("1989 年以后的申请号应带校验位"));
            }
            AppNoFormat::LegacyNoCheck
        } else {
            AppNoFormat::Legacy
        };
        (year, body.as_bytes()[2], format)
    };
    let Some((kind, pct)) = kind_of_type_digit(type_digit) else {
        return Err(bad(&format!(
            "类型位「{}」无效：应为 1 发明、2 实用新型、3 外观设计、8 PCT 发明、9 PCT 实用新型",
            type_digit as char
        )));
    };
    if let Some(c) = check {
        if !(c.is_ascii_digit() || c == b'X') {
            return Err(bad("校验位只能是数字或 X"));
        }
        let expect = app_no_check_char(body);
        if c as char != expect {
            return Err(bad(&format!("校验位应为 {expect}，而不是 {}", c as char)));
        }
    }
    Ok(AppNo {
        digits: s,
        format,
        kind,
        pct,
        filing_year,
    })
}

/// Validates a CN number against the kind the user chose: the type digit must
/// name the same kind (cn-ip-rules.md §3.1).
pub fn check_app_no_kind(app_no: &AppNo, kind: PatentKind) -> Result<()> {
    if app_no.kind != kind {
        return Err(Error::invalid(
            APP_NO,
            app_no.to_string(),
            format!(
                "类型位表示{}，与所选专利类型「{}」不一致",
                app_no.kind.label(),
                kind.label()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // cn-ip-rules.md §3.2: worked example from the public VBA macro, remainder 10 → X.
    #[test]
    fn check_char_of_worked_example_is_x() {
        assert_eq!(app_no_check_char("200710308494"), 'X');
        let n = parse_cn_app_no("ZL 200710308494.X").expect("worked example is valid");
        assert_eq!(n.digits, "200710308494X");
        assert_eq!(n.to_string(), "200710308494.X");
        assert_eq!(n.kind, PatentKind::Invention);
        assert_eq!(n.filing_year, 2007);
        assert_eq!(n.patent_number(), "ZL200710308494.X");
    }

    // cn-ip-rules.md §3.2: "202310123456.7" is a placeholder that fails.
    #[test]
    fn placeholder_number_fails_its_check_digit() {
        let err = parse_cn_app_no("202310123456.7").unwrap_err();
        assert!(
            err.to_string().contains("校验位应为"),
            "reason names the check digit: {err}"
        );
    }

    #[test]
    fn prefixes_spaces_and_lowercase_are_normalised() {
        let a = parse_cn_app_no("cn200710308494.x").unwrap();
        let b = parse_cn_app_no("ZL200710308494X").unwrap();
        let c = parse_cn_app_no(" 2007 1030 8494 . X ").unwrap();
        assert_eq!(a, b);
        assert_eq!(b, c);
    }

    #[test]
    fn legacy_eight_digit_numbers_are_checked() {
        // 1998, invention, serial 12345: weights 2..9 over 9,8,1,1,2,3,4,5.
        let body = "98112345";
        let check = app_no_check_char(body);
        let n = parse_cn_app_no(&format!("{body}.{check}")).unwrap();
        assert_eq!(n.format, AppNoFormat::Legacy);
        assert_eq!(n.filing_year, 1998);
        assert_eq!(n.kind, PatentKind::Invention);
        let wrong = if check == '0' { '1' } else { '0' };
        assert!(parse_cn_app_no(&format!("{body}.{wrong}")).is_err());
    }

    // cn-ip-rules.md §3.1: 1985–1988 numbers carry no check digit (CN85101417).
    #[test]
    fn numbers_from_1985_to_1988_need_no_check_digit() {
        let n = parse_cn_app_no("CN85101417").unwrap();
        assert_eq!(n.format, AppNoFormat::LegacyNoCheck);
        assert_eq!(n.filing_year, 1985);
        assert!(
            parse_cn_app_no("90101417").is_err(),
            "1990 numbers need a check digit"
        );
    }

    #[test]
    fn pct_type_digits_map_to_invention_and_utility() {
        let body = "201880012345";
        let n = parse_cn_app_no(&format!("{body}{}", app_no_check_char(body))).unwrap();
        assert!(n.pct);
        assert_eq!(n.kind, PatentKind::Invention);
        let body = "201590012345";
        let n = parse_cn_app_no(&format!("{body}{}", app_no_check_char(body))).unwrap();
        assert_eq!(n.kind, PatentKind::Utility);
    }

    #[test]
    fn unknown_type_digit_and_missing_check_are_explained() {
        let body = "202340012345";
        let err = parse_cn_app_no(&format!("{body}{}", app_no_check_char(body))).unwrap_err();
        assert!(err.to_string().contains("类型位"), "{err}");
        let err = parse_cn_app_no("200710308494").unwrap_err();
        assert!(
            err.to_string().contains("200710308494.X"),
            "suggests the right check: {err}"
        );
    }

    #[test]
    fn type_digit_must_match_the_chosen_kind() {
        let n = parse_cn_app_no("200710308494.X").unwrap();
        assert!(check_app_no_kind(&n, PatentKind::Invention).is_ok());
        let err = check_app_no_kind(&n, PatentKind::Design).unwrap_err();
        assert_eq!(err.field().map(|f| f.label), Some("申请号"));
    }

    // Review finding #1: byte offsets cut a Chinese character in two.
    #[test]
    fn non_ascii_in_a_number_is_refused_not_a_panic() {
        for input in [
            "2019101234号",
            "123456号",
            "1２３４号",
            "ZL2019101234567号",
            "号",
        ] {
            let err = parse_cn_app_no(input).expect_err(input);
            assert!(
                err.to_string().contains("只能包含数字和校验位"),
                "{input}: says what is allowed: {err}"
            );
            assert_eq!(err.field().map(|f| f.code), Some("appNo"));
        }
    }

    #[test]
    fn full_width_numbers_typed_by_an_input_method_are_read() {
        let wide = parse_cn_app_no("ＺＬ２００７１０３０８４９４．Ｘ")
            .expect("full-width is the same number");
        assert_eq!(wide.digits, "200710308494X");
        let mixed = parse_cn_app_no("2007１０３０８４９４.ｘ").expect("mixed widths too");
        assert_eq!(mixed.digits, "200710308494X");
        assert_eq!(
            strip_app_no("ＣＮ\u{3000}2007"),
            "2007",
            "ideographic space and prefix go"
        );
    }
}
