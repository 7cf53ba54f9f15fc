//! Leads, their status history, actions and the rights involved, in the
//! store.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::custody::{append_custody, CustodyAction, CustodyEntry, NewCustody};
use super::evidence::Evidence;
use super::model::normalise_lead;
use super::{ActionKind, Channel, LeadAction, LeadData, LeadStatus, Priority};
use crate::calendar::check_date;
use crate::error::{field, Error, Result};
use crate::parse_cn_app_no;
use crate::records::TrademarkData;
use crate::store::{Entity, EntityRef, Store};

/// A ledger patent or trademark a lead concerns, as the ledger has it now;
/// `missing` when it was deleted from the ledger (the number is the one it
/// had when linked).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadRight {
    /// The right: a patent or a trademark with its id; the id is absent
    /// when it was deleted from the ledger.
    pub entity: Entity,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub id: Option<i64>,
    /// Application or registration number as people write it.
    pub number: String,
    /// Patent title or the mark.
    pub name: String,
    /// Kind and legal status as the ledger has them (发明专利 · 授权 …).
    pub detail: String,
    pub missing: bool,
}

/// A stored lead.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lead {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[serde(flatten)]
    pub data: LeadData,
    pub status: LeadStatus,
    /// Where the workflow lets it go from here.
    pub next_statuses: Vec<LeadStatus>,
    /// When the lead was fed back to the market-regulation bureau, and to whom.
    pub reported_date: Option<NaiveDate>,
    pub reported_to: String,
    pub rights: Vec<LeadRight>,
    pub created_at: String,
    pub updated_at: String,
}

/// One status change: dated, with who and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub from: Option<LeadStatus>,
    pub to: LeadStatus,
    pub date: NaiveDate,
    pub by: String,
    pub note: String,
}

/// A lead as the list shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub discovered_date: NaiveDate,
    pub channel: Channel,
    pub suspect_name: String,
    pub region: String,
    pub priority: Priority,
    pub status: LeadStatus,
    /// The rights' numbers, as people write them.
    pub rights: Vec<String>,
    pub actions: u32,
    /// The latest action: its kind and date.
    pub last_action: Option<(ActionKind, NaiveDate)>,
    /// The earliest open next-step deadline.
    pub next_due: Option<NaiveDate>,
    pub evidence: u32,
    pub reported_date: Option<NaiveDate>,
    pub reported_to: String,
}

/// Which leads a listing or report takes. Dates bound the discovered date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeadQuery {
    pub status: Option<LeadStatus>,
    pub channel: Option<Channel>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words in the title, the suspect's name or shop.
    pub text: String,
}

/// A lead with everything its page shows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadDetail {
    pub lead: Lead,
    pub changes: Vec<StatusChange>,
    pub actions: Vec<LeadAction>,
    pub evidence: Vec<Evidence>,
    pub custody: Vec<CustodyEntry>,
}

const LEAD: &str = "侵权线索";

impl Store {
    /// Adds a lead as 新线索. Errors: an input error naming the field; a
    /// patent or trademark not in the ledger.
    pub fn add_lead(&mut self, data: LeadData) -> Result<Lead> {
        let data = normalise_lead(data)?;
        let id = self.write(|tx, audit| {
            check_rights(tx, &data)?;
            tx.execute(
                &format!(
                    "INSERT INTO lead ({LEAD_COLUMNS}, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'new', ?17, ?17)"
                ),
                params_from_iter(lead_values(&data).into_iter().chain([Value::Text(audit.at.clone())])),
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO lead_status_change (lead_id, from_status, to_status, date, changed_by, note, recorded_at)
                 VALUES (?1, NULL, 'new', ?2, ?3, '登记线索', ?4)",
                params![id, data.discovered_date, audit.user, audit.at],
            )?;
            write_rights(tx, id, &data)?;
            audit.create(tx, Entity::Lead, id, &data)?;
            Ok(id)
        })?;
        self.lead(id)
    }

