//! `add` / `list` / `delete` for the records around the ledger.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ipdesk_core::{
    records_pdf, AwardData, Error, InsuranceData, Money, OtherIpData, PledgeData, ProductData,
    QualificationData, Record, RecordKind, Result, Stored, TrademarkData, TransferData,
    YearRevenue,
};

use crate::ledger::patent_ids;
use crate::print::{self, opt};
use crate::{date, money, open, today};

/// The shared verbs; `A` is the kind's own `add` arguments.
#[derive(Debug, Subcommand)]
pub enum Verb<A: Args> {
    Add(A),
    List,
    Delete { id: i64 },
}

/// Trademarks: the shared verbs, and renewals.
#[derive(Debug, Subcommand)]
pub enum TrademarkCmd {
    #[command(flatten)]
    Record(Verb<TrademarkArgs>),
    /// Registered marks whose renewal window opens within N months, or is
    /// open, or in the grace period; with the official fee.
    Renewals {
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// online | paper (网上 / 纸件): the fee differs.
        #[arg(long, default_value = "online")]
        channel: String,
    },
    /// Record a renewal filed on DATE: the term moves on ten years.
    Renew {
        reg_no: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Amount paid (yuan); default: the official fee (plus the late fee in grace).
        #[arg(long)]
        amount: Option<String>,
        #[arg(long, default_value = "online")]
        channel: String,
    },
}
pub type PledgeCmd = Verb<PledgeArgs>;
pub type AwardCmd = Verb<AwardArgs>;
pub type TransferCmd = Verb<TransferArgs>;
pub type InsuranceCmd = Verb<InsuranceArgs>;
pub type ProductCmd = Verb<ProductArgs>;
pub type QualificationCmd = Verb<QualificationArgs>;
pub type OtherIpCmd = Verb<OtherIpArgs>;

