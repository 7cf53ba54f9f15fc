//! Funding programs and qualifications as data (`assets/programs/*.json`):
//! who issues a program, its source, its criteria as typed checks (a metric
//! over the store with an operator and a value, a profile fact, or an
//! evidence item the officer supplies) and its subsidy formulas. Nothing in
//! a program file is code: an unknown metric, operator or field is refused
//! when the file is read, naming the file and the field.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A program: one call for applications (or a qualification) with its
/// versions by date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Program {
    /// Stable id, lower-case letters, digits and dashes (`hengyang-2023-2-3`).
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub region: String,
    /// 国家级 / 省级 / 市级 …
    pub level: String,
    /// The year of the guide.
    pub year: i32,
    /// 主管科室, where the guide names one.
    #[serde(default)]
    pub office: String,
    /// Who may apply (支持范围).
    #[serde(default)]
    pub scope: String,
    /// Enterprises may apply (programs for bureaus or schools are not shipped).
    pub enterprise: bool,
    pub source: ProgramSource,
    /// The source was read in the official text; an unconfirmed program's
    /// checks are shown as hints and never decide a verdict.
    pub confirmed: bool,
    #[serde(default)]
    pub notes: String,
    pub versions: Vec<ProgramVersion>,
    /// What a dossier for it attaches (附件清单).
    #[serde(default)]
    pub attachments: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgramSource {
    pub document: String,
    pub issuer: String,
    pub section: String,
    /// The seed document in `shared/seeds` it was read from, if any.
    #[serde(default)]
    pub seed: String,
    #[serde(default)]
    pub url: String,
}

/// The criteria and subsidies in force from `from` to `to` (inclusive; open
/// ends when absent).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgramVersion {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub subsidies: Vec<Subsidy>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    /// The guide's wording (abridged).
    pub text: String,
    pub check: Check,
    /// 优先考虑: shown, never a gate.
    #[serde(default)]
    pub bonus: bool,
    /// Overrides the program's `confirmed` for this criterion.
    #[serde(default)]
    pub confirmed: Option<bool>,
}

/// How a criterion is decided.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Check {
    /// A count or amount computed from the store, compared with `value`
    /// (a count, years, or yuan for amounts).
    #[serde(rename_all = "camelCase")]
    Metric {
        metric: Metric,
        op: Op,
        value: i64,
        /// For `insuranceInYear`: words of the policy kinds that count.
        #[serde(default)]
        keywords: Vec<String>,
        /// Criteria with the same group name: meeting one of them is enough.
        #[serde(default)]
        either: Option<String>,
    },
    /// A fact of the company profile.
    #[serde(rename_all = "camelCase")]
    Profile {
        fact: Fact,
        #[serde(default)]
        value: Option<String>,
    },
    /// A document or declaration the officer supplies.
    #[serde(rename_all = "camelCase")]
    Evidence { item: String },
}

/// What the store can count. Each is documented where it is computed
/// (`dossiers`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    ValidCnInventions,
    ValidCnPatents,
    RegisteredTrademarks,
    FamousTrademarks,
    CompanyAgeYears,
    LayoutWeighted,
    ProductsFiled,
    ProductsUnfiled,
    InsuranceInYear,
    PledgesRegisteredInYear,
    ForeignInventionGrantsInYear,
    PatentAwardsInYear,
    InboundTransfersInYear,
    InboundTransferAmountInYear,
    InventionFilingsRising,
    InfringementLeads,
    ReportedLeads,
}

impl Metric {
    /// What is counted and its unit, for "还差 1 件有效发明专利".
    pub fn label(self) -> (&'static str, &'static str) {
        use Metric::*;
        match self {
            ValidCnInventions => ("件", "有效发明专利"),
            ValidCnPatents => ("件", "有效专利"),
            RegisteredTrademarks => ("件", "注册商标"),
            FamousTrademarks => ("件", "驰名商标或地理标志商标"),
            CompanyAgeYears => ("年", "注册年限"),
            LayoutWeighted => ("件", "高价值发明专利布局（加权）"),
            ProductsFiled => ("项", "已备案的专利产品"),
            ProductsUnfiled => ("项", "未备案的专利产品"),
            InsuranceInYear => ("份", "本年度知识产权保险"),
            PledgesRegisteredInYear => ("笔", "本年度质押登记"),
            ForeignInventionGrantsInYear => ("件", "本年度国外授权发明专利"),
            PatentAwardsInYear => ("项", "本年度专利奖"),
            InboundTransfersInYear => ("件", "本年度承接的专利转让、许可"),
            InboundTransferAmountInYear => ("元", "本年度承接的转让、许可成交金额"),
            InventionFilingsRising => ("", "发明专利申请量稳步增长"),
            InfringementLeads => ("条", "侵权线索"),
            ReportedLeads => ("条", "已反馈的维权线索"),
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "==")]
    Exactly,
    #[serde(rename = "<=")]
    AtMost,
}

