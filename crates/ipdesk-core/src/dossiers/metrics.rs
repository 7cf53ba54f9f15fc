//! The metrics a program's criteria count over the store, the profile facts
//! they read, and the subsidy formulas — each with the rows behind it.

use chrono::{Datelike, NaiveDate};

use super::check::{CriterionResult, ProofRow, SubsidyEstimate, SubsidyLine, Verdict};
use crate::error::Result;
use crate::money::Money;
use crate::records::QualificationData;
use crate::records::{
    AwardData, AwardKind, InsuranceData, PledgeData, ProductData, TrademarkData, TrademarkStatus,
    TransferData, TransferKind,
};
use crate::rules::{Fact, Metric, Scheme, Subsidy};
use crate::store::{Entity, EntityRef, Store};

/// Proof rows listed per criterion; the rest are counted.
pub(super) const ROWS: usize = 100;

/// Foreign invention grants of a year (`?1` = `YYYY-%`).
const FOREIGN_GRANTS: &str = "jurisdiction <> 'CN' AND kind = 'invention' AND grant_date LIKE ?1";

pub(super) struct Found {
    pub(super) actual: Option<i64>,
    pub(super) rows: Vec<ProofRow>,
    /// Rows counted but not loaded.
    pub(super) unlisted: i64,
    /// Why `actual` is absent.
    pub(super) unknown: Option<String>,
}

fn row(
    kind: &str,
    number: impl Into<String>,
    title: impl Into<String>,
    detail: impl Into<String>,
    record: Option<EntityRef>,
) -> ProofRow {
    ProofRow {
        kind: kind.into(),
        number: number.into(),
        title: title.into(),
        detail: detail.into(),
        record,
    }
}

fn in_year(d: Option<NaiveDate>, year: i32) -> bool {
    d.is_some_and(|d| d.year() == year)
}

impl Store {
    /// A fact of the company profile on `today`. A qualification counts
    /// when a certificate of it is recorded and valid that day; a title only
    /// listed in the profile, without certificate, needs the certificate.
    pub(super) fn profile_fact(
        &self,
        fact: Fact,
        value: Option<&str>,
        today: NaiveDate,
        r: &mut CriterionResult,
    ) -> Result<()> {
        let company = self.company()?;
        match fact {
            Fact::Qualification => {
                let want = value.unwrap_or_default().trim();
                r.required = format!("资质：{want}（{today} 有效）");
                let certs: Vec<_> = self
                    .list_records::<QualificationData>()?
                    .into_iter()
                    .filter(|q| q.data.name.contains(want))
                    .collect();
                let cert_row = |q: &crate::Stored<QualificationData>| {
                    let until = q
                        .data
                        .valid_until
                        .map_or("长期".to_string(), |d| d.to_string());
                    let mut detail = format!("有效期至 {until}");
                    if !q.data.standard.is_empty() {
                        detail.push_str(&format!(" · {}", q.data.standard));
                    }
                    row(
                        "资质证书",
                        q.data.cert_no.clone(),
                        q.data.name.clone(),
                        detail,
                        Some(Entity::Qualification.at(q.id)),
                    )
                };
                let valid: Vec<ProofRow> = certs
                    .iter()
                    .filter(|q| q.data.valid_on(today))
                    .map(cert_row)
                    .collect();
                let listed: Vec<&String> = company
                    .qualifications
                    .iter()
                    .filter(|q| q.contains(want))
                    .collect();
                if !valid.is_empty() {
                    r.verdict = Verdict::Met;
                    r.rows = valid;
                } else if !certs.is_empty() {
                    r.verdict = Verdict::Unmet;
                    r.rows = certs.iter().map(cert_row).collect();
                    r.missing = Some(format!("「{want}」证书在 {today} 不在有效期内"));
                } else if !listed.is_empty() {
                    r.verdict = Verdict::NeedsEvidence;
                    r.rows = listed
                        .into_iter()
                        .map(|q| row("资质", "", q.clone(), "企业信息（未登记证书）", None))
                        .collect();
                    r.missing = Some(format!(
                        "企业信息列有「{want}」，但未登记证书编号和有效期：请在「资质证书」中登记"
                    ));
                } else {
                    r.verdict = Verdict::Unmet;
                    r.missing = Some(format!("没有「{want}」的资质证书"));
                }
            }
            Fact::ChainLeader => {
                r.required = "产业链龙头企业".into();
                if company.chain_leader {
                    r.verdict = Verdict::Met;
                    r.rows = vec![row(
                        "企业信息",
                        "",
                        "产业链龙头企业",
                        company.industry_chain.clone(),
                        None,
                    )];
                } else {
                    r.verdict = Verdict::Unmet;
                    r.missing = Some("企业信息中未标记为产业链龙头企业".into());
                }
            }
            Fact::IpDepartment => {
                r.required = "设有知识产权部门或专职人员".into();
                let staff = company.ip_staff_count.unwrap_or(0);
                if company.ip_department.trim().is_empty() && staff == 0 {
                    r.verdict = Verdict::Unmet;
                    r.missing = Some("企业信息中未填写知识产权部门或专职人员".into());
                } else {
                    r.verdict = Verdict::Met;
                    r.rows = vec![row(
                        "企业信息",
                        "",
                        company.ip_department.clone(),
                        format!("知识产权专职人员 {staff} 人"),
                        None,
                    )];
                }
            }
        }
        Ok(())
    }

