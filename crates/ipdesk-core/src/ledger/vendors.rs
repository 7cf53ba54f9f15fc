//! Patent-database exports (智慧芽, incoPat, the CNIPA search system, 大为,
//! 佰腾): their headers and value vocabularies, as data
//! (`assets/import/patent-databases.json`), so a new vendor format is a data
//! change. The importer asks here when its own vocabulary does not know a
//! header, a 法律状态 or a 专利类型, and reads publication kind codes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Field, LegalStatus};
use crate::rules::PatentKind;
use crate::sheet::normalise_header;

const VENDORS_JSON: &str = include_str!("../../../../assets/import/patent-databases.json");

#[derive(Debug, Deserialize)]
struct VendorFile {
    formats: Vec<VendorFormat>,
    kind_values: BTreeMap<String, Vec<String>>,
    status_values: BTreeMap<String, Vec<String>>,
    status_priority: Vec<String>,
    status_ignore_events: Vec<String>,
    granted_kind_codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct VendorFormat {
    id: String,
    name: String,
    confirmed: bool,
    signature: Vec<String>,
    /// Field code → the headers that vendor writes for it.
    columns: BTreeMap<String, Vec<String>>,
}

/// The export format a sheet's headers were recognised as.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetFormat {
    pub id: String,
    pub name: String,
    /// Its headers are confirmed by two independent sources.
    pub confirmed: bool,
}

fn vendors() -> &'static VendorFile {
    static V: OnceLock<VendorFile> = OnceLock::new();
    V.get_or_init(|| serde_json::from_str(VENDORS_JSON).expect("bundled vendor file is valid"))
}

/// The field a vendor header names, when the app's own headers do not.
pub(super) fn vendor_field(header: &str) -> Option<Field> {
    let h = normalise_header(header);
    if h.is_empty() {
        return None;
    }
    vendors().formats.iter().find_map(|f| {
        f.columns.iter().find_map(|(code, headers)| {
            headers
                .iter()
                .any(|x| normalise_header(x) == h)
                .then(|| Field::by_code(code))
                .flatten()
        })
    })
}

/// The vendor format the headers look like: every signature header present,
/// the one naming most of the headers winning; the generic one last.
pub fn recognise_format(headers: &[String]) -> Option<SheetFormat> {
    let have: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let has = |h: &str| have.contains(&normalise_header(h));
    vendors()
        .formats
        .iter()
        .filter(|f| f.signature.iter().all(|s| has(s)))
        .map(|f| {
            let named = f.columns.values().flatten().filter(|h| has(h)).count();
            (f.id != "generic", named, f)
        })
        .max_by_key(|(specific, named, _)| (*specific, *named))
        .map(|(_, _, f)| SheetFormat {
            id: f.id.clone(),
            name: f.name.clone(),
            confirmed: f.confirmed,
        })
}

/// A 法律状态 cell in a vendor's words. A cell listing several events
/// (`授权|权利转移`) takes the most decisive status among them, events such as
/// 权利转移 or 质押 left aside.
pub(super) fn vendor_status(text: &str) -> Option<LegalStatus> {
    let v = vendors();
    let found: Vec<&str> = text
        .split(['|', ';', '；', ',', '，', '、', '/'])
        .map(str::trim)
        .filter(|t| !t.is_empty() && !v.status_ignore_events.iter().any(|e| e == t))
        .filter_map(|t| {
            t.parse::<LegalStatus>().ok().map(|s| s.code()).or_else(|| {
                v.status_values
                    .iter()
                    .find(|(_, values)| values.iter().any(|x| x == t))
                    .map(|(code, _)| code.as_str())
            })
        })
        .collect();
    v.status_priority
        .iter()
        .find(|p| found.contains(&p.as_str()))
        .and_then(|p| p.parse().ok())
}

/// A 专利类型 cell in a vendor's words (发明授权, 授权发明, 发明申请 …).
pub(super) fn vendor_kind(text: &str) -> Option<PatentKind> {
    let t = text.trim();
    vendors()
        .kind_values
        .iter()
        .find(|(_, values)| values.iter().any(|x| x == t))
        .and_then(|(code, _)| code.parse().ok())
}

/// The kind code at the end of a CN publication number (`CN112345678B`,
/// `CN 212345678 U`, `CN1398102C`), if any.
pub fn cn_kind_code(publication_no: &str) -> Option<String> {
    let s: String = publication_no
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let rest = s.strip_prefix("CN")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if !(7..=9).contains(&digits) {
        return None;
    }
    let code = &rest[digits..];
    let mut chars = code.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(l), d, None) if l.is_ascii_uppercase() && d.is_none_or(|d| d.is_ascii_digit()) => {
            Some(code.to_string())
        }
        _ => None,
    }
}

/// Whether a CN kind code announces a grant (B, U, S from 2010-04-01; C, Y,
/// D before), so its publication date is the grant announcement date.
pub fn is_grant_code(code: &str) -> bool {
    code.get(..1)
        .is_some_and(|l| vendors().granted_kind_codes.iter().any(|g| g == l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_are_read_in_every_usual_spelling() {
        assert_eq!(cn_kind_code("CN112345678B").as_deref(), Some("B"));
        assert_eq!(cn_kind_code("cn 212345678 u").as_deref(), Some("U"));
        assert_eq!(cn_kind_code("CN1398102C").as_deref(), Some("C"));
        assert_eq!(cn_kind_code("CN112345678A8").as_deref(), Some("A8"));
        assert_eq!(cn_kind_code("US10000000B2"), None);
        assert_eq!(cn_kind_code("CN12B"), None);
        assert!(
            is_grant_code("B") && is_grant_code("U") && is_grant_code("S") && is_grant_code("C")
        );
        assert!(!is_grant_code("A") && !is_grant_code("A8"));
    }

    #[test]
    fn vendor_vocabularies_map_to_the_ledger_statuses_and_kinds() {
        assert_eq!(vendor_status("授权|权利转移"), Some(LegalStatus::Granted));
        assert_eq!(
            vendor_status("权利转移|未缴年费"),
            Some(LegalStatus::Lapsed)
        );
        assert_eq!(vendor_status("审中-实审"), Some(LegalStatus::Examination));
        assert_eq!(vendor_status("避重放弃"), Some(LegalStatus::Abandoned));
        assert_eq!(vendor_status("质押"), None);
        assert_eq!(vendor_kind("发明授权"), Some(PatentKind::Invention));
        assert_eq!(vendor_kind("授权发明"), Some(PatentKind::Invention));
        assert_eq!(vendor_kind("实用新型"), Some(PatentKind::Utility));
        // Every field code in the data is one the importer knows.
        for f in &vendors().formats {
            for code in f.columns.keys() {
                assert!(Field::by_code(code).is_some(), "{}: {code}", f.id);
            }
        }
    }

    #[test]
    fn the_vendor_is_recognised_by_its_headers() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let patsnap = h(&[
            "序号",
            "公开(公告)号",
            "申请号",
            "标题",
            "[标]当前申请(专利权)人",
            "法律状态/事件",
            "简单法律状态",
            "专利类型",
        ]);
        assert_eq!(recognise_format(&patsnap).unwrap().id, "patsnap");
        let incopat = h(&[
            "公开（公告）号",
            "申请号",
            "标题 (中文)",
            "当前权利人",
            "专利有效性",
            "当前法律状态",
            "IPC主分类",
            "合享价值度",
        ]);
        assert_eq!(recognise_format(&incopat).unwrap().id, "incopat");
        assert_eq!(recognise_format(&h(&["商标名称", "注册号"])), None);
    }
}
