//! Annual fees (年费): the schedule of one patent, the forecast over the
//! ledger, and recording a payment.

use std::path::PathBuf;

use clap::Subcommand;
use ipdesk_core::{parse_date, DecisionInput, FeeState, PaymentInput, Result};

use crate::print::{self, opt};
use crate::{money, open, today};

#[derive(Debug, Subcommand)]
pub enum FeesCmd {
    /// Every patent year with due date, full and payable amount, late fee as of today, status.
    Schedule {
        app_no: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Fees due over the next N months, with monthly subtotals.
    Forecast {
        #[arg(long)]
        months: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Record a payment.
    Pay {
        app_no: String,
        #[arg(long)]
        year: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Amount paid (yuan); default: the payable amount.
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// Late fee paid (yuan); default: as the rules compute for the date.
        #[arg(long, allow_hyphen_values = true)]
        late_fee: Option<String>,
        #[arg(long)]
        receipt: Option<String>,
    },
    /// Record the keep-or-drop decision on one year's fee (缴纳 / 放弃 / 待定).
    Decide {
        app_no: String,
        #[arg(long)]
        year: u32,
        /// pay | drop | pending (or 缴纳 / 放弃 / 待定).
        #[arg(long)]
        decision: String,
        /// Why; required to drop.
        #[arg(long, default_value = "")]
        reason: String,
        /// Who decided.
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// The fees due over the next N months with their decisions and value hints.
    Decisions {
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

pub fn run(db: &Option<PathBuf>, json: bool, cmd: FeesCmd) -> Result<()> {
    match cmd {
        FeesCmd::Decide {
            app_no,
            year,
            decision,
            reason,
            by,
            today: t,
        } => {
            let mut store = open(db)?;
            let p = store.find_patent(&app_no)?;
            let d = store.decide_fee(
                p.id,
                DecisionInput {
                    patent_year: year,
                    decision: decision.parse()?,
                    reason,
                    decided_by: by,
                    decided_on: None,
                },
                today(&t)?,
            )?;
            if json {
                print::json(&d);
            } else {
                println!(
                    "{} 第 {} 年年费：{}{}",
                    p.display_app_no(),
                    d.patent_year,
                    d.decision.label(),
                    if d.reason.is_empty() {
                        String::new()
                    } else {
                        format!("（{}）", d.reason)
                    }
                );
            }
        }
        FeesCmd::Decisions { months, today: t } => {
            let store = open(db)?;
            let r = store.approval_report(months, today(&t)?)?;
            if json {
                print::json(&r);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = r
                .rows
                .iter()
                .map(|row| {
                    vec![
                        row.item.deadline.to_string(),
                        row.item.app_no.clone(),
                        format!("第{}年", row.item.year),
                        (row.item.payable + row.item.late_fee).to_string(),
                        row.decision
                            .as_ref()
                            .map_or("未定", |d| d.decision.label())
                            .into(),
                        row.decision
                            .as_ref()
                            .map_or(String::new(), |d| d.reason.clone()),
                        row.hint.summary(),
                    ]
                })
                .collect();
            print::table(
                &[
                    "缴费期限",
                    "申请号",
                    "年度",
                    "应缴",
                    "决定",
                    "理由",
                    "价值参考",
                ],
                &rows,
            );
        }
        FeesCmd::Schedule { app_no, today: t } => {
            let store = open(db)?;
            let p = store.find_patent(&app_no)?;
            let s = store.fee_schedule(p.id, today(&t)?)?;
            if json {
                print::json(&s);
                return Ok(());
            }
            println!("{} {}", p.display_app_no(), p.data.title);
            let rows: Vec<Vec<String>> = s
                .rows
                .iter()
                .map(|r| {
                    let (late, note) = match &r.state {
                        FeeState::InGrace {
                            late_fee,
                            late_percent,
                            grace_end,
                        } => (
                            late_fee.to_string(),
                            format!("滞纳金 {late_percent}%，最迟 {grace_end}"),
                        ),
                        FeeState::Lapsed { grace_end } => {
                            (String::new(), format!("滞纳期已于 {grace_end} 届满"))
                        }
                        FeeState::Paid {
                            date: Some(d),
                            amount,
                        } => (String::new(), format!("{d} 缴 {} 元", opt(amount))),
                        FeeState::Paid { date: None, .. } => (
                            String::new(),
                            if Some(r.year) == s.grant_year {
                                "授权登记时缴纳".into()
                            } else {
                                "此前已缴".into()
                            },
                        ),
                        FeeState::Open | FeeState::Terminated => (String::new(), String::new()),
                    };
                    vec![
                        format!("第{}年", r.year),
                        r.due_date.to_string(),
                        if r.deadline != r.due_date {
                            r.deadline.to_string()
                        } else {
                            String::new()
                        },
                        r.full.to_string(),
                        r.payable.to_string(),
                        late,
                        r.state.label().into(),
                        note,
                    ]
                })
                .collect();
            print::table(
                &[
                    "年度",
                    "应缴日",
                    "顺延至",
                    "全额",
                    "应缴金额",
                    "滞纳金",
                    "状态",
                    "说明",
                ],
                &rows,
            );
            println!("{}", s.status.describe());
        }
        FeesCmd::Forecast { months, today: t } => {
            let store = open(db)?;
            let f = store.forecast(today(&t)?, months)?;
            if json {
                print::json(&f);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = f
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.deadline.to_string(),
                        i.app_no.clone(),
                        i.title.clone(),
                        format!("第{}年", i.year),
                        i.full.to_string(),
                        i.payable.to_string(),
                        if i.in_grace {
                            i.late_fee.to_string()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            print::table(
                &[
                    "缴费期限",
                    "申请号",
                    "专利名称",
                    "年度",
                    "全额",
                    "应缴金额",
                    "滞纳金",
                ],
                &rows,
            );
            println!();
            let months: Vec<Vec<String>> = f
                .months
                .iter()
                .map(|m| {
                    vec![
                        m.month.clone(),
                        m.count.to_string(),
                        m.payable.to_string(),
                        m.late_fee.to_string(),
                    ]
                })
                .collect();
            print::table(&["月份", "件数", "应缴金额", "滞纳金"], &months);
            println!(
                "{} 至 {}：合计应缴 {} 元，滞纳金 {} 元",
                f.from, f.to, f.total_payable, f.total_late_fee
            );
            if !f.lapsed.is_empty() {
                println!(
                    "另有 {} 项年费已超过滞纳期未缴，相关专利可能已终止",
                    f.lapsed.len()
                );
            }
        }
        FeesCmd::Pay {
            app_no,
            year,
            date: d,
            amount,
            late_fee,
            receipt,
        } => {
            let mut store = open(db)?;
            let p = store.find_patent(&app_no)?;
            let pay = store.record_payment(
                p.id,
                PaymentInput {
                    patent_year: year,
                    paid_date: Some(parse_date("缴费日期", &d)?),
                    amount: money("缴费金额", &amount)?,
                    late_fee: money("滞纳金", &late_fee)?,
                    receipt_no: receipt.unwrap_or_default(),
                },
            )?;
            if json {
                print::json(&pay);
            } else {
                println!(
                    "已登记 {} 第 {} 年年费 {} 元{}",
                    p.display_app_no(),
                    pay.patent_year,
                    pay.amount,
                    if pay.late_fee.0 > 0 {
                        format!("，滞纳金 {} 元", pay.late_fee)
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    Ok(())
}
