//! The IP classes the national programs count (Ⅰ类 / Ⅱ类,
//! qualification-programs.md §1.1), per program: class is derived from the
//! raw kind by the program's scheme, never stored once.
//!
//! - Ⅰ类: CN invention patents, IC layout designs, plant varieties, national
//!   new drugs, protected TCM varieties. Ⅱ类: CN utility models and designs,
//!   software copyrights. Trademarks and foreign rights never count
//!   (高企 H-IP-1, H-IP-6).
//! - In force on the application date: a patent granted by then and
//!   recorded 授权/有效; another right registered by then, 有效, not past
//!   its end.
//! - 高企 2016: a Ⅱ类 right already used in a 高企 application does not
//!   count again (H-IP-4; whether a failed application uses it up is
//!   unconfirmed — any recorded use counts).
//! - 63号 2022: rights transferred in less than a year before the date are
//!   left out; utility models and designs count as Ⅱ类 only when maintained
//!   over 2 years after grant.
//! - 2号 2026: Ⅰ类 only. Its further exclusions (转入, 权利人前三) are
//!   unconfirmed and are shown as separate unconfirmed criteria instead.
//! - Ⅰ类 高价值 (63号 §1.3 B): an overseas family grant, a China Patent
//!   Award or national S&T award, or more than 10 years maintained — read
//!   from the grant date, which holds whether the unconfirmed base is the
//!   filing or the grant date. A 较高质押融资金额 has no published threshold
//!   and is left to evidence.

use chrono::{Months, NaiveDate};

use super::check::ProofRow;
use super::metrics::{Found, ROWS};
use crate::error::Result;
use crate::records::{OtherIpData, OtherIpKind};
use crate::rules::{Metric, Scheme};
use crate::store::{Entity, Store};
use crate::Acquisition;

#[derive(Clone, Copy, PartialEq)]
enum Class {
    One,
    Two,
}

/// Which classes, and which further test, a metric asks for.
fn wanted(metric: Metric) -> (&'static [Class], bool, bool) {
    use Metric::*;
    // (classes, own R&D only, high value only)
    match metric {
        ClassOneIp => (&[Class::One], false, false),
        ClassTwoIp => (&[Class::Two], false, false),
        ClassOneIpOwn => (&[Class::One], true, false),
        ClassOneIpHighValue => (&[Class::One], false, true),
        CountableIpOwn => (&[Class::One, Class::Two], true, false),
        _ => (&[Class::One, Class::Two], false, false),
    }
}

fn classes_of(scheme: Scheme) -> &'static [Class] {
    match scheme {
        Scheme::Miit2026 => &[Class::One],
        _ => &[Class::One, Class::Two],
    }
}

/// The SQL predicate over `patent p` for one class under a scheme; `?1` is
/// the day (ISO text).
fn patent_sql(scheme: Scheme, class: Class, own: bool, high_value: bool) -> String {
    let mut sql = String::from(
        "p.jurisdiction = 'CN' AND p.status = 'granted' AND p.grant_date IS NOT NULL AND p.grant_date <= ?1",
    );
    sql.push_str(match class {
        Class::One => " AND p.kind = 'invention'",
        Class::Two => " AND p.kind IN ('utility', 'design')",
    });
    match (scheme, class) {
        (Scheme::Hnte2016, Class::Two) => sql.push_str(" AND p.hnte_used_year IS NULL"),
        (Scheme::Miit2022, _) => {
            sql.push_str(
                " AND NOT (p.acquisition <> 'own' AND p.acquired_on IS NOT NULL AND date(p.acquired_on, '+1 year') > ?1)",
            );
            if class == Class::Two {
                sql.push_str(" AND date(p.grant_date, '+2 years') < ?1");
            }
        }
        _ => {}
    }
    if own {
        sql.push_str(" AND p.acquisition = 'own'");
    }
    if high_value {
        sql.push_str(
            " AND (p.overseas_family_grant = 1
               OR date(p.grant_date, '+10 years') < ?1
               OR EXISTS (SELECT 1 FROM patent_family f JOIN patent m
                          ON m.id = CASE WHEN f.patent_id = p.id THEN f.member_id ELSE f.patent_id END
                          WHERE (f.patent_id = p.id OR f.member_id = p.id)
                            AND m.jurisdiction <> 'CN' AND m.status = 'granted')
               OR EXISTS (SELECT 1 FROM award_patent ap JOIN award a ON a.id = ap.award_id
                          WHERE ap.patent_id = p.id AND a.kind IN ('china-patent', 'national-sci-tech')))",
        );
    }
    sql
}

