//! The patent ledger (专利台账): `patent …`, `highvalue` and `search`, and
//! how their results are printed. Annual fees are in `fees`.

use std::path::PathBuf;

use chrono::Local;
use clap::{Args, Subcommand};
use ipdesk_core::{
    parse_date, Entity, Error, FeeReduction, LegalStatus, PatentData, PatentKind, PatentPage,
    PatentQuery, Result, Route, Store,
};

use crate::print::{self, opt};
use crate::{date, open, today};

#[derive(Debug, Subcommand)]
pub enum PatentCmd {
    /// Add a patent or application.
    Add(PatentAddArgs),
    /// Change fields of a patent; fields not given keep their value.
    Edit(PatentEditArgs),
    Show {
        app_no: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    List(ListArgs),
    Delete {
        app_no: String,
    },
    /// The change history (audit trail) of a patent.
    History {
        app_no: String,
    },
    /// Link two patents as one family (e.g. a CN patent and its PCT/foreign member).
    LinkFamily {
        app_no: String,
        member: String,
    },
}

#[derive(Debug, Args)]
pub struct PatentAddArgs {
    #[arg(long)]
    app_no: String,
    /// invention | utility | design (or 发明 / 实用新型 / 外观设计).
    #[arg(long)]
    kind: String,
    #[arg(long)]
    title: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    filing_date: String,
    #[command(flatten)]
    more: PatentFields,
}

#[derive(Debug, Args)]
pub struct PatentEditArgs {
    /// The patent to edit.
    target: String,
    #[arg(long)]
    app_no: Option<String>,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    filing_date: Option<String>,
    #[command(flatten)]
    more: PatentFields,
}

#[derive(Debug, Args)]
pub struct PatentFields {
    /// CN (default), an ISO country code, EP or WO.
    #[arg(long)]
    jurisdiction: Option<String>,
    /// domestic | pct | paris.
    #[arg(long)]
    route: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    priority_date: Option<String>,
    #[arg(long)]
    publication_no: Option<String>,
    #[arg(long)]
    publication_kind: Option<String>,
    #[arg(long)]
    grant_no: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    grant_date: Option<String>,
    /// filed | published | examination | granted | expired | lapsed | rejected | withdrawn | abandoned | invalidated (or the Chinese label).
    #[arg(long)]
    status: Option<String>,
    /// none | 85 | 70.
    #[arg(long)]
    fee_reduction: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    fee_reduction_filed: Option<String>,
    /// Repeat for each applicant / owner; replaces the list.
    #[arg(long = "applicant")]
    applicants: Vec<String>,
    /// Repeat for each inventor; replaces the list.
    #[arg(long = "inventor")]
    inventors: Vec<String>,
    #[arg(long)]
    ipc: Option<String>,
    #[arg(long)]
    agency: Option<String>,
    #[arg(long)]
    agent: Option<String>,
    /// Product / technology tag; repeat; replaces the list.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// 战略性新兴产业 category.
    #[arg(long)]
    sei_category: Option<String>,
    /// Patent year of the grant-year fee, from the 办理登记手续通知书.
    #[arg(long)]
    grant_fee_year: Option<u32>,
    /// Annual fees already paid up to this patent year.
    #[arg(long)]
    fees_paid_through: Option<u32>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    exam_request_date: Option<String>,
    #[arg(long)]
    compensation_days: Option<u32>,
    /// A family member is granted abroad: true | false.
    #[arg(long)]
    overseas_family_grant: Option<bool>,
    /// 获得方式: own | transfer | gift | merger | other (自主研发 / 受让 …).
    #[arg(long)]
    acquisition: Option<String>,
    /// The date the transfer was registered (著录项目变更).
    #[arg(long, value_name = "YYYY-MM-DD")]
    acquired_on: Option<String>,
    /// The year it was used in a 高新技术企业 application.
    #[arg(long)]
    hnte_used_year: Option<i32>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Full-text filter.
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub jurisdiction: Option<String>,
    /// Only high-value inventions.
    #[arg(long)]
    pub high_value: bool,
    /// Only granted patents still without a grant date (授权日待补).
    #[arg(long)]
    pub grant_date_missing: bool,
    /// Next annual fee due within N days (overdue included).
    #[arg(long, value_name = "N")]
    pub due_within: Option<u32>,
    #[arg(long)]
    pub tag: Option<String>,
    /// filing-date | app-no | title | kind | status | grant-date | next-fee-due | fees-paid-to | applicants | jurisdiction | updated-at.
    #[arg(long, default_value = "filing-date")]
    pub sort: String,
    #[arg(long)]
    pub desc: bool,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// 0 lists everything.
    #[arg(long, default_value_t = 0)]
    pub limit: u32,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

impl ListArgs {
    pub fn query(&self) -> Result<PatentQuery> {
        Ok(PatentQuery {
            text: self.text.clone().unwrap_or_default(),
            kind: self.kind.as_deref().map(str::parse).transpose()?,
            status: self.status.as_deref().map(str::parse).transpose()?,
            jurisdiction: self.jurisdiction.clone(),
            high_value: self.high_value.then_some(true),
            fee_due_within_days: self.due_within,
            grant_date_missing: self.grant_date_missing,
            tag: self.tag.clone(),
            sort: self.sort.parse()?,
            descending: self.desc,
            offset: self.offset,
            limit: self.limit,
        })
    }
}

pub fn patent(db: &Option<PathBuf>, json: bool, cmd: PatentCmd) -> Result<()> {
    let mut store = open(db)?;
    match cmd {
        PatentCmd::Add(a) => {
            let mut p = PatentData {
                app_no: a.app_no,
                kind: a.kind.parse::<PatentKind>()?,
                title: a.title,
                filing_date: Some(parse_date("申请日", &a.filing_date)?),
                ..PatentData::default()
            };
            apply_fields(&mut p, a.more)?;
            let saved = store.add_patent(p)?;
            if json {
                print::json(&saved);
            } else {
                println!("已添加 {} {}", saved.display_app_no(), saved.data.title);
            }
        }
        PatentCmd::Edit(a) => {
            let before = store.find_patent(&a.target)?;
            let mut p = before.data.clone();
            if let Some(v) = a.app_no {
                p.app_no = v;
            }
            if let Some(v) = a.kind {
                p.kind = v.parse()?;
            }
            if let Some(v) = a.title {
                p.title = v;
            }
            if a.filing_date.is_some() {
                p.filing_date = date("申请日", &a.filing_date)?;
            }
            apply_fields(&mut p, a.more)?;
            let saved = store.update_patent(before.id, p)?;
            if json {
                print::json(&saved);
            } else {
                println!("已更新 {} {}", saved.display_app_no(), saved.data.title);
            }
        }
        PatentCmd::Show { app_no, today: t } => {
            let id = store.find_patent(&app_no)?.id;
            let detail = store.patent_detail(id, today(&t)?)?;
            let (p, schedule, hv, family) = (
                &detail.patent,
                &detail.schedule,
                &detail.high_value,
                &detail.family,
            );
            if json {
                print::json(&serde_json::json!({
                    "patent": p, "feeStatus": schedule.status, "feesPaidTo": schedule.paid_through,
                    "expiry": schedule.expiry, "highValue": hv,
                    "family": family.iter().map(|m| m.display_app_no()).collect::<Vec<_>>(),
                }));
            } else {
                let d = &p.data;
                print::fields(&[
                    ("申请号", p.display_app_no()),
                    ("专利名称", d.title.clone()),
                    ("类型", d.kind.label().into()),
                    ("国家/地区", d.jurisdiction.clone()),
                    ("申请途径", d.route.label().into()),
                    ("申请日", opt(&d.filing_date)),
                    ("优先权日", opt(&d.priority_date)),
                    (
                        "公开/公告号",
                        format!("{}{}", d.publication_no, d.publication_kind),
                    ),
                    ("授权公告号", d.grant_no.clone()),
                    ("授权日", opt(&d.grant_date)),
                    ("法律状态", d.status.label().into()),
                    ("申请人/专利权人", d.applicants.join("、")),
                    ("发明人", d.inventors.join("、")),
                    ("IPC", d.ipc.clone()),
                    (
                        "代理机构",
                        format!("{} {}", d.agency, d.agent).trim().to_string(),
                    ),
                    ("标签", d.tags.join("、")),
                    ("战略性新兴产业", d.sei_category.clone()),
                    (
                        "获得方式",
                        match d.acquired_on {
                            Some(on) => format!("{}（{on} 登记）", d.acquisition.label()),
                            None => d.acquisition.label().into(),
                        },
                    ),
                    (
                        "高企申报使用年度",
                        d.hnte_used_year.map(|y| y.to_string()).unwrap_or_default(),
                    ),
                    ("费减", d.fee_reduction.label().into()),
                    ("保护期至", opt(&schedule.expiry)),
                    (
                        "年费缴至",
                        schedule
                            .paid_through
                            .map(|y| format!("第 {y} 年"))
                            .unwrap_or_default(),
                    ),
                    ("年费状态", schedule.status.describe()),
                    (
                        "高价值",
                        if hv.is_high_value() {
                            hv.reasons
                                .iter()
                                .map(|r| r.label.clone())
                                .collect::<Vec<_>>()
                                .join("；")
                        } else {
                            "否".into()
                        },
                    ),
                    (
                        "同族",
                        family
                            .iter()
                            .map(|m| format!("{} {}", m.data.jurisdiction, m.display_app_no()))
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
                    ("备注", d.notes.clone()),
                ]);
            }
        }
        PatentCmd::List(args) => {
            let page = store.list_patents(&args.query()?, today(&args.today)?)?;
            print_patents(json, &page);
        }
        PatentCmd::Delete { app_no } => {
            let p = store.find_patent(&app_no)?;
            store.delete_patent(p.id)?;
            println!("已删除 {} {}", p.display_app_no(), p.data.title);
        }
        PatentCmd::History { app_no } => {
            let p = store.find_patent(&app_no)?;
            let h = store.history(Entity::Patent, p.id)?;
            if json {
                print::json(&h);
            } else {
                let rows: Vec<Vec<String>> = h
                    .iter()
                    .map(|e| {
                        vec![
                            e.at.clone(),
                            e.os_user.clone(),
                            e.action.clone(),
                            match &e.imported_from {
                                Some(f) => format!(
                                    "导入自 {}（工作表 {}）第 {} 行，导入记录 #{}",
                                    f.file, f.sheet, f.row, f.batch
                                ),
                                None => e
                                    .changes
                                    .as_object()
                                    .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
                                    .unwrap_or_default(),
                            },
                        ]
                    })
                    .collect();
                print::table(&["时间", "用户", "操作", "字段"], &rows);
            }
        }
        PatentCmd::LinkFamily { app_no, member } => {
            let a = store.find_patent(&app_no)?;
            let b = store.find_patent(&member)?;
            store.link_family(a.id, b.id)?;
            println!(
                "已关联同族：{} ↔ {}",
                a.display_app_no(),
                b.display_app_no()
            );
        }
    }
    Ok(())
}

fn apply_fields(p: &mut PatentData, f: PatentFields) -> Result<()> {
    let set = |dst: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *dst = v;
        }
    };
    set(&mut p.jurisdiction, f.jurisdiction);
    set(&mut p.publication_no, f.publication_no);
    set(&mut p.publication_kind, f.publication_kind);
    set(&mut p.grant_no, f.grant_no);
    set(&mut p.ipc, f.ipc);
    set(&mut p.agency, f.agency);
    set(&mut p.agent, f.agent);
    set(&mut p.sei_category, f.sei_category);
    set(&mut p.notes, f.notes);
    if let Some(r) = f.route {
        p.route = r.parse::<Route>()?;
    }
    if let Some(s) = f.status {
        p.status = s.parse::<LegalStatus>()?;
    }
    if let Some(r) = f.fee_reduction {
        p.fee_reduction = r.parse::<FeeReduction>()?;
    }
    if f.priority_date.is_some() {
        p.priority_date = date("优先权日", &f.priority_date)?;
    }
    if f.grant_date.is_some() {
        p.grant_date = date("授权日", &f.grant_date)?;
    }
    if f.fee_reduction_filed.is_some() {
        p.fee_reduction_filed = date("费减备案日", &f.fee_reduction_filed)?;
    }
    if f.exam_request_date.is_some() {
        p.exam_request_date = date("实审请求日", &f.exam_request_date)?;
    }
    if let Some(a) = f.acquisition {
        p.acquisition = a.parse()?;
    }
    if f.acquired_on.is_some() {
        p.acquired_on = date("受让登记日", &f.acquired_on)?;
    }
    p.hnte_used_year = f.hnte_used_year.or(p.hnte_used_year);
    if !f.applicants.is_empty() {
        p.applicants = f.applicants;
    }
    if !f.inventors.is_empty() {
        p.inventors = f.inventors;
    }
    if !f.tags.is_empty() {
        p.tags = f.tags;
    }
    p.grant_fee_year = f.grant_fee_year.or(p.grant_fee_year);
    p.fees_paid_through = f.fees_paid_through.or(p.fees_paid_through);
    p.compensation_days = f.compensation_days.unwrap_or(p.compensation_days);
    p.overseas_family_grant = f.overseas_family_grant.unwrap_or(p.overseas_family_grant);
    Ok(())
}

pub fn high_value(db: &Option<PathBuf>, json: bool, t: &Option<String>) -> Result<()> {
    let store = open(db)?;
    let list = store.high_value(today(t)?)?;
    if json {
        print::json(&list);
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|h| {
                vec![
                    h.app_no.clone(),
                    h.title.clone(),
                    h.years_maintained.to_string(),
                    if h.is_high_value() {
                        "是".into()
                    } else {
                        "否".into()
                    },
                    if h.over_seven_years {
                        "是".into()
                    } else {
                        "否".into()
                    },
                    h.reasons
                        .iter()
                        .map(|r| format!("{}（{}）", r.label, r.detail))
                        .collect::<Vec<_>>()
                        .join("；"),
                ]
            })
            .collect();
        print::table(
            &[
                "申请号",
                "专利名称",
                "维持年数",
                "高价值",
                "维持超7年",
                "依据",
            ],
            &rows,
        );
        let n = list.iter().filter(|h| h.is_high_value()).count();
        println!(
            "有效发明专利 {} 件，其中高价值 {n} 件，维持超过 7 年 {} 件",
            list.len(),
            list.iter().filter(|h| h.over_seven_years).count()
        );
    }
    Ok(())
}

