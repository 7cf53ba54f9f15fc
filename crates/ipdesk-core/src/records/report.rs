//! Every records page as a printable list: one generic document for all
//! kinds (商标台账, 质押融资台账 …), driven by each kind's
//! [`Record::list_columns`] — the columns the page's list shows, in its
//! order — plus the linked patents and the notes. Data is gathered from the
//! store first ([`Store::records_report`]) so the caller can release the
//! store while the PDF renders.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::company::Company;
use crate::error::{field, Error, Result};
use crate::money::Money;
use crate::pdf::{
    render_staged, Align, Block, Column, DocMeta, Document, Orientation, Progress, Table,
};
use crate::store::Store;

/// One column of a kind's list: what the records page shows and the PDF
/// prints, named by the field it reads.
#[derive(Debug)]
pub struct ListColumn<T> {
    /// The field as the DTO (and the page's list) names it, e.g. `regNo`.
    pub prop: &'static str,
    /// The heading on paper, as the page labels the field.
    pub title: &'static str,
    /// Relative width on paper.
    pub width: f32,
    pub value: Shown<T>,
}

/// How a column's cell is read from a record.
#[derive(Debug)]
pub enum Shown<T> {
    Text(fn(&T) -> String),
    Date(fn(&T) -> Option<NaiveDate>),
    /// Right-aligned yuan with separators, totalled in the summary line.
    Money(fn(&T) -> Money),
}

impl<T> ListColumn<T> {
    pub fn text(prop: &'static str, title: &'static str, width: f32, f: fn(&T) -> String) -> Self {
        ListColumn {
            prop,
            title,
            width,
            value: Shown::Text(f),
        }
    }

    pub fn date(
        prop: &'static str,
        title: &'static str,
        width: f32,
        f: fn(&T) -> Option<NaiveDate>,
    ) -> Self {
        ListColumn {
            prop,
            title,
            width,
            value: Shown::Date(f),
        }
    }

    pub fn money(prop: &'static str, title: &'static str, width: f32, f: fn(&T) -> Money) -> Self {
        ListColumn {
            prop,
            title,
            width,
            value: Shown::Money(f),
        }
    }

    fn cell(&self, t: &T) -> String {
        match &self.value {
            Shown::Text(f) => f(t),
            Shown::Date(f) => f(t).map(|d| d.to_string()).unwrap_or_default(),
            Shown::Money(f) => f(t).grouped(),
        }
    }

    fn align(&self) -> Align {
        match self.value {
            Shown::Money(_) => Align::Right,
            Shown::Date(_) => Align::Center,
            Shown::Text(_) => Align::Left,
        }
    }
}

/// Which records page: the kinds around the ledger, as the window and the
/// command line name them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Trademark,
    Pledge,
    Award,
    Transfer,
    Insurance,
    Product,
    OtherIp,
    Qualification,
}

impl RecordKind {
    pub const ALL: &'static [RecordKind] = &[
        RecordKind::Trademark,
        RecordKind::Pledge,
        RecordKind::Award,
        RecordKind::Transfer,
        RecordKind::Insurance,
        RecordKind::Product,
        RecordKind::OtherIp,
        RecordKind::Qualification,
    ];

    /// The name the command line and the window use (`other_ip`).
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Trademark => "trademark",
            RecordKind::Pledge => "pledge",
            RecordKind::Award => "award",
            RecordKind::Transfer => "transfer",
            RecordKind::Insurance => "insurance",
            RecordKind::Product => "product",
            RecordKind::OtherIp => "other_ip",
            RecordKind::Qualification => "qualification",
        }
    }

    /// The printed list's title, e.g. 商标台账.
    pub fn title(self) -> &'static str {
        match self {
            RecordKind::Trademark => TrademarkData::LIST_TITLE,
            RecordKind::Pledge => PledgeData::LIST_TITLE,
            RecordKind::Award => AwardData::LIST_TITLE,
            RecordKind::Transfer => TransferData::LIST_TITLE,
            RecordKind::Insurance => InsuranceData::LIST_TITLE,
            RecordKind::Product => ProductData::LIST_TITLE,
            RecordKind::OtherIp => OtherIpData::LIST_TITLE,
            RecordKind::Qualification => QualificationData::LIST_TITLE,
        }
    }
}

impl std::str::FromStr for RecordKind {
    type Err = Error;
    /// A code (`other_ip`, `other-ip`) or the list's title (商标台账).
    fn from_str(s: &str) -> Result<RecordKind> {
        let t = s.trim();
        RecordKind::ALL
            .iter()
            .copied()
            .find(|k| t.replace('-', "_").eq_ignore_ascii_case(k.code()) || t == k.title())
            .ok_or_else(|| {
                let options: Vec<String> = RecordKind::ALL
                    .iter()
                    .map(|k| format!("{}（{}）", k.title(), k.code()))
                    .collect();
                Error::invalid(
                    field("kind", "记录类别"),
                    t,
                    format!("应为：{}", options.join("、")),
                )
            })
    }
}

/// Everything a printed records list shows, gathered from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordsReport {
    pub company: Company,
    pub today: NaiveDate,
    pub kind: RecordKind,
    /// e.g. 「共 3 条质押；融资金额（元）合计 1,200,000.00 元」.
    pub summary: String,
    /// The rows as printed: 序号, the kind's list columns, 关联专利 for the
    /// kinds linked to patents, 备注.
    pub table: Table,
}

