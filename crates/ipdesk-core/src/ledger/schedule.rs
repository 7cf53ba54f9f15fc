//! The annual-fee schedule of one patent, computed from the fee rules.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::*;
use crate::calendar::{anniversary, patent_year_on, Holidays};
use crate::money::Money;
use crate::rules::{FeeReduction, Rules};

impl Rules {
    /// Last day of protection: filing date + term − 1 day, plus compensation days.
    pub fn expiry_date(&self, p: &PatentData) -> Option<NaiveDate> {
        let filed = p.filing_date?;
        let end = anniversary(filed, self.term_years(p.kind, filed)).pred_opt()?;
        end.checked_add_days(Days::new(u64::from(p.compensation_days)))
    }

    /// The annual-fee schedule of one patent as of `today`.
    ///
    /// Only granted CN patents have one: rows run from the grant year to the
    /// last patent year of the term. The grant-year fee is paid with the
    /// registration (without it there is no grant), so it counts as paid.
    pub fn fee_schedule(
        &self,
        p: &PatentData,
        payments: &[PaymentFact],
        holidays: &Holidays,
        today: NaiveDate,
    ) -> FeeSchedule {
        self.fee_schedule_through(p, payments, holidays, today, NaiveDate::MAX)
    }

    /// [`Rules::fee_schedule`] with only what a forecast to `through`
    /// needs: no rows due after `through` and, when `through` is not
    /// `NaiveDate::MAX`, no paid rows (a 24-month forecast of 100,000
    /// patents would otherwise work out every year of every term). The
    /// status and `paid_through` are then those of the rows kept.
    pub fn fee_schedule_through(
        &self,
        p: &PatentData,
        payments: &[PaymentFact],
        holidays: &Holidays,
        today: NaiveDate,
        through: NaiveDate,
    ) -> FeeSchedule {
        let expiry = self.expiry_date(p);
        let mut schedule = FeeSchedule {
            rows: Vec::new(),
            status: FeeStatus::NotApplicable {
                reason: String::new(),
            },
            paid_through: None,
            expiry,
            grant_year: None,
            calendar_missing: Vec::new(),
            grant_date_missing: false,
        };
        let na = |reason: &str| FeeStatus::NotApplicable {
            reason: reason.to_string(),
        };
        let (Some(filed), true) = (p.filing_date, p.is_cn()) else {
            schedule.status = na("非中国专利，年费按所在国规则另行管理");
            return schedule;
        };
        // Without a grant date (授权日待补) the rows start after the year the
        // fees are paid through; earlier years are taken as paid.
        let first_year = match (grant_year(p), p.fees_paid_through) {
            (Some(g), _) => {
                schedule.grant_year = Some(g);
                g
            }
            (None, Some(paid)) if p.status.is_in_force() => {
                schedule.grant_date_missing = true;
                paid + 1
            }
            (None, _) => {
                schedule.status = na(if p.status.is_pending() {
                    "尚未授权，暂无年费"
                } else {
                    "未授权"
                });
                return schedule;
            }
        };
        // Without a grant year the reduction window is unknown: full fees,
        // which overstates a plan rather than understating it.
        let grant_year = schedule.grant_year;
        let term = self.term_years(p.kind, filed);
        let payable_pct = self.payable_percent(p.fee_reduction);
        let unpaid_only = through != NaiveDate::MAX;
        for year in first_year..=term {
            let due = anniversary(filed, year - 1);
            if due > through {
                break;
            }
            let paid = payments.iter().find(|f| f.patent_year == year);
            let marked_paid =
                Some(year) == grant_year || p.fees_paid_through.is_some_and(|t| year <= t);
            if unpaid_only && (paid.is_some() || marked_paid) {
                continue;
            }
            let Some(full) = self.annual_fee(p.kind, filed, year, due) else {
                continue;
            };
            let reduced = p.fee_reduction != FeeReduction::None
                && grant_year.is_some_and(|g| year < g + self.reduction_years(due));
            let payable = if reduced {
                full.percent(payable_pct)
            } else {
                full
            };
            let deadline = self.deadline(due, holidays);
            let after_lapse = schedule
                .rows
                .iter()
                .any(|r: &FeeRow| matches!(r.state, FeeState::Lapsed { .. }));
            let state = if let Some(f) = paid {
                FeeState::Paid {
                    date: Some(f.paid_date),
                    amount: Some(f.amount),
                }
            } else if marked_paid {
                FeeState::Paid {
                    date: None,
                    amount: None,
                }
            } else if after_lapse {
                FeeState::Terminated
            } else if today <= deadline {
                FeeState::Open
            } else {
                match self.late_fee_percent(due, today, holidays) {
                    Some(pct) => FeeState::InGrace {
                        late_fee: full.percent(pct),
                        late_percent: pct,
                        grace_end: self.grace_end(due, holidays),
                    },
                    None => FeeState::Lapsed {
                        grace_end: self.grace_end(due, holidays),
                    },
                }
            };
            schedule.rows.push(FeeRow {
                year,
                due_date: due,
                deadline,
                full,
                payable,
                reduced,
                state,
            });
        }
        schedule.calendar_missing = missing_years(
            schedule
                .rows
                .iter()
                .filter(|r| matches!(r.state, FeeState::Open | FeeState::InGrace { .. }))
                .map(|r| r.deadline),
            holidays,
        );
        schedule.paid_through = schedule
            .rows
            .iter()
            .take_while(|r| matches!(r.state, FeeState::Paid { .. }))
            .last()
            .map(|r| r.year);
        schedule.status = if !p.status.is_in_force() {
            na(&format!("法律状态为「{}」，不再缴纳年费", p.status.label()))
        } else if let Some(r) = schedule
            .rows
            .iter()
            .find(|r| !matches!(r.state, FeeState::Paid { .. }))
        {
            match r.state {
                FeeState::Lapsed { grace_end } => FeeStatus::Lapsed {
                    year: r.year,
                    due_date: r.due_date,
                    grace_end,
                },
                FeeState::InGrace {
                    late_fee,
                    late_percent,
                    grace_end,
                } => FeeStatus::InGrace {
                    year: r.year,
                    due_date: r.due_date,
                    grace_end,
                    payable: r.payable,
                    late_fee,
                    late_percent,
                },
                _ if expiry.is_some_and(|e| today > e) => FeeStatus::Expired {
                    on: expiry.expect("checked"),
                },
                _ => FeeStatus::Due {
                    year: r.year,
                    due_date: r.due_date,
                    deadline: r.deadline,
                    days: (r.deadline - today).num_days() as i32,
                    payable: r.payable,
                },
            }
        } else if expiry.is_some_and(|e| today > e) {
            FeeStatus::Expired {
                on: expiry.expect("checked"),
            }
        } else {
            FeeStatus::AllPaid
        };
        schedule
    }
}

