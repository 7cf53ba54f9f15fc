//! The patent ledger: the dashboard, patents, payments, families, the fee
//! forecast, high value, and the ledger's PDFs (专利台账, 年费缴纳计划).

use ipdesk_core::{
    annuity_pdf, approval_pdf, ledger_pdf, patent_card_pdf, AnnuityPayment, AppNo, ApprovalReport,
    Dashboard, DecisionInput, FeeDecision, Forecast, HighValue, Patent, PatentData, PatentDetail,
    PatentLabel, PatentPage, PatentQuery, PaymentInput, TagCount,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::io::{remember_export, ExportResult};
use super::{read_apart, read_store_or_apart, save_target, store, today, AppState};
use crate::error::{AppError, CmdResult};

/// Payload of the `export-progress` event while a PDF is written.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    job: &'static str,
    done: u32,
    total: u32,
    stage: String,
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(read_apart(&state, |s| s.dashboard(today()))?)
}

#[tauri::command(async)]
pub fn check_app_no(number: String) -> CmdResult<AppNo> {
    Ok(ipdesk_core::parse_cn_app_no(&number)?)
}

/// The ledger's tags with their patent counts, for the tag filter.
#[tauri::command(async)]
pub fn patent_tags(state: State<'_, AppState>) -> CmdResult<Vec<TagCount>> {
    Ok(read_apart(&state, |s| s.tags())?)
}

/// A page of the ledger; the ledger stays usable while an import holds the
/// store (see `read_store_or_apart`).
#[tauri::command(async)]
pub fn patents_list(state: State<'_, AppState>, query: PatentQuery) -> CmdResult<PatentPage> {
    Ok(read_store_or_apart(&state, |s| {
        s.list_patents(&query, today())
    })?)
}

#[tauri::command(async)]
pub fn patent_get(state: State<'_, AppState>, id: i64) -> CmdResult<PatentDetail> {
    Ok(store(&state).patent_detail(id, today())?)
}

/// Number and title of each linked patent, for the forms that show links.
#[tauri::command(async)]
pub fn patent_labels(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<Vec<PatentLabel>> {
    Ok(store(&state).patent_labels(&ids)?)
}

#[tauri::command(async)]
pub fn patent_add(state: State<'_, AppState>, data: PatentData) -> CmdResult<Patent> {
    Ok(store(&state).add_patent(data)?)
}

#[tauri::command(async)]
pub fn patent_update(state: State<'_, AppState>, id: i64, data: PatentData) -> CmdResult<Patent> {
    Ok(store(&state).update_patent(id, data)?)
}

#[tauri::command(async)]
pub fn patent_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_patent(id)?)
}

#[tauri::command(async)]
pub fn payment_record(
    state: State<'_, AppState>,
    patent_id: i64,
    input: PaymentInput,
) -> CmdResult<AnnuityPayment> {
    Ok(store(&state).record_payment(patent_id, input)?)
}

#[tauri::command(async)]
pub fn payment_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_payment(id)?)
}

/// Links patent `id` with the patent numbered `other`; returns `id`'s family.
#[tauri::command(async)]
pub fn family_link(state: State<'_, AppState>, id: i64, other: String) -> CmdResult<Vec<Patent>> {
    let mut s = store(&state);
    let other = s.find_patent(&other)?;
    s.link_family(id, other.id)?;
    Ok(s.family(id)?)
}

#[tauri::command(async)]
pub fn family_unlink(state: State<'_, AppState>, id: i64, other_id: i64) -> CmdResult<()> {
    Ok(store(&state).unlink_family(id, other_id)?)
}

#[tauri::command(async)]
pub fn forecast(state: State<'_, AppState>, months: u32) -> CmdResult<Forecast> {
    Ok(store(&state).forecast(today(), months)?)
}

/// Records the keep-or-drop decision on one year's fee.
#[tauri::command(async)]
pub fn fee_decide(
    state: State<'_, AppState>,
    patent_id: i64,
    input: DecisionInput,
) -> CmdResult<FeeDecision> {
    Ok(store(&state).decide_fee(patent_id, input, today())?)
}

/// The fees due over `months` with their decisions and value hints (the
/// 年费缴纳审批表 on screen).
#[tauri::command(async)]
pub fn fee_approvals(state: State<'_, AppState>, months: u32) -> CmdResult<ApprovalReport> {
    Ok(read_apart(&state, |s| s.approval_report(months, today()))?)
}

#[tauri::command]
pub async fn export_approvals_pdf<R: Runtime>(
    app: AppHandle<R>,
    months: u32,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("年费缴纳审批表-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "approvals",
        "导出年费缴纳审批表",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| {
                s.approval_report(months, today())
            })?;
            approval_pdf(&data, p)
        },
    )
    .await
}

#[tauri::command(async)]
pub fn high_value_list(state: State<'_, AppState>) -> CmdResult<Vec<HighValue>> {
    Ok(store(&state).high_value(today())?)
}

#[tauri::command]
pub async fn export_ledger_pdf<R: Runtime>(
    app: AppHandle<R>,
    query: PatentQuery,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("专利台账-{}.pdf", today());
    let handle = app.clone();
    export_pdf(app, "ledger", "导出专利台账", name, move |p| {
        // Query on the blocking thread too, on a connection of its own.
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.ledger_report(&query, today())
        })?;
        ledger_pdf(&data, p)
    })
    .await
}

