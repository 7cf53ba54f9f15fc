//! 案卷三 the infringement-lead log: the status workflow, actions and their
//! deadlines, the rights involved, the evidence locker and its custody
//! chain (every kind of tampering detected and named), bad input refused
//! with nothing written, and both PDFs read back.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, lead_pdf, leads_pdf, ActionData, ActionKind, Company, Entity, Error,
    EvidenceData, EvidenceKind, ExportFormat, LeadData, LeadQuery, LeadStatus, LegalStatus, Money,
    Outcome, PatentData, PatentKind, Store, TrademarkData,
};
use rusqlite::Connection;

use crate::Db;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cn(serial: u32) -> String {
    let body = format!("2023101{serial:05}");
    format!("{body}.{}", app_no_check_char(&body))
}

fn patent(s: &mut Store, serial: u32) -> i64 {
    s.add_patent(PatentData {
        app_no: cn(serial),
        kind: PatentKind::Invention,
        title: "一种电池均衡电路".into(),
        filing_date: Some(d("2023-02-01")),
        grant_date: Some(d("2025-01-10")),
        status: LegalStatus::Granted,
        ..PatentData::default()
    })
    .unwrap()
    .id
}

fn trademark(s: &mut Store) -> i64 {
    s.add_record(TrademarkData {
        reg_no: "61234567".into(),
        mark: "衡芯".into(),
        classes: vec![9],
        ..TrademarkData::default()
    })
    .unwrap()
    .id
}

fn lead(title: &str) -> LeadData {
    LeadData {
        title: title.into(),
        discovered_date: Some(d("2026-03-02")),
        suspect_name: "某电子商行".into(),
        suspect_shop: "某某数码专营店".into(),
        suspect_platform: "某电商平台".into(),
        region: "湖南省衡阳市".into(),
        ..LeadData::default()
    }
}

