use chrono::NaiveDate;
use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Result};
use crate::money::Money;
use crate::store::Entity;

/// 专利权质押 (pledge financing), registered at CNIPA.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PledgeData {
    pub pledgor: String,
    pub pledgee: String,
    pub loan_amount: Money,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// CNIPA 质押登记号 and 登记日.
    pub reg_no: String,
    pub reg_date: Option<NaiveDate>,
    pub release_date: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Record for PledgeData {
    const TABLE: &'static str = "pledge";
    const ENTITY: Entity = Entity::Pledge;
    const LABEL: &'static str = "质押";
    const COLUMNS: &'static [&'static str] = &[
        "pledgor",
        "pledgee",
        "loan_amount",
        "start_date",
        "end_date",
        "reg_no",
        "reg_date",
        "release_date",
        "notes",
    ];
    const ORDER_BY: &'static str = "reg_date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("pledge_patent", "pledge_id"));
    const LIST_TITLE: &'static str = "知识产权质押融资台账";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("pledgor", "出质人", 12.0, |p: &Self| p.pledgor.clone()),
            ListColumn::text("pledgee", "质权人", 12.0, |p: &Self| p.pledgee.clone()),
            ListColumn::money("loanAmount", "融资金额（元）", 11.0, |p: &Self| {
                p.loan_amount
            }),
            ListColumn::date("startDate", "开始日", 9.0, |p: &Self| p.start_date),
            ListColumn::date("endDate", "到期日", 9.0, |p: &Self| p.end_date),
            ListColumn::text("regNo", "质押登记号", 14.0, |p: &Self| {
                p.reg_no.clone()
            }),
            ListColumn::date("regDate", "登记日", 9.0, |p: &Self| p.reg_date),
            ListColumn::date("releaseDate", "解除日", 9.0, |p: &Self| p.release_date),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("pledgor", "出质人"), &mut self.pledgor)?;
        required(field("pledgee", "质权人"), &mut self.pledgee)?;
        not_negative(field("loanAmount", "融资金额"), self.loan_amount)?;
        ordered(
            field("endDate", "质押到期日"),
            self.start_date,
            self.end_date,
            "起始日",
        )?;
        ordered(
            field("releaseDate", "解除日期"),
            self.reg_date,
            self.release_date,
            "登记日",
        )?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.pledgor),
            text(&self.pledgee),
            money(self.loan_amount),
            date(self.start_date),
            date(self.end_date),
            text(&self.reg_no),
            date(self.reg_date),
            date(self.release_date),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(PledgeData {
            pledgor: r.get("pledgor")?,
            pledgee: r.get("pledgee")?,
            loan_amount: Money(r.get("loan_amount")?),
            start_date: r.get("start_date")?,
            end_date: r.get("end_date")?,
            reg_no: r.get("reg_no")?,
            reg_date: r.get("reg_date")?,
            release_date: r.get("release_date")?,
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
