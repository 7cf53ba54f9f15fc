use chrono::NaiveDate;
use rusqlite::{types::Value, Row};
use serde::{Deserialize, Serialize};

use super::*;
use crate::calendar::check_date;
use crate::error::{field, Result};
use crate::store::Entity;

/// The last day a 贯标 certificate of GB/T 29490-2013 counts: the transition
/// to the 2023 standard ended then (认监委 国家知识产权局 公告2023年第27号;
/// qualification-programs.md §6).
pub const GB29490_2013_LAST_DAY: (i32, u32, u32) = (2025, 12, 31);

/// 资质证书: a qualification the company holds, with its certificate and
/// validity — 高新技术企业, 科技型中小企业, 专精特新中小企业, 知识产权优势
/// 企业, 贯标认证 … The national programs ask whether it is valid on the
/// application date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QualificationData {
    /// 高新技术企业, 专精特新中小企业 …
    pub name: String,
    pub cert_no: String,
    /// 认定机构.
    pub issuer: String,
    pub issued_on: Option<NaiveDate>,
    /// 有效期至; none when the certificate states no end.
    pub valid_until: Option<NaiveDate>,
    /// For a 贯标 certificate: the standard, `GB/T 29490-2013` or `-2023`.
    pub standard: String,
    pub notes: String,
}

impl QualificationData {
    /// Whether the title is in force on `day`: issued by then, not past its
    /// end, and — for a certificate of GB/T 29490-2013 — not after the
    /// transition ended (2025-12-31), whatever its printed expiry.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        let (y, m, d) = GB29490_2013_LAST_DAY;
        let old_standard = self.standard.contains("2013")
            && NaiveDate::from_ymd_opt(y, m, d).is_some_and(|last| day > last);
        self.issued_on.is_none_or(|i| i <= day)
            && self.valid_until.is_none_or(|u| day <= u)
            && !old_standard
    }
}

impl Record for QualificationData {
    const TABLE: &'static str = "qualification";
    const ENTITY: Entity = Entity::Qualification;
    const LABEL: &'static str = "资质证书";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "cert_no",
        "issuer",
        "issued_on",
        "valid_until",
        "standard",
        "notes",
    ];
    const ORDER_BY: &'static str = "name, issued_on, id";
    const LINK: Option<(&'static str, &'static str)> = None;
    const LIST_TITLE: &'static str = "资质证书清单";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("name", "资质名称", 18.0, |q: &Self| q.name.clone()),
            ListColumn::text("certNo", "证书编号", 13.0, |q: &Self| q.cert_no.clone()),
            ListColumn::text("issuer", "认定机构", 16.0, |q: &Self| q.issuer.clone()),
            ListColumn::date("issuedOn", "发证日期", 9.0, |q: &Self| q.issued_on),
            ListColumn::date("validUntil", "有效期至", 9.0, |q: &Self| q.valid_until),
            ListColumn::text("standard", "依据标准（贯标）", 10.0, |q: &Self| {
                q.standard.clone()
            }),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("name", "资质名称"), &mut self.name)?;
        for s in [
            &mut self.cert_no,
            &mut self.issuer,
            &mut self.standard,
            &mut self.notes,
        ] {
            *s = s.trim().to_string();
        }
        check_date(field("issuedOn", "发证日期"), self.issued_on)?;
        check_date(field("validUntil", "有效期至"), self.valid_until)?;
        ordered(
            field("validUntil", "有效期至"),
            self.issued_on,
            self.valid_until,
            "发证日期",
        )?;
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.name),
            text(&self.cert_no),
            text(&self.issuer),
            date(self.issued_on),
            date(self.valid_until),
            text(&self.standard),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(QualificationData {
            name: r.get("name")?,
            cert_no: r.get("cert_no")?,
            issuer: r.get("issuer")?,
            issued_on: r.get("issued_on")?,
            valid_until: r.get("valid_until")?,
            standard: r.get("standard")?,
            notes: r.get("notes")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_title_counts_inside_its_validity_only() {
        let q = QualificationData {
            name: "高新技术企业".into(),
            issued_on: Some(d("2023-11-01")),
            valid_until: Some(d("2026-10-31")),
            ..Default::default()
        };
        assert!(!q.valid_on(d("2023-10-31")));
        assert!(q.valid_on(d("2023-11-01")));
        assert!(q.valid_on(d("2026-10-31")));
        assert!(!q.valid_on(d("2026-11-01")));
    }

    // 公告2023年第27号: certificates of GB/T 29490-2013 not converted by
    // 2025-12-31 are suspended or revoked (qualification-programs.md §6).
    #[test]
    fn a_2013_standard_certificate_dies_after_the_transition() {
        let mut q = QualificationData {
            name: "知识产权管理体系认证".into(),
            issued_on: Some(d("2024-03-01")),
            valid_until: Some(d("2027-02-28")),
            standard: "GB/T 29490-2013".into(),
            ..Default::default()
        };
        assert!(q.valid_on(d("2025-12-31")));
        assert!(!q.valid_on(d("2026-01-01")));
        q.standard = "GB/T 29490-2023".into();
        assert!(q.valid_on(d("2026-01-01")));
    }
}
