//! 案卷二 高价值专利布局计划: `plan …` and `plan item …`, and the two plan
//! exports (`export plan`, `export plan-applications`). Printing is in
//! `plan_print`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ipdesk_core::{
    plan_applications_pdf, plan_pdf, Entity, Error, ExportFormat, ItemStatus, LayoutPlanData,
    PatentKind, PlanItem, PlanItemData, PlanStatus, ProductData, Result, Route, Store,
};

use crate::plan_print as show;
use crate::print;
use crate::{date, open, today, Failure};

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// Add a layout plan (专利布局计划); prints its id.
    Add(PlanAddArgs),
    /// Every plan with its progress.
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// A plan with its branches, items, progress, coverage and attached reports.
    Show {
        plan: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Change fields of a plan; fields not given keep their value.
    Edit(PlanEditArgs),
    /// Delete a plan with its branches, items and links.
    Delete { plan: i64 },
    /// Attach a report (专利导航分析报告, 预警分析报告, 检索分析报告 …) to a plan.
    Attach {
        plan: i64,
        file: PathBuf,
        /// What the file is, e.g. 检索分析报告.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// The plan's planned filings (布局项目).
    #[command(subcommand)]
    Item(ItemCmd),
}

#[derive(Debug, Subcommand)]
pub enum ItemCmd {
    /// Add a planned filing to a plan; prints its id.
    Add(ItemAddArgs),
    /// Change fields of a planned filing; fields not given keep their value.
    Edit(ItemEditArgs),
    /// Delete a planned filing with its links.
    Delete { item: i64 },
    /// Link a ledger application that fulfils the planned filing.
    Link {
        item: i64,
        #[arg(long)]
        app_no: String,
    },
    /// Remove a link (also one whose patent was deleted from the ledger).
    Unlink {
        item: i64,
        #[arg(long)]
        app_no: String,
    },
    /// Ledger applications that may fulfil the planned filing.
    Suggest {
        item: i64,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct PlanAddArgs {
    #[arg(long)]
    name: String,
    /// 关键核心技术.
    #[arg(long)]
    technology: String,
    #[command(flatten)]
    more: PlanFields,
}

#[derive(Debug, Args)]
pub struct PlanEditArgs {
    plan: i64,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    technology: Option<String>,
    #[command(flatten)]
    more: PlanFields,
}

#[derive(Debug, Args)]
pub struct PlanFields {
    /// Target weighted count of high-value inventions (default 5; an international one counts 2).
    #[arg(long, allow_negative_numbers = true)]
    target: Option<i64>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    end: Option<String>,
    /// A ledger product the plan serves, by name; repeat; replaces the list.
    #[arg(long = "product", value_name = "NAME")]
    products: Vec<String>,
    /// The industry chain served (产业链).
    #[arg(long)]
    industry_chain: Option<String>,
    #[arg(long)]
    analysis_agency: Option<String>,
    #[arg(long)]
    filing_agency: Option<String>,
    /// draft | active | done (or 草拟 / 执行中 / 已完成).
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct ItemAddArgs {
    /// The plan's id (see `plan list`).
    plan: i64,
    /// 技术主题.
    #[arg(long)]
    topic: String,
    #[command(flatten)]
    more: ItemFields,
}

#[derive(Debug, Args)]
pub struct ItemEditArgs {
    item: i64,
    #[arg(long)]
    topic: Option<String>,
    #[command(flatten)]
    more: ItemFields,
}

#[derive(Debug, Args)]
pub struct ItemFields {
    /// Technology branch by name, created if new ("" clears it).
    #[arg(long)]
    branch: Option<String>,
    /// invention | utility | design (or 发明 / 实用新型 / 外观设计).
    #[arg(long)]
    kind: Option<String>,
    /// domestic | pct | paris.
    #[arg(long)]
    route: Option<String>,
    /// Target jurisdiction, two letters (CN, US, EP, JP, KR …); repeat; replaces the list.
    #[arg(long = "jurisdiction", value_name = "CODE")]
    jurisdictions: Vec<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    planned_date: Option<String>,
    /// idea | disclosure | drafting | filed | published | examination | granted | rejected | abandoned (or the Chinese label).
    #[arg(long)]
    status: Option<String>,
    /// Repeat for each inventor; replaces the list.
    #[arg(long = "inventor")]
    inventors: Vec<String>,
    #[arg(long)]
    agency: Option<String>,
    /// The item of this plan whose filing this one claims priority from (0 clears it).
    #[arg(long, value_name = "ITEM")]
    priority_item: Option<i64>,
    /// The high-value category aimed at.
    #[arg(long)]
    category: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanExportArgs {
    pub plan: i64,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

pub fn run(db: &Option<PathBuf>, json: bool, cmd: PlanCmd) -> std::result::Result<(), Failure> {
    let mut store = open(db)?;
    match cmd {
        PlanCmd::Add(a) => {
            let data = LayoutPlanData {
                name: a.name,
                technology: a.technology,
                ..LayoutPlanData::default()
            };
            let data = apply_plan(&store, data, a.more)?;
            let plan = store.add_plan(data)?;
            if json {
                print::json(&plan);
            } else {
                println!("{}", plan.id);
            }
        }
        PlanCmd::List { today: t } => {
            let list = store.plan_summaries(today(&t)?)?;
            show::list(json, &list);
        }
        PlanCmd::Show { plan, today: t } => {
            let detail = store.plan_detail(plan, today(&t)?)?;
            let products = product_names(&store, &detail.plan.data.product_ids)?;
            show::detail(json, &detail, &products);
        }
        PlanCmd::Edit(a) => {
            let mut data = store.plan(a.plan)?.data;
            if let Some(n) = a.name {
                data.name = n;
            }
            if let Some(t) = a.technology {
                data.technology = t;
            }
            let data = apply_plan(&store, data, a.more)?;
            let plan = store.update_plan(a.plan, data)?;
            if json {
                print::json(&plan);
            } else {
                println!("已更新布局计划 {}「{}」", plan.id, plan.data.name);
            }
        }
        PlanCmd::Delete { plan } => {
            let name = store.plan(plan)?.data.name;
            store.delete_plan(plan)?;
            done(json, plan, &format!("已删除布局计划 {plan}「{name}」"));
        }
        PlanCmd::Attach { plan, file, label } => {
            store.plan(plan)?;
            let f = store.attach_file(Entity::LayoutPlan.at(plan), &file, &label)?;
            if json {
                print::json(&f);
            } else {
                println!(
                    "已附加「{}」到布局计划 {plan}（SHA-256 {}）",
                    f.attachment.file_name, f.attachment.sha256
                );
            }
        }
        PlanCmd::Item(cmd) => item(&mut store, json, cmd)?,
    }
    Ok(())
}

fn item(store: &mut Store, json: bool, cmd: ItemCmd) -> std::result::Result<(), Failure> {
    match cmd {
        ItemCmd::Add(a) => {
            store.plan(a.plan)?;
            let data = PlanItemData {
                topic: a.topic,
                ..PlanItemData::default()
            };
            let data = apply_item(store, a.plan, data, a.more)?;
            let item = save_item(store, a.plan, None, data)?;
            if json {
                print::json(&item);
            } else {
                println!("{}", item.id);
            }
        }
        ItemCmd::Edit(a) => {
            let old = store.plan_item(a.item)?;
            let mut data = old.data;
            if let Some(t) = a.topic {
                data.topic = t;
            }
            let data = apply_item(store, old.plan_id, data, a.more)?;
            let item = save_item(store, old.plan_id, Some(a.item), data)?;
            if json {
                print::json(&item);
            } else {
                println!("已更新布局项目 {}「{}」", item.id, item.data.topic);
            }
        }
        ItemCmd::Delete { item } => {
            let topic = store.plan_item(item)?.data.topic;
            store.delete_plan_item(item)?;
            done(json, item, &format!("已删除布局项目 {item}「{topic}」"));
        }
        ItemCmd::Link { item, app_no } => {
            store.plan_item(item)?;
            let patent = match store.find_patent(&app_no) {
                Ok(p) => p,
                Err(Error::NotFound { .. }) => {
                    return Err(Failure::Refused(format!(
                        "申请号「{}」不在专利台账中，请先用 ipdesk patent add 登记该申请",
                        app_no.trim()
                    )))
                }
                Err(e) => return Err(e.into()),
            };
            let item = store.link_plan_item(item, patent.id)?;
            if json {
                print::json(&item);
            } else {
                println!(
                    "已将申请号 {} 关联到布局项目 {}「{}」",
                    patent.display_app_no(),
                    item.id,
                    item.data.topic
                );
            }
        }
        ItemCmd::Unlink { item, app_no } => {
            let item = store.unlink_plan_item(item, &app_no)?;
            if json {
                print::json(&item);
            } else {
                println!(
                    "已取消申请号 {} 与布局项目 {}「{}」的关联",
                    app_no.trim(),
                    item.id,
                    item.data.topic
                );
            }
        }
        ItemCmd::Suggest {
            item,
            limit,
            today: t,
        } => {
            let rows = store.plan_link_suggestions(item, today(&t)?, limit)?;
            show::suggestions(json, &rows);
        }
    }
    Ok(())
}

fn done(json: bool, id: i64, message: &str) {
    if json {
        print::json(&serde_json::json!({ "deleted": id }));
    } else {
        println!("{message}");
    }
}

fn apply_plan(store: &Store, mut d: LayoutPlanData, f: PlanFields) -> Result<LayoutPlanData> {
    if let Some(t) = f.target {
        d.target = u32::try_from(t).map_err(|_| Error::Invalid {
            field: "目标件数（--target）".into(),
            value: t.to_string(),
            reason: "应在 0 至 1000 之间".into(),
        })?;
    }
    if let Some(s) = date("起始日期（--start）", &f.start)? {
        d.start_date = Some(s);
    }
    if let Some(e) = date("截止日期（--end）", &f.end)? {
        d.end_date = Some(e);
    }
    if !f.products.is_empty() {
        let all = store.list_records::<ProductData>()?;
        d.product_ids = f
            .products
            .iter()
            .map(|name| {
                all.iter()
                    .find(|p| p.data.name.trim() == name.trim())
                    .map(|p| p.id)
                    .ok_or_else(|| Error::NotFound {
                        entity: "专利产品（--product）",
                        key: name.trim().to_string(),
                    })
            })
            .collect::<Result<_>>()?;
    }
    let set = |slot: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *slot = v;
        }
    };
    set(&mut d.industry_chain, f.industry_chain);
    set(&mut d.analysis_agency, f.analysis_agency);
    set(&mut d.filing_agency, f.filing_agency);
    set(&mut d.notes, f.notes);
    if let Some(s) = f.status {
        d.status = s.parse::<PlanStatus>()?;
    }
    Ok(d)
}

fn apply_item(
    store: &Store,
    plan_id: i64,
    mut d: PlanItemData,
    f: ItemFields,
) -> Result<(PlanItemData, Option<String>)> {
    let mut new_branch = None;
    if let Some(b) = f.branch {
        let b = b.trim();
        d.branch_id = None;
        if !b.is_empty() {
            match store
                .plan_branches(plan_id)?
                .into_iter()
                .find(|x| x.name == b)
            {
                Some(x) => d.branch_id = Some(x.id),
                None => new_branch = Some(b.to_string()),
            }
        }
    }
    if let Some(k) = f.kind {
        d.kind = k.parse::<PatentKind>()?;
    }
    if let Some(r) = f.route {
        d.route = r.parse::<Route>()?;
    }
    if !f.jurisdictions.is_empty() {
        d.jurisdictions = f.jurisdictions;
    }
    if let Some(p) = date("计划申请日（--planned-date）", &f.planned_date)? {
        d.planned_date = Some(p);
    }
    if let Some(s) = f.status {
        d.status = s.parse::<ItemStatus>()?;
    }
    if !f.inventors.is_empty() {
        d.inventors = f.inventors;
    }
    if let Some(p) = f.priority_item {
        d.priority_item_id = (p != 0).then_some(p);
    }
    let set = |slot: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *slot = v;
        }
    };
    set(&mut d.agency, f.agency);
    set(&mut d.expected_category, f.category);
    set(&mut d.notes, f.notes);
    Ok((d, new_branch))
}

/// Saves an item: added to `plan_id` or, with `id`, updated. A branch
/// named but not in the plan yet is created once the item is accepted,
/// so a refused item leaves no stray branch behind.
fn save_item(
    store: &mut Store,
    plan_id: i64,
    id: Option<i64>,
    (data, new_branch): (PlanItemData, Option<String>),
) -> Result<PlanItem> {
    let item = match id {
        Some(id) => store.update_plan_item(id, data)?,
        None => store.add_plan_item(plan_id, data)?,
    };
    match new_branch {
        None => Ok(item),
        Some(name) => {
            let branch = store.add_plan_branch(plan_id, &name)?;
            let data = PlanItemData {
                branch_id: Some(branch.id),
                ..item.data
            };
            store.update_plan_item(item.id, data)
        }
    }
}

pub fn product_names(store: &Store, ids: &[i64]) -> Result<Vec<String>> {
    Ok(store
        .list_records::<ProductData>()?
        .into_iter()
        .filter(|p| ids.contains(&p.id))
        .map(|p| p.data.name)
        .collect())
}

/// `export plan PLAN --out F.pdf`.
pub fn export_plan(db: &Option<PathBuf>, json: bool, a: PlanExportArgs) -> Result<()> {
    let store = open(db)?;
    let data = store.plan_report(a.plan, today(&a.today)?)?;
    let bytes = plan_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, data.detail.items.len(), "项布局")
}

/// `export plan-applications PLAN --out F.pdf|F.xlsx|F.csv`.
pub fn export_applications(db: &Option<PathBuf>, json: bool, a: PlanExportArgs) -> Result<()> {
    let store = open(db)?;
    let today = today(&a.today)?;
    let format = match extension(&a.out).as_deref() {
        Some("pdf") => {
            let data = store.plan_report(a.plan, today)?;
            let bytes = plan_applications_pdf(&data, &mut |_| {})?;
            store.save_file(&a.out, &bytes)?;
            return crate::io::report_pdf(json, &a.out, &bytes, data.detail.items.len(), "项布局");
        }
        Some("xlsx") => ExportFormat::Xlsx,
        Some("csv") => ExportFormat::Csv,
        _ => {
            return Err(Error::Invalid {
                field: "--out".into(),
                value: a.out.display().to_string(),
                reason: "文件名应以 .pdf、.xlsx 或 .csv 结尾".into(),
            })
        }
    };
    let n = store.export_plan_applications(a.plan, today, format, &a.out)?;
    if json {
        print::json(&serde_json::json!({ "path": a.out, "rows": n }));
    } else {
        println!("已导出 {n} 行专利申请清单到 {}", a.out.display());
    }
    Ok(())
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

#[derive(Debug, Args)]
pub struct PlansExportArgs {
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export plans --out FILE`: the 专利布局计划一览表.
pub fn export_plans(
    db: &Option<PathBuf>,
    json: bool,
    a: PlansExportArgs,
) -> ipdesk_core::Result<()> {
    let store = open(db)?;
    let data = store.plans_report(today(&a.today)?)?;
    let bytes = ipdesk_core::plans_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, data.plans.len(), "项布局计划")
}
