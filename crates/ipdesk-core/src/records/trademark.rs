use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{types::Value, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{field, Error, FieldName, Result};
use crate::rules::Rules;
use crate::store::{json_list, Audit, Commit, Entity, Store};

coded_enum!(
    /// 商标状态.
    TrademarkStatus, "商标状态" {
        Pending = "pending", "申请中" | "待审";
        Registered = "registered", "已注册" | "注册" | "有效";
        Expired = "expired", "已过期" | "期满未续展";
        Cancelled = "cancelled", "已注销" | "注销" | "撤销" | "无效";
    }
);

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrademarkData {
    /// 注册号 / 申请号.
    pub reg_no: String,
    pub mark: String,
    /// Nice classes, 1–45.
    pub classes: Vec<u32>,
    pub reg_date: Option<NaiveDate>,
    pub expiry_date: Option<NaiveDate>,
    pub status: TrademarkStatus,
    pub well_known: bool,
    pub geographical_indication: bool,
    pub notes: String,
}

impl Default for TrademarkData {
    fn default() -> Self {
        TrademarkData {
            reg_no: String::new(),
            mark: String::new(),
            classes: Vec::new(),
            reg_date: None,
            expiry_date: None,
            status: TrademarkStatus::Registered,
            well_known: false,
            geographical_indication: false,
            notes: String::new(),
        }
    }
}

impl Record for TrademarkData {
    const TABLE: &'static str = "trademark";
    const ENTITY: Entity = Entity::Trademark;
    const LABEL: &'static str = "商标";
    const COLUMNS: &'static [&'static str] = &[
        "reg_no",
        "mark",
        "classes",
        "reg_date",
        "expiry_date",
        "status",
        "well_known",
        "geographical_indication",
        "notes",
    ];
    const ORDER_BY: &'static str = "reg_date, id";
    const LINK: Option<(&'static str, &'static str)> = None;
    const UNIQUE: Option<(&'static str, FieldName)> = Some(("reg_no", field("regNo", "注册号")));
    const LIST_TITLE: &'static str = "商标台账";

    fn list_columns() -> Vec<ListColumn<Self>> {
        vec![
            ListColumn::text("regNo", "注册号/申请号", 12.0, |t: &Self| {
                t.reg_no.clone()
            }),
            ListColumn::text("mark", "商标", 14.0, |t: &Self| t.mark.clone()),
            ListColumn::text("classes", "类别", 8.0, |t: &Self| {
                t.classes
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("、")
            }),
            ListColumn::date("regDate", "注册日", 9.0, |t: &Self| t.reg_date),
            ListColumn::date("expiryDate", "有效期至", 9.0, |t: &Self| t.expiry_date),
            ListColumn::text("status", "状态", 7.0, |t: &Self| t.status.label().into()),
            ListColumn::text("wellKnown", "驰名商标", 6.0, |t: &Self| {
                yes(t.well_known)
            }),
            ListColumn::text("geographicalIndication", "地理标志", 6.0, |t: &Self| {
                yes(t.geographical_indication)
            }),
        ]
    }
    fn notes(&self) -> &str {
        &self.notes
    }

    fn normalise(mut self) -> Result<Self> {
        required(field("regNo", "注册号"), &mut self.reg_no)?;
        required(field("mark", "商标名称"), &mut self.mark)?;
        if let Some(c) = self.classes.iter().find(|c| !(1..=45).contains(*c)) {
            return Err(Error::invalid(
                field("classes", "类别"),
                c.to_string(),
                "尼斯分类应为第 1–45 类",
            ));
        }
        self.classes.sort_unstable();
        self.classes.dedup();
        ordered(
            field("expiryDate", "有效期至"),
            self.reg_date,
            self.expiry_date,
            "注册日",
        )?;
        Ok(self)
    }
    fn values(&self) -> Result<Vec<Value>> {
        Ok(vec![
            text(&self.reg_no),
            text(&self.mark),
            Value::Text(serde_json::to_string(&self.classes)?),
            date(self.reg_date),
            date(self.expiry_date),
            text(self.status.code()),
            Value::Integer(self.well_known.into()),
            Value::Integer(self.geographical_indication.into()),
            text(&self.notes),
        ])
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(TrademarkData {
            reg_no: r.get("reg_no")?,
            mark: r.get("mark")?,
            classes: json_list(r.get("classes")?)?,
            reg_date: r.get("reg_date")?,
            expiry_date: r.get("expiry_date")?,
            status: r.get("status")?,
            well_known: r.get("well_known")?,
            geographical_indication: r.get("geographical_indication")?,
            notes: r.get("notes")?,
        })
    }
}

impl Store {
    /// Writes every trademark to `out` with the trademark import's headers.
    pub fn export_trademarks(&self, format: ExportFormat, out: &Path) -> Result<usize> {
        self.refuse_own_files(out)?;
        let rows: Vec<Vec<Cell>> = self
            .list_records::<TrademarkData>()?
            .iter()
            .map(|t| trademark_row(&t.data))
            .collect();
        write_table(
            out,
            format,
            "商标台账",
            &Field::headers(Field::TRADEMARK),
            &rows,
        )?;
        Ok(rows.len())
    }
}

fn trademark_row(t: &TrademarkData) -> Vec<Cell> {
    Field::TRADEMARK
        .iter()
        .map(|f| match f {
            Field::RegNo => text_cell(&t.reg_no),
            Field::Mark => text_cell(&t.mark),
            Field::Classes => text_cell(
                &t.classes
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            Field::RegDate => date_cell(t.reg_date),
            Field::ExpiryDate => date_cell(t.expiry_date),
            Field::TrademarkStatus => text_cell(t.status.label()),
            Field::WellKnown => yes_no_cell(t.well_known),
            Field::GeographicalIndication => yes_no_cell(t.geographical_indication),
            Field::Notes => text_cell(&t.notes),
            _ => Cell::Empty,
        })
        .collect()
}

impl Store {
    /// Imports the rows of `table` as trademarks, keyed by 注册号: all of
    /// them in one transaction, or — if any row has an error, or
    /// `opts.dry_run` — none (the report says `committed: false`). A number
    /// already in the ledger (or earlier in the file) is updated or skipped
    /// as `opts.on_duplicate` says. Errors: an invalid mapping.
    pub fn import_trademarks(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        mapping.check_for(ImportKind::Trademark, &table.headers)?;
        let chunks = table
            .rows
            .chunks(STREAM_CHUNK)
            .map(|c| Ok(c.iter().map(Cow::Borrowed).collect()));
        import_in_transaction_for::<TrademarkData>(
            self,
            ImportKind::Trademark,
            table,
            (table.rows.len(), chunks),
            mapping,
            opts,
            progress,
        )
    }
}

/// Trademarks import keyed by 注册号. Trademark ledgers are small, so created
/// trademarks keep full audit rows.
impl Importable for TrademarkData {
    type Field = Field;
    type Key = String;
    type Prepared = TrademarkData;
    const NUMBER: &'static str = "注册号";

    fn blank() -> Self {
        TrademarkData::default()
    }

    fn apply_cells(
        self,
        mapping: &BTreeMap<usize, Field>,
        row: &SheetRow,
        fail: &mut dyn FnMut(usize, String, Error),
    ) -> Self {
        apply_trademark_cells(self, mapping, row, fail)
    }

    fn normalise(self, _rules: &Rules) -> Result<Self> {
        crate::text::check_text_sizes(&self)?;
        Record::normalise(self)
    }

    fn header(field: Field) -> &'static str {
        field.header()
    }

    fn key(&self) -> String {
        self.reg_no.clone()
    }

    fn number(&self) -> String {
        self.reg_no.clone()
    }

    fn prepare(&self, _rules: &Rules, _batch: i64, _row: usize) -> Result<TrademarkData> {
        Ok(self.clone())
    }

    fn any_stored(tx: &Transaction) -> Result<bool> {
        Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM trademark)", [], |r| r.get(0))?)
    }

    fn find(tx: &Transaction, reg_no: &String) -> Result<Option<(i64, Self)>> {
        record_by_unique::<TrademarkData>(tx, reg_no)
    }

    fn insert(tx: &Transaction, audit: &Audit, t: TrademarkData) -> Result<()> {
        insert_record(tx, audit, &t).map(drop)
    }

    fn replace(
        tx: &Transaction,
        audit: &Audit,
        _rules: &Rules,
        id: i64,
        before: &Self,
        after: &Self,
    ) -> Result<()> {
        replace_record(tx, audit, id, before, after)
    }
}

