use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::sheet::*;

coded_enum!(
    /// What a sheet being imported holds: the ledger's patents, or its
    /// trademarks.
    ImportKind, "导入类别" {
        Patent = "patent", "专利" | "patents" | "专利台账";
        Trademark = "trademark", "商标" | "trademarks" | "商标台账";
    }
);

/// A patent field a column can hold. [`Field::ALL`] is also the column order
/// of exports, whose headers are [`Field::header`], so an export imports back
/// unchanged.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    AppNo,
    Title,
    Kind,
    FilingDate,
    Status,
    GrantDate,
    GrantNo,
    Applicants,
    Inventors,
    Jurisdiction,
    Route,
    PriorityDate,
    PublicationNo,
    PublicationKind,
    /// 公开（公告）日: read on import only; a grant publication's date is the
    /// grant announcement date.
    PublicationDate,
    Ipc,
    Agency,
    Agent,
    Tags,
    SeiCategory,
    FeeReduction,
    FeeReductionFiled,
    GrantFeeYear,
    FeesPaidThrough,
    ExamRequestDate,
    CompensationDays,
    OverseasFamilyGrant,
    Acquisition,
    AcquiredOn,
    HnteUsedYear,
    /// 备注: patents and trademarks alike.
    Notes,
    // Trademark fields (see `trademark.rs`).
    RegNo,
    Mark,
    Classes,
    RegDate,
    ExpiryDate,
    TrademarkStatus,
    WellKnown,
    GeographicalIndication,
}