fn png(w: u32, h: u32, shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, shade])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Runs raw SQL on the store's file the way someone with a SQLite tool
/// would: the append-only triggers are dropped first.
fn tamper(db: &Db, sql: &str) {
    let conn = Connection::open(&db.path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS custody_log_append_only_update;
         DROP TRIGGER IF EXISTS custody_log_append_only_delete;",
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

/// A store with one lead holding two evidence files (a picture and a PDF)
/// that have been viewed once: five custody entries.
fn locker() -> (Db, Store, i64) {
    let (db, mut s) = Db::new();
    let id = s.add_lead(lead("某店铺销售仿冒均衡板")).unwrap().id;
    s.add_evidence(
        id,
        "商品页面截图.png",
        &png(64, 48, 10),
        EvidenceData::default(),
    )
    .unwrap();
    let receipt = s
        .add_evidence(
            id,
            "购买凭证.pdf",
            b"%PDF-1.4 receipt",
            EvidenceData {
                kind: Some(EvidenceKind::Receipt),
                captured_at: "2026-03-03 10:15".into(),
                notary_ref: "(2026)湘衡证字第 88 号".into(),
                ..EvidenceData::default()
            },
        )
        .unwrap();
    s.view_evidence(receipt.id).unwrap();
    (db, s, id)
}

#[test]
fn a_lead_moves_through_the_workflow_dated_and_with_reasons() {
    let (db, mut s) = Db::new();
    let l = s.add_lead(lead("展会发现仿冒产品")).unwrap();
    assert_eq!(l.status, LeadStatus::New);
    s.set_lead_status(l.id, LeadStatus::Verifying, d("2026-03-05"), "")
        .unwrap();

    // A jump the workflow does not allow: refused, naming what is allowed.
    let before = db.rows();
    let err = s
        .set_lead_status(l.id, LeadStatus::Closed, d("2026-03-06"), "")
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("status"));
    assert!(
        err.to_string().contains("可改为：已取证、不予处理"),
        "{err}"
    );
    // A date before the last change.
    let err = s
        .set_lead_status(l.id, LeadStatus::Evidenced, d("2026-03-04"), "")
        .unwrap_err();
    assert!(err.to_string().contains("早于上一次状态变更"), "{err}");
    db.assert_unchanged(&before, "refused status changes");

    for (to, day) in [
        (LeadStatus::Evidenced, "2026-03-10"),
        (LeadStatus::Handling, "2026-03-12"),
        (LeadStatus::Closed, "2026-05-01"),
    ] {
        s.set_lead_status(l.id, to, d(day), "按计划推进").unwrap();
    }
    // An action on a closed lead without reopening.
    let before = db.rows();
    let err = s
        .add_lead_action(
            l.id,
            ActionData {
                date: Some(d("2026-05-02")),
                ..ActionData::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("请先重新打开"), "{err}");
    // Reopening needs a reason.
    let err = s
        .set_lead_status(l.id, LeadStatus::Handling, d("2026-05-03"), " ")
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("note"));
    db.assert_unchanged(
        &before,
        "an action on a closed lead, a reopening without reason",
    );

    s.set_lead_status(l.id, LeadStatus::Handling, d("2026-05-03"), "对方再次上架")
        .unwrap();
    let changes = s.lead_changes(l.id).unwrap();
    let path: Vec<_> = changes.iter().map(|c| c.to).collect();
    assert_eq!(
        path,
        [
            LeadStatus::New,
            LeadStatus::Verifying,
            LeadStatus::Evidenced,
            LeadStatus::Handling,
            LeadStatus::Closed,
            LeadStatus::Handling
        ]
    );
    assert_eq!(changes.last().unwrap().note, "对方再次上架");
    assert_eq!(changes.last().unwrap().date, d("2026-05-03"));
    assert!(
        !changes.last().unwrap().by.is_empty(),
        "who made the change"
    );
}

#[test]
fn actions_carry_deadlines_to_the_dashboard_until_done() {
    let (_db, mut s) = Db::new();
    let l = s.add_lead(lead("平台售假")).unwrap();
    let a = s
        .add_lead_action(
            l.id,
            ActionData {
                kind: ActionKind::PlatformComplaint,
                date: Some(d("2026-03-10")),
                counterpart: "某电商平台知识产权保护平台".into(),
                due_date: Some(d("2026-03-20")),
                ..ActionData::default()
            },
        )
        .unwrap();
    let today = d("2026-03-15");
    let due = s.lead_deadlines(today, 30).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].days_left, 5);
    assert_eq!(due[0].left(), "5 天后", "as the printed lists say it");
    assert_eq!(due[0].lead_title, "平台售假");
    // Overdue ones stay listed, with a negative count.
    assert_eq!(
        s.lead_deadlines(d("2026-03-25"), 30).unwrap()[0].days_left,
        -5
    );
    assert_eq!(
        s.lead_deadlines(d("2026-03-25"), 30).unwrap()[0].left(),
        "已逾期 5 天"
    );
    // Outside the window: not yet.
    assert!(s.lead_deadlines(d("2026-01-01"), 30).unwrap().is_empty());
    // A window past the end of the calendar is refused, not a panic.
    let err = s.lead_deadlines(today, u32::MAX).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("days"), "{err}");
    assert!(err.to_string().contains("3660"), "{err}");
    assert_eq!(s.lead_deadlines(today, 3660).unwrap().len(), 1);

    let mut done = a.data.clone();
    done.done = true;
    done.outcome = Some(Outcome::TakenDown);
    s.update_lead_action(a.id, done).unwrap();
    assert!(
        s.lead_deadlines(today, 30).unwrap().is_empty(),
        "dealt with"
    );

    // A deadline before the action's own date is refused.
    let err = s
        .add_lead_action(
            l.id,
            ActionData {
                date: Some(d("2026-03-10")),
                due_date: Some(d("2026-03-01")),
                ..ActionData::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("dueDate"));
    let summary = &s.leads(&LeadQuery::default()).unwrap()[0];
    assert_eq!(summary.actions, 1);
    assert_eq!(
        summary.last_action,
        Some((ActionKind::PlatformComplaint, d("2026-03-10")))
    );
}