fn other_class(kind: OtherIpKind) -> Option<Class> {
    match kind {
        OtherIpKind::SoftwareCopyright => Some(Class::Two),
        OtherIpKind::Other => None,
        _ => Some(Class::One),
    }
}

fn transferred_within_year(
    acquisition: Acquisition,
    on: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    acquisition != Acquisition::Own
        && on.is_some_and(|d| {
            d.checked_add_months(Months::new(12))
                .is_some_and(|y| y > day)
        })
}

/// Whether a right of another kind counts under the scheme for the metric.
fn other_counts(ip: &OtherIpData, scheme: Scheme, metric: Metric, day: NaiveDate) -> bool {
    let (classes, own, high_value) = wanted(metric);
    let Some(class) = other_class(ip.kind) else {
        return false;
    };
    if !classes.contains(&class) || !classes_of(scheme).contains(&class) || !ip.valid_on(day) {
        return false;
    }
    if own && ip.acquisition != Acquisition::Own {
        return false;
    }
    // No overseas or award data is kept for these rights: high value is
    // left to evidence.
    if high_value {
        return false;
    }
    match scheme {
        Scheme::Hnte2016 => !(class == Class::Two && ip.hnte_used_year.is_some()),
        Scheme::Miit2022 => !transferred_within_year(ip.acquisition, ip.acquired_on, day),
        _ => true,
    }
}

impl Store {
    /// Counts a class metric on `day` under `scheme`, with the first rows.
    pub(super) fn class_metric(
        &self,
        metric: Metric,
        scheme: Scheme,
        day: NaiveDate,
    ) -> Result<Found> {
        let (classes, own, high_value) = wanted(metric);
        let parts: Vec<String> = classes
            .iter()
            .filter(|c| classes_of(scheme).contains(c))
            .map(|c| format!("({})", patent_sql(scheme, *c, own, high_value)))
            .collect();
        let mut rows = Vec::new();
        let mut count = 0;
        if !parts.is_empty() {
            let filter = parts.join(" OR ");
            let today = day.to_string();
            count = self.conn.query_row(
                &format!("SELECT count(*) FROM patent p WHERE {filter}"),
                [&today],
                |r| r.get::<_, i64>(0),
            )?;
            let ids: Vec<i64> = self
                .conn
                .prepare(&format!(
                    "SELECT p.id FROM patent p WHERE {filter} ORDER BY p.kind, p.grant_date, p.id LIMIT {ROWS}"
                ))?
                .query_map([&today], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let p = self.patent(id)?;
                let class = if p.data.kind == crate::PatentKind::Invention {
                    "Ⅰ类"
                } else {
                    "Ⅱ类"
                };
                let mut detail = format!(
                    "{class} · {} · 授权 {} · {}",
                    p.data.kind.label(),
                    p.data.grant_date.map(|d| d.to_string()).unwrap_or_default(),
                    p.data.acquisition.label()
                );
                if let Some(y) = p.data.hnte_used_year {
                    detail.push_str(&format!(" · {y} 年用于高企申报"));
                }
                rows.push(ProofRow {
                    kind: "专利".into(),
                    number: p.display_app_no(),
                    title: p.data.title.clone(),
                    detail,
                    record: Some(Entity::Patent.at(p.id)),
                });
            }
        }
        let others: Vec<_> = self
            .list_records::<OtherIpData>()?
            .into_iter()
            .filter(|o| other_counts(&o.data, scheme, metric, day))
            .collect();
        for o in others.iter().take(ROWS.saturating_sub(rows.len())) {
            let class = if o.data.kind == OtherIpKind::SoftwareCopyright {
                "Ⅱ类"
            } else {
                "Ⅰ类"
            };
            rows.push(ProofRow {
                kind: o.data.kind.label().into(),
                number: o.data.reg_no.clone(),
                title: o.data.title.clone(),
                detail: format!(
                    "{class} · 登记 {} · {}",
                    o.data.reg_date.map(|d| d.to_string()).unwrap_or_default(),
                    o.data.acquisition.label()
                ),
                record: Some(Entity::OtherIp.at(o.id)),
            });
        }
        let total = count + others.len() as i64;
        Ok(Found {
            actual: Some(total),
            unlisted: total - rows.len() as i64,
            rows,
            unknown: None,
        })
    }
}
