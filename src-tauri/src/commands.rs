//! Tauri commands: take the state, call one core function, map the error.
//! Argument and result types are the core's serde types (camelCase), whose
//! TypeScript twins are generated into ui/src/api/bindings.

use std::path::PathBuf;
use std::sync::MutexGuard;

use chrono::{Local, NaiveDate};
use ipdesk_core::{
    report, AnnuityPayment, AppNo, AuditEntry, AwardData, Company, Dashboard, FeeSchedule,
    Forecast, HighValue, InsuranceData, Money, Patent, PatentData, PatentPage, PatentQuery,
    PaymentInput, PledgeData, ProductData, Record, RuleSource, Rules, Store, Stored, TagCount,
    TrademarkData, TransferData,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{AppError, CmdResult};
use crate::{window_title, AppState};

pub(crate) fn store<'a>(state: &'a State<'_, AppState>) -> MutexGuard<'a, Store> {
    // A panic while holding the lock leaves the store usable: every write is
    // its own transaction, so there is no half-written state to protect.
    state.store.lock().unwrap_or_else(|p| p.into_inner())
}

/// Business logic takes `today`; the shell is where the clock is read.
pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    db_path: String,
    schema_version: i64,
    version: &'static str,
    today: NaiveDate,
}

pub(crate) fn app_info_of(store: &Store) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        db_path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        schema_version: store.schema_version()?,
        version: env!("CARGO_PKG_VERSION"),
        today: today(),
    })
}

#[tauri::command(async)]
fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    app_info_of(&store(&state))
}

/// Runs a native file dialog on the GTK main thread and waits for it.
pub(crate) fn dialog<F>(app: &AppHandle, f: F) -> CmdResult<Option<PathBuf>>
where
    F: FnOnce(rfd::FileDialog) -> Option<PathBuf> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let _ = tx.send(f(rfd::FileDialog::new()));
    })
    .map_err(|e| AppError::io(format!("无法打开文件对话框：{e}")))?;
    rx.recv()
        .map_err(|e| AppError::io(format!("文件对话框异常关闭：{e}")))
}

fn switch_db(app: &AppHandle, state: &State<'_, AppState>, path: PathBuf) -> CmdResult<AppInfo> {
    let opened = Store::open(&path)?;
    let _alone = state.readers.write().unwrap_or_else(|p| p.into_inner());
    let mut guard = store(state);
    *guard = opened;
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = path.clone();
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&window_title(&path));
    }
    app_info_of(&guard)
}

#[tauri::command(async)]
fn db_open(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<AppInfo>> {
    let picked = dialog(&app, |d| {
        d.set_title("打开台账数据库")
            .add_filter("IP Desk 数据库", &["db", "sqlite"])
            .pick_file()
    })?;
    picked.map(|p| switch_db(&app, &state, p)).transpose()
}

#[tauri::command(async)]
fn db_new(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<AppInfo>> {
    let picked = dialog(&app, |d| {
        d.set_title("新建台账数据库")
            .set_file_name("ipdesk.db")
            .add_filter("IP Desk 数据库", &["db"])
            .save_file()
    })?;
    picked.map(|p| switch_db(&app, &state, p)).transpose()
}

/// Runs a long read (the dashboard's forecast, a report's rows) on a
/// read-only connection of its own, so the ledger or any other screen the
/// user turns to meanwhile — or an import holding the store — does not keep
/// it waiting, and it does not keep them waiting. The shared `readers` guard
/// keeps a restore or a switch of database from moving the file under it.
pub(crate) fn read_apart<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store) -> ipdesk_core::Result<T>,
) -> ipdesk_core::Result<T> {
    let _open = state.readers.read().unwrap_or_else(|p| p.into_inner());
    let path = state
        .db_path
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    f(&Store::open_reader(&path)?)
}

#[tauri::command(async)]
fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(read_apart(&state, |s| s.dashboard(today()))?)
}

#[tauri::command(async)]
fn company_get(state: State<'_, AppState>) -> CmdResult<Company> {
    Ok(store(&state).company()?)
}

#[tauri::command(async)]
fn company_set(state: State<'_, AppState>, company: Company) -> CmdResult<Company> {
    Ok(store(&state).set_company(company)?)
}

#[tauri::command(async)]
fn check_app_no(number: String) -> CmdResult<AppNo> {
    Ok(ipdesk_core::parse_cn_app_no(&number)?)
}

#[tauri::command(async)]
fn check_uscc(code: String) -> CmdResult<String> {
    Ok(ipdesk_core::parse_uscc(&code)?)
}

/// The ledger's tags with their patent counts, for the tag filter.
#[tauri::command(async)]
fn patent_tags(state: State<'_, AppState>) -> CmdResult<Vec<TagCount>> {
    Ok(read_apart(&state, |s| s.tags())?)
}