#[test]
fn rights_link_to_the_ledger_and_survive_edits_and_deletes() {
    let (db, mut s) = Db::new();
    let p = patent(&mut s, 1);
    let t = trademark(&mut s);
    let mut data = lead("仿冒衡芯商标");
    data.patent_ids = vec![p];
    data.trademark_ids = vec![t];
    let l = s.add_lead(data.clone()).unwrap();
    assert_eq!(l.rights.len(), 2);
    assert_eq!(l.rights[0].number, cn(1));
    assert_eq!(l.rights[1].name, "衡芯");
    assert_eq!(
        s.leads_involving(Entity::Patent.at(p)).unwrap()[0].id,
        l.id,
        "the patent's page lists the lead"
    );
    assert_eq!(s.leads_involving(Entity::Trademark.at(t)).unwrap().len(), 1);

    // A right not in the ledger: refused, nothing written.
    let before = db.rows();
    let mut bad = data.clone();
    bad.patent_ids = vec![p + 100];
    let err = s.add_lead(bad).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("patentIds"));
    assert!(err.to_string().contains("台账中没有该专利"), "{err}");
    db.assert_unchanged(&before, "a patent not in the ledger");

    // Deleting the patent leaves a visible missing right.
    s.delete_patent(p).unwrap();
    let l = s.lead(l.id).unwrap();
    let missing = l
        .rights
        .iter()
        .find(|r| r.entity == Entity::Patent)
        .unwrap();
    assert!(missing.missing);
    assert_eq!(missing.number, cn(1));
    // Editing the lead keeps it; removing it is on purpose.
    let l = s.update_lead(l.id, l.data.clone()).unwrap();
    assert!(l.rights.iter().any(|r| r.missing));
    let l = s.remove_missing_lead_right(l.id, &cn(1)).unwrap();
    assert_eq!(l.rights.len(), 1);
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    let (db, mut s) = Db::new();
    let id = s.add_lead(lead("线索")).unwrap().id;
    s.add_evidence(id, "a.png", &png(8, 8, 1), EvidenceData::default())
        .unwrap();
    let before = db.rows();

    let mut bad = lead("坏代码");
    bad.suspect_uscc = "91430400MA4L0000X0".into();
    let err = s.add_lead(bad).unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("suspectUscc"));
    assert!(err.to_string().contains("校验位"), "{err}");

    let mut bad = lead("");
    bad.title = "  ".into();
    assert_eq!(
        s.add_lead(bad).unwrap_err().field().map(|f| f.code),
        Some("title")
    );

    let err = s
        .add_evidence(id, "empty.png", b"", EvidenceData::default())
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("file"));
    assert!(
        err.to_string().contains("证据文件") && err.to_string().contains("空"),
        "{err}"
    );

    let err = s
        .add_evidence(id, "again.png", &png(8, 8, 1), EvidenceData::default())
        .unwrap_err();
    assert!(matches!(err, Error::Duplicate { .. }), "{err}");
    assert!(
        err.to_string().contains("a.png"),
        "names the file already there: {err}"
    );

    let err = s
        .add_evidence(
            id,
            "b.png",
            &png(8, 8, 2),
            EvidenceData {
                captured_at: "上周".into(),
                ..EvidenceData::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.field().map(|f| f.code), Some("capturedAt"));

    // Over the size limit: refused before reading, the limit named.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("录像.mp4");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(ipdesk_core::MAX_ATTACHMENT_BYTES as u64 + 1)
        .unwrap();
    let err = s
        .add_evidence_file(id, &big, EvidenceData::default())
        .unwrap_err();
    assert!(err.to_string().contains("超过附件上限 100 MB"), "{err}");
    let missing = dir.path().join("不存在.jpg");
    assert!(matches!(
        s.add_evidence_file(id, &missing, EvidenceData::default()),
        Err(Error::BadFile { .. })
    ));
    let empty = dir.path().join("空.jpg");
    std::fs::write(&empty, b"").unwrap();
    let err = s
        .add_evidence_file(id, &empty, EvidenceData::default())
        .unwrap_err();
    assert!(err.to_string().contains("文件是空的"), "{err}");
    db.assert_unchanged(&before, "refused leads and evidence");
}

