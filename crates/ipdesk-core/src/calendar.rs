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
    let folded = crate::text::fold_width(input);
    let s = folded.trim();
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

/// The State Council holiday arrangements shipped with this build, one block
/// per notice (`assets/rules/cn-holidays.txt`, sources in
/// `shared/reference/trademark-calendar.md` §1).
const HOLIDAYS_TXT: &str = include_str!("../../../assets/rules/cn-holidays.txt");

/// One 国务院办公厅 notice that sets a year's arrangement.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayNotice {
    /// The year the notice arranges (its 2022-12-31 line belongs to 2023).
    pub year: i32,
    /// Title, document number and date, as the data file cites it.
    pub notice: String,
    /// False where the document number is not confirmed by an official copy.
    pub confirmed: bool,
}

/// A day off or a make-up working day, and where it comes from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayDay {
    pub date: NaiveDate,
    /// 调休上班 (a working weekend day) rather than a day off.
    pub working: bool,
    pub name: String,
    /// Added by the officer rather than shipped with a notice.
    pub user: bool,
}

/// Statutory holidays and make-up working days (调休): the shipped notices,
/// then the officer's own days on top (an own day wins over a shipped one).
#[derive(Debug, Clone, Default)]
pub struct Holidays {
    pub off: BTreeSet<NaiveDate>,
    pub work: BTreeSet<NaiveDate>,
    /// Years whose arrangement is known: a shipped notice, or days the
    /// officer entered for that year.
    pub years: BTreeSet<i32>,
}

/// The shipped arrangement: its notices and days, parsed once.
pub fn shipped_holidays() -> &'static (Vec<HolidayNotice>, Vec<HolidayDay>) {
    static SHIPPED: std::sync::OnceLock<(Vec<HolidayNotice>, Vec<HolidayDay>)> =
        std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| parse_holidays(HOLIDAYS_TXT).expect("shipped holiday file is valid"))
}

/// Reads the holiday file: `# YYYY: notice` and `# YYYY also: notice`
/// headers, then `YYYY-MM-DD off|work name` lines.
pub fn parse_holidays(
    text: &str,
) -> std::result::Result<(Vec<HolidayNotice>, Vec<HolidayDay>), String> {
    let mut notices = Vec::new();
    let mut days = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("# ") {
            let head = rest.split_once(':').and_then(|(y, notice)| {
                let y = y.trim_end_matches(" also");
                (y.len() == 4)
                    .then(|| y.parse::<i32>().ok())
                    .flatten()
                    .map(|y| (y, notice.trim()))
            });
            if let Some((year, notice)) = head {
                notices.push(HolidayNotice {
                    year,
                    confirmed: !notice.contains("[文号待核"),
                    notice: notice.to_string(),
                });
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let bad = || format!("第 {} 行无法识别：{line}", n + 1);
        let mut parts = line.splitn(3, ' ');
        let date = parts
            .next()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(bad)?;
        let working = match parts.next() {
            Some("off") => false,
            Some("work") => true,
            _ => return Err(bad()),
        };
        if notices.is_empty() {
            return Err(bad());
        }
        days.push(HolidayDay {
            date,
            working,
            name: parts.next().unwrap_or("").trim().to_string(),
            user: false,
        });
    }
    Ok((notices, days))
}

impl Holidays {
    /// The shipped arrangement with the officer's own days laid over it.
    pub fn with_user_days(user: &[HolidayDay]) -> Holidays {
        let (notices, shipped) = shipped_holidays();
        let mut h = Holidays {
            years: notices.iter().map(|n| n.year).collect(),
            ..Holidays::default()
        };
        for d in shipped.iter().chain(user) {
            h.insert(d.date, d.working);
        }
        h.years.extend(user.iter().map(|d| d.date.year()));
        h
    }

    /// Records a day, replacing whatever the date held.
    pub fn insert(&mut self, date: NaiveDate, working: bool) {
        if working {
            self.off.remove(&date);
            self.work.insert(date);
        } else {
            self.work.remove(&date);
            self.off.insert(date);
        }
    }

    /// Whether the year's arrangement is known; a deadline in a year that is
    /// not only moves off weekends.
    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

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

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_calendar_cites_a_notice_for_every_year_2020_to_2026() {
        let (notices, days) = shipped_holidays();
        let years: BTreeSet<i32> = notices.iter().map(|n| n.year).collect();
        assert_eq!(years, (2020..=2026).collect());
        assert!(
            notices.iter().all(|n| n.notice.contains("国办发明电")),
            "{notices:?}"
        );
        // Only the 2026 number is cited by code repositories alone.
        let unconfirmed: Vec<i32> = notices
            .iter()
            .filter(|n| !n.confirmed)
            .map(|n| n.year)
            .collect();
        assert_eq!(unconfirmed, [2026]);
        // Reference §1.3: 254 date lines.
        assert_eq!(days.len(), 254);
        // Every make-up working day is a weekend day (reference §1.3 step 2).
        assert!(days
            .iter()
            .filter(|d| d.working)
            .all(|d| matches!(d.date.weekday(), Weekday::Sat | Weekday::Sun)));
    }

    #[test]
    fn shipped_days_move_deadlines_and_an_own_day_wins() {
        let h = Holidays::with_user_days(&[]);
        // 2026 春节: 02-15..02-23 off, 02-14 (Sat) and 02-28 (Sat) work.
        assert_eq!(h.next_working_day(d("2026-02-17"), true), d("2026-02-24"));
        assert!(h.is_working_day(d("2026-02-14"), true));
        // 2025-02-08 (Sat) is a make-up working day: a deadline stays put.
        assert_eq!(h.next_working_day(d("2025-02-08"), true), d("2025-02-08"));
        // 2024-02-09 (除夕) is legally a working day (reference §1.5).
        assert!(h.is_working_day(d("2024-02-09"), true));
        assert!(h.knows_year(2026) && !h.knows_year(2027));
        let own = HolidayDay {
            date: d("2027-02-08"),
            working: false,
            name: "春节".into(),
            user: true,
        };
        let h = Holidays::with_user_days(&[own]);
        assert!(h.knows_year(2027));
        assert_eq!(h.next_working_day(d("2027-02-08"), true), d("2027-02-09"));
    }

    #[test]
    fn a_malformed_holiday_line_is_named() {
        let err = parse_holidays("# 2030: 通知\n2030-02-30 off 春节\n").unwrap_err();
        assert!(err.contains("第 2 行"), "{err}");
        assert!(
            parse_holidays("2030-01-01 off 元旦\n").is_err(),
            "a day before any notice"
        );
    }
}