impl Op {
    pub fn holds(self, actual: i64, value: i64) -> bool {
        match self {
            Op::AtLeast => actual >= value,
            Op::MoreThan => actual > value,
            Op::Exactly => actual == value,
            Op::AtMost => actual <= value,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => "≥",
            Op::MoreThan => ">",
            Op::Exactly => "=",
            Op::AtMost => "≤",
        }
    }
}

/// Facts of the company profile a criterion may ask for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// A qualification held (`value`), matched in the profile's list.
    Qualification,
    /// An IP department or IP staff.
    IpDepartment,
}

/// How a program pays, computed per row.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Subsidy {
    /// Per pledge registered in the year, by the single loan amount.
    PledgeTiers { text: String, tiers: Vec<Tier> },
    /// Per foreign invention granted in the year, by office (yuan).
    PerForeignGrant {
        text: String,
        #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
        offices: BTreeMap<String, i64>,
        other: i64,
    },
}

/// A loan of at least `from` and below `below` (yuan) pays `amount` yuan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub from: i64,
    pub below: Option<i64>,
    pub amount: i64,
}

impl Program {
    /// Reads and checks a program file's text; `file` names it in errors.
    ///
    /// Errors: [`Error::BadProgram`] naming the file and the field — an
    /// unknown field, metric, operator or fact, a missing source, an id of
    /// the wrong shape, overlapping versions, tiers out of order.
    pub fn parse(file: &str, json: &str) -> Result<Program> {
        let bad = |field: String, reason: String| Error::BadProgram {
            file: file.to_string(),
            field,
            reason,
        };
        let de = &mut serde_json::Deserializer::from_str(json);
        let p: Program = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            bad(
                if path == "." {
                    "（文件）".into()
                } else {
                    path
                },
                in_chinese(&e.into_inner().to_string()),
            )
        })?;
        p.validate().map_err(|(field, reason)| bad(field, reason))?;
        Ok(p)
    }

    fn validate(&self) -> std::result::Result<(), (String, String)> {
        let err = |f: &str, r: &str| Err((f.to_string(), r.to_string()));
        if self.id.is_empty()
            || !self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return err("id", "应为小写字母、数字和连字符，如 hengyang-2023-2-3");
        }
        if self.name.trim().is_empty() {
            return err("name", "不能为空");
        }
        if self.source.document.trim().is_empty() || self.source.section.trim().is_empty() {
            return err("source", "须写明来源文件（document）和条款（section）");
        }
        if self.versions.is_empty() {
            return err("versions", "至少要有一个版本");
        }
        let mut versions: Vec<(usize, &ProgramVersion)> =
            self.versions.iter().enumerate().collect();
        versions.sort_by_key(|(_, v)| v.from);
        for (i, v) in &versions {
            if let (Some(a), Some(b)) = (v.from, v.to) {
                if b < a {
                    return err(&format!("versions[{i}].to"), "早于 from");
                }
            }
            let mut ids = Vec::new();
            for (j, c) in v.criteria.iter().enumerate() {
                let at = format!("versions[{i}].criteria[{j}]");
                if c.id.trim().is_empty() || ids.contains(&c.id) {
                    return err(&format!("{at}.id"), "为空或与其他条件重复");
                }
                ids.push(c.id.clone());
                if c.text.trim().is_empty() {
                    return err(&format!("{at}.text"), "不能为空");
                }
                match &c.check {
                    Check::Metric { op, value, .. } => {
                        if *value < 0 {
                            return err(&format!("{at}.check.value"), "不能为负数");
                        }
                        if *op == Op::MoreThan && *value == i64::MAX {
                            return err(&format!("{at}.check.value"), "过大");
                        }
                    }
                    Check::Profile { fact, value } => {
                        if *fact == Fact::Qualification
                            && value.as_deref().is_none_or(|v| v.trim().is_empty())
                        {
                            return err(&format!("{at}.check.value"), "须写明资质名称");
                        }
                    }
                    Check::Evidence { item } => {
                        if item.trim().is_empty() {
                            return err(&format!("{at}.check.item"), "不能为空");
                        }
                    }
                }
            }
            for (k, s) in v.subsidies.iter().enumerate() {
                if let Subsidy::PledgeTiers { tiers, .. } = s {
                    let mut last_below = None::<i64>;
                    for (t, tier) in tiers.iter().enumerate() {
                        let at = format!("versions[{i}].subsidies[{k}].tiers[{t}]");
                        if tier.below.is_some_and(|b| b <= tier.from) || tier.amount < 0 {
                            return err(&at, "区间为空或金额为负");
                        }
                        if t > 0 && last_below != Some(tier.from) {
                            return err(&at, "应紧接上一档（from 等于上一档的 below）");
                        }
                        last_below = tier.below;
                    }
                }
            }
        }
        for pair in versions.windows(2) {
            let ((i, a), (j, b)) = (pair[0], pair[1]);
            let overlaps = match (a.to, b.from) {
                (Some(to), Some(from)) => to >= from,
                _ => true,
            };
            if overlaps {
                return err(
                    &format!("versions[{j}]"),
                    &format!("与 versions[{i}] 的有效期重叠"),
                );
            }
        }
        Ok(())
    }

    /// The version in force on `day`.
    pub fn version_on(&self, day: NaiveDate) -> Option<&ProgramVersion> {
        self.versions
            .iter()
            .find(|v| v.from.is_none_or(|f| f <= day) && v.to.is_none_or(|t| day <= t))
    }
}

