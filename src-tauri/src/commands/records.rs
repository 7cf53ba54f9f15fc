//! The records around the ledger — trademarks, pledges, awards, transfers,
//! insurance, products, rights of other kinds and the qualifications held: `<kind>_list`, `<kind>_save` and `<kind>_delete`
//! for each, over the core's generic record store.

use chrono::NaiveDate;
use ipdesk_core::{
    records_pdf, renewal_plan_pdf, AwardData, FilingChannel, InsuranceData, Money, OtherIpData,
    PledgeData, ProductData, QualificationData, Record, RecordKind, RenewalDue, Stored,
    TrademarkData, TrademarkRenewal, TransferData,
};
use tauri::{AppHandle, Manager, Runtime, State};

use super::io::ExportResult;
use super::ledger::export_pdf;
use super::{read_apart, store, today, AppState};
use crate::error::CmdResult;

fn list<T: Record>(state: &State<'_, AppState>) -> CmdResult<Vec<Stored<T>>> {
    Ok(store(state).list_records::<T>()?)
}

/// Adds the record when `id` is none, else updates it.
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
        pub fn $list(state: State<'_, AppState>) -> CmdResult<Vec<Stored<$t>>> {
            list::<$t>(&state)
        }
        #[tauri::command(async)]
        pub fn $save(
            state: State<'_, AppState>,
            id: Option<i64>,
            data: $t,
        ) -> CmdResult<Stored<$t>> {
            save::<$t>(&state, id, data)
        }
        #[tauri::command(async)]
        pub fn $delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
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
record_commands!(
    QualificationData,
    qualification_list,
    qualification_save,
    qualification_delete
);
record_commands!(OtherIpData, other_ip_list, other_ip_save, other_ip_delete);

/// A records page printed in its list's columns (商标台账 …), to a file the
/// user chooses, with progress; null when cancelled.
#[tauri::command]
pub async fn export_records_pdf<R: Runtime>(
    app: AppHandle<R>,
    kind: RecordKind,
) -> CmdResult<Option<ExportResult>> {
    let name = format!("{}-{}.pdf", kind.title(), today());
    let handle = app.clone();
    export_pdf(app, "records", "导出 PDF", name, move |p| {
        let data = read_apart(&handle.state::<AppState>(), |s| {
            s.records_report(kind, today())
        })?;
        records_pdf(&data, p)
    })
    .await
}

/// Registered marks whose renewal window opens within `months`, or is open,
/// or in grace, with the fee for the channel.
#[tauri::command(async)]
pub fn trademark_renewals(
    state: State<'_, AppState>,
    months: u32,
    channel: FilingChannel,
) -> CmdResult<Vec<RenewalDue>> {
    Ok(store(&state).trademark_renewals(today(), months, channel)?)
}

/// The renewals of the period printed as the 商标续展计划, to a file the
/// user chooses; null when cancelled. A period out of range is refused
/// before the dialog opens (the list is small, so it is gathered first).
#[tauri::command]
pub async fn export_renewals_pdf<R: Runtime>(
    app: AppHandle<R>,
    months: u32,
    channel: FilingChannel,
) -> CmdResult<Option<ExportResult>> {
    let data = read_apart(&app.state::<AppState>(), |s| {
        s.renewal_report(months, channel, today())
    })?;
    let name = format!("商标续展计划-{}.pdf", today());
    export_pdf(
        app,
        "renewals",
        "导出商标续展计划",
        name,
        move |p| renewal_plan_pdf(&data, p),
    )
    .await
}

/// Records a renewal filed on `date`; the term moves on ten years.
#[tauri::command(async)]
pub fn trademark_renew(
    state: State<'_, AppState>,
    reg_no: String,
    date: NaiveDate,
    channel: FilingChannel,
    amount: Option<Money>,
) -> CmdResult<TrademarkRenewal> {
    Ok(store(&state).renew_trademark(&reg_no, date, channel, amount)?)
}

#[tauri::command(async)]
pub fn trademark_renewal_history(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Vec<TrademarkRenewal>> {
    Ok(store(&state).trademark_renewal_history(id)?)
}