    /// Changes what was entered for a lead; its status and history stay.
    pub fn update_lead(&mut self, id: i64, data: LeadData) -> Result<Lead> {
        let before = self.lead(id)?;
        let data = normalise_lead(data)?;
        if let Some(first) = self.lead_changes(id)?.iter().skip(1).map(|c| c.date).min() {
            if data.discovered_date.is_some_and(|d| d > first) {
                return Err(Error::invalid(
                    field("discoveredDate", "发现日期"),
                    data.discovered_date
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    format!("晚于第一次状态变更的日期 {first}"),
                ));
            }
        }
        self.write(|tx, audit| {
            check_rights(tx, &data)?;
            let mut values = vec![Value::Integer(id)];
            values.extend(lead_values(&data));
            values.push(Value::Text(audit.at.clone()));
            tx.execute(
                "UPDATE lead SET title = ?2, discovered_date = ?3, channel = ?4, suspect_name = ?5,
                     suspect_uscc = ?6, suspect_address = ?7, suspect_shop = ?8, suspect_url = ?9,
                     suspect_platform = ?10, products = ?11, description = ?12, scale = ?13,
                     estimated_loss = ?14, region = ?15, priority = ?16, notes = ?17, updated_at = ?18
                 WHERE id = ?1",
                params_from_iter(values),
            )?;
            // The first status row is the registration: it carries the discovered date.
            tx.execute(
                "UPDATE lead_status_change SET date = ?2 WHERE lead_id = ?1 AND from_status IS NULL",
                params![id, data.discovered_date],
            )?;
            write_rights(tx, id, &data)?;
            audit.update(tx, Entity::Lead, id, &before.data, &data)
        })?;
        self.lead(id)
    }

    /// Deletes a lead with its history and actions. Its evidence leaves the
    /// locker with a 移除 entry in the custody log (which keeps every entry);
    /// a file another record still uses stays.
    pub fn delete_lead(&mut self, id: i64) -> Result<()> {
        let before = self.lead(id)?;
        let evidence = self.evidence_of(id)?;
        self.write(|tx, audit| {
            for e in &evidence {
                append_custody(
                    tx,
                    audit,
                    NewCustody::of(
                        CustodyAction::Remove,
                        &before,
                        e,
                        "线索被删除，证据随之移出证据库",
                    ),
                )?;
            }
            tx.execute("DELETE FROM lead WHERE id = ?1", [id])?;
            crate::store::forget_record(tx, Entity::Lead.at(id))?;
            audit.delete(tx, Entity::Lead, id, &before.data)
        })
    }

