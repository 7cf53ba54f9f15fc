//! Dates: anniversaries, month arithmetic, holidays and working days, and
//! the one date parser every form and import uses.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::error::{Error, FieldName, Result};

/// The years a date the user gives may fall in. Far beyond any patent's
/// life either way, and far inside what date arithmetic can represent.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Refuses a date outside [`DATE_YEARS`], naming the field: dates that reach
/// the core without [`parse_date`] (over IPC as JSON) are checked here.
pub fn check_date(field: impl Into<FieldName>, d: Option<NaiveDate>) -> Result<()> {
    match d {
        Some(d) if !DATE_YEARS.contains(&d.year()) => Err(Error::invalid(
            field,
            d.to_string(),
            format!(
                "年份应在 {} 至 {} 之间",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            ),
        )),
        _ => Ok(()),
    }
}

/// Parses an ISO date (`YYYY-MM-DD`) naming the field in the error.
pub fn parse_date(field: impl Into<FieldName>, input: &str) -> Result<NaiveDate> {
    let field = field.into();
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::Missing { field });
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| DATE_YEARS.contains(&d.year()))
        .ok_or_else(|| Error::invalid(field, s, "不是有效日期（格式 YYYY-MM-DD，例如 2023-01-05）"))
}

/// Patent years run from the filing date: year 1 is [filed, filed + 1y).
pub fn patent_year_on(filed: NaiveDate, on: NaiveDate) -> u32 {
    let mut year = 1;
    while anniversary(filed, year) <= on {
        year += 1;
    }
    year
}

/// `date` + `years` years; 29 February becomes the last day of February
/// (专利法实施细则 art. 6, cn-ip-rules.md §1.3).
pub fn anniversary(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years * 12)
}

/// Calendar months later, clamped to the month's last day.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .expect("date in range")
}

/// Statutory holidays and make-up working days (调休), user-maintained.
#[derive(Debug, Clone, Default)]
pub struct Holidays {
    pub off: BTreeSet<NaiveDate>,
    pub work: BTreeSet<NaiveDate>,
}

impl Holidays {
    pub fn is_working_day(&self, d: NaiveDate, weekends_off: bool) -> bool {
        if self.work.contains(&d) {
            return true;
        }
        if self.off.contains(&d) {
            return false;
        }
        !(weekends_off && matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    pub fn next_working_day(&self, mut d: NaiveDate, weekends_off: bool) -> NaiveDate {
        while !self.is_working_day(d, weekends_off) {
            d = d.succ_opt().expect("date in range");
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_refused_with_the_field() {
        assert!(parse_date("申请日", "2023-02-29").is_err());
        assert!(parse_date("申请日", "2024-02-29").is_ok());
        let err = parse_date("授权日", "2023-13-01").unwrap_err();
        assert!(err.to_string().starts_with("授权日"), "{err}");
    }
}