#[test]
fn a_file_another_lead_holds_is_linked_not_stored_twice() {
    let (db, mut s) = Db::new();
    let a = s.add_lead(lead("甲")).unwrap().id;
    let b = s.add_lead(lead("乙")).unwrap().id;
    let bytes = png(20, 20, 7);
    let ea = s
        .add_evidence(a, "同一张.png", &bytes, EvidenceData::default())
        .unwrap();
    let eb = s
        .add_evidence(b, "同一张.png", &bytes, EvidenceData::default())
        .unwrap();
    assert_eq!(ea.attachment_id, eb.attachment_id);
    assert_eq!(db.rows().of("attachment").len(), 1);
    assert_eq!(ea.kind, EvidenceKind::Photo, "guessed from the media type");
    // Removing it from one lead keeps it for the other; the log says why.
    s.remove_evidence(ea.id, "误上传").unwrap();
    assert_eq!(db.rows().of("attachment").len(), 1);
    assert_eq!(s.view_evidence(eb.id).unwrap(), bytes);
    let log = s.custody_log(Some(a)).unwrap();
    assert_eq!(log.last().unwrap().detail, "误上传");
    assert!(s.verify_evidence(None).unwrap().ok);
    // Deleting the other lead takes the bytes; the log keeps every entry.
    let entries = s.custody_log(None).unwrap().len();
    s.delete_lead(b).unwrap();
    assert!(db.rows().of("attachment").is_empty());
    assert_eq!(s.custody_log(None).unwrap().len(), entries + 1);
    assert!(
        s.verify_evidence(None).unwrap().ok,
        "the chain is whole after deletes"
    );
}

/// 取消 part way through a verification (issue 18): nothing is logged, so
/// the locker's log never claims a check that did not finish.
#[test]
fn a_cancelled_verification_logs_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOP: AtomicBool = AtomicBool::new(false);
    let (_db, mut s, id) = locker();
    let entries = s.custody_log(None).unwrap().len();
    let mut seen = Vec::new();
    let mut watch =
        ipdesk_core::Watch::new(ipdesk_core::Cancel::new(&STOP), |stage, done, total| {
            seen.push((stage, done, total));
            STOP.store(done == 1, Ordering::Relaxed);
        });
    let err = s.verify_evidence_watched(Some(id), &mut watch).unwrap_err();
    drop(watch);
    assert!(matches!(err, ipdesk_core::Error::Cancelled), "{err}");
    assert_eq!(seen, [("verify", 0, 2), ("verify", 1, 2)]);
    assert_eq!(
        s.custody_log(None).unwrap().len(),
        entries,
        "nothing logged"
    );
}

#[test]
fn a_clean_locker_verifies_and_the_verification_is_logged() {
    let (_db, mut s, id) = locker();
    let report = s.verify_evidence(Some(id)).unwrap();
    assert!(report.ok, "{:?}", report.problems());
    assert_eq!(report.files.len(), 2);
    assert!(report.chain.is_empty());
    let log = s.custody_log(Some(id)).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.label()).collect();
    assert_eq!(actions, ["入库", "入库", "查看", "核验"]);
    assert_eq!(report.head_hash, log.last().unwrap().hash);
    assert_eq!(log[0].prev_hash, ipdesk_core::GENESIS);
    assert_eq!(
        log[1].prev_hash, log[0].hash,
        "each entry carries the previous hash"
    );
}

#[test]
fn an_altered_stored_byte_is_detected_and_named() {
    let (db, s, id) = locker();
    drop(s);
    // Flip the first byte of the stored receipt.
    tamper(
        &db,
        "UPDATE attachment SET data = CAST('X' || substr(CAST(data AS TEXT), 2) AS BLOB)
         WHERE file_name = '购买凭证.pdf'",
    );
    let mut s = Store::open(&db.path).unwrap();
    let report = s.verify_evidence(None).unwrap();
    assert!(!report.ok);
    let bad: Vec<_> = report.files.iter().filter(|f| !f.ok).collect();
    assert_eq!(bad.len(), 1);
    let msg = bad[0].problem.as_deref().unwrap();
    assert!(
        msg.contains("购买凭证.pdf") && msg.contains("某店铺销售仿冒均衡板"),
        "{msg}"
    );
    assert!(msg.contains("已被改动"), "{msg}");
    // Never silently fixed: the next check still fails, and reading it out refuses.
    assert!(!s.verify_evidence(Some(id)).unwrap().ok);
    let receipt = s.evidence_of(id).unwrap()[1].id;
    assert!(matches!(
        s.view_evidence(receipt),
        Err(Error::Tampered { .. })
    ));
}

