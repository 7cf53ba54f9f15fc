//! Money: yuan with fen, stored as whole fen; never a float in storage.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldName, Result};

/// An amount of money in fen (1/100 yuan), never negative once validated.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(#[cfg_attr(feature = "ts", ts(type = "number"))] pub i64);

impl Money {
    pub fn yuan(y: i64) -> Money {
        Money(y * 100)
    }

    /// Parses `1234`, `1234.5`, `1,234.56` or `¥1234` (yuan).
    pub fn parse(field: impl Into<FieldName>, input: &str) -> Result<Money> {
        let field = field.into();
        let folded = crate::text::fold_width(input);
        let s: String = folded
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        if s.is_empty() {
            return Err(Error::Missing { field });
        }
        let bad = |reason: &str| Error::invalid(field, input.trim(), reason);
        if s.starts_with('-') {
            return Err(bad("金额不能为负数"));
        }
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || int.len() > 13
        {
            return Err(bad("不是有效金额（元，最多两位小数）"));
        }
        let fen: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        Ok(Money(int.parse::<i64>().expect("digits") * 100 + fen))
    }

    /// Percentage of the amount, rounded half up to the fen.
    pub fn percent(self, pct: u32) -> Money {
        Money((self.0 * i64::from(pct) + 50) / 100)
    }

    /// `1,289,770.00`: amounts on paper get thousands separators and fen.
    pub fn grouped(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = (abs / 100).to_string();
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}.{:02}", abs % 100)
    }

    pub fn as_yuan_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 100 == 0 {
            write!(f, "{}", self.0 / 100)
        } else {
            write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_on_paper_are_grouped_in_thousands_with_fen() {
        assert_eq!(Money(128_977_000).grouped(), "1,289,770.00");
        assert_eq!(Money(100_000).grouped(), "1,000.00");
        assert_eq!(Money(5).grouped(), "0.05");
        assert_eq!(
            Money(-123_456).grouped(),
            "-1,234.56",
            "a refund keeps its sign"
        );
    }

    #[test]
    fn money_parses_yuan_and_refuses_negative() {
        assert_eq!(Money::parse("金额", "1,234.5").unwrap(), Money(123450));
        assert_eq!(Money::parse("金额", "¥900").unwrap(), Money::yuan(900));
        assert!(Money::parse("金额", "-5")
            .unwrap_err()
            .to_string()
            .contains("负数"));
        assert!(Money::parse("金额", "12.345").is_err());
        assert_eq!(Money::yuan(900).percent(15), Money::yuan(135));
        assert_eq!(Money(12345).to_string(), "123.45");
    }
}
