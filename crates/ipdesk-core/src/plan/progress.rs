//! A plan's progress, computed from its items and the ledger whenever it is
//! asked for (never stored): planned, filed and granted counts, the weighted
//! count against the target, overdue items and the coverage matrix.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ItemStatus, LayoutPlan, PlanBranch, PlanItem};
use crate::error::Result;
use crate::files::AttachedFile;
use crate::ledger::{LegalStatus, PatentQuery, PatentRow};
use crate::store::{Entity, Store};

/// How far a plan has come, as of a day.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanProgress {
    pub planned: u32,
    /// Items with at least one linked application in the ledger.
    pub filed: u32,
    /// Items with a linked application that is granted.
    pub granted: u32,
    /// Σ weight of every item (an international invention 2, a domestic
    /// one 1, other kinds 0).
    pub weighted_planned: u32,
    /// Σ weight of the items filed (linked).
    pub weighted_filed: u32,
    pub target: u32,
    pub target_met: bool,
    /// Items still before filing whose planned date has passed.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub overdue: Vec<i64>,
    /// Branch × jurisdiction: planned and filed items per cell.
    pub coverage: Vec<CoverageCell>,
}

/// One cell of the coverage matrix; `branch` empty for items without one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageCell {
    pub branch: String,
    pub jurisdiction: String,
    pub planned: u32,
    pub filed: u32,
}

/// Everything a plan's page and its documents show.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDetail {
    pub plan: LayoutPlan,
    pub branches: Vec<PlanBranch>,
    pub items: Vec<PlanItem>,
    pub progress: PlanProgress,
    pub attachments: Vec<AttachedFile>,
}

/// A plan with its progress, for lists and the dashboard.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub plan: LayoutPlan,
    pub progress: PlanProgress,
}

/// The progress of `items` against `target` on `today`.
pub fn progress_of(
    items: &[PlanItem],
    branches: &[PlanBranch],
    target: u32,
    today: NaiveDate,
) -> PlanProgress {
    let filed = |i: &PlanItem| i.links.iter().any(|l| !l.missing);
    let granted = |i: &PlanItem| {
        i.links
            .iter()
            .any(|l| l.status == Some(LegalStatus::Granted))
            || i.data.status == ItemStatus::Granted
    };
    let weighted_filed = items
        .iter()
        .filter(|i| filed(i))
        .map(|i| i.data.weight())
        .sum();
    let mut coverage: Vec<CoverageCell> = Vec::new();
    for i in items {
        let branch = i
            .data
            .branch_id
            .and_then(|b| branches.iter().find(|x| x.id == b))
            .map(|b| b.name.clone())
            .unwrap_or_default();
        for j in &i.data.jurisdictions {
            let cell = match coverage
                .iter_mut()
                .find(|c| c.branch == branch && &c.jurisdiction == j)
            {
                Some(c) => c,
                None => {
                    coverage.push(CoverageCell {
                        branch: branch.clone(),
                        jurisdiction: j.clone(),
                        planned: 0,
                        filed: 0,
                    });
                    coverage.last_mut().expect("pushed")
                }
            };
            cell.planned += 1;
            if i.links.iter().any(|l| !l.missing && &l.jurisdiction == j) {
                cell.filed += 1;
            }
        }
    }
    coverage.sort_by(|a, b| (&a.branch, &a.jurisdiction).cmp(&(&b.branch, &b.jurisdiction)));
    PlanProgress {
        planned: items.len() as u32,
        filed: items.iter().filter(|i| filed(i)).count() as u32,
        granted: items.iter().filter(|i| granted(i)).count() as u32,
        weighted_planned: items.iter().map(|i| i.data.weight()).sum(),
        weighted_filed,
        target,
        target_met: weighted_filed >= target,
        overdue: items
            .iter()
            .filter(|i| {
                i.data.status.is_before_filing()
                    && !filed(i)
                    && i.data.planned_date.is_some_and(|d| d < today)
            })
            .map(|i| i.id)
            .collect(),
        coverage,
    }
}

impl Store {
    /// A plan with its branches, items, progress and attached reports.
    pub fn plan_detail(&self, id: i64, today: NaiveDate) -> Result<PlanDetail> {
        let plan = self.plan(id)?;
        let branches = self.plan_branches(id)?;
        let items = self.plan_items(id)?;
        let progress = progress_of(&items, &branches, plan.data.target, today);
        Ok(PlanDetail {
            attachments: self.attachments_of(Entity::LayoutPlan.at(id))?,
            plan,
            branches,
            items,
            progress,
        })
    }

    /// Every plan with its progress, newest first.
    pub fn plan_summaries(&self, today: NaiveDate) -> Result<Vec<PlanSummary>> {
        self.plans()?
            .into_iter()
            .map(|plan| {
                let items = self.plan_items(plan.id)?;
                let branches = self.plan_branches(plan.id)?;
                let progress = progress_of(&items, &branches, plan.data.target, today);
                Ok(PlanSummary { plan, progress })
            })
            .collect()
    }

    /// Ledger applications that may fulfil a planned filing: matching its
    /// topic's words or its inventors, filed on or after the plan's start,
    /// not linked yet; best first, at most `limit`.
    pub fn plan_link_suggestions(
        &self,
        item_id: i64,
        today: NaiveDate,
        limit: usize,
    ) -> Result<Vec<PatentRow>> {
        let item = self.plan_item(item_id)?;
        let plan = self.plan(item.plan_id)?;
        let linked: Vec<i64> = item.links.iter().filter_map(|l| l.patent_id).collect();
        let mut scored: Vec<(u32, PatentRow)> = Vec::new();
        let mut consider = |text: String, points: u32| -> Result<()> {
            if text.chars().count() < 2 {
                return Ok(());
            }
            let page = self.list_patents(
                &PatentQuery {
                    text,
                    limit: 50,
                    ..PatentQuery::default()
                },
                today,
            )?;
            for row in page.items {
                let p = &row.patent;
                if linked.contains(&p.id)
                    || plan
                        .data
                        .start_date
                        .is_some_and(|s| p.data.filing_date.is_some_and(|f| f < s))
                {
                    continue;
                }
                match scored.iter_mut().find(|(_, r)| r.patent.id == p.id) {
                    Some((s, _)) => *s += points,
                    None => scored.push((points, row)),
                }
            }
            Ok(())
        };
        consider(item.data.topic.clone(), 2)?;
        for inventor in &item.data.inventors {
            consider(inventor.clone(), 1)?;
        }
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0).then(
                b.1.patent
                    .data
                    .filing_date
                    .cmp(&a.1.patent.data.filing_date),
            )
        });
        Ok(scored.into_iter().take(limit).map(|(_, r)| r).collect())
    }
}