/// (field, code, header, other accepted headers). Headers equal the field
/// names in the core's error messages, so an error finds its column. Aliases
/// are written normalised (see [`normalise_header`]).
const FIELD_SPECS: &[(Field, &str, &str, &[&str])] = &[
    (
        Field::AppNo,
        "app-no",
        "申请号",
        &[
            "专利号",
            "申请号/专利号",
            "专利申请号",
            "申请(专利)号",
            "申请号/注册号",
            "applicationno",
            "applicationnumber",
            "appno",
        ],
    ),
    (
        Field::Title,
        "title",
        "专利名称",
        &["发明名称", "名称", "发明创造名称", "标题", "title"],
    ),
    (
        Field::Kind,
        "kind",
        "专利类型",
        &["类型", "专利种类", "kind", "type"],
    ),
    (
        Field::FilingDate,
        "filing-date",
        "申请日",
        &["申请日期", "filingdate"],
    ),
    (
        Field::Status,
        "status",
        "法律状态",
        &[
            "当前状态",
            "案件状态",
            "专利状态",
            "状态",
            "status",
            "legalstatus",
        ],
    ),
    (
        Field::GrantDate,
        "grant-date",
        "授权日",
        &["授权公告日", "授权日期", "grantdate"],
    ),
    (Field::GrantNo, "grant-no", "授权公告号", &["grantno"]),
    (
        Field::Applicants,
        "applicants",
        "申请人",
        &[
            "专利权人",
            "申请(专利权)人",
            "申请人/专利权人",
            "权利人",
            "applicant",
            "applicants",
        ],
    ),
    (
        Field::Inventors,
        "inventors",
        "发明人",
        &["发明(设计)人", "设计人", "inventor", "inventors"],
    ),
    (
        Field::Jurisdiction,
        "jurisdiction",
        "国家/地区",
        &[
            "国家",
            "地区",
            "国别",
            "国家地区",
            "jurisdiction",
            "country",
        ],
    ),
    (Field::Route, "route", "申请途径", &["途径", "route"]),
    (
        Field::PriorityDate,
        "priority-date",
        "优先权日",
        &["prioritydate"],
    ),
    (
        Field::PublicationNo,
        "publication-no",
        "公开号",
        &["公告号", "公开(公告)号", "publicationno"],
    ),
    (
        Field::PublicationKind,
        "publication-kind",
        "公开文献类型",
        &["文献类型", "publicationkind"],
    ),
    (
        Field::PublicationDate,
        "publication-date",
        "公开（公告）日",
        &[
            "公开日",
            "公告日",
            "公开日期",
            "公开公告日",
            "publicationdate",
        ],
    ),
    (
        Field::Ipc,
        "ipc",
        "IPC",
        &["主分类号", "ipc分类号", "ipc主分类号", "分类号"],
    ),
    (
        Field::Agency,
        "agency",
        "代理机构",
        &["专利代理机构", "agency"],
    ),
    (Field::Agent, "agent", "代理人", &["专利代理人", "agent"]),
    (
        Field::Tags,
        "tags",
        "标签",
        &["产品/技术标签", "技术标签", "tags", "tag"],
    ),
    (
        Field::SeiCategory,
        "sei-category",
        "战略性新兴产业类别",
        &["战新类别", "战略性新兴产业"],
    ),
    (
        Field::FeeReduction,
        "fee-reduction",
        "费减比例",
        &["费减", "减缴比例", "feereduction"],
    ),
    (
        Field::FeeReductionFiled,
        "fee-reduction-filed",
        "费减备案日",
        &["费减备案日期"],
    ),
    (Field::GrantFeeYear, "grant-fee-year", "授权当年年度", &[]),
    (
        Field::FeesPaidThrough,
        "fees-paid-through",
        "年费已缴至",
        &["年费缴至", "已缴年度", "年费缴纳至"],
    ),
    (
        Field::ExamRequestDate,
        "exam-request-date",
        "实审请求日",
        &["实质审查请求日"],
    ),
    (
        Field::CompensationDays,
        "compensation-days",
        "补偿天数",
        &["期限补偿天数"],
    ),
    (
        Field::OverseasFamilyGrant,
        "overseas-family-grant",
        "海外同族授权",
        &[],
    ),
    (
        Field::Acquisition,
        "acquisition",
        "获得方式",
        &["知识产权获得方式", "取得方式", "来源"],
    ),
    (
        Field::AcquiredOn,
        "acquired-on",
        "受让登记日",
        &["转让登记日", "变更登记日", "著录项目变更日"],
    ),
    (
        Field::HnteUsedYear,
        "hnte-used-year",
        "高企申报使用年度",
        &["高企使用年度", "用于高企认定年度"],
    ),
    (Field::Notes, "notes", "备注", &["notes", "remarks", "note"]),
    // Trademark ledgers. Looked up only when importing trademarks, so they
    // may share spellings with patent headers (状态, 申请号).
    (
        Field::RegNo,
        "reg-no",
        "注册号",
        &[
            "商标注册号",
            "注册证号",
            "申请号/注册号",
            "申请/注册号",
            "申请号",
            "regno",
            "registrationno",
        ],
    ),
    (
        Field::Mark,
        "mark",
        "商标名称",
        &[
            "商标",
            "商标名",
            "商标文字",
            "名称",
            "商标/专利名称",
            "mark",
            "trademark",
        ],
    ),
    (
        Field::Classes,
        "classes",
        "类别",
        &[
            "国际分类",
            "商品类别",
            "核定使用类别",
            "尼斯分类",
            "类号",
            "分类",
            "class",
            "classes",
        ],
    ),
    (
        Field::RegDate,
        "reg-date",
        "注册日",
        &["注册日期", "注册公告日", "核准注册日", "regdate"],
    ),
    (
        Field::ExpiryDate,
        "expiry-date",
        "有效期至",
        &[
            "到期日",
            "有效期",
            "专用权期限至",
            "专用权到期日",
            "有效期截止日",
            "expirydate",
        ],
    ),
    (
        Field::TrademarkStatus,
        "trademark-status",
        "商标状态",
        &["状态", "法律状态", "当前状态", "status"],
    ),
    (
        Field::WellKnown,
        "well-known",
        "驰名商标",
        &["是否驰名商标", "wellknown"],
    ),
    (
        Field::GeographicalIndication,
        "geographical-indication",
        "地理标志",
        &["地理标志商标", "是否地理标志"],
    ),
];

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::AppNo,
        Field::Title,
        Field::Kind,
        Field::FilingDate,
        Field::Status,
        Field::GrantDate,
        Field::GrantNo,
        Field::Applicants,
        Field::Inventors,
        Field::Jurisdiction,
        Field::Route,
        Field::PriorityDate,
        Field::PublicationNo,
        Field::PublicationKind,
        Field::Ipc,
        Field::Agency,
        Field::Agent,
        Field::Tags,
        Field::SeiCategory,
        Field::FeeReduction,
        Field::FeeReductionFiled,
        Field::GrantFeeYear,
        Field::FeesPaidThrough,
        Field::ExamRequestDate,
        Field::CompensationDays,
        Field::OverseasFamilyGrant,
        Field::Acquisition,
        Field::AcquiredOn,
        Field::HnteUsedYear,
        Field::Notes,
    ];

    /// What a patent import reads: every exported column, and the vendor
    /// columns read only on import.
    pub const PATENT_IMPORT: &'static [Field] = &[
        Field::AppNo,
        Field::Title,
        Field::Kind,
        Field::FilingDate,
        Field::Status,
        Field::GrantDate,
        Field::GrantNo,
        Field::Applicants,
        Field::Inventors,
        Field::Jurisdiction,
        Field::Route,
        Field::PriorityDate,
        Field::PublicationNo,
        Field::PublicationKind,
        Field::PublicationDate,
        Field::Ipc,
        Field::Agency,
        Field::Agent,
        Field::Tags,
        Field::SeiCategory,
        Field::FeeReduction,
        Field::FeeReductionFiled,
        Field::GrantFeeYear,
        Field::FeesPaidThrough,
        Field::ExamRequestDate,
        Field::CompensationDays,
        Field::OverseasFamilyGrant,
        Field::Acquisition,
        Field::AcquiredOn,
        Field::HnteUsedYear,
        Field::Notes,
    ];

    /// Fields an import cannot do without.
    pub const REQUIRED: &'static [Field] = &[Field::AppNo, Field::Title, Field::FilingDate];

    /// Trademark columns, in export order.
    pub const TRADEMARK: &'static [Field] = &[
        Field::RegNo,
        Field::Mark,
        Field::Classes,
        Field::RegDate,
        Field::ExpiryDate,
        Field::TrademarkStatus,
        Field::WellKnown,
        Field::GeographicalIndication,
        Field::Notes,
    ];

    pub const TRADEMARK_REQUIRED: &'static [Field] = &[Field::RegNo, Field::Mark];

    /// The fields of one kind of record ([`Field::ALL`] for patents).
    pub fn of(kind: ImportKind) -> &'static [Field] {
        match kind {
            ImportKind::Patent => Field::PATENT_IMPORT,
            ImportKind::Trademark => Field::TRADEMARK,
        }
    }

    pub fn required(kind: ImportKind) -> &'static [Field] {
        match kind {
            ImportKind::Patent => Field::REQUIRED,
            ImportKind::Trademark => Field::TRADEMARK_REQUIRED,
        }
    }

    fn spec(self) -> &'static (Field, &'static str, &'static str, &'static [&'static str]) {
        FIELD_SPECS
            .iter()
            .find(|s| s.0 == self)
            .expect("every field has a spec")
    }

    /// Stable ASCII name, used on the command line.
    pub fn code(self) -> &'static str {
        self.spec().1
    }

    /// The Chinese column header exports write.
    pub fn header(self) -> &'static str {
        self.spec().2
    }

    /// The headers of `fields`, in order: an export's header row.
    pub fn headers(fields: &[Field]) -> Vec<&'static str> {
        fields.iter().map(|f| f.header()).collect()
    }

    /// The patent field a column header names, in any usual spelling.
    pub fn from_header(header: &str) -> Option<Field> {
        Field::from_header_for(ImportKind::Patent, header)
    }

    /// The field of this kind whose own header or code this is (no aliases).
    fn named_for(kind: ImportKind, header: &str) -> Option<Field> {
        let h = normalise_header(header);
        Field::of(kind)
            .iter()
            .copied()
            .find(|f| !h.is_empty() && (normalise_header(f.header()) == h || f.code() == h))
    }

    /// The field of this kind a column header names, in any usual spelling.
    pub fn from_header_for(kind: ImportKind, header: &str) -> Option<Field> {
        let h = normalise_header(header);
        if h.is_empty() {
            return None;
        }
        let fields = Field::of(kind);
        FIELD_SPECS
            .iter()
            .filter(|s| fields.contains(&s.0))
            .find(|(_, code, main, aliases)| {
                normalise_header(main) == h || *code == h || aliases.contains(&h.as_str())
            })
            .map(|s| s.0)
            .or_else(|| {
                // A patent database's own header (智慧芽, incoPat …).
                (kind == ImportKind::Patent)
                    .then(|| super::vendors::vendor_field(header))
                    .flatten()
                    .filter(|f| fields.contains(f))
            })
    }

    /// The field with this stable code (`app-no`), without aliases.
    pub fn by_code(code: &str) -> Option<Field> {
        FIELD_SPECS.iter().find(|s| s.1 == code).map(|s| s.0)
    }
}