/// Pages come from the app's store, which remembers recent listings. If a
/// long write holds it (an import of thousands of rows) past a short wait,
/// they come from a read-only connection instead, so the ledger stays
/// usable and shows the last committed state. The wait covers the ledger's
/// own page requests, which overlap for a few milliseconds.
#[tauri::command(async)]
fn patents_list(state: State<'_, AppState>, query: PatentQuery) -> CmdResult<PatentPage> {
    use std::sync::TryLockError;
    use std::time::{Duration, Instant};
    let give_up = Instant::now() + Duration::from_millis(150);
    loop {
        match state.store.try_lock() {
            Ok(s) => return Ok(s.list_patents(&query, today())?),
            Err(TryLockError::Poisoned(p)) => {
                return Ok(p.into_inner().list_patents(&query, today())?)
            }
            Err(TryLockError::WouldBlock) if Instant::now() < give_up => {
                std::thread::sleep(Duration::from_millis(2))
            }
            Err(TryLockError::WouldBlock) => {
                return Ok(read_apart(&state, |s| s.list_patents(&query, today()))?)
            }
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatentDetail {
    patent: Patent,
    display_app_no: String,
    schedule: FeeSchedule,
    payments: Vec<AnnuityPayment>,
    family: Vec<Patent>,
    high_value: HighValue,
    history: Vec<AuditEntry>,
}

#[tauri::command(async)]
fn patent_get(state: State<'_, AppState>, id: i64) -> CmdResult<PatentDetail> {
    let s = store(&state);
    let patent = s.patent(id)?;
    Ok(PatentDetail {
        display_app_no: patent.display_app_no(),
        schedule: s.fee_schedule(id, today())?,
        payments: s.payments(id)?,
        family: s.family(id)?,
        high_value: s.high_value_of(id, today())?,
        history: s.history("patent", id)?,
        patent,
    })
}

#[tauri::command(async)]
fn patent_add(state: State<'_, AppState>, data: PatentData) -> CmdResult<Patent> {
    Ok(store(&state).add_patent(data)?)
}

#[tauri::command(async)]
fn patent_update(state: State<'_, AppState>, id: i64, data: PatentData) -> CmdResult<Patent> {
    Ok(store(&state).update_patent(id, data)?)
}

#[tauri::command(async)]
fn patent_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_patent(id)?)
}

#[tauri::command(async)]
fn payment_record(
    state: State<'_, AppState>,
    patent_id: i64,
    input: PaymentInput,
) -> CmdResult<AnnuityPayment> {
    Ok(store(&state).record_payment(patent_id, input)?)
}

#[tauri::command(async)]
fn payment_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(&state).delete_payment(id)?)
}

#[tauri::command(async)]
fn family_link(state: State<'_, AppState>, id: i64, other: String) -> CmdResult<Vec<Patent>> {
    let mut s = store(&state);
    let other = s.find_patent(&other)?;
    s.link_family(id, other.id)?;
    Ok(s.family(id)?)
}

#[tauri::command(async)]
fn family_unlink(state: State<'_, AppState>, id: i64, other_id: i64) -> CmdResult<()> {
    Ok(store(&state).unlink_family(id, other_id)?)
}

#[tauri::command(async)]
fn forecast(state: State<'_, AppState>, months: u32) -> CmdResult<Forecast> {
    Ok(store(&state).forecast(today(), months)?)
}

#[tauri::command(async)]
fn high_value_list(state: State<'_, AppState>) -> CmdResult<Vec<HighValue>> {
    Ok(store(&state).high_value(today())?)
}

#[derive(Debug, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pledge_threshold: Option<Money>,
}

#[tauri::command(async)]
fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(Settings {
        pledge_threshold: store(&state).pledge_threshold()?,
    })
}

#[tauri::command(async)]
fn settings_set(
    state: State<'_, AppState>,
    pledge_threshold: Option<Money>,
) -> CmdResult<Settings> {
    let mut s = store(&state);
    s.set_pledge_threshold(pledge_threshold)?;
    Ok(Settings {
        pledge_threshold: s.pledge_threshold()?,
    })
}

#[tauri::command(async)]
fn rules() -> Vec<RuleSource> {
    Rules::bundled().sources.clone()
}

fn list<T: Record>(state: &State<'_, AppState>) -> CmdResult<Vec<Stored<T>>> {
    Ok(store(state).list_records::<T>()?)
}

fn save<T: Record>(state: &State<'_, AppState>, id: Option<i64>, data: T) -> CmdResult<Stored<T>> {
    let mut s = store(state);
    Ok(match id {
        Some(id) => s.update_record(id, data)?,
        None => s.add_record(data)?,
    })
}

fn delete<T: Record>(state: &State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(store(state).delete_record::<T>(id)?)
}

/// `<kind>_list`, `<kind>_save` and `<kind>_delete` for one record kind.
macro_rules! record_commands {
    ($t:ty, $list:ident, $save:ident, $delete:ident) => {
        #[tauri::command(async)]
        fn $list(state: State<'_, AppState>) -> CmdResult<Vec<Stored<$t>>> {
            list::<$t>(&state)
        }
        #[tauri::command(async)]
        fn $save(state: State<'_, AppState>, id: Option<i64>, data: $t) -> CmdResult<Stored<$t>> {
            save::<$t>(&state, id, data)
        }
        #[tauri::command(async)]
        fn $delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
            delete::<$t>(&state, id)
        }
    };
}

