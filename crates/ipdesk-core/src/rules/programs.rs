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
    /// The narrative sections the guide asks for (实施方案, 预期目标 …);
    /// a standard three when none are given.
    #[serde(default)]
    pub sections: Vec<String>,
    /// The guide's own 真实性承诺书 wording; a standard one when empty.
    #[serde(default)]
    pub declaration: String,
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
    /// For a program of several tiers (创新型 / 专精特新 / 小巨人): the tier
    /// this criterion is a gate of; none = every tier.
    #[serde(default)]
    pub tier: Option<String>,
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
        /// For the class metrics: whose Ⅰ类 / Ⅱ类 definition counts.
        #[serde(default)]
        scheme: Option<Scheme>,
    },
    /// An item scored by experts or by an official table: the band the
    /// store supports and its official point range, never a point value
    /// and never a gate. Bands without `when` are judged by the experts.
    #[serde(rename_all = "camelCase")]
    Band {
        bands: Vec<Band>,
        /// What the officer supplies for the experts.
        #[serde(default)]
        evidence: Option<String>,
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

/// One band of a scored item: `A`, `7–8 分`, and the condition that puts
/// the company in it (checked from the top band down; the last band is what
/// is left).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Band {
    pub label: String,
    pub points: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub when: Option<BandWhen>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandWhen {
    pub metric: Metric,
    pub op: Op,
    pub value: i64,
    #[serde(default)]
    pub scheme: Option<Scheme>,
}

/// Whose definition of Ⅰ类 / Ⅱ类 知识产权 a class metric uses
/// (qualification-programs.md §1.1; computed in `dossiers::classes`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 高企 工作指引 2016: CN rights in force; a class-II right once only.
    Hnte2016,
    /// 科技型中小企业 2017: CN rights in force, no once-only rule.
    TechSme2017,
    /// 工信部 63号 (2022): rights transferred in less than a year left out;
    /// utility models and designs only when maintained over 2 years.
    Miit2022,
    /// 工信部 2号 (2026): class-I rights only.
    Miit2026,
}

impl Scheme {
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Hnte2016 => "高企认定（2016 工作指引）",
            Scheme::TechSme2017 => "科技型中小企业评价（2017）",
            Scheme::Miit2022 => "工信部企业〔2022〕63号",
            Scheme::Miit2026 => "工信部企业〔2026〕2号",
        }
    }
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
    /// Ⅰ类 or Ⅱ类 under the check's scheme.
    CountableIp,
    ClassOneIp,
    ClassTwoIp,
    /// Ⅰ类, acquired by the company's own R&D (自主研发).
    ClassOneIpOwn,
    /// Ⅰ类 高价值 (63号): an overseas family grant, a national S&T award or
    /// China Patent Award, or over 10 years since grant.
    ClassOneIpHighValue,
    /// Ⅰ类 or Ⅱ类, 自主研发 (高企 item 4).
    CountableIpOwn,
}

impl Metric {
    /// Counted by IP class: needs a scheme.
    pub fn is_class(self) -> bool {
        use Metric::*;
        matches!(
            self,
            CountableIp
                | ClassOneIp
                | ClassTwoIp
                | ClassOneIpOwn
                | ClassOneIpHighValue
                | CountableIpOwn
        )
    }
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
            CountableIp => ("件", "Ⅰ类或Ⅱ类知识产权"),
            ClassOneIp => ("件", "Ⅰ类知识产权"),
            ClassTwoIp => ("件", "Ⅱ类知识产权"),
            ClassOneIpOwn => ("件", "自主研发的Ⅰ类知识产权"),
            ClassOneIpHighValue => ("件", "Ⅰ类高价值知识产权"),
            CountableIpOwn => ("件", "自主研发的知识产权"),
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
    /// 产业链龙头企业, as set in the company profile.
    ChainLeader,
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
                if c.tier.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    return err(&format!("{at}.tier"), "不能为空");
                }
                match &c.check {
                    Check::Metric {
                        metric,
                        op,
                        value,
                        scheme,
                        ..
                    } => check_measure(&format!("{at}.check"), *metric, *op, *value, *scheme)?,
                    Check::Band { bands, .. } => {
                        if bands.is_empty() {
                            return err(&format!("{at}.check.bands"), "至少要有一档");
                        }
                        let judged = bands.iter().all(|b| b.when.is_none());
                        for (k, b) in bands.iter().enumerate() {
                            let here = format!("{at}.check.bands[{k}]");
                            if b.label.trim().is_empty() || b.points.trim().is_empty() {
                                return err(&here, "须写明档次（label）和分值（points）");
                            }
                            let last = k + 1 == bands.len();
                            match &b.when {
                                Some(w) => {
                                    if last {
                                        return err(
                                            &format!("{here}.when"),
                                            "最后一档是其余情形，不能有条件",
                                        );
                                    }
                                    check_measure(
                                        &format!("{here}.when"),
                                        w.metric,
                                        w.op,
                                        w.value,
                                        w.scheme,
                                    )?
                                }
                                None if !judged && !last => return err(
                                    &format!("{here}.when"),
                                    "除最后一档外每档都要有条件（或全部由专家评定、都不写条件）",
                                ),
                                None => {}
                            }
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

    /// The tiers its criteria name, in the order they first appear.
    pub fn tiers(&self) -> Vec<String> {
        let mut tiers: Vec<String> = Vec::new();
        for v in &self.versions {
            for t in v.criteria.iter().filter_map(|c| c.tier.as_ref()) {
                if !tiers.contains(t) {
                    tiers.push(t.clone());
                }
            }
        }
        tiers
    }

    /// The version in force on `day`.
    pub fn version_on(&self, day: NaiveDate) -> Option<&ProgramVersion> {
        self.versions
            .iter()
            .find(|v| v.from.is_none_or(|f| f <= day) && v.to.is_none_or(|t| day <= t))
    }
}

/// A metric, operator and value as a check or a band's condition uses them.
fn check_measure(
    at: &str,
    metric: Metric,
    op: Op,
    value: i64,
    scheme: Option<Scheme>,
) -> std::result::Result<(), (String, String)> {
    if value < 0 {
        return Err((format!("{at}.value"), "不能为负数".into()));
    }
    if op == Op::MoreThan && value == i64::MAX {
        return Err((format!("{at}.value"), "过大".into()));
    }
    if metric.is_class() && scheme.is_none() {
        return Err((
            format!("{at}.scheme"),
            "按知识产权类别计数的指标须写明口径（hnte2016、tech_sme2017、miit2022、miit2026）"
                .into(),
        ));
    }
    Ok(())
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
    "hnte-2016.json",
    "tech-sme-2017.json",
    "sme-tiers.json",
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
