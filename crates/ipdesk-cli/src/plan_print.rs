//! How `plan list`, `plan show` and `plan item suggest` print.

use ipdesk_core::{PatentRow, PlanDetail, PlanItem, PlanSummary};

use crate::print::{self, opt};

fn period(start: &Option<chrono::NaiveDate>, end: &Option<chrono::NaiveDate>) -> String {
    if start.is_none() && end.is_none() {
        String::new()
    } else {
        format!("{} 至 {}", opt(start), opt(end))
    }
}

fn met(m: bool) -> String {
    if m { "是" } else { "否" }.into()
}

pub fn list(json: bool, list: &[PlanSummary]) {
    if json {
        print::json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let d = &s.plan.data;
            let p = &s.progress;
            vec![
                s.plan.id.to_string(),
                d.name.clone(),
                d.technology.clone(),
                d.status.label().into(),
                period(&d.start_date, &d.end_date),
                p.planned.to_string(),
                p.filed.to_string(),
                format!("{}/{}", p.weighted_filed, p.weighted_planned),
                p.target.to_string(),
                met(p.target_met),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "计划名称",
            "关键核心技术",
            "状态",
            "期间",
            "计划项",
            "已申请",
            "加权 已申请/计划",
            "目标",
            "达标",
        ],
        &rows,
    );
}

fn links(i: &PlanItem) -> String {
    i.links
        .iter()
        .map(|l| {
            if l.missing {
                format!("{}（台账中已删除）", l.app_no)
            } else {
                l.app_no.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("，")
}

pub fn detail(json: bool, d: &PlanDetail, products: &[String]) {
    if json {
        let mut v = serde_json::to_value(d).expect("serialisable");
        v["productNames"] = serde_json::json!(products);
        print::json(&v);
        return;
    }
    let p = &d.plan.data;
    let pr = &d.progress;
    print::fields(&[
        ("#", d.plan.id.to_string()),
        ("计划名称", p.name.clone()),
        ("关键核心技术", p.technology.clone()),
        ("产业链", p.industry_chain.clone()),
        ("期间", period(&p.start_date, &p.end_date)),
        ("目标件数", p.target.to_string()),
        ("检索分析机构", p.analysis_agency.clone()),
        ("申请代理机构", p.filing_agency.clone()),
        ("状态", p.status.label().into()),
        ("服务产品", products.join("、")),
        ("技术分支", d.branches.iter().map(|b| b.name.clone()).collect::<Vec<_>>().join("、")),
        ("备注", p.notes.clone()),
        (
            "进度",
            format!(
                "计划 {} 项，已申请 {} 项，已授权 {} 项；加权计划 {} 件，加权已申请 {} 件，目标 {} 件，{}；逾期 {} 项",
                pr.planned,
                pr.filed,
                pr.granted,
                pr.weighted_planned,
                pr.weighted_filed,
                pr.target,
                if pr.target_met { "已达到" } else { "未达到" },
                pr.overdue.len()
            ),
        ),
    ]);
    println!();
    let branch = |i: &PlanItem| {
        i.data
            .branch_id
            .and_then(|b| d.branches.iter().find(|x| x.id == b))
            .map(|b| b.name.clone())
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = d
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.data.topic.clone(),
                branch(i),
                i.data.kind.label().into(),
                i.data.route.label().into(),
                i.data.jurisdictions.join(","),
                opt(&i.data.planned_date),
                format!(
                    "{}{}",
                    i.data.status.label(),
                    if pr.overdue.contains(&i.id) {
                        "（逾期）"
                    } else {
                        ""
                    }
                ),
                i.data.weight().to_string(),
                links(i),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "技术主题",
            "分支",
            "类型",
            "途径",
            "国家/地区",
            "计划申请日",
            "状态",
            "计入",
            "关联申请号",
        ],
        &rows,
    );
    if !pr.coverage.is_empty() {
        println!();
        let rows: Vec<Vec<String>> = pr
            .coverage
            .iter()
            .map(|c| {
                vec![
                    if c.branch.is_empty() {
                        "（未分支）".into()
                    } else {
                        c.branch.clone()
                    },
                    c.jurisdiction.clone(),
                    c.planned.to_string(),
                    c.filed.to_string(),
                ]
            })
            .collect();
        print::table(&["技术分支", "国家/地区", "计划", "已申请"], &rows);
    }
    if !d.attachments.is_empty() {
        println!();
        let rows: Vec<Vec<String>> = d
            .attachments
            .iter()
            .map(|a| {
                vec![
                    a.attachment.file_name.clone(),
                    a.label.clone(),
                    a.attachment.sha256.clone(),
                ]
            })
            .collect();
        print::table(&["分析报告", "标签", "SHA-256"], &rows);
    }
}

pub fn suggestions(json: bool, rows: &[PatentRow]) {
    if json {
        print::json(&rows);
        return;
    }
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.display_app_no.clone(),
                r.patent.data.title.clone(),
                r.patent.data.kind.label().into(),
                opt(&r.patent.data.filing_date),
                r.patent.data.inventors.join("、"),
            ]
        })
        .collect();
    print::table(&["申请号", "专利名称", "类型", "申请日", "发明人"], &rows);
}