#[test]
fn an_edited_log_entry_is_detected_and_named() {
    let (db, s, _) = locker();
    drop(s);
    tamper(&db, "UPDATE custody_log SET detail = '无' WHERE seq = 2");
    let mut s = Store::open(&db.path).unwrap();
    let report = s.verify_evidence(None).unwrap();
    assert!(!report.ok);
    assert_eq!(report.chain.len(), 1, "{:?}", report.chain);
    assert_eq!(report.chain[0].seq, Some(2));
    assert!(
        report.chain[0].message.contains("第 2 条"),
        "{}",
        report.chain[0].message
    );
    assert!(
        report.chain[0].message.contains("购买凭证.pdf"),
        "names the file"
    );
    assert!(
        report.files.iter().all(|f| f.ok),
        "the files themselves are intact"
    );

    // Rewriting the entry's own hash too moves the break to the next entry.
    let (db, s, _) = locker();
    drop(s);
    tamper(
        &db,
        "UPDATE custody_log SET detail = '无', hash = 'ab' || substr(hash, 3) WHERE seq = 1",
    );
    let mut s = Store::open(&db.path).unwrap();
    let seqs: Vec<_> = s
        .verify_evidence(None)
        .unwrap()
        .chain
        .iter()
        .map(|c| c.seq)
        .collect();
    assert_eq!(seqs, [Some(1), Some(2)]);
}

#[test]
fn a_deleted_log_entry_is_detected_in_the_middle_and_at_the_end() {
    let (db, s, _) = locker();
    drop(s);
    tamper(&db, "DELETE FROM custody_log WHERE seq = 2");
    let mut s = Store::open(&db.path).unwrap();
    let report = s.verify_evidence(None).unwrap();
    assert!(!report.ok);
    assert!(
        report.chain[0].message.contains("第 2 条缺失"),
        "{:?}",
        report.chain
    );
    // The receipt's intake entry went with it: the file is named as unproven.
    assert!(report
        .files
        .iter()
        .any(|f| !f.ok && f.problem.as_deref().unwrap().contains("没有入库保管记录")));

    let (db, s, _) = locker();
    drop(s);
    tamper(&db, "DELETE FROM custody_log WHERE seq = 3");
    let mut s = Store::open(&db.path).unwrap();
    let report = s.verify_evidence(None).unwrap();
    assert!(!report.ok, "the newest entry gone: the head says so");
    assert!(
        report.chain[0].message.contains("第 3 条缺失")
            && report.chain[0].message.contains("最新的记录被删除"),
        "{:?}",
        report.chain
    );
    // Entries appended since (that verification, a view) do not hide the gap.
    let receipt = s.evidence_of(1).unwrap()[1].id;
    s.view_evidence(receipt).unwrap();
    let report = s.verify_evidence(None).unwrap();
    assert!(!report.ok);
    assert!(
        report
            .chain
            .iter()
            .any(|c| c.message.contains("第 3 条缺失")),
        "{:?}",
        report.chain
    );
}