impl ImportKind {
    /// Trademarks when the headers name a mark but no patent title, or
    /// more trademark columns than patent ones; patents otherwise.
    pub fn guess(headers: &[String]) -> ImportKind {
        let found = |kind, field| {
            headers
                .iter()
                .any(|h| Field::from_header_for(kind, h) == Some(field))
        };
        let score = |kind| {
            headers
                .iter()
                .filter(|h| Field::from_header_for(kind, h).is_some())
                .count()
        };
        let mark = found(ImportKind::Trademark, Field::Mark);
        let title = found(ImportKind::Patent, Field::Title);
        // A 类型 column with patent columns beside it is a mixed list whose
        // 商标 rows an import splits off (see `split_mixed`).
        let mixed = found(ImportKind::Patent, Field::Kind)
            && found(ImportKind::Patent, Field::FilingDate)
            && found(ImportKind::Patent, Field::AppNo);
        if mixed {
            ImportKind::Patent
        } else if (mark && !title) || score(ImportKind::Trademark) > score(ImportKind::Patent) {
            ImportKind::Trademark
        } else {
            ImportKind::Patent
        }
    }

    /// The kind a (remembered) mapping's fields belong to.
    pub fn of_mapping(mapping: &Mapping) -> Option<ImportKind> {
        let only = |kind| {
            mapping.0.values().all(|f| Field::of(kind).contains(f))
                && mapping.0.values().any(|f| *f != Field::Notes)
        };
        [ImportKind::Patent, ImportKind::Trademark]
            .into_iter()
            .find(|k| only(*k))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.header())
    }
}

