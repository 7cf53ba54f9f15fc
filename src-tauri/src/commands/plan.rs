//! 案卷二 高价值专利布局计划: plans, their branches and planned filings, the
//! links from a planned filing to the ledger applications that fulfil it,
//! the reports attached to a plan, and the plan's documents (专利布局计划,
//! 与专利布局计划相对应的专利申请清单).

use std::path::{Path, PathBuf};

use ipdesk_core::{
    plan_applications_pdf, plan_pdf, plans_pdf, AttachedFile, Entity, ExportFormat, LayoutPlan,
    LayoutPlanData, PatentRow, PlanBranch, PlanDetail, PlanItem, PlanItemData, PlanSummary,
};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::{export_sheet, ExportResult};
use super::ledger::export_pdf;
use super::{open_target, read_apart, save_target, store, today, AppState};
use crate::error::CmdResult;

/// How many ledger applications the link dialog suggests.
const SUGGESTIONS: usize = 8;

/// A planned filing a ledger patent fulfils, with its plan's name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatentPlanItem {
    plan_name: String,
    item: PlanItem,
}

/// Every plan with its progress, newest first.
#[tauri::command(async)]
pub fn plan_list(state: State<'_, AppState>) -> CmdResult<Vec<PlanSummary>> {
    Ok(read_apart(&state, |s| s.plan_summaries(today()))?)
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, AppState>, id: i64) -> CmdResult<PlanDetail> {
    Ok(store(&state).plan_detail(id, today())?)
}

/// Adds the plan when `id` is none, else updates it.
#[tauri::command(async)]
pub fn plan_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    data: LayoutPlanData,
) -> CmdResult<LayoutPlan> {
    let mut s = store(&state);
    Ok(match id {
        Some(id) => s.update_plan(id, data)?,
        None => s.add_plan(data)?,
    })
}

#[tauri::command(async)]
pub fn plan_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_plan(id)?)
}

#[tauri::command(async)]
pub fn plan_branch_add(
    state: State<'_, AppState>,
    plan_id: i64,
    name: String,
) -> CmdResult<PlanBranch> {
    Ok(store(&state).add_plan_branch(plan_id, &name)?)
}

/// Adds a planned filing to plan `plan_id` when `id` is none, else updates it.
#[tauri::command(async)]
pub fn plan_item_save(
    state: State<'_, AppState>,
    plan_id: i64,
    id: Option<i64>,
    data: PlanItemData,
) -> CmdResult<PlanItem> {
    let mut s = store(&state);
    Ok(match id {
        Some(id) => s.update_plan_item(id, data)?,
        None => s.add_plan_item(plan_id, data)?,
    })
}

#[tauri::command(async)]
pub fn plan_item_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_plan_item(id)?)
}

#[tauri::command(async)]
pub fn plan_item_link(
    state: State<'_, AppState>,
    item_id: i64,
    patent_id: i64,
) -> CmdResult<PlanItem> {
    Ok(store(&state).link_plan_item(item_id, patent_id)?)
}

/// Removes a link by the number as shown, a missing one too.
#[tauri::command(async)]
pub fn plan_item_unlink(
    state: State<'_, AppState>,
    item_id: i64,
    app_no: String,
) -> CmdResult<PlanItem> {
    Ok(store(&state).unlink_plan_item(item_id, &app_no)?)
}

/// Ledger applications that may fulfil a planned filing, best first.
#[tauri::command(async)]
pub fn plan_link_suggestions(
    state: State<'_, AppState>,
    item_id: i64,
) -> CmdResult<Vec<PatentRow>> {
    Ok(read_apart(&state, |s| {
        s.plan_link_suggestions(item_id, today(), SUGGESTIONS)
    })?)
}

/// The planned filings a ledger patent fulfils, for its detail page.
#[tauri::command(async)]
pub fn plan_items_of_patent(
    state: State<'_, AppState>,
    patent_id: i64,
) -> CmdResult<Vec<PatentPlanItem>> {
    let items = store(&state).plan_items_of_patent(patent_id)?;
    Ok(items
        .into_iter()
        .map(|(plan_name, item)| PatentPlanItem { plan_name, item })
        .collect())
}

/// Asks for a report (专利导航分析报告, 预警分析报告 …) and attaches it to
/// the plan under `label`; null when the user cancels the dialog.
#[tauri::command(async)]
pub fn plan_attach<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    label: String,
) -> CmdResult<Option<AttachedFile>> {
    let exts = &[
        "pdf", "doc", "docx", "xlsx", "xls", "png", "jpg", "jpeg", "txt",
    ];
    let Some(path) = open_target(&app, "选择要附加的报告", "报告文件", exts)? else {
        return Ok(None);
    };
    let record = Entity::LayoutPlan.at(plan_id);
    Ok(Some(store(&state).attach_file(record, &path, &label)?))
}

#[tauri::command(async)]
pub fn plan_branch_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_plan_branch(id)?)
}

/// Saves an attached file where the user chooses, after verifying it
/// against its SHA-256; null when the user cancels.
#[tauri::command(async)]
pub fn attachment_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<PathBuf>> {
    let name = store(&state).attachment(id)?.file_name;
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some(path) = save_target(&app, "保存附件", name, "文件", ext)? else {
        return Ok(None);
    };
    store(&state).save_attachment(id, &path)?;
    Ok(Some(path))
}

/// The 专利布局计划 PDF, with `export-progress` events.
#[tauri::command]
pub async fn export_plan_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("专利布局计划-{}.pdf", today());
    let handle = app.clone();
    export_pdf(app, "plan", "导出专利布局计划", name, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| s.plan_report(id, today()))?;
        plan_pdf(&data, p)
    })
    .await
}

/// The 与专利布局计划相对应的专利申请清单 as a PDF, with `export-progress` events.
#[tauri::command]
pub async fn export_plan_applications_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("专利申请清单-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "planApplications",
        "导出专利申请清单",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| s.plan_report(id, today()))?;
            plan_applications_pdf(&data, p)
        },
    )
    .await
}

/// The application list as .xlsx or .csv, the weighted count in its last row.
#[tauri::command(async)]
pub fn export_plan_applications<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    format: ExportFormat,
) -> CmdResult<Option<ExportResult>> {
    export_sheet(
        &app,
        &state,
        "导出专利申请清单",
        "专利申请清单",
        format,
        |s, path| {
            s.export_plan_applications(id, today(), format, path)
                .map(|_| ())
        },
    )
}

/// Every plan with its progress printed as the 专利布局计划一览表, to a file
/// the user chooses; null when cancelled.
#[tauri::command]
pub async fn export_plans_pdf<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<ExportResult>> {
    let name = format!("专利布局计划一览表-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "plans",
        "导出专利布局计划一览表",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| s.plans_report(today()))?;
            plans_pdf(&data, p)
        },
    )
    .await
}
