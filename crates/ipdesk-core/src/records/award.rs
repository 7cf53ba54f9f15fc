use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Error, Result};
use crate::store::Entity;

coded_enum!(
    /// Which award. Which kinds make an invention high-value (category 5) is
    /// rule data (`award_kinds` in `assets/rules/cn-high-value.json`).
    AwardKind, "奖项类别" {
        ChinaPatent = "china-patent", "中国专利奖";
        NationalScienceTech = "national-sci-tech", "国家科学技术奖" | "国家科技奖";
        ProvincialPatent = "provincial-patent", "省级专利奖" | "湖南专利奖" | "省专利奖";
        Other = "other", "其他奖项" | "其他";
    }
);

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AwardData {
    pub kind: AwardKind,
    /// e.g. 第二十四届中国专利奖.
    pub name: String,
    /// 金奖 / 银奖 / 优秀奖 / 一等奖 …
    pub level: String,
    pub year: Option<i32>,
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub patent_ids: Vec<i64>,
    pub notes: String,
}

impl Default for AwardData {
    fn default() -> Self {
        AwardData {
            kind: AwardKind::Other,
            name: String::new(),
            level: String::new(),
            year: None,
            patent_ids: Vec::new(),
            notes: String::new(),
        }
    }
}

impl Record for AwardData {
    const TABLE: &'static str = "award";
    const ENTITY: Entity = Entity::Award;
    const LABEL: &'static str = "获奖";
    const COLUMNS: &'static [&'static str] = &["kind", "name", "level", "year", "notes"];
    const ORDER_BY: &'static str = "year, id";
    const LINK: Option<(&'static str, &'static str)> = Some(("award_patent", "award_id"));
    const LIST_TITLE: &'static str = "专利获奖情况表";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("kind", "奖项类别", 10.0, |a: &Self| {
                a.kind.label().into()
            }),
            ListColumn::text("name", "奖项名称", 22.0, |a: &Self| a.name.clone()),
            ListColumn::text("level", "等级", 8.0, |a: &Self| a.level.clone()),
            ListColumn::text("year", "获奖年度", 7.0, |a: &Self| {
                a.year.map(|y| y.to_string()).unwrap_or_default()
            }),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("name", "奖项名称"), &mut self.name)?;
        self.level = self.level.trim().to_string();
        if let Some(y) = self.year.filter(|y| !(1985..=2200).contains(y)) {
            return Err(Error::invalid(
                field("year", "获奖年度"),
                y.to_string(),
                "不是有效年份",
            ));
        }
        dedup(&mut self.patent_ids);
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(self.kind.code()),
            text(&self.name),
            text(&self.level),
            self.year.map_or(Value::Null, |y| Value::Integer(y.into())),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(AwardData {
            kind: r.get("kind")?,
            name: r.get("name")?,
            level: r.get("level")?,
            year: r.get("year")?,
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