record_commands!(
    TrademarkData,
    trademark_list,
    trademark_save,
    trademark_delete
);
record_commands!(PledgeData, pledge_list, pledge_save, pledge_delete);
record_commands!(AwardData, award_list, award_save, award_delete);
record_commands!(TransferData, transfer_list, transfer_save, transfer_delete);
record_commands!(
    InsuranceData,
    insurance_list,
    insurance_save,
    insurance_delete
);
record_commands!(ProductData, product_list, product_save, product_delete);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportProgress {
    job: &'static str,
    done: u32,
    total: u32,
    stage: String,
}

#[derive(Debug, Serialize)]
pub struct Exported {
    pub(crate) path: PathBuf,
}

/// Where an export goes: the save dialog, or — when `IPDESK_SAVE_DIR` is set,
/// as in the end-to-end tests, which cannot drive a native dialog — that
/// directory with the suggested name.
/// Asks where a PDF goes. The dialog runs on the main thread and this waits
/// for it on a blocking thread, not on one of the async runtime's workers
/// (the export commands are async).
async fn export_target(
    app: &AppHandle,
    title: &'static str,
    name: String,
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("IPDESK_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        dialog(&app, move |d| {
            d.set_title(title)
                .set_file_name(&name)
                .add_filter("PDF", &["pdf"])
                .save_file()
        })
    })
    .await
    .map_err(|e| AppError::io(format!("文件对话框异常关闭：{e}")))?
}

/// Renders on a blocking thread without holding the store, reporting progress.
async fn export_pdf(
    app: AppHandle,
    job: &'static str,
    path: PathBuf,
    render: impl FnOnce(&mut dyn FnMut(report::Progress)) -> ipdesk_core::Result<Vec<u8>>
        + Send
        + 'static,
) -> CmdResult<Option<Exported>> {
    let emitter = app.clone();
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        render(&mut |p: report::Progress| {
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
    })
    .await
    .map_err(|e| AppError::io(format!("导出中断：{e}")))??;
    std::fs::write(&path, bytes)
        .map_err(|e| AppError::io(format!("无法写入 {}：{e}", path.display())))?;
    app.state::<AppState>()
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.clone());
    Ok(Some(Exported { path }))
}

#[tauri::command]
async fn export_ledger_pdf(app: AppHandle, query: PatentQuery) -> CmdResult<Option<Exported>> {
    let Some(path) =
        export_target(&app, "导出专利台账", format!("专利台账-{}.pdf", today())).await?
    else {
        return Ok(None);
    };
    let handle = app.clone();
    export_pdf(app, "ledger", path, move |p| {
        // Query on the blocking thread too, on a connection of its own.
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.ledger_report(&query, today())
        })?;
        report::ledger_pdf(&data, p)
    })
    .await
}

#[tauri::command]
async fn export_annuities_pdf(app: AppHandle, months: u32) -> CmdResult<Option<Exported>> {
    let Some(path) = export_target(
        &app,
        "导出年费缴纳计划",
        format!("年费缴纳计划-{}.pdf", today()),
    )
    .await?
    else {
        return Ok(None);
    };
    let handle = app.clone();
    export_pdf(app, "annuities", path, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.annuity_report(months, today())
        })?;
        report::annuity_pdf(&data, p)
    })
    .await
}

/// Opens a file this session exported in the system viewer; any other path is refused.
#[tauri::command(async)]
fn open_path(state: State<'_, AppState>, path: PathBuf) -> CmdResult<()> {
    if !state
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .contains(&path)
    {
        return Err(AppError::io("只能打开本次导出的文件"));
    }
    open::that_detached(&path)
        .map_err(|e| AppError::io(format!("无法打开 {}：{e}", path.display())))
}

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        db_open,
        db_new,
        dashboard,
        company_get,
        company_set,
        check_app_no,
        check_uscc,
        patents_list,
        patent_tags,
        patent_get,
        patent_add,
        patent_update,
        patent_delete,
        payment_record,
        payment_delete,
        family_link,
        family_unlink,
        forecast,
        high_value_list,
        settings_get,
        settings_set,
        rules,
        trademark_list,
        trademark_save,
        trademark_delete,
        pledge_list,
        pledge_save,
        pledge_delete,
        award_list,
        award_save,
        award_delete,
        transfer_list,
        transfer_save,
        transfer_delete,
        insurance_list,
        insurance_save,
        insurance_delete,
        product_list,
        product_save,
        product_delete,
        export_ledger_pdf,
        export_annuities_pdf,
        open_path,
        crate::io_commands::import_pick,
        crate::io_commands::import_run,
        crate::io_commands::import_log,
        crate::io_commands::export_table,
        crate::io_commands::export_trademarks,
        crate::io_commands::backup_now,
        crate::io_commands::restore_from,
    ]
}