impl Store {
    /// Every record of `kind`, in the page's order and columns, for
    /// [`records_pdf`].
    pub fn records_report(&self, kind: RecordKind, today: NaiveDate) -> Result<RecordsReport> {
        match kind {
            RecordKind::Trademark => self.report_of::<TrademarkData>(kind, today),
            RecordKind::Pledge => self.report_of::<PledgeData>(kind, today),
            RecordKind::Award => self.report_of::<AwardData>(kind, today),
            RecordKind::Transfer => self.report_of::<TransferData>(kind, today),
            RecordKind::Insurance => self.report_of::<InsuranceData>(kind, today),
            RecordKind::Product => self.report_of::<ProductData>(kind, today),
            RecordKind::OtherIp => self.report_of::<OtherIpData>(kind, today),
            RecordKind::Qualification => self.report_of::<QualificationData>(kind, today),
        }
    }

    fn report_of<T: Record>(&self, kind: RecordKind, today: NaiveDate) -> Result<RecordsReport> {
        let items = self.list_records::<T>()?;
        let list = T::list_columns();
        let linked = T::LINK.is_some();
        let mut columns = vec![Column::new("序号", 5.0, Align::Center)];
        columns.extend(
            list.iter()
                .map(|c| Column::new(c.title, c.width, c.align())),
        );
        if linked {
            columns.push(Column::new("关联专利", 14.0, Align::Left));
        }
        columns.push(Column::new("备注", 12.0, Align::Left));
        let mut rows = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let mut row = vec![(n + 1).to_string()];
            row.extend(list.iter().map(|c| c.cell(&item.data)));
            if linked {
                let labels = self.patent_labels(item.data.patent_ids())?;
                row.push(
                    labels
                        .into_iter()
                        .map(|l| l.display_app_no)
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            row.push(item.data.notes().to_string());
            rows.push(row);
        }
        let mut summary = format!("共 {} 条{}", items.len(), T::LABEL);
        for c in &list {
            if let Shown::Money(f) = c.value {
                let total: Money = items.iter().map(|i| f(&i.data)).sum();
                summary.push_str(&format!("；{}合计 {} 元", c.title, total.grouped()));
            }
        }
        summary.push('。');
        Ok(RecordsReport {
            company: self.company()?,
            today,
            kind,
            summary,
            table: Table {
                columns,
                rows,
                field: kind.title().into(),
            },
        })
    }
}

/// Builds a printed records list: the title, the company and print date,
/// the summary, then one landscape table (or a line saying there is none).
pub fn records_document(r: &RecordsReport) -> Document {
    let name = r.company.display_name();
    let title = r.kind.title();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("{name}{title}"),
        },
        Block::KeyValues(vec![
            ("编制单位".into(), name.clone()),
            ("统一社会信用代码".into(), r.company.uscc.clone()),
            ("打印日期".into(), r.today.to_string()),
            ("统计".into(), r.summary.clone()),
        ]),
        Block::Spacer(3.0),
    ];
    if r.table.rows.is_empty() {
        blocks.push(Block::Paragraph(format!("截至 {}，尚未登记。", r.today)));
    } else {
        blocks.push(Block::Table(r.table.clone()));
    }
    Document {
        meta: DocMeta::dated(title, r.company.author(), r.today),
        orientation: Orientation::Landscape,
        header: format!("{name} {title}"),
        cover: None,
        toc: false,
        blocks,
    }
}

/// Renders a records list with the embedded fonts.
pub fn records_pdf(r: &RecordsReport, progress: &mut dyn FnMut(Progress)) -> Result<Vec<u8>> {
    Ok(render_staged(|| records_document(r), progress)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_named_by_code_or_title_and_a_wrong_one_names_the_field() {
        assert_eq!(
            "other-ip".parse::<RecordKind>().unwrap(),
            RecordKind::OtherIp
        );
        assert_eq!(
            "商标台账".parse::<RecordKind>().unwrap(),
            RecordKind::Trademark
        );
        for k in RecordKind::ALL {
            assert_eq!(
                k.code().parse::<RecordKind>().unwrap(),
                *k,
                "codes round-trip"
            );
        }
        let e = "patent".parse::<RecordKind>().unwrap_err();
        assert_eq!(e.field().map(|f| f.label), Some("记录类别"), "{e}");
        assert!(
            e.to_string().contains("trademark"),
            "lists the choices: {e}"
        );
    }

    #[test]
    fn the_summary_totals_money_columns_and_every_row_fits_the_columns() {
        let mut s = Store::open_in_memory().unwrap();
        for (amount, pledgee) in [
            (Money::yuan(1_000_000), "工商银行"),
            (Money(50), "建设银行"),
        ] {
            s.add_record(PledgeData {
                pledgor: "示例公司".into(),
                pledgee: pledgee.into(),
                loan_amount: amount,
                ..PledgeData::default()
            })
            .unwrap();
        }
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for k in RecordKind::ALL {
            let r = s.records_report(*k, day).unwrap();
            for row in &r.table.rows {
                assert_eq!(row.len(), r.table.columns.len(), "{k:?}: a cell per column");
            }
        }
        let r = s.records_report(RecordKind::Pledge, day).unwrap();
        assert_eq!(r.table.rows.len(), 2);
        assert!(
            r.summary.contains("共 2 条质押") && r.summary.contains("合计 1,000,000.50 元"),
            "count and total: {}",
            r.summary
        );
    }
}
