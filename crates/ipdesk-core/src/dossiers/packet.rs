//! The packet PDF: cover, contents, 企业基本情况, 知识产权状况 (the rows
//! behind each criterion), the narrative sections, the 真实性承诺书 and the
//! 附件清单 — then the attachments themselves, a PDF page by page and a
//! scan one per page, each under the packet's header and numbered
//! `第 N 页 共 M 页` with the rest; bookmarks for every section and
//! attachment. Submitting freezes the bytes.

use chrono::NaiveDate;
use rusqlite::params;

use super::check::{ProgramCheck, Verdict};
use super::dossier::{
    change_status, looks_like_pdf, Dossier, DossierSection, DossierStatus, Snapshot, PACKET_LABEL,
};
use crate::error::{field, Error, Result};
use crate::files::{store_bytes, AttachedFile};
use crate::pdf::{self, Align, Block, Column, Cover, DocMeta, Document, Fonts, FrameSource, Table};
use crate::records::QualificationData;
use crate::rules::Program;
use crate::store::{Entity, Store};

/// The standard 真实性承诺书 when the program gives none.
pub const STANDARD_DECLARATION: &str = "本单位郑重承诺：本次申报所提交的全部材料（含附件）真实、准确、完整，所列知识产权权属清晰、合法有效，不存在弄虚作假、侵犯他人知识产权或重复申报等行为。如有不实，本单位愿意承担由此产生的一切法律责任，并接受主管部门依法依规作出的处理。";

/// Pictures are printed at most this many pixels on the longest side
/// (about 150 dpi across A4).
const SCAN_MAX_PX: u32 = 1800;

const NUMERALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

fn numeral(i: usize) -> &'static str {
    NUMERALS.get(i).copied().unwrap_or("十")
}

/// An attachment read and checked for the packet.
struct Loaded {
    label: String,
    file_name: String,
    pages: usize,
    content: Content,
}

enum Content {
    Pdf(Vec<u8>),
    /// A JPEG scan, passed through to the PDF as it is.
    Jpeg(Vec<u8>),
    Picture(pdf::Picture),
}

impl Store {
    /// The attachments read and checked, in order. `for_count`: only their
    /// page counts are wanted, so pictures are not decoded.
    fn load_attachments(&self, files: &[AttachedFile], for_count: bool) -> Result<Vec<Loaded>> {
        files
            .iter()
            .map(|f| {
                // Verified against its sha256 on the way out of the store.
                let bytes = self.read_attachment(f.attachment.id)?;
                let name = if f.label.is_empty() {
                    f.attachment.file_name.clone()
                } else {
                    f.label.clone()
                };
                // Checked when attached; what kind it is, read from the bytes.
                let (pages, content) = if looks_like_pdf(&f.attachment.file_name, &bytes) {
                    (pdf::pdf_page_count(&name, &bytes)?, Content::Pdf(bytes))
                } else if pdf::jpeg_info(&bytes).is_some_and(|(_, _, c)| matches!(c, 1 | 3)) {
                    // Grey or RGB JPEGs go in as they are: not decoded, not re-encoded.
                    (1, Content::Jpeg(bytes))
                } else if for_count {
                    let blank = pdf::Picture {
                        width: 1,
                        height: 1,
                        rgb: std::sync::Arc::new(vec![255; 3]),
                    };
                    (1, Content::Picture(blank))
                } else {
                    // Other pictures are decoded and scaled to print.
                    let picture = crate::files::picture(&bytes, SCAN_MAX_PX).ok_or_else(|| {
                        Error::invalid(field("file", "附件"), &name, "图片无法解码")
                    })?;
                    (1, Content::Picture(picture))
                };
                Ok(Loaded {
                    label: name,
                    file_name: f.attachment.file_name.clone(),
                    pages,
                    content,
                })
            })
            .collect()
    }

