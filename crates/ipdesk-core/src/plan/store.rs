//! Plans, branches and planned filings in the store, and the links from a
//! planned filing to the ledger applications that fulfil it.

use rusqlite::{params, params_from_iter, types::Value, OptionalExtension, Row, Transaction};

use super::model::{normalise_item, normalise_plan};
use super::{LayoutPlan, LayoutPlanData, LinkedApplication, PlanBranch, PlanItem, PlanItemData};
use crate::error::{field, Error, Result};
use crate::ledger::{parse_cn_app_no, Patent};
use crate::store::{json_list, Entity, Store};

impl Store {
    /// Adds a plan. Errors: an input error naming the field; a product that
    /// is not in the ledger.
    pub fn add_plan(&mut self, data: LayoutPlanData) -> Result<LayoutPlan> {
        let data = normalise_plan(data)?;
        let id = self.write(|tx, audit| {
            check_products(tx, &data.product_ids)?;
            tx.execute(
                "INSERT INTO layout_plan (name, technology, industry_chain, start_date, end_date,
                     target, analysis_agency, filing_agency, status, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    data.name,
                    data.technology,
                    data.industry_chain,
                    data.start_date,
                    data.end_date,
                    data.target,
                    data.analysis_agency,
                    data.filing_agency,
                    data.status,
                    data.notes,
                    audit.at
                ],
            )?;
            let id = tx.last_insert_rowid();
            write_products(tx, id, &data.product_ids)?;
            audit.create(tx, Entity::LayoutPlan, id, &data)?;
            Ok(id)
        })?;
        self.plan(id)
    }

    pub fn update_plan(&mut self, id: i64, data: LayoutPlanData) -> Result<LayoutPlan> {
        let data = normalise_plan(data)?;
        let before = self.plan(id)?;
        self.write(|tx, audit| {
            check_products(tx, &data.product_ids)?;
            tx.execute(
                "UPDATE layout_plan SET name = ?2, technology = ?3, industry_chain = ?4,
                     start_date = ?5, end_date = ?6, target = ?7, analysis_agency = ?8,
                     filing_agency = ?9, status = ?10, notes = ?11, updated_at = ?12
                 WHERE id = ?1",
                params![
                    id,
                    data.name,
                    data.technology,
                    data.industry_chain,
                    data.start_date,
                    data.end_date,
                    data.target,
                    data.analysis_agency,
                    data.filing_agency,
                    data.status,
                    data.notes,
                    audit.at
                ],
            )?;
            write_products(tx, id, &data.product_ids)?;
            audit.update(tx, Entity::LayoutPlan, id, &before.data, &data)
        })?;
        self.plan(id)
    }

    /// Deletes a plan with its branches, items and their links; its files go
    /// when nothing else links them.
    pub fn delete_plan(&mut self, id: i64) -> Result<()> {
        let before = self.plan(id)?;
        let items: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM plan_item WHERE plan_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.write(|tx, audit| {
            for item in &items {
                crate::store::forget_record(tx, Entity::PlanItem.at(*item))?;
            }
            tx.execute("DELETE FROM layout_plan WHERE id = ?1", [id])?;
            crate::store::forget_record(tx, Entity::LayoutPlan.at(id))?;
            audit.delete(tx, Entity::LayoutPlan, id, &before.data)
        })
    }

    /// One plan. Errors: [`Error::NotFound`].
    pub fn plan(&self, id: i64) -> Result<LayoutPlan> {
        let plan = self
            .conn
            .prepare_cached("SELECT * FROM layout_plan WHERE id = ?1")?
            .query_row([id], plan_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "布局计划",
                key: id.to_string(),
            })?;
        self.with_products(plan)
    }

    /// Every plan, newest first.
    pub fn plans(&self) -> Result<Vec<LayoutPlan>> {
        let plans: Vec<LayoutPlan> = self
            .conn
            .prepare_cached("SELECT * FROM layout_plan ORDER BY id DESC")?
            .query_map([], plan_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        plans.into_iter().map(|p| self.with_products(p)).collect()
    }

    fn with_products(&self, mut plan: LayoutPlan) -> Result<LayoutPlan> {
        plan.data.product_ids = self
            .links_from(Entity::LayoutPlan.at(plan.id))?
            .into_iter()
            .filter(|l| l.to.entity == Entity::Product)
            .map(|l| l.to.id)
            .collect();
        Ok(plan)
    }

    /// Adds a technology branch to a plan. Errors: an empty or repeated name.
    pub fn add_plan_branch(&mut self, plan_id: i64, name: &str) -> Result<PlanBranch> {
        self.plan(plan_id)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Missing {
                field: field("branch", "技术分支"),
            });
        }
        if self.plan_branches(plan_id)?.iter().any(|b| b.name == name) {
            return Err(Error::Duplicate {
                field: field("branch", "技术分支"),
                value: name.into(),
                reason: "本计划已有同名技术分支".into(),
            });
        }
        let id = self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO plan_branch (plan_id, name) VALUES (?1, ?2)",
                params![plan_id, name],
            )?;
            let id = tx.last_insert_rowid();
            audit.update(
                tx,
                Entity::LayoutPlan,
                plan_id,
                &serde_json::json!({}),
                &serde_json::json!({ "branch": name }),
            )?;
            Ok(id)
        })?;
        Ok(PlanBranch {
            id,
            name: name.into(),
        })
    }

    /// Deletes a technology branch; its items stay, without a branch.
    pub fn delete_plan_branch(&mut self, branch_id: i64) -> Result<()> {
        let (plan_id, name): (i64, String) = self
            .conn
            .query_row(
                "SELECT plan_id, name FROM plan_branch WHERE id = ?1",
                [branch_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "技术分支",
                key: branch_id.to_string(),
            })?;
        self.write(|tx, audit| {
            tx.execute("DELETE FROM plan_branch WHERE id = ?1", [branch_id])?;
            audit.update(
                tx,
                Entity::LayoutPlan,
                plan_id,
                &serde_json::json!({ "branch": name }),
                &serde_json::json!({}),
            )
        })
    }

    pub fn plan_branches(&self, plan_id: i64) -> Result<Vec<PlanBranch>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, name FROM plan_branch WHERE plan_id = ?1 ORDER BY id")?
            .query_map([plan_id], |r| {
                Ok(PlanBranch {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a planned filing to a plan. Errors: an input error naming the
    /// field; a branch or priority item of another plan.
    pub fn add_plan_item(&mut self, plan_id: i64, data: PlanItemData) -> Result<PlanItem> {
        self.plan(plan_id)?;
        let data = normalise_item(data)?;
        self.check_item_refs(plan_id, None, &data)?;
        let id = self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO plan_item (plan_id, branch_id, topic, kind, route, jurisdictions,
                     priority_item_id, planned_date, inventors, agency, status,
                     expected_category, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params_from_iter(item_values(plan_id, &data)?),
            )?;
            let id = tx.last_insert_rowid();
            audit.create(tx, Entity::PlanItem, id, &data)?;
            Ok(id)
        })?;
        self.plan_item(id)
    }

    pub fn update_plan_item(&mut self, id: i64, data: PlanItemData) -> Result<PlanItem> {
        let before = self.plan_item(id)?;
        let data = normalise_item(data)?;
        self.check_item_refs(before.plan_id, Some(id), &data)?;
        self.write(|tx, audit| {
            tx.execute(
                "UPDATE plan_item SET branch_id = ?2, topic = ?3, kind = ?4, route = ?5,
                     jurisdictions = ?6, priority_item_id = ?7, planned_date = ?8,
                     inventors = ?9, agency = ?10, status = ?11, expected_category = ?12,
                     notes = ?13
                 WHERE id = ?1",
                params_from_iter(item_values(id, &data)?),
            )?;
            audit.update(tx, Entity::PlanItem, id, &before.data, &data)
        })?;
        self.plan_item(id)
    }

    pub fn delete_plan_item(&mut self, id: i64) -> Result<()> {
        let before = self.plan_item(id)?;
        self.write(|tx, audit| {
            tx.execute("DELETE FROM plan_item WHERE id = ?1", [id])?;
            crate::store::forget_record(tx, Entity::PlanItem.at(id))?;
            audit.delete(tx, Entity::PlanItem, id, &before.data)
        })
    }

    /// One planned filing with its links. Errors: [`Error::NotFound`].
    pub fn plan_item(&self, id: i64) -> Result<PlanItem> {
        let (plan_id, data) = self
            .conn
            .prepare_cached("SELECT * FROM plan_item WHERE id = ?1")?
            .query_row([id], item_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "布局项",
                key: id.to_string(),
            })?;
        Ok(PlanItem {
            id,
            plan_id,
            links: self.item_links(id)?,
            data,
        })
    }

    /// A plan's planned filings, in the order they were added.
    pub fn plan_items(&self, plan_id: i64) -> Result<Vec<PlanItem>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM plan_item WHERE plan_id = ?1 ORDER BY id")?
            .query_map([plan_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.plan_item(id)).collect()
    }

    /// Links a ledger application to a planned filing. Errors: [`Error::NotFound`]
    /// for an item or an application not in the ledger.
    pub fn link_plan_item(&mut self, item_id: i64, patent_id: i64) -> Result<PlanItem> {
        self.plan_item(item_id)?;
        let p = self.patent(patent_id)?;
        self.write(|tx, audit| {
            tx.execute(
                "INSERT OR IGNORE INTO plan_item_patent (item_id, patent_id, jurisdiction, app_no)
                 VALUES (?1, ?2, ?3, ?4)",
                params![item_id, patent_id, p.data.jurisdiction, p.data.app_no],
            )?;
            audit.update(
                tx,
                Entity::PlanItem,
                item_id,
                &serde_json::json!({}),
                &serde_json::json!({ "linked": p.display_app_no() }),
            )
        })?;
        self.plan_item(item_id)
    }

    /// Removes a link by the number as shown (also a "missing" one).
    pub fn unlink_plan_item(&mut self, item_id: i64, app_no: &str) -> Result<PlanItem> {
        let item = self.plan_item(item_id)?;
        let wanted = normalised_number(app_no);
        let Some(link) = item
            .links
            .iter()
            .find(|l| normalised_number(&l.app_no) == wanted)
        else {
            return Err(Error::NotFound {
                entity: "关联申请",
                key: app_no.trim().into(),
            });
        };
        let shown = link.app_no.clone();
        self.write(|tx, audit| {
            tx.execute(
                "DELETE FROM plan_item_patent WHERE item_id = ?1
                 AND (patent_id IN (SELECT id FROM patent WHERE app_no = ?2) OR app_no = ?2)",
                params![item_id, wanted],
            )?;
            audit.update(
                tx,
                Entity::PlanItem,
                item_id,
                &serde_json::json!({ "linked": shown }),
                &serde_json::json!({}),
            )
        })?;
        self.plan_item(item_id)
    }

    /// The planned filings a ledger patent fulfils, with their plans' names.
    pub fn plan_items_of_patent(&self, patent_id: i64) -> Result<Vec<(String, PlanItem)>> {
        let rows: Vec<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT i.id, p.name FROM plan_item_patent l JOIN plan_item i ON i.id = l.item_id
                 JOIN layout_plan p ON p.id = i.plan_id WHERE l.patent_id = ?1 ORDER BY i.id",
            )?
            .query_map([patent_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, plan)| Ok((plan, self.plan_item(id)?)))
            .collect()
    }

    fn item_links(&self, item_id: i64) -> Result<Vec<LinkedApplication>> {
        let rows: Vec<(Option<i64>, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT patent_id, jurisdiction, app_no FROM plan_item_patent
                 WHERE item_id = ?1 ORDER BY rowid",
            )?
            .query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(patent_id, jurisdiction, app_no)| {
                Ok(match patent_id.map(|id| self.patent(id)).transpose()? {
                    Some(p) => linked_of(&p),
                    None => LinkedApplication {
                        patent_id: None,
                        app_no: shown_number(&jurisdiction, &app_no),
                        jurisdiction,
                        title: String::new(),
                        kind: None,
                        route: None,
                        filing_date: None,
                        status: None,
                        missing: true,
                    },
                })
            })
            .collect()
    }

    /// A branch and a priority item must belong to the same plan; an item
    /// cannot claim priority from itself.
    fn check_item_refs(&self, plan_id: i64, id: Option<i64>, data: &PlanItemData) -> Result<()> {
        if let Some(b) = data.branch_id {
            if !self.plan_branches(plan_id)?.iter().any(|x| x.id == b) {
                return Err(Error::invalid(
                    field("branchId", "技术分支"),
                    b.to_string(),
                    "不是本计划的技术分支",
                ));
            }
        }
        if let Some(p) = data.priority_item_id {
            let of_plan: Option<i64> = self
                .conn
                .query_row("SELECT plan_id FROM plan_item WHERE id = ?1", [p], |r| {
                    r.get(0)
                })
                .optional()?;
            if of_plan != Some(plan_id) || Some(p) == id {
                return Err(Error::invalid(
                    field("priorityItemId", "优先权基础"),
                    p.to_string(),
                    "应为本计划中的另一项布局",
                ));
            }
        }
        Ok(())
    }
}

