use chrono::NaiveDate;
use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::calendar::check_date;
use crate::error::{field, Error, FieldName, Result};
use crate::store::{json_list, Entity};

coded_enum!(
    /// Rights other than patents and trademarks that the national programs
    /// count (qualification-programs.md §1.1): software copyright is class
    /// II, the rest class I.
    OtherIpKind, "知识产权类别" {
        SoftwareCopyright = "software_copyright", "软件著作权" | "计算机软件著作权" | "软著";
        IcLayout = "ic_layout", "集成电路布图设计" | "集成电路布图设计专有权" | "布图设计";
        PlantVariety = "plant_variety", "植物新品种" | "国家级农作物品种";
        NewDrug = "new_drug", "国家新药" | "新药";
        TcmProtected = "tcm_protected", "国家一级中药保护品种" | "中药保护品种";
        Other = "other", "其他";
    }
);

coded_enum!(
    /// Whether the right is in force.
    OtherIpStatus, "状态" {
        Valid = "valid", "有效" | "已登记" | "授权";
        Lapsed = "lapsed", "失效" | "终止" | "届满";
    }
);

/// 软件著作权、集成电路布图设计等: a right of another kind, with how it
/// was acquired and its use in 高企 applications.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OtherIpData {
    pub kind: OtherIpKind,
    /// 登记号 / 证书号 (软著 2024SR0123456).
    pub reg_no: String,
    pub title: String,
    pub owners: Vec<String>,
    /// 登记日 / 授权日.
    pub reg_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub status: OtherIpStatus,
    pub acquisition: Acquisition,
    pub acquired_on: Option<NaiveDate>,
    pub hnte_used_year: Option<i32>,
    pub notes: String,
}

impl Default for OtherIpData {
    fn default() -> Self {
        OtherIpData {
            kind: OtherIpKind::SoftwareCopyright,
            reg_no: String::new(),
            title: String::new(),
            owners: Vec::new(),
            reg_date: None,
            valid_until: None,
            status: OtherIpStatus::Valid,
            acquisition: Acquisition::Own,
            acquired_on: None,
            hnte_used_year: None,
            notes: String::new(),
        }
    }
}

impl OtherIpData {
    /// In force on `day`: registered by then, status valid, not past its end.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.status == OtherIpStatus::Valid
            && self.reg_date.is_some_and(|r| r <= day)
            && self.valid_until.is_none_or(|u| day <= u)
    }
}

impl Record for OtherIpData {
    const TABLE: &'static str = "other_ip";
    const ENTITY: Entity = Entity::OtherIp;
    const LABEL: &'static str = "其他知识产权";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "reg_no",
        "title",
        "owners",
        "reg_date",
        "valid_until",
        "status",
        "acquisition",
        "acquired_on",
        "hnte_used_year",
        "notes",
    ];
    const ORDER_BY: &'static str = "kind, reg_date, id";
    const LINK: Option<(&'static str, &'static str)> = None;
    const UNIQUE: Option<(&'static str, FieldName)> = Some(("reg_no", field("regNo", "登记号")));
    const LIST_TITLE: &'static str = "软件著作权等其他知识产权清单";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("kind", "类别", 9.0, |o: &Self| o.kind.label().into()),
            ListColumn::text("regNo", "登记号/证书号", 12.0, |o: &Self| {
                o.reg_no.clone()
            }),
            ListColumn::text("title", "名称", 18.0, |o: &Self| o.title.clone()),
            ListColumn::text("owners", "权利人", 12.0, |o: &Self| o.owners.join("、")),
            ListColumn::date("regDate", "登记日", 9.0, |o: &Self| o.reg_date),
            ListColumn::date("validUntil", "有效期至", 9.0, |o: &Self| o.valid_until),
            ListColumn::text("status", "状态", 5.0, |o: &Self| o.status.label().into()),
            ListColumn::text("acquisition", "获得方式", 7.0, |o: &Self| {
                o.acquisition.label().into()
            }),
            ListColumn::text(
                "hnteUsedYear",
                "高企申报使用年度",
                8.0,
                |o: &Self| o.hnte_used_year.map(|y| y.to_string()).unwrap_or_default(),
            ),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("regNo", "登记号"), &mut self.reg_no)?;
        required(field("title", "名称"), &mut self.title)?;
        self.notes = self.notes.trim().to_string();
        self.owners
            .iter_mut()
            .for_each(|s| *s = s.trim().to_string());
        self.owners.retain(|s| !s.is_empty());
        check_date(field("regDate", "登记日"), self.reg_date)?;
        check_date(field("validUntil", "有效期至"), self.valid_until)?;
        check_date(field("acquiredOn", "受让登记日"), self.acquired_on)?;
        ordered(
            field("validUntil", "有效期至"),
            self.reg_date,
            self.valid_until,
            "登记日",
        )?;
        if let Some(y) = self.hnte_used_year {
            if !(1985..=2100).contains(&y) {
                return Err(Error::invalid(
                    field("hnteUsedYear", "高企申报使用年度"),
                    y.to_string(),
                    "应为年份（如 2024）",
                ));
            }
        }
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(self.kind.code()),
            text(&self.reg_no),
            text(&self.title),
            Value::Text(serde_json::to_string(&self.owners)?),
            date(self.reg_date),
            date(self.valid_until),
            text(self.status.code()),
            text(self.acquisition.code()),
            date(self.acquired_on),
            self.hnte_used_year
                .map_or(Value::Null, |y| Value::Integer(y.into())),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(OtherIpData {
            kind: r.get("kind")?,
            reg_no: r.get("reg_no")?,
            title: r.get("title")?,
            owners: json_list(r.get("owners")?)?,
            reg_date: r.get("reg_date")?,
            valid_until: r.get("valid_until")?,
            status: r.get("status")?,
            acquisition: r.get("acquisition")?,
            acquired_on: r.get("acquired_on")?,
            hnte_used_year: r.get("hnte_used_year")?,
            notes: r.get("notes")?,
        })
    }
}
