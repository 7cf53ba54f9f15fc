//! The records around the ledger — trademarks, pledges, awards, transfers,
//! insurance, products, rights of other kinds and the qualifications held: `<kind>_list`, `<kind>_save` and `<kind>_delete`
//! for each, over the core's generic record store.

use chrono::NaiveDate;
use ipdesk_core::{
    AwardData, FilingChannel, InsuranceData, Money, OtherIpData, PledgeData, ProductData,
    QualificationData, Record, RenewalDue, Stored, TrademarkData, TrademarkRenewal, TransferData,
};
use tauri::State;

use super::{store, AppState};
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

/// Registered marks whose renewal window opens within `months`, or is open,
/// or in grace, with the fee for the channel.
#[tauri::command(async)]
pub fn trademark_renewals(
    state: State<'_, AppState>,
    months: u32,
    channel: FilingChannel,
) -> CmdResult<Vec<RenewalDue>> {
    Ok(store(&state).trademark_renewals(super::today(), months, channel)?)
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