/// One patent's page printed as its 专利信息卡, to a file the user chooses;
/// null when cancelled. An unknown patent is refused before the dialog opens.
#[tauri::command]
pub async fn export_patent_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<ExportResult>> {
    let patent = read_apart(&app.state::<AppState>(), |s| s.patent(id))?;
    let name = format!("专利信息卡-{}-{}.pdf", patent.display_app_no(), today());
    let handle = app.clone();
    export_pdf(app, "patent", "导出专利信息卡", name, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| s.patent_card(id, today()))?;
        patent_card_pdf(&data, p)
    })
    .await
}

#[tauri::command]
pub async fn export_annuities_pdf<R: Runtime>(
    app: AppHandle<R>,
    months: u32,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("年费缴纳计划-{}.pdf", today());
    let handle = app.clone();
    export_pdf(
        app,
        "annuities",
        "导出年费缴纳计划",
        name,
        move |p| {
            let data = read_apart(&handle.state::<AppState>(), |s| {
                s.annuity_report(months, today())
            })?;
            annuity_pdf(&data, p)
        },
    )
    .await
}

/// Pulled by `export_cancel`: the running export returns at once with
/// nothing written. Its rendering finishes on its own thread and is dropped
/// (it holds no lock and writes nothing until it is returned).
static EXPORT_CANCEL: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Stops the export in progress, if any: it returns null and writes no file.
#[tauri::command]
pub fn export_cancel() {
    EXPORT_CANCEL.notify_waiters();
}

/// Asks where the PDF goes (see `save_target`), then renders it on a
/// blocking thread without holding the store, emitting `export-progress`,
/// writes it and remembers it for "open in viewer"; null when the dialog
/// or `export_cancel` stopped it. The dialog runs on the
/// main thread and is waited for on a blocking thread, not on one of the
/// async runtime's workers (the export commands are async).
pub(super) async fn export_pdf<R: Runtime>(
    app: AppHandle<R>,
    job: &'static str,
    title: &'static str,
    name: String,
    render: impl FnOnce(&mut dyn FnMut(ipdesk_core::Progress)) -> ipdesk_core::Result<Vec<u8>>
        + Send
        + 'static,
) -> CmdResult<Option<ExportResult>> {
    let asking = app.clone();
    let Some(path) = tauri::async_runtime::spawn_blocking(move || {
        save_target(&asking, title, name, "PDF", "pdf")
    })
    .await
    .map_err(|e| AppError::io(format!("文件对话框异常关闭：{e}")))??
    else {
        return Ok(None);
    };
    let emitter = app.clone();
    // Listening before the work starts, so a cancel sent at any moment
    // from here on is seen.
    let cancelled = EXPORT_CANCEL.notified();
    tokio::pin!(cancelled);
    cancelled.as_mut().enable();
    let rendering = tauri::async_runtime::spawn_blocking(move || {
        render(&mut |p: ipdesk_core::Progress| {
            let _ = emitter.emit(
                "export-progress",
                ExportProgress {
                    job,
                    done: p.done,
                    total: p.total,
                    stage: p.stage.into(),
                },
            );
        })
    });
    let bytes = tokio::select! {
        done = rendering => done.map_err(|e| AppError::io(format!("导出中断：{e}")))??,
        () = &mut cancelled => return Ok(None),
    };
    let state = app.state::<AppState>();
    // Atomically, and never over the open database.
    store(&state).save_file(&path, &bytes)?;
    Ok(Some(remember_export(&state, path)))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use tauri::Manager;

    use super::*;

    /// `export_cancel` during the rendering: the command answers null at
    /// once and no file appears, even after the rendering has finished. The
    /// control, not cancelled, writes its file.
    #[test]
    fn a_cancelled_export_returns_at_once_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // The debug build's stand-in for the save dialog (no other test
        // here reaches a save dialog).
        std::env::set_var("IPDESK_SAVE_DIR", dir.path());
        let app = tauri::test::mock_app();
        let db = dir.path().join("ipdesk.db");
        app.manage(AppState::new(ipdesk_core::Store::open(&db).unwrap(), db));
        let export = |name: &str| {
            let (started_tx, started) = mpsc::channel::<()>();
            let (release, release_rx) = mpsc::channel::<()>();
            let job = export_pdf(
                app.handle().clone(),
                "test",
                "测试",
                name.to_string(),
                move |_| {
                    started_tx.send(()).unwrap();
                    let _ = release_rx.recv();
                    Ok(b"%PDF-1.7\n".to_vec())
                },
            );
            (tauri::async_runtime::spawn(job), started, release)
        };

        let (job, started, release) = export("cancelled.pdf");
        started.recv_timeout(Duration::from_secs(10)).unwrap();
        export_cancel();
        // Were the cancel not heard, the rendering would still end (and be
        // written) two seconds on.
        let releasing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(2));
            let _ = release.send(());
        });
        let answer = tauri::async_runtime::block_on(job).unwrap().unwrap();
        assert!(answer.is_none(), "cancelled: null");
        releasing.join().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            !dir.path().join("cancelled.pdf").exists(),
            "nothing is written once the rendering ends"
        );

        let (job, started, release) = export("kept.pdf");
        started.recv_timeout(Duration::from_secs(10)).unwrap();
        release.send(()).unwrap();
        let answer = tauri::async_runtime::block_on(job).unwrap().unwrap();
        assert!(answer.is_some(), "not cancelled: written");
        assert!(dir.path().join("kept.pdf").exists());
    }
}
