//! The holiday calendar: the shipped State Council notices and the days the
//! officer adds, which together move deadlines (see [`Holidays`]).

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

use serde::Serialize;

use super::{Entity, Store};
use crate::calendar::{shipped_holidays, HolidayDay, HolidayNotice, Holidays};
use crate::error::{field, Error, Result};

/// A year's calendar as the 设置 page shows it: the notices that set it and
/// every listed day, shipped or the officer's own.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayCalendar {
    pub notices: Vec<HolidayNotice>,
    pub days: Vec<HolidayDay>,
    /// Years with a shipped notice.
    pub shipped_years: Vec<i32>,
}

impl Store {
    /// The shipped calendar with the officer's own days laid over it: what
    /// every deadline computation uses.
    pub fn holidays(&self) -> Result<Holidays> {
        Ok(Holidays::with_user_days(&self.user_holidays()?))
    }

    /// The days the officer recorded.
    pub fn user_holidays(&self) -> Result<Vec<HolidayDay>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date, kind, name FROM holiday ORDER BY date")?;
        let rows = stmt.query_map([], |r| {
            Ok(HolidayDay {
                date: r.get(0)?,
                working: r.get::<_, String>(1)? == "work",
                name: r.get(2)?,
                user: true,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The calendar of one year (or every year), own days replacing shipped
    /// ones on the same date.
    pub fn holiday_calendar(&self, year: Option<i32>) -> Result<HolidayCalendar> {
        let (notices, shipped) = shipped_holidays();
        let user = self.user_holidays()?;
        let in_year = |d: &NaiveDate| year.is_none_or(|y| d.year() == y);
        let own: std::collections::BTreeSet<NaiveDate> = user.iter().map(|d| d.date).collect();
        let mut days: Vec<HolidayDay> = shipped
            .iter()
            .filter(|d| in_year(&d.date) && !own.contains(&d.date))
            .cloned()
            .chain(user.into_iter().filter(|d| in_year(&d.date)))
            .collect();
        days.sort_by_key(|d| d.date);
        Ok(HolidayCalendar {
            notices: notices
                .iter()
                .filter(|n| year.is_none_or(|y| n.year == y))
                .cloned()
                .collect(),
            days,
            shipped_years: notices
                .iter()
                .map(|n| n.year)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
    }

    /// Removes a day the officer recorded (shipped days stay; record the
    /// opposite kind to override one). Refuses a date with no own entry.
    pub fn remove_holiday(&mut self, date: NaiveDate) -> Result<()> {
        self.write(|tx, audit| {
            let before = tx
                .query_row(
                    "SELECT kind, name FROM holiday WHERE date = ?1",
                    [date],
                    |r| {
                        Ok(serde_json::json!({
                            "date": date, "kind": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?
                        }))
                    },
                )
                .optional()?
                .ok_or_else(|| {
                    Error::invalid(field("date", "日期"), date.to_string(), "不是自行添加的日期，无法删除")
                })?;
            tx.execute("DELETE FROM holiday WHERE date = ?1", [date])?;
            audit.delete(tx, Entity::Holiday, date_key(date), &before)
        })
    }

    /// Records a statutory holiday (`working = false`) or a make-up working day.
    ///
    /// The stored `next_fee_due` is the unshifted anniversary, so nothing
    /// derived needs refreshing; schedules shift deadlines when computed.
    /// The audit row is keyed by the date (`yyyymmdd`) and keeps what the
    /// date held before.
    pub fn set_holiday(&mut self, date: NaiveDate, working: bool, name: &str) -> Result<()> {
        crate::calendar::check_date(field("date", "日期"), Some(date))?;
        if name.trim().chars().count() > 50 {
            return Err(Error::invalid(
                field("name", "名称"),
                name.trim(),
                "不能超过 50 字",
            ));
        }
        let kind = if working { "work" } else { "off" };
        self.write(|tx, audit| {
            let before = tx
                .query_row(
                    "SELECT kind, name FROM holiday WHERE date = ?1",
                    [date],
                    |r| {
                        Ok(serde_json::json!({
                            "date": date, "kind": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?
                        }))
                    },
                )
                .optional()?
                .unwrap_or_else(|| serde_json::json!({}));
            tx.execute(
                "INSERT INTO holiday (date, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                params![date, kind, name.trim()],
            )?;
            let after = serde_json::json!({ "date": date, "kind": kind, "name": name.trim() });
            audit.update(tx, Entity::Holiday, date_key(date), &before, &after)
        })
    }
}

/// The audit key of a day: `yyyymmdd`.
fn date_key(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month() * 100 + date.day())
}

/// A year's holiday calendar as printed (节假日安排表), gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct HolidaysReport {
    /// The company's name as printed.
    pub company: String,
    /// Who the PDF names as its author.
    pub author: String,
    pub today: NaiveDate,
    /// The year shown; every year when none.
    pub year: Option<i32>,
    pub calendar: HolidayCalendar,
}

impl Store {
    /// [`Store::holiday_calendar`] with the company, for [`holidays_pdf`].
    pub fn holidays_report(&self, year: Option<i32>, today: NaiveDate) -> Result<HolidaysReport> {
        let company = self.company()?;
        Ok(HolidaysReport {
            company: company.display_name(),
            author: company.author().to_string(),
            today,
            year,
            calendar: self.holiday_calendar(year)?,
        })
    }
}

/// Builds the 节假日安排表: the notices it follows, then every day off and
/// make-up working day with where it comes from.
pub fn holidays_document(r: &HolidaysReport) -> crate::pdf::Document {
    use crate::pdf::{Align, Block, Column, DocMeta, Document, Orientation, Table};
    const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let name = &r.company;
    let title = match r.year {
        Some(y) => format!("{y} 年节假日安排表"),
        None => "节假日安排表".to_string(),
    };
    let off = r.calendar.days.iter().filter(|d| !d.working).count();
    let own = r.calendar.days.iter().filter(|d| d.user).count();
    let notices = if r.calendar.notices.is_empty() {
        "（无随软件提供的通知，仅自行添加的日期）".to_string()
    } else {
        r.calendar
            .notices
            .iter()
            // An unconfirmed notice carries its own 「文号待核」 note.
            .map(|n| n.notice.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.clone(),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("依据".into(), notices),
            ("打印日期".into(), r.today.to_string()),
            (
                "统计".into(),
                format!(
                    "放假 {off} 天，调休上班 {} 天；其中自行添加 {own} 天。",
                    r.calendar.days.len() - off
                ),
            ),
        ]),
        Block::Spacer(3.0),
    ];
    if r.calendar.days.is_empty() {
        blocks.push(Block::Paragraph("所选年度没有节假日安排。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("日期", 10.0, Align::Center),
                Column::new("星期", 5.0, Align::Center),
                Column::new("安排", 7.0, Align::Center),
                Column::new("名称", 14.0, Align::Left),
                Column::new("来源", 10.0, Align::Center),
            ],
            rows: r
                .calendar
                .days
                .iter()
                .map(|d| {
                    vec![
                        d.date.to_string(),
                        format!(
                            "星期{}",
                            WEEKDAYS[d.date.weekday().num_days_from_monday() as usize]
                        ),
                        if d.working { "调休上班" } else { "放假" }.into(),
                        d.name.clone(),
                        if d.user {
                            "自行添加"
                        } else {
                            "国务院通知"
                        }
                        .into(),
                    ]
                })
                .collect(),
            field: title.clone(),
        }));
    }
    blocks.push(Block::Spacer(3.0));
    blocks.push(Block::Paragraph(
        "注：期限届满日是法定休假日的，以休假日后的第一个工作日为期限届满日；本表中的日期用于推算年费等期限。".into(),
    ));
    Document {
        meta: DocMeta::dated(&title, &r.author, r.today),
        orientation: Orientation::Portrait,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders the 节假日安排表 with the embedded fonts.
pub fn holidays_pdf(
    r: &HolidaysReport,
    progress: &mut dyn FnMut(crate::pdf::Progress),
) -> Result<Vec<u8>> {
    Ok(crate::pdf::render_staged(
        || holidays_document(r),
        progress,
    )?)
}
