use chrono::NaiveDate;
use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Result};
use crate::money::Money;
use crate::store::Entity;

/// 知识产权保险 policy (Hengyang funds premiums, seed 004 (一)4).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InsuranceData {
    /// 专利执行保险, 侵犯专利权责任保险, 知识产权海外侵权责任险 …
    pub kind: String,
    pub insurer: String,
    pub policy_no: String,
    pub premium: Money,
    pub cover: Money,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Record for InsuranceData {
    const TABLE: &'static str = "insurance";
    const ENTITY: Entity = Entity::Insurance;
    const LABEL: &'static str = "保险";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "insurer",
        "policy_no",
        "premium",
        "cover",
        "start_date",
        "end_date",
        "notes",
    ];
    const ORDER_BY: &'static str = "start_date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("insurance_patent", "insurance_id"));
    const LIST_TITLE: &'static str = "知识产权保险台账";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("kind", "险种", 11.0, |i: &Self| i.kind.clone()),
            ListColumn::text("insurer", "保险公司", 12.0, |i: &Self| {
                i.insurer.clone()
            }),
            ListColumn::text("policyNo", "保单号", 12.0, |i: &Self| {
                i.policy_no.clone()
            }),
            ListColumn::money("premium", "保费（元）", 9.0, |i: &Self| i.premium),
            ListColumn::money("cover", "保额（元）", 11.0, |i: &Self| i.cover),
            ListColumn::date("startDate", "起保日", 9.0, |i: &Self| i.start_date),
            ListColumn::date("endDate", "终止日", 9.0, |i: &Self| i.end_date),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("kind", "险种"), &mut self.kind)?;
        required(field("insurer", "保险公司"), &mut self.insurer)?;
        not_negative(field("premium", "保费"), self.premium)?;
        not_negative(field("cover", "保额"), self.cover)?;
        ordered(
            field("endDate", "保险止期"),
            self.start_date,
            self.end_date,
            "起期",
        )?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.kind),
            text(&self.insurer),
            text(&self.policy_no),
            money(self.premium),
            money(self.cover),
            date(self.start_date),
            date(self.end_date),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(InsuranceData {
            kind: r.get("kind")?,
            insurer: r.get("insurer")?,
            policy_no: r.get("policy_no")?,
            premium: Money(r.get("premium")?),
            cover: Money(r.get("cover")?),
            start_date: r.get("start_date")?,
            end_date: r.get("end_date")?,
            patent_ids: Vec::new(),
            notes: r.get("notes")?,
        })
    }
    fn patent_ids(&self) -> &[i64] {
        &self.patent_ids
    }
    fn set_patent_ids(&mut self, ids: Vec<i64>) {
        self.patent_ids = ids;
    }
}
