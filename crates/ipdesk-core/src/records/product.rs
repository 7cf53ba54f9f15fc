use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Error, Result};
use crate::money::Money;
use crate::store::json_list;
use crate::store::Entity;

/// A product for 专利密集型产品备案 (国知办函运字〔2022〕985号).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductData {
    pub name: String,
    pub model: String,
    pub industry: String,
    /// 未备案 / 已备案 / 已认定 — kept free text until the official form is checked.
    pub filing_status: String,
    pub revenues: Vec<YearRevenue>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YearRevenue {
    pub year: i32,
    pub revenue: Money,
}

impl Record for ProductData {
    const TABLE: &'static str = "product";
    const ENTITY: Entity = Entity::Product;
    const LABEL: &'static str = "专利产品";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "model",
        "industry",
        "filing_status",
        "revenues",
        "notes",
    ];
    const ORDER_BY: &'static str = "name, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("product_patent", "product_id"));
    const LIST_TITLE: &'static str = "专利产品台账";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("name", "产品名称", 14.0, |p: &Self| p.name.clone()),
            ListColumn::text("model", "型号", 9.0, |p: &Self| p.model.clone()),
            ListColumn::text("industry", "所属行业", 10.0, |p: &Self| {
                p.industry.clone()
            }),
            ListColumn::text("filingStatus", "备案状态", 8.0, |p: &Self| {
                p.filing_status.clone()
            }),
            ListColumn::text("revenues", "销售收入（元）", 16.0, |p: &Self| {
                p.revenues
                    .iter()
                    .map(|r| format!("{} 年 {}", r.year, r.revenue.grouped()))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("name", "产品名称"), &mut self.name)?;
        self.revenues.sort_by_key(|r| r.year);
        for w in self.revenues.windows(2) {
            if w[0].year == w[1].year {
                return Err(Error::invalid(
                    field("revenues", "销售收入年度"),
                    w[0].year.to_string(),
                    "同一年度重复",
                ));
            }
        }
        for r in &self.revenues {
            not_negative(field("revenues", "销售收入"), r.revenue)?;
            if !(1985..=2200).contains(&r.year) {
                return Err(Error::invalid(
                    field("revenues", "销售收入年度"),
                    r.year.to_string(),
                    "不是有效年份",
                ));
            }
        }
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.name),
            text(&self.model),
            text(&self.industry),
            text(&self.filing_status),
            Value::Text(serde_json::to_string(&self.revenues)?),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(ProductData {
            name: r.get("name")?,
            model: r.get("model")?,
            industry: r.get("industry")?,
            filing_status: r.get("filing_status")?,
            revenues: json_list(r.get("revenues")?)?,
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