#[test]
fn the_log_refuses_edits_and_deletes_through_sql() {
    let (db, s, _) = locker();
    drop(s);
    let conn = Connection::open(&db.path).unwrap();
    let err = conn
        .execute("UPDATE custody_log SET detail = 'x' WHERE seq = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("只能追加"), "{err}");
    assert!(conn.execute("DELETE FROM custody_log", []).is_err());
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed by scripts/setup.sh: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_lead_dossier_prints_the_manifest_with_hashes_and_the_pictures() {
    let (_db, mut s, id) = locker();
    s.set_company(Company {
        name: "衡阳示例科技有限公司".into(),
        ..Company::default()
    })
    .unwrap();
    s.add_lead_action(
        id,
        ActionData {
            kind: ActionKind::WarningLetter,
            date: Some(d("2026-03-08")),
            counterpart: "某电子商行".into(),
            amount: Money::yuan(0),
            ..ActionData::default()
        },
    )
    .unwrap();
    let report = s.lead_report(id, d("2026-03-20")).unwrap();
    assert_eq!(report.pictures.len(), 1, "the PNG, not the PDF");
    let pdf = lead_pdf(&report, &mut |_| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lead.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = squash(&poppler("pdftotext", &[], &path));
    for e in s.evidence_of(id).unwrap() {
        assert!(
            text.contains(&e.sha256[..32]) && text.contains(&e.sha256[32..]),
            "hash of {}",
            e.original_name
        );
        assert!(text.contains(&squash(&e.original_name)));
    }
    for want in [
        "侵权线索案卷",
        "证据清单",
        "处置经过",
        "警告函",
        "不能证明取证的时间",
        "保管记录链头",
        "(2026)湘衡证字第88号",
    ] {
        assert!(text.contains(want), "{want} in the dossier");
    }
    let images = poppler("pdfimages", &["-list"], &path);
    assert_eq!(images.lines().count(), 3, "one picture:\n{images}");
    assert!(
        poppler("pdffonts", &[], &path).contains("yes yes"),
        "fonts embedded and subset"
    );
    // Writing the dossier is logged as an export.
    s.log_lead_export(id, &path).unwrap();
    assert_eq!(
        s.custody_log(Some(id))
            .unwrap()
            .last()
            .unwrap()
            .action
            .label(),
        "导出"
    );
}

#[test]
fn the_summary_for_the_bureau_filters_and_counts() {
    let (_db, mut s) = Db::new();
    for (i, day) in ["2026-01-05", "2026-02-10", "2026-03-15"]
        .iter()
        .enumerate()
    {
        let mut data = lead(["甲地仿冒", "乙地仿冒", "丙地仿冒"][i]);
        data.discovered_date = Some(d(day));
        let l = s.add_lead(data).unwrap();
        if i == 1 {
            s.set_lead_status(l.id, LeadStatus::Verifying, d("2026-02-11"), "")
                .unwrap();
            s.report_lead(l.id, Some(d("2026-02-20")), "衡阳市市场监督管理局")
                .unwrap();
        }
    }
    let q = LeadQuery {
        from: Some(d("2026-02-01")),
        to: Some(d("2026-03-31")),
        ..LeadQuery::default()
    };
    let r = s.leads_report(&q, d("2026-04-01")).unwrap();
    assert_eq!(r.leads.len(), 2);
    let pdf = leads_pdf(&r, &mut |_| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leads.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = squash(&poppler("pdftotext", &[], &path));
    assert!(text.contains("侵权线索汇总表") && text.contains("2026-02-01至2026-03-31"));
    assert!(text.contains("乙地仿冒") && text.contains("丙地仿冒") && !text.contains("甲地仿冒"));
    assert!(text.contains("2026-02-20衡阳市市场监督管理局"));
    assert!(
        text.contains("已向市场监督管理部门反馈1条，未反馈1条"),
        "{text}"
    );
    assert!(text.contains("核实中1"), "counts by status");

    let by_status = s
        .leads(&LeadQuery {
            status: Some(LeadStatus::Verifying),
            ..LeadQuery::default()
        })
        .unwrap();
    assert_eq!(by_status.len(), 1);
    let found = s
        .leads(&LeadQuery {
            text: "数码专营".into(),
            ..LeadQuery::default()
        })
        .unwrap();
    assert_eq!(found.len(), 3, "the shop name is searched");

    let xlsx = dir.path().join("leads.xlsx");
    assert_eq!(s.export_leads(&q, &xlsx, ExportFormat::Xlsx).unwrap(), 2);
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range("侵权线索").unwrap();
    assert_eq!(sheet.height(), 3, "header and two leads");
    assert_eq!(sheet.get((0, 1)).unwrap().to_string(), "线索名称");
}

#[test]
fn evidence_exports_with_a_checksum_file_and_logs_it() {
    let (_db, mut s, id) = locker();
    let dir = tempfile::tempdir().unwrap();
    let written = s.export_evidence(id, dir.path()).unwrap();
    assert_eq!(written.len(), 4, "two files, SHA256SUMS.txt, 说明.txt");
    let note = std::fs::read_to_string(dir.path().join("说明.txt")).unwrap();
    assert!(
        note.contains("不能证明取证的时间") && note.contains("链头哈希"),
        "{note}"
    );
    let sums = std::fs::read_to_string(dir.path().join("SHA256SUMS.txt")).unwrap();
    // sha256sum itself agrees with what the locker recorded.
    let out = Command::new("sha256sum")
        .arg("-c")
        .arg("SHA256SUMS.txt")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{sums}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let exports = s
        .custody_log(Some(id))
        .unwrap()
        .iter()
        .filter(|e| e.action.label() == "导出")
        .count();
    assert_eq!(exports, 2);
}