pub(super) fn linked_of(p: &Patent) -> LinkedApplication {
    LinkedApplication {
        patent_id: Some(p.id),
        jurisdiction: p.data.jurisdiction.clone(),
        app_no: p.display_app_no(),
        title: p.data.title.clone(),
        kind: Some(p.data.kind),
        route: Some(p.data.route),
        filing_date: p.data.filing_date,
        status: Some(p.data.status),
        missing: false,
    }
}

/// A CN number with its check-digit dot, others as stored.
fn shown_number(jurisdiction: &str, app_no: &str) -> String {
    if jurisdiction == "CN" {
        if let Ok(n) = parse_cn_app_no(app_no) {
            return n.to_string();
        }
    }
    app_no.to_string()
}

/// The stored form of a number as typed: CN numbers normalised, others trimmed.
fn normalised_number(s: &str) -> String {
    parse_cn_app_no(s)
        .map(|n| n.digits)
        .unwrap_or_else(|_| s.trim().to_string())
}

fn check_products(tx: &Transaction, ids: &[i64]) -> Result<()> {
    for id in ids {
        crate::store::ensure_exists(tx, Entity::Product.at(*id)).map_err(|_| {
            Error::invalid(
                field("productIds", "服务产品"),
                id.to_string(),
                "台账中没有该产品",
            )
        })?;
    }
    Ok(())
}

