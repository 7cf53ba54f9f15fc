//! How `lead list`, `lead show`, `lead deadlines` and the `evidence`
//! listings print.

use ipdesk_core::{CustodyEntry, Evidence, LeadDeadline, LeadDetail, LeadSummary, VerifyReport};

use crate::print::{self, opt};

pub fn list(json: bool, list: &[LeadSummary]) {
    if json {
        print::json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                l.discovered_date.to_string(),
                l.title.clone(),
                l.suspect_name.clone(),
                l.channel.label().into(),
                l.status.label().into(),
                l.rights.join("，"),
                l.actions.to_string(),
                opt(&l.next_due),
                l.evidence.to_string(),
                opt(&l.reported_date),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "发现日期",
            "线索",
            "涉嫌侵权方",
            "渠道",
            "状态",
            "涉及权利",
            "措施",
            "下一步期限",
            "证据",
            "反馈日期",
        ],
        &rows,
    );
}

pub fn detail(json: bool, d: &LeadDetail) {
    if json {
        print::json(d);
        return;
    }
    let l = &d.lead;
    let s = &l.data;
    print::fields(&[
        ("线索", format!("{}「{}」", l.id, l.data.title)),
        ("状态", l.status.label().into()),
        ("发现日期", opt(&l.data.discovered_date)),
        ("发现渠道", l.data.channel.label().into()),
        ("优先级", l.data.priority.label().into()),
        ("涉嫌侵权方", s.suspect_name.clone()),
        ("统一社会信用代码", s.suspect_uscc.clone()),
        (
            "店铺／平台",
            format!("{} {}", s.suspect_shop, s.suspect_platform)
                .trim()
                .into(),
        ),
        ("网址", s.suspect_url.clone()),
        ("地区", l.data.region.clone()),
        ("涉嫌侵权产品", l.data.products.clone()),
        ("预估损失", format!("{} 元", l.data.estimated_loss)),
        (
            "反馈市场监管部门",
            l.reported_date
                .map(|x| format!("{x} {}", l.reported_to))
                .unwrap_or_else(|| "未反馈".into()),
        ),
    ]);
    println!("\n涉及权利");
    let rows: Vec<Vec<String>> = l
        .rights
        .iter()
        .map(|r| {
            vec![
                r.entity.label().into(),
                r.number.clone(),
                r.name.clone(),
                r.detail.clone(),
            ]
        })
        .collect();
    print::table(&["类别", "号码", "名称", "台账信息"], &rows);
    println!("\n状态变更");
    let rows: Vec<Vec<String>> = d
        .changes
        .iter()
        .map(|c| {
            vec![
                c.date.to_string(),
                c.from.map_or(String::new(), |f| f.label().into()),
                c.to.label().into(),
                c.by.clone(),
                c.note.clone(),
            ]
        })
        .collect();
    print::table(&["日期", "原状态", "新状态", "经办", "原因／说明"], &rows);
    println!("\n维权措施");
    let rows: Vec<Vec<String>> = d
        .actions
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                opt(&a.data.date),
                a.data.kind.label().into(),
                a.data.counterpart.clone(),
                a.data.reference.clone(),
                match (a.data.due_date, a.data.done) {
                    (Some(d), true) => format!("{d}（已处理）"),
                    (d, _) => opt(&d),
                },
                a.data.outcome.map_or(String::new(), |o| o.label().into()),
                if a.data.amount.0 > 0 {
                    format!("{} 元", a.data.amount)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "日期",
            "措施",
            "对象",
            "编号",
            "下一步期限",
            "结果",
            "金额",
        ],
        &rows,
    );
    println!("\n证据");
    evidence(false, &d.evidence);
}

pub fn deadlines(json: bool, list: &[LeadDeadline]) {
    if json {
        print::json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|x| {
            vec![
                x.due_date.to_string(),
                x.left(),
                format!("{}「{}」", x.lead_id, x.lead_title),
                x.kind.label().into(),
                x.counterpart.clone(),
            ]
        })
        .collect();
    print::table(&["期限", "剩余", "线索", "措施", "对象"], &rows);
}

pub fn evidence(json: bool, list: &[Evidence]) {
    if json {
        print::json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.original_name.clone(),
                e.kind.label().into(),
                e.size.to_string(),
                e.sha256.clone(),
                e.captured_at.clone(),
                e.notary_ref.clone(),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "文件名",
            "类别",
            "字节",
            "SHA-256",
            "取证时间",
            "公证/时间戳",
        ],
        &rows,
    );
}

pub fn verify(json: bool, r: &VerifyReport) {
    if json {
        print::json(r);
        return;
    }
    for f in &r.files {
        match &f.problem {
            None => println!(
                "一致    {}  {}（线索「{}」）",
                f.sha256, f.file_name, f.lead_title
            ),
            Some(p) => println!("不一致  {p}"),
        }
    }
    for c in &r.chain {
        println!("断裂    {}", c.message);
    }
    println!(
        "保管记录共 {} 条，链头哈希 {}{}",
        r.chain_entries,
        r.head_hash,
        if r.ok { "；全部核验通过" } else { "" }
    );
}

pub fn custody(json: bool, log: &[CustodyEntry]) {
    if json {
        print::json(&log);
        return;
    }
    let rows: Vec<Vec<String>> = log
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.at.clone(),
                e.action.label().into(),
                e.lead_title.clone(),
                e.file_name.clone(),
                e.detail.clone(),
                e.actor.clone(),
                e.hash.get(..16).unwrap_or(&e.hash).to_string(),
            ]
        })
        .collect();
    print::table(
        &[
            "#",
            "时间",
            "动作",
            "线索",
            "文件",
            "说明",
            "经办",
            "哈希（前 16 位）",
        ],
        &rows,
    );
}