    /// One lead. Errors: [`Error::NotFound`].
    pub fn lead(&self, id: i64) -> Result<Lead> {
        let mut lead = self
            .conn
            .prepare_cached("SELECT * FROM lead WHERE id = ?1")?
            .query_row([id], lead_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: LEAD,
                key: id.to_string(),
            })?;
        lead.rights = self.lead_rights(id)?;
        lead.next_statuses = lead.status.next().to_vec();
        lead.data.patent_ids = ids_of(&lead.rights, Entity::Patent);
        lead.data.trademark_ids = ids_of(&lead.rights, Entity::Trademark);
        Ok(lead)
    }

    /// A lead with its history, actions, evidence and custody log.
    pub fn lead_detail(&self, id: i64) -> Result<LeadDetail> {
        Ok(LeadDetail {
            lead: self.lead(id)?,
            changes: self.lead_changes(id)?,
            actions: self.lead_actions(id)?,
            evidence: self.evidence_of(id)?,
            custody: self.custody_log(Some(id))?,
        })
    }

    /// The leads `q` selects, newest discovered first.
    pub fn leads(&self, q: &LeadQuery) -> Result<Vec<LeadSummary>> {
        let mut filter = vec!["1 = 1".to_string()];
        let mut values: Vec<Value> = Vec::new();
        // Each condition names its value by number: `?` becomes `?N`.
        let mut bind = |sql: &str, v: String| {
            values.push(Value::Text(v));
            filter.push(sql.replace('?', &format!("?{}", values.len())));
        };
        if let Some(s) = q.status {
            bind("l.status = ?", s.code().into());
        }
        if let Some(c) = q.channel {
            bind("l.channel = ?", c.code().into());
        }
        if let Some(d) = q.from {
            bind("l.discovered_date >= ?", d.to_string());
        }
        if let Some(d) = q.to {
            bind("l.discovered_date <= ?", d.to_string());
        }
        let text = q.text.trim();
        if !text.is_empty() {
            bind(
                "(l.title LIKE ? OR l.suspect_name LIKE ? OR l.suspect_shop LIKE ?)",
                format!("%{}%", text.replace(['%', '_'], "")),
            );
        }
        let sql = format!(
            "SELECT l.id, l.title, l.discovered_date, l.channel, l.suspect_name, l.region,
                    l.priority, l.status, l.reported_date, l.reported_to,
                    (SELECT count(*) FROM lead_action a WHERE a.lead_id = l.id) AS actions,
                    (SELECT min(a.due_date) FROM lead_action a
                      WHERE a.lead_id = l.id AND a.done = 0 AND a.due_date IS NOT NULL) AS next_due,
                    (SELECT count(*) FROM evidence e WHERE e.lead_id = l.id) AS evidence
             FROM lead l WHERE {} ORDER BY l.discovered_date DESC, l.id DESC",
            filter.join(" AND ")
        );
        let mut rows: Vec<LeadSummary> = self
            .conn
            .prepare(&sql)?
            .query_map(params_from_iter(values), |r| {
                Ok(LeadSummary {
                    id: r.get("id")?,
                    title: r.get("title")?,
                    discovered_date: r.get("discovered_date")?,
                    channel: r.get("channel")?,
                    suspect_name: r.get("suspect_name")?,
                    region: r.get("region")?,
                    priority: r.get("priority")?,
                    status: r.get("status")?,
                    rights: Vec::new(),
                    actions: r.get("actions")?,
                    last_action: None,
                    next_due: r.get("next_due")?,
                    evidence: r.get("evidence")?,
                    reported_date: r.get("reported_date")?,
                    reported_to: r.get("reported_to")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut rights: HashMap<i64, Vec<String>> = HashMap::new();
        for row in self
            .conn
            .prepare_cached(
                "SELECT lead_id, kind, number FROM lead_right ORDER BY lead_id, kind, rowid",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
        {
            let (lead, kind, number) = row?;
            rights
                .entry(lead)
                .or_default()
                .push(shown_number(&kind, &number));
        }
        let mut last: HashMap<i64, (ActionKind, NaiveDate)> = HashMap::new();
        for row in self
            .conn
            .prepare_cached("SELECT lead_id, kind, date FROM lead_action ORDER BY date, id")?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?
        {
            let (lead, kind, date) = row?;
            last.insert(lead, (kind, date));
        }
        for row in &mut rows {
            row.rights = rights.remove(&row.id).unwrap_or_default();
            row.last_action = last.remove(&row.id);
        }
        Ok(rows)
    }

    /// The leads that involve a ledger patent or trademark.
    pub fn leads_involving(&self, right: EntityRef) -> Result<Vec<LeadSummary>> {
        let column = match right.entity {
            Entity::Patent => "patent_id",
            Entity::Trademark => "trademark_id",
            _ => return Ok(Vec::new()),
        };
        let ids: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT lead_id FROM lead_right WHERE {column} = ?1"
            ))?
            .query_map([right.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(self
            .leads(&LeadQuery::default())?
            .into_iter()
            .filter(|l| ids.contains(&l.id))
            .collect())
    }

    /// Moves a lead to `to` on `date`. Errors: a move the workflow does not
    /// allow (naming what is allowed); a date before the previous change; a
    /// missing reason for dropping or reopening.
    pub fn set_lead_status(
        &mut self,
        id: i64,
        to: LeadStatus,
        date: NaiveDate,
        note: &str,
    ) -> Result<Lead> {
        let lead = self.lead(id)?;
        let from = lead.status;
        if !from.next().contains(&to) {
            let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
            return Err(Error::invalid(
                field("status", "线索状态"),
                to.label(),
                format!(
                    "「{}」不能直接改为「{}」，可改为：{}",
                    from.label(),
                    to.label(),
                    allowed.join("、")
                ),
            ));
        }
        check_date(field("date", "变更日期"), Some(date))?;
        let last = self.lead_changes(id)?.last().map(|c| c.date);
        if let Some(last) = last {
            if date < last {
                return Err(Error::invalid(
                    field("date", "变更日期"),
                    date.to_string(),
                    format!("早于上一次状态变更的日期 {last}"),
                ));
            }
        }
        let note = note.trim();
        if note.is_empty() && LeadStatus::needs_reason(from, to) {
            return Err(Error::Missing {
                field: field(
                    "note",
                    if from.is_final() {
                        "重新打开的原因"
                    } else {
                        "不予处理的原因"
                    },
                ),
            });
        }
        self.write(|tx, audit| {
            tx.execute(
                "UPDATE lead SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, to, audit.at],
            )?;
            tx.execute(
                "INSERT INTO lead_status_change (lead_id, from_status, to_status, date, changed_by, note, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, from, to, date, audit.user, note, audit.at],
            )?;
            audit.update(
                tx,
                Entity::Lead,
                id,
                &serde_json::json!({ "status": from }),
                &serde_json::json!({ "status": to, "date": date, "note": note }),
            )
        })?;
        self.lead(id)
    }

    /// Records when a lead was fed back to the bureau and to which body;
    /// `None` clears it.
    pub fn report_lead(&mut self, id: i64, date: Option<NaiveDate>, to: &str) -> Result<Lead> {
        let lead = self.lead(id)?;
        let to = to.trim();
        check_date(field("reportedDate", "反馈日期"), date)?;
        if let Some(d) = date {
            if to.is_empty() {
                return Err(Error::Missing {
                    field: field("reportedTo", "反馈单位"),
                });
            }
            if lead.data.discovered_date.is_some_and(|f| d < f) {
                return Err(Error::invalid(
                    field("reportedDate", "反馈日期"),
                    d.to_string(),
                    "早于发现日期",
                ));
            }
        }
        let to = if date.is_some() { to } else { "" };
        self.write(|tx, audit| {
            tx.execute(
                "UPDATE lead SET reported_date = ?2, reported_to = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, date, to, audit.at],
            )?;
            audit.update(
                tx,
                Entity::Lead,
                id,
                &serde_json::json!({ "reportedDate": lead.reported_date, "reportedTo": lead.reported_to }),
                &serde_json::json!({ "reportedDate": date, "reportedTo": to }),
            )
        })?;
        self.lead(id)
    }

    /// A lead's status history, oldest first.
    pub fn lead_changes(&self, lead_id: i64) -> Result<Vec<StatusChange>> {
        Ok(self
            .conn
            .prepare_cached("SELECT * FROM lead_status_change WHERE lead_id = ?1 ORDER BY id")?
            .query_map([lead_id], |r| {
                Ok(StatusChange {
                    id: r.get("id")?,
                    from: r.get("from_status")?,
                    to: r.get("to_status")?,
                    date: r.get("date")?,
                    by: r.get("changed_by")?,
                    note: r.get("note")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the ledger trademark with registration number `reg_no`.
    pub fn find_trademark_id(&self, reg_no: &str) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT id FROM trademark WHERE reg_no = ?1")?
            .query_row([reg_no.trim()], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound {
                entity: "商标",
                key: reg_no.trim().into(),
            })
    }

    fn lead_rights(&self, lead_id: i64) -> Result<Vec<LeadRight>> {
        let rows: Vec<(String, Option<i64>, Option<i64>, String)> = self
            .conn
            .prepare_cached(
                "SELECT kind, patent_id, trademark_id, number FROM lead_right
                 WHERE lead_id = ?1 ORDER BY kind, rowid",
            )?
            .query_map([lead_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(kind, patent, trademark, number)| {
                if kind == "patent" {
                    if let Some(p) = patent.map(|id| self.patent(id)).transpose()? {
                        return Ok(LeadRight {
                            entity: Entity::Patent,
                            id: Some(p.id),
                            number: p.display_app_no(),
                            name: p.data.title.clone(),
                            detail: format!("{} · {}", p.data.kind.label(), p.data.status.label()),
                            missing: false,
                        });
                    }
                } else if let Some(t) = trademark
                    .map(|id| self.record::<TrademarkData>(id))
                    .transpose()?
                {
                    let classes: Vec<String> = t.data.classes.iter().map(u32::to_string).collect();
                    return Ok(LeadRight {
                        entity: Entity::Trademark,
                        id: Some(t.id),
                        number: t.data.reg_no.clone(),
                        name: t.data.mark.clone(),
                        detail: format!("第 {} 类 · {}", classes.join("、"), t.data.status.label()),
                        missing: false,
                    });
                }
                Ok(LeadRight {
                    entity: if kind == "patent" {
                        Entity::Patent
                    } else {
                        Entity::Trademark
                    },
                    id: None,
                    number: shown_number(&kind, &number),
                    name: String::new(),
                    detail: "台账中已删除".into(),
                    missing: true,
                })
            })
            .collect()
    }
}

fn ids_of(rights: &[LeadRight], entity: Entity) -> Vec<i64> {
    rights
        .iter()
        .filter(|r| r.entity == entity)
        .filter_map(|r| r.id)
        .collect()
}

fn shown_number(kind: &str, number: &str) -> String {
    if kind == "patent" {
        if let Ok(n) = parse_cn_app_no(number) {
            return n.to_string();
        }
    }
    number.to_string()
}

fn check_rights(tx: &Transaction, d: &LeadData) -> Result<()> {
    for id in &d.patent_ids {
        crate::store::ensure_exists(tx, Entity::Patent.at(*id)).map_err(|_| {
            Error::invalid(
                field("patentIds", "涉及专利"),
                id.to_string(),
                "台账中没有该专利",
            )
        })?;
    }
    for id in &d.trademark_ids {
        crate::store::ensure_exists(tx, Entity::Trademark.at(*id)).map_err(|_| {
            Error::invalid(
                field("trademarkIds", "涉及商标"),
                id.to_string(),
                "台账中没有该商标",
            )
        })?;
    }
    Ok(())
}

/// Replaces the lead's linked rights with `d`'s; rights whose record was
/// deleted from the ledger stay until removed on purpose.
fn write_rights(tx: &Transaction, lead_id: i64, d: &LeadData) -> Result<()> {
    tx.execute(
        "DELETE FROM lead_right WHERE lead_id = ?1 AND (patent_id IS NOT NULL OR trademark_id IS NOT NULL)",
        [lead_id],
    )?;
    for id in &d.patent_ids {
        tx.execute(
            "INSERT OR REPLACE INTO lead_right (lead_id, kind, patent_id, number)
             SELECT ?1, 'patent', id, app_no FROM patent WHERE id = ?2",
            params![lead_id, id],
        )?;
    }
    for id in &d.trademark_ids {
        tx.execute(
            "INSERT OR REPLACE INTO lead_right (lead_id, kind, trademark_id, number)
             SELECT ?1, 'trademark', id, reg_no FROM trademark WHERE id = ?2",
            params![lead_id, id],
        )?;
    }
    Ok(())
}

/// Removes a right whose record was deleted from the ledger.
impl Store {
    pub fn remove_missing_lead_right(&mut self, lead_id: i64, number: &str) -> Result<Lead> {
        self.lead(lead_id)?;
        let n = parse_cn_app_no(number)
            .map(|n| n.digits)
            .unwrap_or_else(|_| number.trim().to_string());
        self.write(|tx, audit| {
            let removed = tx.execute(
                "DELETE FROM lead_right WHERE lead_id = ?1 AND number = ?2
                   AND patent_id IS NULL AND trademark_id IS NULL",
                params![lead_id, n],
            )?;
            if removed == 0 {
                return Err(Error::NotFound {
                    entity: "已删除的涉及权利",
                    key: number.trim().into(),
                });
            }
            audit.update(
                tx,
                Entity::Lead,
                lead_id,
                &serde_json::json!({ "right": number.trim() }),
                &serde_json::json!({}),
            )
        })?;
        self.lead(lead_id)
    }
}

const LEAD_COLUMNS: &str = "title, discovered_date, channel, suspect_name, suspect_uscc,
    suspect_address, suspect_shop, suspect_url, suspect_platform, products, description, scale,
    estimated_loss, region, priority, notes";

/// A lead's columns in the order of [`LEAD_COLUMNS`].
fn lead_values(d: &LeadData) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_string());
    vec![
        text(&d.title),
        d.discovered_date
            .map_or(Value::Null, |x| Value::Text(x.to_string())),
        text(d.channel.code()),
        text(&d.suspect_name),
        text(&d.suspect_uscc),
        text(&d.suspect_address),
        text(&d.suspect_shop),
        text(&d.suspect_url),
        text(&d.suspect_platform),
        text(&d.products),
        text(&d.description),
        text(&d.scale),
        Value::Integer(d.estimated_loss.0),
        text(&d.region),
        text(d.priority.code()),
        text(&d.notes),
    ]
}

fn lead_from_row(r: &Row) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: r.get("id")?,
        data: LeadData {
            title: r.get("title")?,
            discovered_date: r.get("discovered_date")?,
            channel: r.get("channel")?,
            suspect_name: r.get("suspect_name")?,
            suspect_uscc: r.get("suspect_uscc")?,
            suspect_address: r.get("suspect_address")?,
            suspect_shop: r.get("suspect_shop")?,
            suspect_url: r.get("suspect_url")?,
            suspect_platform: r.get("suspect_platform")?,
            products: r.get("products")?,
            description: r.get("description")?,
            scale: r.get("scale")?,
            estimated_loss: crate::money::Money(r.get("estimated_loss")?),
            region: r.get("region")?,
            priority: r.get("priority")?,
            notes: r.get("notes")?,
            patent_ids: Vec::new(),
            trademark_ids: Vec::new(),
        },
        status: r.get("status")?,
        next_statuses: Vec::new(),
        reported_date: r.get("reported_date")?,
        reported_to: r.get("reported_to")?,
        rights: Vec::new(),
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}