/// The patent year of the grant-year fee: the override from the registration
/// notice, else the patent year that contains the grant date.
pub fn grant_year(p: &PatentData) -> Option<u32> {
    let filed = p.filing_date?;
    let granted = p.grant_date?;
    Some(
        p.grant_fee_year
            .unwrap_or_else(|| patent_year_on(filed, granted)),
    )
}

/// What is known of a recorded payment, for schedule computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentFact {
    pub patent_year: u32,
    pub paid_date: NaiveDate,
    pub amount: Money,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeSchedule {
    pub rows: Vec<FeeRow>,
    pub status: FeeStatus,
    /// 年费缴至: the last year of an unbroken run of paid years.
    pub paid_through: Option<u32>,
    pub expiry: Option<NaiveDate>,
    pub grant_year: Option<u32>,
    /// Years of open deadlines whose holiday arrangement is not shipped or
    /// entered: those deadlines moved off weekends only.
    pub calendar_missing: Vec<i32>,
    /// 授权日待补: no grant date, so the rows start after the year paid
    /// through and the years before it are assumed paid.
    pub grant_date_missing: bool,
}

/// The years among `deadlines` whose holiday arrangement is unknown, sorted.
pub(super) fn missing_years(
    deadlines: impl Iterator<Item = NaiveDate>,
    holidays: &Holidays,
) -> Vec<i32> {
    let years: std::collections::BTreeSet<i32> = deadlines
        .map(|d| d.year())
        .filter(|y| !holidays.knows_year(*y))
        .collect();
    years.into_iter().collect()
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeRow {
    pub year: u32,
    /// The anniversary of the filing date.
    pub due_date: NaiveDate,
    /// The due date moved off weekends and holidays.
    pub deadline: NaiveDate,
    pub full: Money,
    pub payable: Money,
    pub reduced: bool,
    pub state: FeeState,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "state"
)]
pub enum FeeState {
    /// Paid; date and amount are absent for fees paid before the ledger
    /// recorded payments and for the grant-year fee paid at registration.
    Paid {
        date: Option<NaiveDate>,
        amount: Option<Money>,
    },
    Open,
    InGrace {
        late_fee: Money,
        late_percent: u32,
        grace_end: NaiveDate,
    },
    Lapsed {
        grace_end: NaiveDate,
    },
    /// An earlier fee lapsed, so the patent terminated before this year.
    Terminated,
}

