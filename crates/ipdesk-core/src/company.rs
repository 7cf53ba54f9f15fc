//! The company profile (企业信息): name, USCC (GB 32100-2015 check
//! character), qualifications.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{field, Error, FieldName, Result};
use crate::store::{json_list, Entity, Store};

/// 企业信息: the applicant company; one per database.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Company {
    pub name: String,
    /// 统一社会信用代码, validated against GB 32100-2015.
    pub uscc: String,
    pub registration_date: Option<NaiveDate>,
    pub address: String,
    pub legal_representative: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub headcount: Option<u32>,
    /// Titles held, as listed without a certificate. A title with its
    /// certificate and validity is a [`crate::QualificationData`] record;
    /// the national programs only accept those.
    pub qualifications: Vec<String>,
    pub ip_department: String,
    pub ip_staff_count: Option<u32>,
    /// 所属产业链 (e.g. 先进轨道交通装备).
    pub industry_chain: String,
    /// 产业链龙头企业 (Hengyang (一)1, Shaoyang 强链护链).
    pub chain_leader: bool,
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Validates a unified social credit code: 18 characters from the 31-symbol
/// set and the mod-31 check character of GB 32100-2015 (cn-ip-rules.md §4;
/// Hutool CreditCodeUtil.getParityBit). Returns the code upper-cased.
pub fn parse_uscc(input: &str) -> Result<String> {
    const FIELD: FieldName = field("uscc", "统一社会信用代码");
    let code: String = crate::text::fold_width(input).trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(Error::Missing { field: FIELD });
    }
    let bad = |reason: String| Error::invalid(FIELD, input.trim(), reason);
    if code.chars().count() != 18 {
        return Err(bad(format!("应为 18 位，实际 {} 位", code.chars().count())));
    }
    let mut values = Vec::with_capacity(18);
    for (i, b) in code.bytes().enumerate() {
        match USCC_CHARS.iter().position(|&c| c == b) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(bad(format!(
                    "第 {} 位「{}」不是允许的字符（数字和除 I、O、S、V、Z 以外的大写字母）",
                    i + 1,
                    code.chars().nth(i).unwrap_or('?')
                )))
            }
        }
    }
    if !code[2..8].bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("第 3–8 位应为行政区划码（6 位数字）".into()));
    }
    let sum: u32 = values[..17]
        .iter()
        .zip(USCC_WEIGHTS)
        .map(|(v, w)| v * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    let expect = USCC_CHARS[check as usize] as char;
    let got = code.as_bytes()[17] as char;
    if got != expect {
        return Err(bad(format!("校验位应为 {expect}，而不是 {got}")));
    }
    Ok(code)
}

impl Company {
    /// The name as documents print it; a placeholder while none is entered.
    pub fn display_name(&self) -> String {
        if self.name.is_empty() {
            "（未填写企业名称）".into()
        } else {
            self.name.clone()
        }
    }

    /// Who a document is by: the company, or the app while no name is entered.
    pub fn author(&self) -> &str {
        if self.name.is_empty() {
            "IP Desk 知产案卷台"
        } else {
            &self.name
        }
    }
}

impl Store {
    pub fn company(&self) -> Result<Company> {
        let row = self
            .conn
            .query_row("SELECT * FROM company WHERE id = 1", [], |r| {
                Ok(Company {
                    name: r.get("name")?,
                    uscc: r.get("uscc")?,
                    registration_date: r.get("registration_date")?,
                    address: r.get("address")?,
                    legal_representative: r.get("legal_representative")?,
                    contact_person: r.get("contact_person")?,
                    contact_phone: r.get("contact_phone")?,
                    contact_email: r.get("contact_email")?,
                    headcount: r.get("headcount")?,
                    qualifications: json_list(r.get("qualifications")?)?,
                    ip_department: r.get("ip_department")?,
                    ip_staff_count: r.get("ip_staff_count")?,
                    industry_chain: r.get("industry_chain")?,
                    chain_leader: r.get("chain_leader")?,
                })
            })
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Saves the company profile after validating the credit code and e-mail.
    pub fn set_company(&mut self, mut c: Company) -> Result<Company> {
        c.name = c.name.trim().to_string();
        if c.name.is_empty() {
            return Err(Error::Missing {
                field: field("name", "企业名称"),
            });
        }
        if !c.uscc.trim().is_empty() {
            c.uscc = parse_uscc(&c.uscc)?;
        }
        let email = c.contact_email.trim();
        if !(email.is_empty() || (email.contains('@') && email.contains('.'))) {
            return Err(Error::invalid(
                field("contactEmail", "联系邮箱"),
                email,
                "不是有效的电子邮箱地址",
            ));
        }
        c.qualifications.retain(|q| !q.trim().is_empty());
        c.industry_chain = c.industry_chain.trim().to_string();
        let before = self.company()?;
        self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO company (id, name, uscc, registration_date, address, legal_representative,
                    contact_person, contact_phone, contact_email, headcount, qualifications,
                    ip_department, ip_staff_count, industry_chain, chain_leader)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, uscc = excluded.uscc,
                    registration_date = excluded.registration_date, address = excluded.address,
                    legal_representative = excluded.legal_representative,
                    contact_person = excluded.contact_person, contact_phone = excluded.contact_phone,
                    contact_email = excluded.contact_email, headcount = excluded.headcount,
                    qualifications = excluded.qualifications, ip_department = excluded.ip_department,
                    ip_staff_count = excluded.ip_staff_count,
                    industry_chain = excluded.industry_chain, chain_leader = excluded.chain_leader",
                params![
                    c.name,
                    c.uscc,
                    c.registration_date,
                    c.address,
                    c.legal_representative,
                    c.contact_person,
                    c.contact_phone,
                    c.contact_email,
                    c.headcount,
                    serde_json::to_string(&c.qualifications)?,
                    c.ip_department,
                    c.ip_staff_count,
                    c.industry_chain,
                    c.chain_leader
                ],
            )?;
            audit.update(tx, Entity::Company, 1, &before, &c)
        })?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // cn-ip-rules.md §4: 914403001922038216 (华为技术有限公司), check character 6, recomputed.

    #[test]
    fn uscc_of_public_example_is_valid() {
        assert_eq!(
            parse_uscc("914403001922038216").unwrap(),
            "914403001922038216"
        );
        let err = parse_uscc("914403001922038217").unwrap_err();
        assert!(err.to_string().contains("校验位应为 6"), "{err}");
    }

    // cn-ip-rules.md §4: public mock codes that fail the check.
    #[test]
    fn uscc_mock_examples_that_fail_are_refused() {
        for code in [
            "9133010057462616XH",
            "91110000800088421P",
            "91110108717809965C",
        ] {
            assert!(parse_uscc(code).is_err(), "{code} should fail");
        }
        assert!(parse_uscc("91440300192203821").is_err(), "17 characters");
        assert!(
            parse_uscc("9144030019220382I6").is_err(),
            "I is not in the set"
        );
    }
}
