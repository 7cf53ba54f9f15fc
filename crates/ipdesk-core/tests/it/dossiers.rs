//! 案卷四 (part 2): the dossier — sections, attachments, the packet PDF read
//! back as a reader gets it, the freeze at submission, the status workflow.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ipdesk_core::pdf::{self, Block, DocMeta, Document, Fonts};
use ipdesk_core::{
    app_no_check_char, Company, DossierStatus, Error, LegalStatus, Money, PatentData, PatentKind,
    Store, DEFAULT_SECTIONS,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const DAY: &str = "2026-06-30";

fn poppler(tool: &str, pdf: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.arg(pdf);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
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

/// A PDF of `pages` pages, each saying which attachment page it is.
fn attachment_pdf(tag: &str, pages: usize) -> Vec<u8> {
    let mut blocks = Vec::new();
    for p in 1..=pages {
        blocks.push(Block::Paragraph(format!("{tag}第{p}页正文")));
        if p < pages {
            blocks.push(Block::PageBreak);
        }
    }
    pdf::render(
        &Document {
            meta: DocMeta::dated(tag, "测试", d(DAY)),
            blocks,
            ..Document::default()
        },
        Fonts::embedded(),
    )
    .unwrap()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_company(Company {
        name: "衡阳智电装备科技有限公司".into(),
        uscc: "914403001922038216".into(),
        registration_date: Some(d("2015-04-01")),
        contact_person: "王敏".into(),
        contact_phone: "0734-1234567".into(),
        ..Company::default()
    })
    .unwrap();
    for serial in 1..=3 {
        let body = format!("20201{serial:07}");
        s.add_patent(PatentData {
            app_no: format!("{body}.{}", app_no_check_char(&body)),
            kind: PatentKind::Invention,
            title: format!("一种电池均衡方法 {serial}"),
            filing_date: Some(d("2020-03-01")),
            grant_date: Some(d("2022-05-01")),
            status: LegalStatus::Granted,
            ..PatentData::default()
        })
        .unwrap();
    }
    s
}

#[test]
fn a_new_dossier_has_the_program_sections_and_refuses_what_the_program_lacks() {
    let mut s = store();
    assert!(matches!(
        s.new_dossier("no-such-program", 2026),
        Err(Error::NotFound { .. })
    ));
    let dossier = s.new_dossier("hengyang-2023-1-1", 2026).unwrap();
    assert_eq!(dossier.status, DossierStatus::Draft);
    let detail = s.dossier_detail(dossier.id, d(DAY)).unwrap();
    let names: Vec<&str> = detail.sections.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names, DEFAULT_SECTIONS,
        "the standard sections when the program names none"
    );
    assert!(
        !detail.missing_attachments.is_empty(),
        "the program's attachment list is due"
    );
    // Seed 000 二（三）: Shaoyang's lead enterprise reports its 支持措施,
    // 取得成效, 制度机制建设情况 and a 专项行动总结报告.
    let shaoyang = s.new_dossier("shaoyang-2022-qianglian", 2026).unwrap();
    let names: Vec<String> = s
        .dossier_detail(shaoyang.id, d(DAY))
        .unwrap()
        .sections
        .into_iter()
        .map(|x| x.name)
        .collect();
    assert_eq!(
        names,
        [
            "支持措施",
            "取得成效",
            "制度机制建设情况",
            "专项行动总结报告"
        ]
    );
    let dup = s.new_dossier("hengyang-2023-1-1", 2026).unwrap_err();
    assert!(dup.to_string().contains("2026"), "{dup}");
    let err = s
        .set_dossier_section(dossier.id, "致谢", "无")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("章节") && err.contains("项目实施方案"),
        "{err}"
    );
    let bad = s
        .attach_to_dossier(dossier.id, "说明.txt", "纯文本".as_bytes(), "说明")
        .unwrap_err()
        .to_string();
    assert!(bad.contains("只能添加 PDF 或图片"), "{bad}");
    let mut broken = attachment_pdf("残缺", 1);
    broken.truncate(broken.len() / 3);
    let bad = s
        .attach_to_dossier(dossier.id, "证书.pdf", &broken, "专利证书")
        .unwrap_err();
    assert!(bad.is_user_error(), "{bad:?}");
    assert!(bad.to_string().contains("专利证书"), "{bad}");
    let locked = s
        .attach_to_dossier(dossier.id, "加密.pdf", &encrypted_pdf(), "审计报告")
        .unwrap_err()
        .to_string();
    assert!(
        locked.contains("审计报告") && locked.contains("加密"),
        "{locked}"
    );
    assert!(
        s.dossier_files(dossier.id).unwrap().is_empty(),
        "nothing written"
    );
}

/// A PDF with a user password (RC4, lopdf's own encryption).
fn encrypted_pdf() -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&attachment_pdf("加密", 1)).unwrap();
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "user",
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