impl FeeState {
    pub fn label(&self) -> &'static str {
        match self {
            FeeState::Paid { .. } => "已缴",
            FeeState::Open => "待缴",
            FeeState::InGrace { .. } => "滞纳期",
            FeeState::Lapsed { .. } => "逾期未缴",
            FeeState::Terminated => "已终止",
        }
    }
}

/// Where a patent stands on annual fees today.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "status"
)]
pub enum FeeStatus {
    NotApplicable {
        reason: String,
    },
    /// The next fee is not yet due.
    Due {
        year: u32,
        due_date: NaiveDate,
        deadline: NaiveDate,
        days: i32,
        payable: Money,
    },
    InGrace {
        year: u32,
        due_date: NaiveDate,
        grace_end: NaiveDate,
        payable: Money,
        late_fee: Money,
        late_percent: u32,
    },
    /// Unpaid past the grace period: the patent terminates as of the due date.
    Lapsed {
        year: u32,
        due_date: NaiveDate,
        grace_end: NaiveDate,
    },
    Expired {
        on: NaiveDate,
    },
    /// Every fee to the end of the term is paid.
    AllPaid,
}

impl FeeStatus {
    /// A short Chinese description, e.g. `30 天后到期（第 6 年，1,200 元）`.
    pub fn describe(&self) -> String {
        match self {
            FeeStatus::NotApplicable { reason } => reason.clone(),
            FeeStatus::Due { year, deadline, days, payable, .. } => {
                format!("第 {year} 年年费 {payable} 元，{days} 天后到期（{deadline}）")
            }
            FeeStatus::InGrace { year, payable, late_fee, grace_end, .. } => format!(
                "第 {year} 年年费已过期，滞纳期内：应缴 {payable} 元 + 滞纳金 {late_fee} 元，最迟 {grace_end}"
            ),
            FeeStatus::Lapsed { year, due_date, .. } => {
                format!("第 {year} 年年费逾期未缴（应缴日 {due_date}），专利权可能已终止")
            }
            FeeStatus::Expired { on } => format!("保护期已于 {on} 届满"),
            FeeStatus::AllPaid => "年费已缴至保护期满".into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            FeeStatus::NotApplicable { .. } => "notApplicable",
            FeeStatus::Due { .. } => "due",
            FeeStatus::InGrace { .. } => "inGrace",
            FeeStatus::Lapsed { .. } => "lapsed",
            FeeStatus::Expired { .. } => "expired",
            FeeStatus::AllPaid => "allPaid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::LegalStatus;
    use crate::rules::PatentKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn granted(kind: PatentKind, filed: &str, grant: &str) -> PatentData {
        PatentData {
            kind,
            app_no: "x".into(),
            filing_date: Some(d(filed)),
            grant_date: Some(d(grant)),
            status: LegalStatus::Granted,
            ..PatentData::default()
        }
    }

    // cn-ip-rules.md §1.1: invention 900/1200/2000/4000/6000/8000; UM/design 600/900/1200/2000.
    #[test]
    fn annual_fee_bands_match_the_cnipa_list() {
        let r = Rules::bundled();
        let f = d("2010-01-01");
        let due = d("2024-01-01");
        let inv: Vec<i64> = (1..=20)
            .map(|y| r.annual_fee(PatentKind::Invention, f, y, due).unwrap().0 / 100)
            .collect();
        assert_eq!(
            inv,
            [
                900, 900, 900, 1200, 1200, 1200, 2000, 2000, 2000, 4000, 4000, 4000, 6000, 6000,
                6000, 8000, 8000, 8000, 8000, 8000
            ]
        );
        let um: Vec<i64> = (1..=10)
            .map(|y| r.annual_fee(PatentKind::Utility, f, y, due).unwrap().0 / 100)
            .collect();
        assert_eq!(um, [600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000]);
        assert_eq!(
            r.annual_fee(PatentKind::Utility, f, 11, due),
            None,
            "utility models end at year 10"
        );
    }

    // cn-ip-rules.md §1.1: design years 11–15 at 3,000 (发改价格〔2022〕465号), designs filed ≥ 2021-06-01.
    #[test]
    fn design_years_eleven_to_fifteen_only_for_designs_filed_from_june_2021() {
        let r = Rules::bundled();
        let new = d("2021-06-01");
        assert_eq!(
            r.annual_fee(PatentKind::Design, new, 11, d("2031-06-01")),
            Some(Money::yuan(3000))
        );
        assert_eq!(r.term_years(PatentKind::Design, new), 15);
        let old = d("2021-05-31");
        assert_eq!(
            r.annual_fee(PatentKind::Design, old, 11, d("2031-05-31")),
            None
        );
        assert_eq!(r.term_years(PatentKind::Design, old), 10);
    }

    // cn-ip-rules.md §1.3: Guidelines Part V Ch. 9 — filed 1997-06-03, year-6 fee due 2002-06-03.
    #[test]
    fn due_date_is_the_filing_anniversary() {
        assert_eq!(anniversary(d("1997-06-03"), 5), d("2002-06-03"));
        // Guidelines: filed 1999-06-01, year 1 ends 2000-05-31, year 2 starts 2000-06-01.
        assert_eq!(patent_year_on(d("1999-06-01"), d("2000-05-31")), 1);
        assert_eq!(patent_year_on(d("1999-06-01"), d("2000-06-01")), 2);
    }

    // cn-ip-rules.md §1.3: no matching day (29 Feb) → last day of that month (实施细则 art. 6).
    #[test]
    fn leap_day_filing_falls_due_on_the_last_day_of_february() {
        assert_eq!(anniversary(d("2020-02-29"), 1), d("2021-02-28"));
        assert_eq!(anniversary(d("2020-02-29"), 4), d("2024-02-29"));
    }

    // cn-ip-rules.md §1.4: 0 % up to one month, then 5 % per started month, to 25 %; lapsed after 6 months.
    #[test]
    fn late_fee_is_five_percent_per_started_month_after_the_first() {
        let r = Rules::bundled();
        let none = Holidays::default();
        // 2023-03-15 is a Wednesday; use a rule set without weekend shifting for exact bands.
        let due = d("2023-03-15");
        let pct = |on: &str| {
            let mut h = none.clone();
            // Make every day in range a working day so only the month bands count.
            let mut x = due;
            while x < d("2023-10-01") {
                h.work.insert(x);
                x = x.succ_opt().unwrap();
            }
            r.late_fee_percent(due, d(on), &h)
        };
        assert_eq!(pct("2023-03-15"), Some(0));
        assert_eq!(
            pct("2023-04-15"),
            Some(0),
            "up to one month inclusive is free"
        );
        assert_eq!(pct("2023-04-16"), Some(5));
        assert_eq!(pct("2023-05-16"), Some(10));
        assert_eq!(pct("2023-06-16"), Some(15));
        assert_eq!(pct("2023-07-16"), Some(20));
        assert_eq!(pct("2023-08-16"), Some(25));
        assert_eq!(pct("2023-09-15"), Some(25), "the last day of grace");
        assert_eq!(pct("2023-09-16"), None, "past six months the patent lapses");
    }

    #[test]
    fn a_deadline_on_a_weekend_or_holiday_moves_to_the_next_working_day() {
        let r = Rules::bundled();
        let mut h = Holidays::default();
        // 2025-10-01 (Wed) national day holiday in the user's table.
        h.off.insert(d("2025-10-01"));
        assert_eq!(r.deadline(d("2025-10-01"), &h), d("2025-10-02"));
        assert_eq!(
            r.deadline(d("2025-10-04"), &h),
            d("2025-10-06"),
            "Saturday → Monday"
        );
        h.work.insert(d("2025-10-11"));
        assert_eq!(
            r.deadline(d("2025-10-11"), &h),
            d("2025-10-11"),
            "a make-up working Saturday"
        );
    }

    // cn-ip-rules.md §1.4: the late fee is based on the full fee, not the reduced one.
    #[test]
    fn late_fee_is_on_the_full_fee_even_with_reduction() {
        let r = Rules::bundled();
        let mut p = granted(PatentKind::Invention, "2020-03-11", "2022-08-02");
        p.fee_reduction = FeeReduction::P85;
        // Year 3 is the grant year; year 4 fell due 2023-03-11 (Saturday → Monday 13th).
        let s = r.fee_schedule(&p, &[], &Holidays::default(), d("2023-05-20"));
        let FeeStatus::InGrace {
            year,
            payable,
            late_fee,
            late_percent,
            ..
        } = s.status.clone()
        else {
            panic!("expected grace, got {:?}", s.status)
        };
        assert_eq!(year, 4);
        assert_eq!(payable, Money::yuan(180), "1,200 × 15 %");
        assert_eq!(late_percent, 10, "more than two months past 2023-03-13");
        assert_eq!(
            late_fee,
            Money::yuan(120),
            "10 % of the full 1,200, not of 180"
        );
    }

    // cn-ip-rules.md §1.5 + §1.2: reduction covers grant year through grant year + 9 since 2018-08-01.
    #[test]
    fn reduction_applies_for_ten_years_from_the_grant_year() {
        let r = Rules::bundled();
        let mut p = granted(PatentKind::Invention, "2019-01-10", "2021-05-06");
        p.fee_reduction = FeeReduction::P70;
        let s = r.fee_schedule(&p, &[], &Holidays::default(), d("2021-06-01"));
        assert_eq!(s.grant_year, Some(3));
        let reduced: Vec<u32> = s
            .rows
            .iter()
            .filter(|r| r.reduced)
            .map(|r| r.year)
            .collect();
        assert_eq!(reduced, (3..=12).collect::<Vec<_>>());
        let y13 = s.rows.iter().find(|r| r.year == 13).unwrap();
        assert_eq!(y13.payable, Money::yuan(6000), "year 13 pays the full fee");
        let y3 = &s.rows[0];
        assert_eq!(y3.payable, Money::yuan(270), "900 × 30 %");
        assert!(
            matches!(y3.state, FeeState::Paid { date: None, .. }),
            "grant-year fee paid at registration"
        );
    }

    // cn-ip-rules.md §1.5: 财税〔2016〕78号 (from 2016-09-01) reduced 6 years from the grant
    // year; 财税〔2018〕37号 made it 10 for fees due from 2018-08-01. The older 费用减缓
    // scheme is not modelled, so fees due before 2016-09-01 are never reduced.
    #[test]
    fn reduction_window_was_six_years_before_august_2018() {
        let r = Rules::bundled();
        let mut p = granted(PatentKind::Invention, "2012-06-01", "2014-06-01");
        p.fee_reduction = FeeReduction::P85;
        let s = r.fee_schedule(&p, &[], &Holidays::default(), d("2014-07-01"));
        assert_eq!(s.grant_year, Some(3));
        let reduced: Vec<u32> = s
            .rows
            .iter()
            .filter(|r| r.reduced)
            .map(|r| r.year)
            .collect();
        // y6 (due 2017) and y7 (due 2018-06) under the 6-year window (years 3–8);
        // y8–y12 (due 2019–2023) under the 10-year window (years 3–12).
        assert_eq!(reduced, (6..=12).collect::<Vec<_>>());
    }

    // cn-ip-rules.md §2: expiry = filing + term − 1 day.
    #[test]
    fn expiry_is_the_day_before_the_term_anniversary() {
        let r = Rules::bundled();
        let p = granted(PatentKind::Utility, "2015-07-20", "2016-01-05");
        assert_eq!(r.expiry_date(&p), Some(d("2025-07-19")));
        // Unpaid since the grant: the patent terminated when year 2's fee
        // (due on the first anniversary) went unpaid past its six months of
        // grace, long before the term ran out, so it lapsed and did not expire.
        let s = r.fee_schedule(&p, &[], &Holidays::default(), d("2026-01-01"));
        assert_eq!(
            s.status,
            FeeStatus::Lapsed {
                year: 2,
                due_date: d("2016-07-20"),
                grace_end: d("2017-01-20"),
            },
            "the first unpaid fee decides; the term's end is moot"
        );
        let all: Vec<PaymentFact> = (1..=10)
            .map(|y| PaymentFact {
                patent_year: y,
                paid_date: d("2015-01-01"),
                amount: Money(0),
            })
            .collect();
        let s = r.fee_schedule(&p, &all, &Holidays::default(), d("2026-01-01"));
        assert_eq!(
            s.status,
            FeeStatus::Expired {
                on: d("2025-07-19")
            }
        );
    }

    #[test]
    fn recorded_payments_and_paid_through_move_the_next_due_year() {
        let r = Rules::bundled();
        let mut p = granted(PatentKind::Invention, "2018-04-02", "2020-06-30");
        let today = d("2024-03-01");
        let s = r.fee_schedule(&p, &[], &Holidays::default(), today);
        assert!(
            matches!(s.status, FeeStatus::Lapsed { year: 4, .. }),
            "{:?}",
            s.status
        );
        p.fees_paid_through = Some(6);
        let s = r.fee_schedule(&p, &[], &Holidays::default(), today);
        assert_eq!(s.paid_through, Some(6));
        let FeeStatus::Due {
            year,
            due_date,
            days,
            ..
        } = s.status
        else {
            panic!("{:?}", s.status)
        };
        assert_eq!((year, due_date), (7, d("2024-04-02")));
        assert_eq!(days, 32);
        let pay = [PaymentFact {
            patent_year: 7,
            paid_date: d("2024-03-01"),
            amount: Money::yuan(2000),
        }];
        let s = r.fee_schedule(&p, &pay, &Holidays::default(), today);
        assert_eq!(s.paid_through, Some(7));
        assert!(matches!(s.status, FeeStatus::Due { year: 8, .. }));
    }

    #[test]
    fn pending_and_foreign_patents_have_no_schedule() {
        let r = Rules::bundled();
        let mut p = granted(PatentKind::Invention, "2023-01-01", "2024-01-01");
        p.grant_date = None;
        p.status = LegalStatus::Examination;
        let s = r.fee_schedule(&p, &[], &Holidays::default(), d("2024-06-01"));
        assert!(s.rows.is_empty());
        assert!(matches!(s.status, FeeStatus::NotApplicable { .. }));
        let mut p = granted(PatentKind::Invention, "2023-01-01", "2024-01-01");
        p.jurisdiction = "US".into();
        assert!(r
            .fee_schedule(&p, &[], &Holidays::default(), d("2024-06-01"))
            .rows
            .is_empty());
    }

    #[test]
    fn bundled_rules_say_which_are_unconfirmed() {
        let r = Rules::bundled();
        // The holiday rule is confirmed (细则 第5条, 审查指南 V-7 2.3); how
        // it applies to the grace period is not (trademark-calendar.md §6).
        assert!(r
            .sources
            .iter()
            .any(|s| s.confirmed && s.rule.contains("周六") && s.rule_en.contains("Saturday")));
        assert!(r
            .sources
            .iter()
            .any(|s| !s.confirmed && s.rule.contains("滞纳期") && s.rule_en.contains("grace")));
        assert!(
            r.sources.iter().all(|s| s
                .rule
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
            "every rule reads in Chinese: reports print it"
        );
        assert!(
            r.sources.iter().all(|s| !s.source.is_empty()),
            "every rule cites a source"
        );
    }
}