    /// How many patents match, and the first [`ROWS`] of them to show:
    /// a 100,000-row ledger is counted in SQL, not loaded.
    fn patents_where(
        &self,
        sql_filter: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<(i64, Vec<crate::Patent>)> {
        let count: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM patent WHERE {sql_filter}"),
            params,
            |r| r.get(0),
        )?;
        let ids: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT id FROM patent WHERE {sql_filter} ORDER BY filing_date, id LIMIT {ROWS}"
            ))?
            .query_map(params, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let patents = ids
            .into_iter()
            .map(|id| self.patent(id))
            .collect::<Result<_>>()?;
        Ok((count, patents))
    }

    pub(super) fn metric(
        &self,
        metric: Metric,
        keywords: &[String],
        scheme: Option<Scheme>,
        year: i32,
        today: NaiveDate,
    ) -> Result<Found> {
        use Metric::*;
        let counted = |rows: Vec<ProofRow>| Found {
            unlisted: 0,
            actual: Some(rows.len() as i64),
            rows,
            unknown: None,
        };
        let patent_row = |p: &crate::Patent, detail: String| {
            row(
                "专利",
                p.display_app_no(),
                p.data.title.clone(),
                detail,
                Some(Entity::Patent.at(p.id)),
            )
        };
        Ok(match metric {
            ValidCnInventions | ValidCnPatents => {
                let filter = if metric == ValidCnInventions {
                    "jurisdiction = 'CN' AND status = 'granted' AND kind = 'invention'"
                } else {
                    "jurisdiction = 'CN' AND status = 'granted'"
                };
                let (count, patents) = self.patents_where(filter, &[])?;
                let rows: Vec<ProofRow> = patents
                    .iter()
                    .map(|p| {
                        let granted = p.data.grant_date.map(|d| d.to_string()).unwrap_or_default();
                        patent_row(p, format!("{} · 授权 {granted}", p.data.kind.label()))
                    })
                    .collect();
                Found {
                    actual: Some(count),
                    unlisted: count - rows.len() as i64,
                    rows,
                    unknown: None,
                }
            }
            ForeignInventionGrantsInYear => {
                let (count, patents) =
                    self.patents_where(FOREIGN_GRANTS, &[&format!("{year}-%")])?;
                let rows: Vec<ProofRow> = patents
                    .iter()
                    .map(|p| {
                        let granted = p.data.grant_date.map(|d| d.to_string()).unwrap_or_default();
                        patent_row(p, format!("{} 授权 {granted}", p.data.jurisdiction))
                    })
                    .collect();
                Found {
                    actual: Some(count),
                    unlisted: count - rows.len() as i64,
                    rows,
                    unknown: None,
                }
            }
            InventionFilingsRising => {
                let mut rows = Vec::new();
                let mut counts = Vec::new();
                for y in year - 3..year {
                    let n: i64 = self.conn.query_row(
                        "SELECT count(*) FROM patent WHERE jurisdiction = 'CN' AND kind = 'invention' AND filing_date LIKE ?1",
                        [format!("{y}-%")],
                        |r| r.get(0),
                    )?;
                    counts.push(n);
                    rows.push(row(
                        "申请量",
                        format!("{y} 年"),
                        "发明专利申请",
                        format!("{n} 件"),
                        None,
                    ));
                }
                let rising =
                    counts.windows(2).all(|w| w[0] <= w[1]) && counts.last() > counts.first();
                Found {
                    unlisted: 0,
                    actual: Some(i64::from(rising)),
                    rows,
                    unknown: None,
                }
            }
            RegisteredTrademarks | FamousTrademarks => counted(
                self.list_records::<TrademarkData>()?
                    .into_iter()
                    .filter(|t| t.data.status == TrademarkStatus::Registered)
                    .filter(|t| {
                        metric == RegisteredTrademarks
                            || t.data.well_known
                            || t.data.geographical_indication
                    })
                    .map(|t| {
                        let mut detail = format!(
                            "第 {} 类",
                            t.data
                                .classes
                                .iter()
                                .map(u32::to_string)
                                .collect::<Vec<_>>()
                                .join("、")
                        );
                        if t.data.well_known {
                            detail.push_str(" · 驰名商标");
                        }
                        if t.data.geographical_indication {
                            detail.push_str(" · 地理标志");
                        }
                        row(
                            "商标",
                            t.data.reg_no.clone(),
                            t.data.mark.clone(),
                            detail,
                            Some(Entity::Trademark.at(t.id)),
                        )
                    })
                    .collect(),
            ),
            CompanyAgeYears => match self.company()?.registration_date {
                None => Found {
                    unlisted: 0,
                    actual: None,
                    rows: Vec::new(),
                    unknown: Some("企业信息中未填写注册日期".into()),
                },
                Some(reg) => {
                    let mut years = today.year() - reg.year();
                    if (today.month(), today.day()) < (reg.month(), reg.day()) {
                        years -= 1;
                    }
                    Found {
                        unlisted: 0,
                        actual: Some(i64::from(years.max(0))),
                        rows: vec![row("企业信息", "", "注册日期", reg.to_string(), None)],
                        unknown: None,
                    }
                }
            },
            LayoutWeighted => {
                let plans = self.plan_summaries(today)?;
                let best = plans
                    .iter()
                    .map(|p| i64::from(p.progress.weighted_filed))
                    .max()
                    .unwrap_or(0);
                Found {
                    unlisted: 0,
                    actual: Some(best),
                    rows: plans
                        .iter()
                        .map(|p| {
                            row(
                                "布局计划",
                                "",
                                p.plan.data.name.clone(),
                                format!(
                                    "加权已申请 {} 件 / 目标 {} 件",
                                    p.progress.weighted_filed, p.progress.target
                                ),
                                Some(Entity::LayoutPlan.at(p.plan.id)),
                            )
                        })
                        .collect(),
                    unknown: None,
                }
            }
            ProductsFiled | ProductsUnfiled => counted(
                self.list_records::<ProductData>()?
                    .into_iter()
                    .filter(|p| {
                        let filed = product_filed(&p.data.filing_status);
                        if metric == ProductsFiled {
                            filed
                        } else {
                            !filed && !p.data.patent_ids.is_empty()
                        }
                    })
                    .map(|p| {
                        let status = if p.data.filing_status.is_empty() {
                            "未填写备案状态".to_string()
                        } else {
                            p.data.filing_status.clone()
                        };
                        row(
                            "专利产品",
                            p.data.model.clone(),
                            p.data.name.clone(),
                            format!("{status} · 关联 {} 件专利", p.data.patent_ids.len()),
                            Some(Entity::Product.at(p.id)),
                        )
                    })
                    .collect(),
            ),
            InsuranceInYear => {
                let first = NaiveDate::from_ymd_opt(year, 1, 1);
                let last = NaiveDate::from_ymd_opt(year, 12, 31);
                counted(
                    self.list_records::<InsuranceData>()?
                        .into_iter()
                        .filter(|i| {
                            keywords.is_empty()
                                || keywords.iter().any(|k| i.data.kind.contains(k.as_str()))
                        })
                        .filter(|i| {
                            i.data.start_date.is_some_and(|s| Some(s) <= last)
                                && i.data.end_date.is_none_or(|e| Some(e) >= first)
                        })
                        .map(|i| {
                            let period = format!(
                                "{} 至 {}",
                                i.data.start_date.map(|d| d.to_string()).unwrap_or_default(),
                                i.data.end_date.map(|d| d.to_string()).unwrap_or_default()
                            );
                            row(
                                "保险",
                                i.data.policy_no.clone(),
                                i.data.kind.clone(),
                                format!("{} · {period}", i.data.insurer),
                                Some(Entity::Insurance.at(i.id)),
                            )
                        })
                        .collect(),
                )
            }
            PledgesRegisteredInYear => counted(
                self.list_records::<PledgeData>()?
                    .into_iter()
                    .filter(|p| in_year(p.data.reg_date, year))
                    .map(|p| pledge_row(p.id, &p.data))
                    .collect(),
            ),
            PatentAwardsInYear => counted(
                self.list_records::<AwardData>()?
                    .into_iter()
                    .filter(|a| {
                        matches!(
                            a.data.kind,
                            AwardKind::ChinaPatent | AwardKind::ProvincialPatent
                        ) && a.data.year == Some(year)
                    })
                    .map(|a| {
                        row(
                            "奖励",
                            a.data.year.map(|y| y.to_string()).unwrap_or_default(),
                            a.data.name.clone(),
                            format!("{} {}", a.data.kind.label(), a.data.level),
                            Some(Entity::Award.at(a.id)),
                        )
                    })
                    .collect(),
            ),
            InboundTransfersInYear | InboundTransferAmountInYear => {
                let rows: Vec<(Money, ProofRow)> = self
                    .list_records::<TransferData>()?
                    .into_iter()
                    .filter(|t| {
                        matches!(
                            t.data.kind,
                            TransferKind::AssignIn | TransferKind::LicenseIn
                        ) && in_year(t.data.date, year)
                    })
                    .map(|t| {
                        (
                            t.data.amount,
                            row(
                                "转让/许可",
                                t.data.contract_no.clone(),
                                t.data.counterparty.clone(),
                                format!(
                                    "{} · {} · {} 元",
                                    t.data.kind.label(),
                                    t.data.date.map(|d| d.to_string()).unwrap_or_default(),
                                    t.data.amount
                                ),
                                Some(Entity::Transfer.at(t.id)),
                            ),
                        )
                    })
                    .collect();
                let actual = if metric == InboundTransfersInYear {
                    rows.len() as i64
                } else {
                    // Whole yuan, rounded down: the guide's thresholds are in yuan.
                    rows.iter().map(|(m, _)| m.0).sum::<i64>() / 100
                };
                Found {
                    unlisted: 0,
                    actual: Some(actual),
                    rows: rows.into_iter().map(|(_, r)| r).collect(),
                    unknown: None,
                }
            }
            InfringementLeads | ReportedLeads => counted(
                self.leads(&crate::LeadQuery::default())?
                    .into_iter()
                    .filter(|l| metric == InfringementLeads || l.reported_date.is_some())
                    .map(|l| {
                        let detail = match l.reported_date {
                            Some(d) => format!("{} · {d} 反馈 {}", l.status.label(), l.reported_to),
                            None => l.status.label().to_string(),
                        };
                        row(
                            "侵权线索",
                            l.discovered_date.to_string(),
                            l.title.clone(),
                            detail,
                            Some(Entity::Lead.at(l.id)),
                        )
                    })
                    .collect(),
            ),
            // Validation makes every class metric name its scheme.
            CountableIp | ClassOneIp | ClassTwoIp | ClassOneIpOwn | ClassOneIpHighValue
            | CountableIpOwn => {
                self.class_metric(metric, scheme.unwrap_or(Scheme::Hnte2016), today)?
            }
        })
    }

    /// Every foreign invention granted in `year` (each earns a subsidy line,
    /// so all are loaded; a company has tens, not thousands).
    fn foreign_grants(&self, year: i32) -> Result<Vec<crate::Patent>> {
        let ids: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT id FROM patent WHERE {FOREIGN_GRANTS} ORDER BY grant_date, id"
            ))?
            .query_map([format!("{year}-%")], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.patent(id)).collect()
    }

    pub(super) fn subsidy(&self, s: &Subsidy, year: i32) -> Result<SubsidyEstimate> {
        let lines: Vec<SubsidyLine> = match s {
            Subsidy::PledgeTiers { tiers, .. } => self
                .list_records::<PledgeData>()?
                .into_iter()
                .filter(|p| in_year(p.data.reg_date, year))
                .map(|p| SubsidyLine {
                    amount: pledge_subsidy(tiers, p.data.loan_amount),
                    row: pledge_row(p.id, &p.data),
                })
                .collect(),
            Subsidy::PerForeignGrant { offices, other, .. } => self
                .foreign_grants(year)?
                .into_iter()
                .map(|p| {
                    let yuan = offices.get(&p.data.jurisdiction).copied().unwrap_or(*other);
                    SubsidyLine {
                        row: row(
                            "专利",
                            p.display_app_no(),
                            p.data.title.clone(),
                            format!("{} 授权", p.data.jurisdiction),
                            Some(Entity::Patent.at(p.id)),
                        ),
                        amount: Money::yuan(yuan),
                    }
                })
                .collect(),
        };
        let text = match s {
            Subsidy::PledgeTiers { text, .. } | Subsidy::PerForeignGrant { text, .. } => {
                text.clone()
            }
        };
        Ok(SubsidyEstimate {
            text,
            total: lines.iter().map(|l| l.amount).sum(),
            lines,
        })
    }
}

/// The amount a single pledge of `loan` earns: the tier with `from ≤ loan <
/// below` (yuan, compared exactly in fen); nothing below the first tier.
pub fn pledge_subsidy(tiers: &[crate::rules::Tier], loan: Money) -> Money {
    tiers
        .iter()
        .find(|t| loan.0 >= t.from * 100 && t.below.is_none_or(|b| loan.0 < b * 100))
        .map_or(Money(0), |t| Money::yuan(t.amount))
}

fn pledge_row(id: i64, p: &PledgeData) -> ProofRow {
    row(
        "质押",
        p.reg_no.clone(),
        p.pledgee.clone(),
        format!(
            "登记 {} · 融资 {} 元",
            p.reg_date.map(|d| d.to_string()).unwrap_or_default(),
            p.loan_amount
        ),
        Some(Entity::Pledge.at(id)),
    )
}

/// 已备案 / 已认定 count as filed (the field is free text until the
/// platform's own wording is checked).
fn product_filed(status: &str) -> bool {
    status.contains("已备案") || status.contains("已认定")
}