/// serde_json's message in Chinese, for the usual mistakes; the rest as is.
fn in_chinese(msg: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    let at = msg.rfind(" at line ").map(|i| &msg[i + 1..]).unwrap_or("");
    let place = at
        .strip_prefix("at line ")
        .and_then(|r| r.split_once(" column "))
        .map(|(l, c)| format!("（第 {l} 行第 {c} 列）"))
        .unwrap_or_default();
    if msg.starts_with("missing field") {
        format!("缺少字段 {}{place}", quoted(msg))
    } else if msg.starts_with("unknown field") {
        format!("未知字段 {}{place}", quoted(msg))
    } else if msg.starts_with("unknown variant") {
        let expected: Vec<String> = msg
            .split("expected one of ")
            .nth(1)
            .unwrap_or_default()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .split(", ")
            .map(|s| s.trim_matches('`').to_string())
            .collect();
        format!(
            "未知的取值 {}，应为：{}{place}",
            quoted(msg),
            expected.join("、")
        )
    } else if msg.starts_with("invalid type") {
        format!("类型不对：{msg}")
    } else {
        msg.to_string()
    }
}

macro_rules! shipped {
    ($($file:literal),+ $(,)?) => {
        &[$(($file, include_str!(concat!("../../../../assets/programs/", $file)))),+]
    };
}

/// The program files shipped with the app.
const SHIPPED: &[(&str, &str)] = shipped!(
    "hengyang-2023-1-1.json",
    "hengyang-2023-1-2.json",
    "hengyang-2023-1-4.json",
    "hengyang-2023-1-5.json",
    "hengyang-2023-1-7.json",
    "hengyang-2023-2-1.json",
    "hengyang-2023-2-3.json",
    "hengyang-2023-2-4.json",
    "shaoyang-2022-qianglian.json",
);

/// Every shipped program, parsed once. A shipped file that does not parse
/// is a build defect a test catches; here it is left out rather than
/// stopping the app.
pub fn shipped_programs() -> &'static [Program] {
    static PROGRAMS: OnceLock<Vec<Program>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        SHIPPED
            .iter()
            .filter_map(|(file, json)| Program::parse(file, json).ok())
            .collect()
    })
}

/// The shipped files' names and texts, for the test that parses them all.
pub fn shipped_program_files() -> &'static [(&'static str, &'static str)] {
    SHIPPED
}

/// A shipped program by id. Errors: [`Error::NotFound`] listing none.
pub fn program(id: &str) -> Result<&'static Program> {
    shipped_programs()
        .iter()
        .find(|p| p.id == id.trim())
        .ok_or(Error::NotFound {
            entity: "申报项目",
            key: id.trim().to_string(),
        })
}