pub fn search(db: &Option<PathBuf>, json: bool, text: String, limit: u32) -> Result<()> {
    let store = open(db)?;
    let q = PatentQuery {
        text,
        limit,
        ..PatentQuery::default()
    };
    let page = store.list_patents(&q, Local::now().date_naive())?;
    print_patents(json, &page);
    Ok(())
}

fn print_patents(json: bool, page: &PatentPage) {
    if json {
        print::json(page);
        return;
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|r| {
            let d = &r.patent.data;
            vec![
                r.display_app_no.clone(),
                d.title.clone(),
                d.kind.label().into(),
                opt(&d.filing_date),
                opt(&d.grant_date),
                d.status.label().into(),
                r.fees_paid_to
                    .map(|y| format!("第{y}年"))
                    .unwrap_or_default(),
                opt(&r.next_fee_due),
                if r.high_value {
                    "是".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    print::table(
        &[
            "申请号",
            "专利名称",
            "类型",
            "申请日",
            "授权日",
            "法律状态",
            "年费缴至",
            "下次缴费日",
            "高价值",
        ],
        &rows,
    );
    println!("共 {} 件", page.total);
}

/// Maps a linked patent given by number to its id, for record commands.
pub fn patent_ids(store: &Store, app_nos: &[String]) -> Result<Vec<i64>> {
    app_nos
        .iter()
        .map(|n| {
            store
                .find_patent(n)
                .map(|p| p.id)
                .map_err(|_| Error::Invalid {
                    field: "关联专利".into(),
                    value: n.clone(),
                    reason: "台账中没有该申请号".into(),
                })
        })
        .collect()
}

#[derive(Debug, Args)]
pub struct PatentExportArgs {
    /// The application number, as written anywhere (`201910123456.X`).
    app_no: String,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// `ipdesk export patent APP_NO --out FILE`: the 专利信息卡.
pub fn export_patent(db: &Option<PathBuf>, json: bool, a: PatentExportArgs) -> Result<()> {
    let store = open(db)?;
    let id = store.find_patent(&a.app_no)?.id;
    let data = store.patent_card(id, today(&a.today)?)?;
    let bytes = ipdesk_core::patent_card_pdf(&data, &mut |_| {})?;
    store.save_file(&a.out, &bytes)?;
    crate::io::report_pdf(json, &a.out, &bytes, 1, "件专利的信息卡")
}