/// Writes the mapped cells of `row` into `t`, reporting each bad cell to
/// `fail(column, value, error)` and leaving its field as it was.
fn apply_trademark_cells(
    mut t: TrademarkData,
    mapping: &BTreeMap<usize, Field>,
    row: &SheetRow,
    fail: &mut dyn FnMut(usize, String, Error),
) -> TrademarkData {
    for (&col, &field) in mapping {
        let c = cell(row, col);
        let label = field.header();
        let text = c.text();
        let result: Result<()> = (|| {
            readable(label, c)?;
            match field {
                // Registration numbers are digits, sometimes with a prefix
                // letter (G for international registrations); spaces go.
                Field::RegNo => t.reg_no = text.split_whitespace().collect(),
                Field::Mark => t.mark = text.clone(),
                Field::Classes => t.classes = classes_of(label, c)?,
                Field::RegDate => t.reg_date = date_of(label, c)?,
                Field::ExpiryDate => t.expiry_date = date_of(label, c)?,
                Field::TrademarkStatus if !c.is_empty() => {
                    t.status = text.parse::<TrademarkStatus>()?
                }
                Field::WellKnown => t.well_known = bool_of(label, c)?,
                Field::GeographicalIndication => t.geographical_indication = bool_of(label, c)?,
                Field::Notes => t.notes = text.clone(),
                // Patent fields: `Mapping::check_for` keeps them out.
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            fail(col, text, e);
        }
    }
    t
}

/// Nice classes as ledgers write them: `9`, `9、35、42`, `第9类`,
/// `9类;35类`, `09`.
fn classes_of(label: &'static str, c: &Cell) -> Result<Vec<u32>> {
    if let Cell::Number(n) = c {
        if n.fract() == 0.0 && *n >= 0.0 {
            return Ok(vec![*n as u32]);
        }
    }
    split_list(&c.text())
        .iter()
        .map(|s| {
            let t = s.trim_start_matches('第').trim_end_matches('类').trim();
            t.parse::<u32>().map_err(|_| {
                Error::invalid(
                    label,
                    s.clone(),
                    "应为尼斯分类号（1–45），多个类别用顿号分隔，如 9、35、42",
                )
            })
        })
        .collect()
}

impl Store {
    /// Imports patents and trademarks together — a list whose 类型 column
    /// says 商标 for the marks, split by [`crate::split_mixed`], or a
    /// workbook with a sheet of each — in one transaction, all or nothing.
    /// `mark_mapping` `None` takes the remembered or suggested one for the
    /// trademarks' header.
    pub fn import_mixed(
        &mut self,
        (patents, patent_mapping): (&Table, &Mapping),
        (marks, mark_mapping): (&Table, Option<&Mapping>),
        opts: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(ImportReport, ImportReport)> {
        patent_mapping.check(&patents.headers)?;
        let mark_mapping = match mark_mapping {
            Some(m) => m.clone(),
            None => self.import_mapping_for(ImportKind::Trademark, &marks.headers)?,
        };
        mark_mapping.check_for(ImportKind::Trademark, &marks.headers)?;
        let rules = self.rules_arc();
        fn chunks(
            t: &Table,
        ) -> (
            usize,
            impl Iterator<Item = Result<Vec<Cow<'_, SheetRow>>>> + Send,
        ) {
            (
                t.rows.len(),
                t.rows
                    .chunks(STREAM_CHUNK)
                    .map(|c| Ok(c.iter().map(Cow::Borrowed).collect())),
            )
        }
        self.write_bulk(|tx, audit| {
            let mut p = run_import::<PatentData>(
                tx,
                audit,
                &rules,
                ImportKind::Patent,
                patents,
                chunks(patents),
                patent_mapping,
                opts,
                progress,
            )?;
            let mut m = run_import::<TrademarkData>(
                tx,
                audit,
                &rules,
                ImportKind::Trademark,
                marks,
                chunks(marks),
                &mark_mapping,
                opts,
                progress,
            )?;
            if opts.dry_run || !p.report.errors.is_empty() || !m.report.errors.is_empty() {
                return Ok(((p.report, m.report), Commit::No));
            }
            p.finish(tx, patents, patent_mapping)?;
            m.finish(tx, marks, &mark_mapping)?;
            Ok(((p.report, m.report), Commit::Yes))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_read_in_the_shapes_ledgers_use() {
        let text = |s: &str| Cell::Text(s.into());
        assert_eq!(classes_of("类别", &Cell::Number(9.0)).unwrap(), [9]);
        assert_eq!(classes_of("类别", &text("9、35、42")).unwrap(), [9, 35, 42]);
        assert_eq!(classes_of("类别", &text("第9类；第35类")).unwrap(), [9, 35]);
        assert_eq!(classes_of("类别", &text("09")).unwrap(), [9]);
        assert!(classes_of("类别", &text("电子产品")).is_err());
        assert!(classes_of("类别", &Cell::Empty).unwrap().is_empty());
    }
}