#[derive(Debug, Args)]
pub struct QualificationArgs {
    /// 高新技术企业, 专精特新中小企业, 知识产权优势企业, 知识产权管理体系认证 …
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    cert_no: String,
    #[arg(long, default_value = "")]
    issuer: String,
    #[arg(long)]
    issued_on: Option<String>,
    #[arg(long)]
    valid_until: Option<String>,
    /// For a 贯标 certificate: GB/T 29490-2013 or GB/T 29490-2023.
    #[arg(long, default_value = "")]
    standard: String,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct OtherIpArgs {
    /// software_copyright | ic_layout | plant_variety | new_drug | tcm_protected | other
    /// (or 软件著作权, 集成电路布图设计 …).
    #[arg(long, default_value = "software_copyright")]
    kind: String,
    /// 登记号 / 证书号.
    #[arg(long)]
    reg_no: String,
    #[arg(long)]
    title: String,
    /// 著作权人 / 权利人; repeat.
    #[arg(long = "owner")]
    owners: Vec<String>,
    #[arg(long)]
    reg_date: Option<String>,
    #[arg(long)]
    valid_until: Option<String>,
    /// valid | lapsed.
    #[arg(long, default_value = "valid")]
    status: String,
    /// own | transfer | gift | merger | other (自主研发 / 受让 …).
    #[arg(long, default_value = "own")]
    acquisition: String,
    #[arg(long)]
    acquired_on: Option<String>,
    /// The year it was used in a 高新技术企业 application.
    #[arg(long)]
    hnte_used_year: Option<i32>,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct TrademarkArgs {
    #[arg(long)]
    reg_no: String,
    #[arg(long)]
    mark: String,
    /// Nice class; repeat for each.
    #[arg(long = "class")]
    classes: Vec<u32>,
    #[arg(long)]
    reg_date: Option<String>,
    #[arg(long)]
    expiry_date: Option<String>,
    /// pending | registered | expired | cancelled.
    #[arg(long, default_value = "registered")]
    status: String,
    /// 驰名商标.
    #[arg(long)]
    well_known: bool,
    /// 地理标志.
    #[arg(long)]
    geographical_indication: bool,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct PledgeArgs {
    #[arg(long)]
    pledgor: String,
    #[arg(long)]
    pledgee: String,
    /// Loan amount in yuan.
    #[arg(long)]
    loan_amount: String,
    #[arg(long)]
    start_date: Option<String>,
    #[arg(long)]
    end_date: Option<String>,
    #[arg(long, default_value = "")]
    reg_no: String,
    #[arg(long)]
    reg_date: Option<String>,
    #[arg(long)]
    release_date: Option<String>,
    /// Application number of a pledged patent; repeat.
    #[arg(long = "patent")]
    patents: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct AwardArgs {
    /// china-patent | national-sci-tech | provincial-patent | other.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    level: String,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long = "patent")]
    patents: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// assign-in | assign-out | license-in | license-out.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    counterparty: String,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    amount: Option<String>,
    #[arg(long, default_value = "")]
    contract_no: String,
    #[arg(long, default_value = "")]
    record_no: String,
    #[arg(long = "patent")]
    patents: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct InsuranceArgs {
    /// e.g. 专利执行保险.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    insurer: String,
    #[arg(long, default_value = "")]
    policy_no: String,
    #[arg(long)]
    premium: Option<String>,
    #[arg(long)]
    cover: Option<String>,
    #[arg(long)]
    start_date: Option<String>,
    #[arg(long)]
    end_date: Option<String>,
    #[arg(long = "patent")]
    patents: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct ProductArgs {
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    model: String,
    #[arg(long, default_value = "")]
    industry: String,
    /// 未备案 / 已备案 / 已认定.
    #[arg(long, default_value = "")]
    filing_status: String,
    /// YEAR=AMOUNT (yuan); repeat.
    #[arg(long = "revenue")]
    revenues: Vec<String>,
    #[arg(long = "patent")]
    patents: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

fn run<A: Args, T: Record>(
    db: &Option<PathBuf>,
    json: bool,
    cmd: Verb<A>,
    build: impl FnOnce(&ipdesk_core::Store, A) -> Result<T>,
    header: &[&str],
    row: impl Fn(&Stored<T>) -> Vec<String>,
) -> Result<()> {
    let mut store = open(db)?;
    match cmd {
        Verb::Add(a) => {
            let data = build(&store, a)?;
            let saved = store.add_record(data)?;
            if json {
                print::json(&saved);
            } else {
                println!("已添加{} #{}", T::LABEL, saved.id);
            }
        }
        Verb::List => {
            let list = store.list_records::<T>()?;
            if json {
                print::json(&list);
            } else {
                let mut h = vec!["编号"];
                h.extend_from_slice(header);
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        let mut v = vec![r.id.to_string()];
                        v.extend(row(r));
                        v
                    })
                    .collect();
                print::table(&h, &rows);
                println!("共 {} 条", list.len());
            }
        }
        Verb::Delete { id } => {
            store.delete_record::<T>(id)?;
            println!("已删除{} #{id}", T::LABEL);
        }
    }
    Ok(())
}

fn amount(field: &'static str, v: &Option<String>) -> Result<Money> {
    Ok(money(field, v)?.unwrap_or_default())
}

fn linked(store: &ipdesk_core::Store, ids: &[i64]) -> String {
    ids.iter()
        .filter_map(|id| store.patent(*id).ok())
        .map(|p| p.display_app_no())
        .collect::<Vec<_>>()
        .join("、")
}

pub fn trademark(db: &Option<PathBuf>, json: bool, cmd: TrademarkCmd) -> Result<()> {
    let cmd = match cmd {
        TrademarkCmd::Record(cmd) => cmd,
        TrademarkCmd::Renewals {
            months,
            today: t,
            channel,
        } => {
            let store = open(db)?;
            let due = store.trademark_renewals(crate::today(&t)?, months, channel.parse()?)?;
            if json {
                print::json(&due);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = due.iter().map(|r| r.cells()).collect();
            print::table(&ipdesk_core::RENEWAL_COLUMNS, &rows);
            return Ok(());
        }
        TrademarkCmd::Renew {
            reg_no,
            date: d,
            amount,
            channel,
        } => {
            let mut store = open(db)?;
            let r = store.renew_trademark(
                &reg_no,
                ipdesk_core::parse_date("续展日期", &d)?,
                channel.parse()?,
                money("金额", &amount)?,
            )?;
            if json {
                print::json(&r);
            } else {
                println!(
                    "已续展 {reg_no}：有效期由 {} 延至 {}，费用 {} 元{}",
                    r.previous_expiry,
                    r.new_expiry,
                    r.amount,
                    if r.late_fee.0 > 0 {
                        format!("，迟延费 {} 元", r.late_fee)
                    } else {
                        String::new()
                    }
                );
            }
            return Ok(());
        }
    };
    run(
        db,
        json,
        cmd,
        |_, a: TrademarkArgs| {
            Ok(TrademarkData {
                reg_no: a.reg_no,
                mark: a.mark,
                classes: a.classes,
                reg_date: date("注册日", &a.reg_date)?,
                expiry_date: date("有效期至", &a.expiry_date)?,
                status: a.status.parse()?,
                well_known: a.well_known,
                geographical_indication: a.geographical_indication,
                notes: a.notes,
            })
        },
        &[
            "注册号",
            "商标",
            "类别",
            "注册日",
            "有效期至",
            "状态",
            "驰名",
            "地理标志",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.reg_no.clone(),
                d.mark.clone(),
                d.classes
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                opt(&d.reg_date),
                opt(&d.expiry_date),
                d.status.label().into(),
                if d.well_known {
                    "是".into()
                } else {
                    String::new()
                },
                if d.geographical_indication {
                    "是".into()
                } else {
                    String::new()
                },
            ]
        },
    )
}

pub fn pledge(db: &Option<PathBuf>, json: bool, cmd: PledgeCmd) -> Result<()> {
    let store = open(db)?;
    run(
        db,
        json,
        cmd,
        |s, a: PledgeArgs| {
            Ok(PledgeData {
                pledgor: a.pledgor,
                pledgee: a.pledgee,
                loan_amount: Money::parse("融资金额", &a.loan_amount)?,
                start_date: date("起始日", &a.start_date)?,
                end_date: date("到期日", &a.end_date)?,
                reg_no: a.reg_no,
                reg_date: date("登记日", &a.reg_date)?,
                release_date: date("解除日期", &a.release_date)?,
                patent_ids: patent_ids(s, &a.patents)?,
                notes: a.notes,
            })
        },
        &[
            "出质人",
            "质权人",
            "融资金额",
            "登记号",
            "登记日",
            "解除日",
            "质押专利",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.pledgor.clone(),
                d.pledgee.clone(),
                d.loan_amount.to_string(),
                d.reg_no.clone(),
                opt(&d.reg_date),
                opt(&d.release_date),
                linked(&store, &d.patent_ids),
            ]
        },
    )
}

pub fn award(db: &Option<PathBuf>, json: bool, cmd: AwardCmd) -> Result<()> {
    let store = open(db)?;
    run(
        db,
        json,
        cmd,
        |s, a: AwardArgs| {
            Ok(AwardData {
                kind: a.kind.parse()?,
                name: a.name,
                level: a.level,
                year: a.year,
                patent_ids: patent_ids(s, &a.patents)?,
                notes: a.notes,
            })
        },
        &["类别", "奖项", "等级", "年度", "获奖专利"],
        |r| {
            let d = &r.data;
            vec![
                d.kind.label().into(),
                d.name.clone(),
                d.level.clone(),
                opt(&d.year),
                linked(&store, &d.patent_ids),
            ]
        },
    )
}

pub fn transfer(db: &Option<PathBuf>, json: bool, cmd: TransferCmd) -> Result<()> {
    let store = open(db)?;
    run(
        db,
        json,
        cmd,
        |s, a: TransferArgs| {
            Ok(TransferData {
                kind: a.kind.parse()?,
                counterparty: a.counterparty,
                date: date("日期", &a.date)?,
                amount: amount("金额", &a.amount)?,
                contract_no: a.contract_no,
                record_no: a.record_no,
                patent_ids: patent_ids(s, &a.patents)?,
                notes: a.notes,
            })
        },
        &[
            "类型",
            "对方单位",
            "日期",
            "金额",
            "合同号",
            "备案号",
            "涉及专利",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.kind.label().into(),
                d.counterparty.clone(),
                opt(&d.date),
                d.amount.to_string(),
                d.contract_no.clone(),
                d.record_no.clone(),
                linked(&store, &d.patent_ids),
            ]
        },
    )
}

pub fn insurance(db: &Option<PathBuf>, json: bool, cmd: InsuranceCmd) -> Result<()> {
    let store = open(db)?;
    run(
        db,
        json,
        cmd,
        |s, a: InsuranceArgs| {
            Ok(InsuranceData {
                kind: a.kind,
                insurer: a.insurer,
                policy_no: a.policy_no,
                premium: amount("保费", &a.premium)?,
                cover: amount("保额", &a.cover)?,
                start_date: date("起期", &a.start_date)?,
                end_date: date("止期", &a.end_date)?,
                patent_ids: patent_ids(s, &a.patents)?,
                notes: a.notes,
            })
        },
        &[
            "险种",
            "保险公司",
            "保单号",
            "保费",
            "保额",
            "起期",
            "止期",
            "涉及专利",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.kind.clone(),
                d.insurer.clone(),
                d.policy_no.clone(),
                d.premium.to_string(),
                d.cover.to_string(),
                opt(&d.start_date),
                opt(&d.end_date),
                linked(&store, &d.patent_ids),
            ]
        },
    )
}

pub fn product(db: &Option<PathBuf>, json: bool, cmd: ProductCmd) -> Result<()> {
    let store = open(db)?;
    run(
        db,
        json,
        cmd,
        |s, a: ProductArgs| {
            let revenues = a
                .revenues
                .iter()
                .map(|r| {
                    let (y, m) = r.split_once('=').ok_or_else(|| Error::Invalid {
                        field: "销售收入".into(),
                        value: r.clone(),
                        reason: "格式应为 年度=金额，例如 2024=1500000".into(),
                    })?;
                    let year = y.trim().parse().map_err(|_| Error::Invalid {
                        field: "销售收入年度".into(),
                        value: y.into(),
                        reason: "不是有效年份".into(),
                    })?;
                    Ok(YearRevenue {
                        year,
                        revenue: Money::parse("销售收入", m)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(ProductData {
                name: a.name,
                model: a.model,
                industry: a.industry,
                filing_status: a.filing_status,
                revenues,
                patent_ids: patent_ids(s, &a.patents)?,
                notes: a.notes,
            })
        },
        &["产品", "型号", "行业", "备案状态", "销售收入", "关联专利"],
        |r| {
            let d = &r.data;
            vec![
                d.name.clone(),
                d.model.clone(),
                d.industry.clone(),
                d.filing_status.clone(),
                d.revenues
                    .iter()
                    .map(|y| format!("{}:{}", y.year, y.revenue))
                    .collect::<Vec<_>>()
                    .join(" "),
                linked(&store, &d.patent_ids),
            ]
        },
    )
}

pub fn qualification(db: &Option<PathBuf>, json: bool, cmd: QualificationCmd) -> Result<()> {
    let today = crate::today(&None)?;
    run(
        db,
        json,
        cmd,
        |_, a: QualificationArgs| {
            Ok(QualificationData {
                name: a.name,
                cert_no: a.cert_no,
                issuer: a.issuer,
                issued_on: date("发证日期", &a.issued_on)?,
                valid_until: date("有效期至", &a.valid_until)?,
                standard: a.standard,
                notes: a.notes,
            })
        },
        &[
            "资质",
            "证书编号",
            "认定机构",
            "发证日期",
            "有效期至",
            "标准",
            "今日",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.name.clone(),
                d.cert_no.clone(),
                d.issuer.clone(),
                opt(&d.issued_on),
                opt(&d.valid_until),
                d.standard.clone(),
                if d.valid_on(today) {
                    "有效"
                } else {
                    "无效"
                }
                .into(),
            ]
        },
    )
}

pub fn other_ip(db: &Option<PathBuf>, json: bool, cmd: OtherIpCmd) -> Result<()> {
    run(
        db,
        json,
        cmd,
        |_, a: OtherIpArgs| {
            Ok(OtherIpData {
                kind: a.kind.parse()?,
                reg_no: a.reg_no,
                title: a.title,
                owners: a.owners,
                reg_date: date("登记日", &a.reg_date)?,
                valid_until: date("有效期至", &a.valid_until)?,
                status: a.status.parse()?,
                acquisition: a.acquisition.parse()?,
                acquired_on: date("受让登记日", &a.acquired_on)?,
                hnte_used_year: a.hnte_used_year,
                notes: a.notes,
            })
        },
        &[
            "类别",
            "登记号",
            "名称",
            "登记日",
            "状态",
            "获得方式",
            "高企使用年度",
        ],
        |r| {
            let d = &r.data;
            vec![
                d.kind.label().into(),
                d.reg_no.clone(),
                d.title.clone(),
                opt(&d.reg_date),
                d.status.label().into(),
                d.acquisition.label().into(),
                d.hnte_used_year.map(|y| y.to_string()).unwrap_or_default(),
            ]
        },
    )
}

#[derive(Debug, Args)]
pub struct RecordsExportArgs {
    /// trademark | pledge | award | transfer | insurance | product | other_ip |
    /// qualification (or the list's title, 商标台账 …).
    kind: String,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The print date on the list.
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export records KIND --out FILE`: the page's list as a PDF.
pub fn export_records(db: &Option<PathBuf>, json: bool, a: RecordsExportArgs) -> Result<()> {
    let kind: RecordKind = a.kind.parse()?;
    let store = open(db)?;
    let data = store.records_report(kind, today(&a.today)?)?;
    let bytes = records_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    let what = format!("条记录（{}）", kind.title());
    crate::io::report_pdf(json, &a.out, &bytes, data.table.rows.len(), &what)
}

#[derive(Debug, Args)]
pub struct RenewalsExportArgs {
    #[arg(long, default_value_t = 12)]
    months: u32,
    /// online | paper (网上 / 纸件): the fee differs.
    #[arg(long, default_value = "online")]
    channel: String,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export renewals --out FILE`: the 商标续展计划.
pub fn export_renewals(db: &Option<PathBuf>, json: bool, a: RenewalsExportArgs) -> Result<()> {
    let store = open(db)?;
    let data = store.renewal_report(a.months, a.channel.parse()?, today(&a.today)?)?;
    let bytes = ipdesk_core::renewal_plan_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, data.rows.len(), "件商标续展")
}