// The packet: own pages, then the attachments in order (a 2-page PDF, a
// scan), every page numbered of the whole, bookmarks, fonts embedded.
#[test]
fn the_packet_appends_attachments_in_order_with_numbers_and_bookmarks() {
    let mut s = store();
    let id = s.new_dossier("hengyang-2023-1-1", 2026).unwrap().id;
    s.set_dossier_section(
        id,
        "项目实施方案",
        "第一段：建立知识产权保护工作机制。\n\n第二段：开展专利导航。",
    )
    .unwrap();
    s.attach_to_dossier(id, "证书.pdf", &attachment_pdf("附件甲", 2), "专利证书")
        .unwrap();
    s.attach_to_dossier(id, "营业执照.png", &png(1200, 1600), "营业执照")
        .unwrap();
    let scan = jpeg(1240, 1754);
    s.attach_to_dossier(id, "合同扫描件.jpg", &scan, "借款合同")
        .unwrap();
    // The officer puts the scan before the certificate, then back.
    let files = s.dossier_files(id).unwrap();
    let ids: Vec<i64> = files.iter().map(|f| f.attachment.id).collect();
    let mut order: Vec<(i64, String)> = files
        .iter()
        .map(|f| (f.attachment.id, f.label.clone()))
        .collect();
    order.rotate_left(1);
    s.arrange_dossier_files(id, &order).unwrap();
    assert_eq!(s.dossier_files(id).unwrap()[0].label, "营业执照");
    let bad = s
        .arrange_dossier_files(id, &order[..1])
        .unwrap_err()
        .to_string();
    assert!(bad.contains("附件顺序"), "{bad}");
    order.rotate_right(1);
    s.arrange_dossier_files(id, &order).unwrap();
    assert_eq!(
        s.dossier_files(id)
            .unwrap()
            .iter()
            .map(|f| f.attachment.id)
            .collect::<Vec<_>>(),
        ids
    );
    let bytes = s.dossier_pdf(id, d(DAY)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("packet.pdf");
    std::fs::write(&path, &bytes).unwrap();

    let info = poppler("pdfinfo", &path);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(
        pages,
        s.dossier_page_count(id, d(DAY)).unwrap(),
        "the preview counts true"
    );
    let text = squash(&poppler("pdftotext", &path));
    // The last occurrence: headings are listed in the contents first.
    let at = |needle: &str| {
        text.rfind(&squash(needle))
            .unwrap_or_else(|| panic!("{needle} missing from the packet"))
    };
    // In order: own sections, the list, then each attachment's pages.
    assert!(at("企业基本情况") < at("知识产权状况"));
    assert!(at("第一段：建立知识产权保护工作机制") < at("真实性承诺书"));
    assert!(at("附件清单") < at("附件1：专利证书"));
    assert!(at("附件甲第1页正文") < at("附件甲第2页正文"));
    assert!(at("附件甲第2页正文") < at("附件2：营业执照"));
    assert!(at("附件2：营业执照") < at("附件3：借款合同"));
    // The rows behind a criterion are printed.
    assert!(text.contains(&squash("一种电池均衡方法 1")));
    // Every page after the cover numbered of the whole, attachment pages
    // included: the scan is the last page.
    let numbered = pages - 1;
    assert!(
        text.ends_with(&format!("第{numbered}页共{numbered}页")),
        "the last page is numbered: {}",
        text.chars().rev().take(30).collect::<String>()
    );
    let second = squash("附件甲第2页正文");
    let after = &text[text.rfind(&second).unwrap()..];
    assert!(
        after.contains(&format!("第{}页共{numbered}页", numbered - 1)),
        "an attachment page carries the packet's number"
    );
    let fonts = poppler("pdffonts", &path);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded:\n{fonts}"
    );
    // Bookmarks for the sections and each attachment.
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let count = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"Count")
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(count >= 9, "sections and attachments bookmarked: {count}");
    // The JPEG scan is carried as it is (DCTDecode), not re-encoded.
    let passed_through = doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|st| {
            st.dict.get(b"Filter").and_then(|f| f.as_name()).ok() == Some(&b"DCTDecode"[..])
                && st.content == scan
        })
    });
    assert!(
        passed_through,
        "the scan's JPEG bytes are in the packet unchanged"
    );

    // The scan's page renders as a picture (not blank).
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            "30",
            "-png",
            "-f",
            &pages.to_string(),
            "-l",
            &pages.to_string(),
        ])
        .arg(&path)
        .arg(dir.path().join("last"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let png_path = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .unwrap();
    let img = image::open(&png_path).unwrap().to_rgb8();
    let coloured = img
        .pixels()
        .filter(|p| p.0[2] == 90 || (p.0[0] != p.0[1]))
        .count();
    assert!(coloured > 1000, "the scan is drawn on its page");
}

// Frozen at submission: a later ledger edit never changes what was handed
// in, the bytes re-export identically, and the live check names the change.
#[test]
fn a_submitted_dossier_is_frozen_and_reexports_its_bytes() {
    let mut s = store();
    let id = s.new_dossier("hengyang-2023-1-1", 2026).unwrap().id;
    s.attach_to_dossier(id, "证书.pdf", &attachment_pdf("附件乙", 1), "专利证书")
        .unwrap();
    let handed_in = s.submit_dossier(id, d("2026-05-20")).unwrap();
    let dossier = s.dossier(id).unwrap();
    assert_eq!(dossier.status, DossierStatus::Submitted);
    assert_eq!(dossier.submitted_on, Some(d("2026-05-20")));
    assert_eq!(
        dossier.packet_sha256.as_deref(),
        Some(ipdesk_core::sha256_hex(&handed_in).as_str())
    );
    // The ledger changes: a patent lapses.
    let body = "202010000001";
    let mut p = s
        .find_patent(&format!("{body}.{}", app_no_check_char(body)))
        .unwrap();
    p.data.status = LegalStatus::Lapsed;
    s.update_patent(p.id, p.data.clone()).unwrap();
    assert_eq!(
        s.dossier_pdf(id, d("2026-12-01")).unwrap(),
        handed_in,
        "byte for byte"
    );
    let detail = s.dossier_detail(id, d("2026-12-01")).unwrap();
    assert!(
        detail
            .changes
            .iter()
            .any(|c| c.contains("不再计入") && c.contains("20201000000")),
        "{:?}",
        detail.changes
    );
    let refused = s
        .set_dossier_section(id, "预期目标", "改")
        .unwrap_err()
        .to_string();
    assert!(refused.contains("已提交并冻结"), "{refused}");
    assert!(s.attach_to_dossier(id, "x.png", &png(10, 10), "x").is_err());
    assert!(s.delete_dossier(id).is_err(), "what was handed in stays");

    // Back to draft only with a reason; the freeze is lifted.
    let err = s
        .set_dossier_status(id, DossierStatus::Draft, None, None, "")
        .unwrap_err();
    assert!(err.to_string().contains("原因"), "{err}");
    s.set_dossier_status(id, DossierStatus::Draft, None, None, "补充专利证书")
        .unwrap();
    assert_eq!(s.dossier(id).unwrap().packet_sha256, None);
    s.set_dossier_section(id, "预期目标", "新增发明专利 5 件。")
        .unwrap();
    let history = s.dossier_detail(id, d(DAY)).unwrap().history;
    assert_eq!(history.last().unwrap().reason, "补充专利证书");
}

#[test]
fn statuses_run_from_accepted_to_paid_and_a_dossier_copies_to_next_year() {
    let mut s = store();
    let id = s.new_dossier("hengyang-2023-2-3", 2026).unwrap().id;
    s.set_dossier_section(id, "经费预算", "评估费 2 万元。")
        .unwrap();
    s.attach_to_dossier(id, "合同.png", &png(300, 400), "质押合同")
        .unwrap();
    s.submit_dossier(id, d("2026-04-01")).unwrap();
    let skip = s
        .set_dossier_status(
            id,
            DossierStatus::Paid,
            Some(d("2026-05-01")),
            Some(Money::yuan(1)),
            "",
        )
        .unwrap_err()
        .to_string();
    assert!(skip.contains("已提交") && skip.contains("已拨付"), "{skip}");
    s.set_dossier_status(id, DossierStatus::Accepted, Some(d("2026-04-10")), None, "")
        .unwrap();
    s.set_dossier_status(id, DossierStatus::Approved, Some(d("2026-06-01")), None, "")
        .unwrap();
    let no_amount = s
        .set_dossier_status(id, DossierStatus::Paid, Some(d("2026-07-01")), None, "")
        .unwrap_err();
    assert!(no_amount.to_string().contains("拨付金额"), "{no_amount}");
    let paid = s
        .set_dossier_status(
            id,
            DossierStatus::Paid,
            Some(d("2026-07-01")),
            Some(Money::yuan(40_000)),
            "",
        )
        .unwrap();
    assert_eq!(paid.amount_received, Some(Money::yuan(40_000)));
    assert_eq!(paid.decided_on, Some(d("2026-06-01")));

    let next = s.copy_dossier(id, 2027).unwrap();
    assert_eq!(next.status, DossierStatus::Draft);
    let detail = s.dossier_detail(next.id, d(DAY)).unwrap();
    let budget = detail
        .sections
        .iter()
        .find(|x| x.name == "经费预算")
        .unwrap();
    assert_eq!(budget.body, "评估费 2 万元。");
    assert_eq!(
        detail.files.len(),
        1,
        "the attachments, not the frozen packet"
    );
    assert_eq!(detail.files[0].label, "质押合同");
    // Deleting the copy keeps the file the first year's dossier still holds.
    s.delete_dossier(next.id).unwrap();
    let first = s.dossier_files(id).unwrap();
    assert_eq!(first.len(), 1);
    assert!(s.read_attachment(first[0].attachment.id).is_ok());
    assert!(matches!(s.dossier(next.id), Err(Error::NotFound { .. })));
}