    /// The packet as it would print now (a draft's, or to preview): the
    /// document and the PDFs to merge into its frames.
    fn packet_document(
        &self,
        d: &Dossier,
        program: &Program,
        check: &ProgramCheck,
        sections: &[DossierSection],
        attachments: &[Loaded],
        day: NaiveDate,
    ) -> Result<Document> {
        let company = self.company()?;
        let title = format!("{}申报材料", program.name);
        let mut blocks = Vec::new();
        let mut n = 0;
        let mut heading = |blocks: &mut Vec<Block>, text: &str| {
            blocks.push(Block::Heading {
                level: 1,
                text: format!("{}、{text}", numeral(n)),
            });
            n += 1;
        };

        heading(&mut blocks, "企业基本情况");
        let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
        let opt = |v: Option<String>| v.unwrap_or_default();
        blocks.push(Block::KeyValues(vec![
            ("企业名称".into(), company.display_name()),
            ("统一社会信用代码".into(), company.uscc.clone()),
            (
                "成立日期".into(),
                opt(company.registration_date.map(|d| d.to_string())),
            ),
            ("注册地址".into(), company.address.clone()),
            ("法定代表人".into(), company.legal_representative.clone()),
            (
                "职工人数".into(),
                opt(company.headcount.map(|h| h.to_string())),
            ),
            ("所属产业链".into(), company.industry_chain.clone()),
            ("产业链龙头企业".into(), yes_no(company.chain_leader)),
            ("知识产权管理部门".into(), company.ip_department.clone()),
            (
                "知识产权专职人员".into(),
                opt(company.ip_staff_count.map(|h| format!("{h} 人"))),
            ),
            (
                "联系人".into(),
                format!("{} {}", company.contact_person, company.contact_phone)
                    .trim()
                    .to_string(),
            ),
        ]));
        let quals: Vec<Vec<String>> = self
            .list_records::<QualificationData>()?
            .into_iter()
            .filter(|q| q.data.valid_on(day))
            .map(|q| {
                vec![
                    q.data.name.clone(),
                    q.data.cert_no.clone(),
                    q.data.issuer.clone(),
                    q.data.valid_until.map_or("长期".into(), |d| d.to_string()),
                ]
            })
            .collect();
        if !quals.is_empty() {
            blocks.push(Block::Heading {
                level: 3,
                text: "有效资质".into(),
            });
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("资质", 3.0, Align::Left),
                    Column::new("证书编号", 2.5, Align::Left),
                    Column::new("认定机构", 3.0, Align::Left),
                    Column::new("有效期至", 1.6, Align::Center),
                ],
                rows: quals,
                field: "有效资质".into(),
            }));
        }

        heading(&mut blocks, "知识产权状况");
        blocks.push(Block::Paragraph(format!(
            "对照《{}》{}的申报条件，逐条列出台账中的依据（核对日 {day}，{} 年度）。",
            program.source.document, program.source.section, d.year
        )));
        for (i, c) in check
            .criteria
            .iter()
            .filter(|c| !matches!(c.verdict, Verdict::NotApplicable))
            .enumerate()
        {
            blocks.push(Block::Heading {
                level: 3,
                text: format!("（{}）{}", i + 1, c.text),
            });
            let mut line = format!("结论：{}", c.verdict.label());
            match c.scale.iter().find(|b| b.reached) {
                Some(b) => line.push_str(&format!("；档次 {} {}（{}）", b.label, b.text, b.points)),
                None if !c.scored => {
                    if let Some(a) = c.actual {
                        line.push_str(&format!("；现有 {a}，要求 {}", c.required));
                    }
                }
                None => {}
            }
            if !c.confirmed {
                line.push_str("（该条依据未经确认，仅供参考）");
            }
            blocks.push(Block::Paragraph(line));
            if !c.rows.is_empty() {
                let mut rows: Vec<Vec<String>> = c
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.kind.clone(),
                            r.number.clone(),
                            r.title.clone(),
                            r.detail.clone(),
                        ]
                    })
                    .collect();
                if c.more_rows > 0 {
                    rows.push(vec![
                        String::new(),
                        String::new(),
                        format!("另有 {} 条", c.more_rows),
                        String::new(),
                    ]);
                }
                blocks.push(Block::Table(Table {
                    columns: vec![
                        Column::new("类别", 1.2, Align::Left),
                        Column::new("编号", 2.4, Align::Left),
                        Column::new("名称", 3.6, Align::Left),
                        Column::new("说明", 3.6, Align::Left),
                    ],
                    rows,
                    field: format!("知识产权状况（{}）", i + 1),
                }));
            }
        }

        for s in sections {
            heading(&mut blocks, &s.name);
            let paragraphs: Vec<&str> = s
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if paragraphs.is_empty() {
                blocks.push(Block::Paragraph("（未填写）".into()));
            }
            for p in paragraphs {
                blocks.push(Block::Paragraph(p.to_string()));
            }
        }

        heading(&mut blocks, "真实性承诺书");
        let declaration = if program.declaration.trim().is_empty() {
            STANDARD_DECLARATION
        } else {
            program.declaration.trim()
        };
        blocks.push(Block::Paragraph(declaration.to_string()));
        blocks.push(Block::Spacer(8.0));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("法定代表人（签字）", 1.0, Align::Center),
                Column::new("申报单位（盖章）", 1.0, Align::Center),
            ],
            rows: vec![vec!["\n\n\n\n".into(), "\n\n\n\n".into()]],
            field: "真实性承诺书".into(),
        }));
        blocks.push(Block::KeyValues(vec![(
            "日期".into(),
            "　　　　年　　月　　日".into(),
        )]));

        heading(&mut blocks, "附件清单");
        if attachments.is_empty() {
            blocks.push(Block::Paragraph("（无附件）".into()));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("序号", 0.7, Align::Center),
                    Column::new("附件", 4.0, Align::Left),
                    Column::new("文件", 4.0, Align::Left),
                    Column::new("页数", 0.8, Align::Right),
                ],
                rows: attachments
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        vec![
                            (i + 1).to_string(),
                            a.label.clone(),
                            a.file_name.clone(),
                            a.pages.to_string(),
                        ]
                    })
                    .collect(),
                field: "附件清单".into(),
            }));
        }
        if !attachments.is_empty() {
            blocks.push(Block::PageBreak);
            heading(&mut blocks, "附件");
            for (i, a) in attachments.iter().enumerate() {
                blocks.push(Block::Heading {
                    level: 2,
                    text: format!("附件 {}：{}", i + 1, a.label),
                });
                match &a.content {
                    Content::Picture(p) => blocks.push(Block::Frame(Some(p.clone()))),
                    Content::Pdf(_) | Content::Jpeg(_) => {
                        blocks.extend((0..a.pages).map(|_| Block::Frame(None)));
                    }
                }
            }
        }
        let contact = format!("{} {}", company.contact_person, company.contact_phone)
            .trim()
            .to_string();
        Ok(Document {
            meta: DocMeta::dated(&title, company.author(), day),
            header: format!(
                "{} · {}（{} 年度）",
                company.display_name(),
                program.name,
                d.year
            ),
            cover: Some(Cover {
                title: program.name.clone(),
                subtitle: Some(format!("申报材料（{} 年度）", d.year)),
                lines: vec![
                    ("申报单位".into(), company.display_name()),
                    ("联系人".into(), contact),
                    (
                        "主管部门".into(),
                        format!("{} {}", program.issuer, program.office)
                            .trim()
                            .to_string(),
                    ),
                    ("申报日期".into(), day.to_string()),
                ],
            }),
            toc: true,
            blocks,
            ..Document::default()
        })
    }

    /// Renders the packet of dossier `d` as it stands on `day`.
    fn render_packet(&self, d: &Dossier, day: NaiveDate) -> Result<Vec<u8>> {
        let program = self.find_program(&d.program_id)?;
        let check = self.check_program_data(&program, d.year, day)?;
        let sections = self.dossier_sections(d.id, &program)?;
        let attachments = self.load_attachments(&self.dossier_files(d.id)?, false)?;
        let doc = self.packet_document(d, &program, &check, &sections, &attachments, day)?;
        let (own, layout) = pdf::render_laid_out(&doc, Fonts::embedded())?;
        drop(doc);
        let sources: Vec<FrameSource> = attachments
            .into_iter()
            .filter_map(|a| match a.content {
                Content::Pdf(bytes) => Some(FrameSource::Pdf {
                    name: a.label,
                    bytes,
                }),
                Content::Jpeg(bytes) => Some(FrameSource::Jpeg {
                    name: a.label,
                    bytes,
                }),
                Content::Picture(_) => None,
            })
            .collect();
        Ok(pdf::fill_frames(&own, &layout, sources)?)
    }

    /// The packet's page count as it would print on `day` (the preview).
    pub fn dossier_page_count(&self, id: i64, day: NaiveDate) -> Result<usize> {
        let d = self.dossier(id)?;
        if let Some(file) = self.frozen_packet(id)? {
            let bytes = self.read_attachment(file)?;
            return Ok(pdf::pdf_page_count("已提交的申报材料", &bytes)?);
        }
        let program = self.find_program(&d.program_id)?;
        let check = self.check_program_data(&program, d.year, day)?;
        let sections = self.dossier_sections(id, &program)?;
        let attachments = self.load_attachments(&self.dossier_files(id)?, true)?;
        let doc = self.packet_document(&d, &program, &check, &sections, &attachments, day)?;
        Ok(pdf::layout(&doc, Fonts::embedded())?.pages.len())
    }

    /// The packet PDF: a submitted dossier's frozen bytes, byte for byte;
    /// a draft's as it prints on `day`.
    pub fn dossier_pdf(&self, id: i64, day: NaiveDate) -> Result<Vec<u8>> {
        let d = self.dossier(id)?;
        match self.frozen_packet(id)? {
            Some(file) => self.read_attachment(file),
            None => self.render_packet(&d, day),
        }
    }

    fn frozen_packet(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT packet_id FROM dossier WHERE id = ?1", [id], |r| {
                r.get(0)
            })?)
    }

    /// Submits a draft on `date`: renders the packet, keeps its exact bytes
    /// with their sha256 and a snapshot of the check, and marks it 已提交 —
    /// all or nothing. Returns the packet's bytes.
    pub fn submit_dossier(&mut self, id: i64, date: NaiveDate) -> Result<Vec<u8>> {
        let d = self.dossier(id)?;
        if d.status != DossierStatus::Draft {
            return Err(Error::invalid(
                field("status", "申报状态"),
                d.status.label(),
                "只有草稿可以提交",
            ));
        }
        crate::calendar::check_date(field("date", "提交日期"), Some(date))?;
        let program = self.find_program(&d.program_id)?;
        let check = self.check_program_data(&program, d.year, date)?;
        let bytes = self.render_packet(&d, date)?;
        let sha = crate::files::sha256_hex(&bytes);
        let snapshot = serde_json::to_string(&Snapshot::of(&check))?;
        let name = format!("{}（{} 年度）申报材料.pdf", program.name, d.year);
        self.write(|tx, audit| {
            let file = store_bytes(tx, audit, Entity::Dossier.at(id), &name, &bytes, PACKET_LABEL)?;
            tx.execute(
                "UPDATE dossier SET packet_id = ?2, packet_sha256 = ?3, snapshot = ?4, submitted_on = ?5
                 WHERE id = ?1",
                params![id, file, sha, snapshot, date],
            )?;
            change_status(tx, audit, &d, DossierStatus::Submitted, Some(date), "")
        })?;
        Ok(bytes)
    }
}
