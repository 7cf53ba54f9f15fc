use chrono::NaiveDate;
use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Result};
use crate::money::Money;
use crate::store::Entity;

coded_enum!(
    /// Direction and kind of a transfer or licence.
    TransferKind, "转让/许可类型" {
        AssignIn = "assign-in", "受让" | "转入";
        AssignOut = "assign-out", "转让" | "转出";
        LicenseIn = "license-in", "许可引进" | "被许可";
        LicenseOut = "license-out", "许可实施" | "对外许可" | "许可";
    }
);

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferData {
    pub kind: TransferKind,
    pub counterparty: String,
    pub date: Option<NaiveDate>,
    pub amount: Money,
    pub contract_no: String,
    /// CNIPA 备案号 for licences / 著录项目变更 for assignments.
    pub record_no: String,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Default for TransferData {
    fn default() -> Self {
        TransferData {
            kind: TransferKind::LicenseOut,
            counterparty: String::new(),
            date: None,
            amount: Money::default(),
            contract_no: String::new(),
            record_no: String::new(),
            patent_ids: Vec::new(),
            notes: String::new(),
        }
    }
}

impl Record for TransferData {
    const TABLE: &'static str = "transfer";
    const ENTITY: Entity = Entity::Transfer;
    const LABEL: &'static str = "转让/许可";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "counterparty",
        "date",
        "amount",
        "contract_no",
        "record_no",
        "notes",
    ];
    const ORDER_BY: &'static str = "date, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("transfer_patent", "transfer_id"));
    const LIST_TITLE: &'static str = "专利转让/许可台账";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("kind", "类型", 7.0, |t: &Self| t.kind.label().into()),
            ListColumn::text("counterparty", "对方", 16.0, |t: &Self| {
                t.counterparty.clone()
            }),
            ListColumn::date("date", "日期", 9.0, |t: &Self| t.date),
            ListColumn::money("amount", "金额（元）", 11.0, |t: &Self| t.amount),
            ListColumn::text("contractNo", "合同号", 11.0, |t: &Self| {
                t.contract_no.clone()
            }),
            ListColumn::text("recordNo", "备案号", 11.0, |t: &Self| {
                t.record_no.clone()
            }),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("counterparty", "对方单位"), &mut self.counterparty)?;
        not_negative(field("amount", "金额"), self.amount)?;
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(self.kind.code()),
            text(&self.counterparty),
            date(self.date),
            money(self.amount),
            text(&self.contract_no),
            text(&self.record_no),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(TransferData {
            kind: r.get("kind")?,
            counterparty: r.get("counterparty")?,
            date: r.get("date")?,
            amount: Money(r.get("amount")?),
            contract_no: r.get("contract_no")?,
            record_no: r.get("record_no")?,
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
