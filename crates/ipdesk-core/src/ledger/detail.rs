//! One patent with everything its detail page (and `ipdesk patent show`)
//! shows, assembled in one place.

use chrono::NaiveDate;
use serde::Serialize;

use super::{AnnuityPayment, FeeDecision, FeeSchedule, HighValue, Patent};
use crate::error::Result;
use crate::store::{AuditEntry, Entity, Store};

/// A patent with its fee schedule, payments, family, high-value verdict and
/// change history, as of a given day.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatentDetail {
    pub patent: Patent,
    /// The application number as people write it (`201910123456.X`).
    pub display_app_no: String,
    pub schedule: FeeSchedule,
    pub payments: Vec<AnnuityPayment>,
    /// The keep-or-drop decisions on its fees, by year.
    pub fee_decisions: Vec<FeeDecision>,
    pub family: Vec<Patent>,
    pub high_value: HighValue,
    pub history: Vec<AuditEntry>,
}

impl Store {
    /// The detail of patent `id` as of `today`. Errors: [`crate::Error::NotFound`].
    pub fn patent_detail(&self, id: i64, today: NaiveDate) -> Result<PatentDetail> {
        let patent = self.patent(id)?;
        Ok(PatentDetail {
            display_app_no: patent.display_app_no(),
            schedule: self.fee_schedule(id, today)?,
            payments: self.payments(id)?,
            fee_decisions: self.fee_decisions(id)?,
            family: self.family(id)?,
            high_value: self.high_value_of(id, today)?,
            history: self.history(Entity::Patent, id)?,
            patent,
        })
    }
}