impl FromStr for Field {
    type Err = Error;
    fn from_str(s: &str) -> Result<Field> {
        Field::from_header(s)
            .or_else(|| Field::from_header_for(ImportKind::Trademark, s))
            .ok_or_else(|| {
                let names: Vec<String> = Field::ALL
                    .iter()
                    .chain(Field::TRADEMARK.iter().filter(|f| **f != Field::Notes))
                    .map(|f| format!("{}（{}）", f.header(), f.code()))
                    .collect();
                Error::invalid("导入字段", s, format!("应为：{}", names.join("、")))
            })
    }
}

/// Which column holds which field: column index (from 0) → field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping(pub BTreeMap<usize, Field>);

impl Mapping {
    /// Recognises the usual patent headers; each field goes to its leftmost
    /// column.
    pub fn suggest(headers: &[String]) -> Mapping {
        Mapping::suggest_for(ImportKind::Patent, headers)
    }

    /// Recognises the usual headers of this kind of sheet.
    ///
    /// A column headed with a field's own name (or code) wins over one that
    /// only matches an alias: a trademark sheet with both 申请号 and 注册号
    /// maps 注册号 to the 注册号 column, not to the leftmost match.
    pub fn suggest_for(kind: ImportKind, headers: &[String]) -> Mapping {
        let mut m = BTreeMap::new();
        let mut taken = HashSet::new();
        for exact in [true, false] {
            for (i, h) in headers.iter().enumerate() {
                if m.contains_key(&i) {
                    continue;
                }
                let found = if exact {
                    Field::named_for(kind, h)
                } else {
                    Field::from_header_for(kind, h)
                };
                if let Some(f) = found {
                    if taken.insert(f) {
                        m.insert(i, f);
                    }
                }
            }
        }
        Mapping(m)
    }

    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }

    /// [`Mapping::check_for`] a patent sheet.
    pub fn check(&self, headers: &[String]) -> Result<()> {
        self.check_for(ImportKind::Patent, headers)
    }

    /// Refuses a mapping that misses a required field, names a column the
    /// sheet does not have, maps one field twice or maps a field of another
    /// kind of record.
    pub fn check_for(&self, kind: ImportKind, headers: &[String]) -> Result<()> {
        let mut seen = HashSet::new();
        for (col, f) in &self.0 {
            if !Field::of(kind).contains(f) {
                return Err(Error::invalid(
                    "列映射",
                    f.header(),
                    format!("不是{}台账的字段", kind.label()),
                ));
            }
            if *col >= headers.len() {
                return Err(Error::invalid(
                    "列映射",
                    format!("第 {} 列", col + 1),
                    format!("表头只有 {} 列", headers.len()),
                ));
            }
            if !seen.insert(*f) {
                return Err(Error::invalid("列映射", f.header(), "同一字段映射到了多列"));
            }
        }
        let missing: Vec<&str> = Field::required(kind)
            .iter()
            .filter(|f| !seen.contains(f))
            .map(|f| f.header())
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(
                "列映射",
                missing.join("、"),
                format!(
                    "缺少必需的列（表头为：{}），请在表头中使用这些名称或手动指定列",
                    headers.join("、")
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_across_full_width_brackets_and_spaces() {
        assert_eq!(
            Field::from_header("申请（专利权）人"),
            Some(Field::Applicants)
        );
        assert_eq!(
            Field::from_header(" 发明 (设计) 人 "),
            Some(Field::Inventors)
        );
        assert_eq!(Field::from_header("ＩＰＣ"), Some(Field::Ipc));
        assert_eq!(Field::from_header("授权公告日"), Some(Field::GrantDate));
        assert_eq!(Field::from_header("年费缴至"), Some(Field::FeesPaidThrough));
        assert_eq!(
            Field::from_header("序号"),
            None,
            "unknown columns stay unmapped"
        );
        for f in Field::ALL {
            assert_eq!(
                Field::from_header(f.header()),
                Some(*f),
                "export headers import back"
            );
        }
    }

    #[test]
    fn a_header_with_the_fields_own_name_wins_over_an_alias() {
        let headers: Vec<String> = ["申请号", "商标", "注册号", "状态", "商标状态"]
            .map(String::from)
            .to_vec();
        let m = Mapping::suggest_for(ImportKind::Trademark, &headers);
        assert_eq!(m.column_of(Field::RegNo), Some(2));
        assert_eq!(m.column_of(Field::TrademarkStatus), Some(4));
        assert_eq!(m.column_of(Field::Mark), Some(1));
        let only_alias: Vec<String> = ["申请号", "商标"].map(String::from).to_vec();
        assert_eq!(
            Mapping::suggest_for(ImportKind::Trademark, &only_alias).column_of(Field::RegNo),
            Some(0),
            "an alias still maps when the field's own name is absent"
        );
    }
}