fn write_products(tx: &Transaction, plan_id: i64, ids: &[i64]) -> Result<()> {
    tx.execute(
        "DELETE FROM record_link WHERE from_entity = ?1 AND from_id = ?2 AND to_entity = ?3",
        params![Entity::LayoutPlan, plan_id, Entity::Product],
    )?;
    for id in ids {
        tx.execute(
            "INSERT INTO record_link (from_entity, from_id, to_entity, to_id, label)
             VALUES (?1, ?2, ?3, ?4, '服务产品')",
            params![Entity::LayoutPlan, plan_id, Entity::Product, id],
        )?;
    }
    Ok(())
}

/// `key` (the plan's id for an insert, the item's for an update) and then
/// an item's columns, in the order of both statements.
fn item_values(key: i64, d: &PlanItemData) -> Result<Vec<Value>> {
    let text = |s: &str| Value::Text(s.to_string());
    let opt_id = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    Ok(vec![
        Value::Integer(key),
        opt_id(d.branch_id),
        text(&d.topic),
        text(d.kind.code()),
        text(d.route.code()),
        Value::Text(serde_json::to_string(&d.jurisdictions)?),
        opt_id(d.priority_item_id),
        d.planned_date
            .map_or(Value::Null, |p| Value::Text(p.to_string())),
        Value::Text(serde_json::to_string(&d.inventors)?),
        text(&d.agency),
        text(d.status.code()),
        text(&d.expected_category),
        text(&d.notes),
    ])
}

