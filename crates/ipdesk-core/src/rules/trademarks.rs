//! Registered trademarks: the 10-year term, the renewal window, the grace
//! period and the official renewal fees (`assets/rules/cn-trademark.json`).

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::add_months;
use crate::money::Money;

#[derive(Debug, Clone, Deserialize)]
pub(super) struct TrademarkRulesFile {
    term: TermRule,
    renewal: RenewalRule,
    fees: Vec<RenewalFee>,
}

#[derive(Debug, Clone, Deserialize)]
struct TermRule {
    years: u32,
}

#[derive(Debug, Clone, Deserialize)]
struct RenewalRule {
    months_before: u32,
    grace_months: u32,
}

#[derive(Debug, Clone, Deserialize)]
struct RenewalFee {
    from: Option<NaiveDate>,
    paper: i64,
    online: i64,
    late_paper: i64,
    late_online: i64,
    confirmed: bool,
}

coded_enum!(
    /// How a renewal is filed: the fee differs (2019 notice).
    FilingChannel, "提交方式" {
        Online = "online", "网上" | "网上申请" | "电子";
        Paper = "paper", "纸件" | "纸质";
    }
);

/// Where a registered mark stands on a day.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RenewalState {
    /// The renewal window has not opened.
    NotYet,
    /// In the 12 months before expiry: renew at the normal fee.
    Open,
    /// In the 6-month grace period: renew with the late fee.
    InGrace,
    /// Past the grace period without a renewal: the mark is cancelled (注销).
    Lapsed,
}

impl RenewalState {
    pub fn label(self) -> &'static str {
        match self {
            RenewalState::NotYet => "未到续展期",
            RenewalState::Open => "续展期内",
            RenewalState::InGrace => "宽展期内",
            RenewalState::Lapsed => "宽展期已过",
        }
    }
}

/// A registered mark's current term and renewal dates.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalDates {
    /// Last day of the current term.
    pub expiry: NaiveDate,
    /// First day renewal can be filed.
    pub window_opens: NaiveDate,
    /// Last day of the grace period.
    pub grace_end: NaiveDate,
    pub state: RenewalState,
    /// The renewal fee if filed on the day (per class × classes).
    pub fee: Money,
    /// The late fee on top, in the grace period.
    pub late_fee: Money,
    /// Whether the fee figure comes from a confirmed fee notice.
    pub fee_confirmed: bool,
}

impl TrademarkRulesFile {
    pub(super) fn check(&self) -> std::result::Result<(), String> {
        if self.term.years == 0 || self.renewal.months_before == 0 {
            return Err("商标有效期与续展期应大于 0".into());
        }
        if !self.fees.iter().any(|f| f.from.is_none()) {
            return Err("续展费缺少最早的一档（from: null）".into());
        }
        Ok(())
    }

    /// The end of a term that starts on `start` (a registration date, or the
    /// day after the previous term): `term` years on, less a day
    /// (商标法实施条例 第12条第2款).
    pub(super) fn term_end(&self, start: NaiveDate) -> NaiveDate {
        let same_day = add_months(start, self.term.years * 12);
        if same_day.day() < start.day() {
            // The month has no corresponding day (29 February): its last day.
            same_day
        } else {
            same_day.pred_opt().expect("date in range")
        }
    }

    pub(super) fn renewal_dates(
        &self,
        expiry: NaiveDate,
        classes: usize,
        channel: FilingChannel,
        on: NaiveDate,
    ) -> RenewalDates {
        let window_opens = expiry
            .checked_sub_months(Months::new(self.renewal.months_before))
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .expect("date in range");
        let grace_end = add_months(expiry, self.renewal.grace_months);
        let state = if on < window_opens {
            RenewalState::NotYet
        } else if on <= expiry {
            RenewalState::Open
        } else if on <= grace_end {
            RenewalState::InGrace
        } else {
            RenewalState::Lapsed
        };
        // The fee in force on the day of filing: today's, or the window's
        // first day for a renewal not yet due.
        let fee_day = on.max(window_opens);
        let f = self
            .fees
            .iter()
            .filter(|f| f.from.is_none_or(|d| fee_day >= d))
            .max_by_key(|f| f.from)
            .expect("checked: an open-ended first band");
        let classes = classes.max(1) as i64;
        let (fee, late) = match channel {
            FilingChannel::Online => (f.online, f.late_online),
            FilingChannel::Paper => (f.paper, f.late_paper),
        };
        RenewalDates {
            expiry,
            window_opens,
            grace_end,
            state,
            fee: Money::yuan(fee * classes),
            late_fee: if state == RenewalState::InGrace {
                Money::yuan(late * classes)
            } else {
                Money(0)
            },
            fee_confirmed: f.confirmed,
        }
    }
}