fn plan_from_row(r: &Row) -> rusqlite::Result<LayoutPlan> {
    Ok(LayoutPlan {
        id: r.get("id")?,
        data: LayoutPlanData {
            name: r.get("name")?,
            technology: r.get("technology")?,
            industry_chain: r.get("industry_chain")?,
            start_date: r.get("start_date")?,
            end_date: r.get("end_date")?,
            target: r.get("target")?,
            analysis_agency: r.get("analysis_agency")?,
            filing_agency: r.get("filing_agency")?,
            status: r.get("status")?,
            notes: r.get("notes")?,
            product_ids: Vec::new(),
        },
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

fn item_from_row(r: &Row) -> rusqlite::Result<(i64, PlanItemData)> {
    Ok((
        r.get("plan_id")?,
        PlanItemData {
            topic: r.get("topic")?,
            branch_id: r.get("branch_id")?,
            kind: r.get("kind")?,
            route: r.get("route")?,
            jurisdictions: json_list(r.get("jurisdictions")?)?,
            priority_item_id: r.get("priority_item_id")?,
            planned_date: r.get("planned_date")?,
            inventors: json_list(r.get("inventors")?)?,
            agency: r.get("agency")?,
            status: r.get("status")?,
            expected_category: r.get("expected_category")?,
            notes: r.get("notes")?,
        },
    ))
}
