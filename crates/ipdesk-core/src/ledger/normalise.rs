use super::*;
use crate::calendar::check_date;
use crate::error::{field, Error, Result};
use crate::rules::{PatentKind, Rules};

/// Checks and normalises what the user entered for a patent; the store runs
/// this on every write, and an import runs it on every row for its dry run.
pub fn normalise_patent(p: PatentData) -> Result<PatentData> {
    normalise_patent_under(Rules::bundled(), p)
}

/// [`normalise_patent`] under the store's rule set (terms bound the fee years).
pub(crate) fn normalise_patent_under(rules: &Rules, mut p: PatentData) -> Result<PatentData> {
    crate::text::check_text_sizes(&p)?;
    for (f, d) in [
        (field("filingDate", "申请日"), p.filing_date),
        (field("priorityDate", "优先权日"), p.priority_date),
        (field("grantDate", "授权日"), p.grant_date),
        (field("examRequestDate", "实审请求日"), p.exam_request_date),
        (
            field("feeReductionFiled", "费减备案日"),
            p.fee_reduction_filed,
        ),
        (field("acquiredOn", "受让登记日"), p.acquired_on),
    ] {
        check_date(f, d)?;
    }
    let trim = |s: &mut String| *s = s.trim().to_string();
    for s in [
        &mut p.title,
        &mut p.publication_no,
        &mut p.publication_kind,
        &mut p.grant_no,
        &mut p.ipc,
        &mut p.agency,
        &mut p.agent,
        &mut p.sei_category,
        &mut p.notes,
    ] {
        trim(s);
    }
    for list in [&mut p.applicants, &mut p.inventors, &mut p.tags] {
        list.iter_mut().for_each(|s| *s = s.trim().to_string());
        list.retain(|s| !s.is_empty());
    }
    p.publication_no = p.publication_no.to_ascii_uppercase();
    p.jurisdiction = p.jurisdiction.trim().to_ascii_uppercase();
    if p.jurisdiction.is_empty() {
        p.jurisdiction = "CN".into();
    }
    if !(p.jurisdiction.len() == 2 && p.jurisdiction.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(Error::invalid(
            field("jurisdiction", "国家/地区"),
            &p.jurisdiction,
            "应为两位字母代码，如 CN、US、EP、WO",
        ));
    }
    if p.title.is_empty() {
        return Err(Error::Missing {
            field: field("title", "专利名称"),
        });
    }
    let Some(filed) = p.filing_date else {
        return Err(Error::Missing {
            field: field("filingDate", "申请日"),
        });
    };
    if p.is_cn() {
        let no = parse_cn_app_no(&p.app_no)?;
        check_app_no_kind(&no, p.kind)?;
        if no.pct {
            p.route = Route::Pct;
        }
        p.app_no = no.digits;
    } else {
        p.app_no = p.app_no.trim().to_string();
        if p.app_no.is_empty() {
            return Err(Error::Missing {
                field: field("appNo", "申请号"),
            });
        }
    }
    if let Some(g) = p.grant_date {
        if g < filed {
            return Err(Error::invalid(
                field("grantDate", "授权日"),
                g.to_string(),
                format!("早于申请日 {filed}"),
            ));
        }
    }
    if let Some(pr) = p.priority_date {
        if pr > filed {
            return Err(Error::invalid(
                field("priorityDate", "优先权日"),
                pr.to_string(),
                format!("晚于申请日 {filed}"),
            ));
        }
    }
    if let Some(e) = p.exam_request_date {
        if e < filed {
            return Err(Error::invalid(
                field("examRequestDate", "实审请求日"),
                e.to_string(),
                format!("早于申请日 {filed}"),
            ));
        }
    }
    if let Some(f) = p.fee_reduction_filed {
        if f < filed {
            return Err(Error::invalid(
                field("feeReductionFiled", "费减备案日"),
                f.to_string(),
                format!("早于申请日 {filed}"),
            ));
        }
    }
    // A grant date on a record still at 申请中, the status a new record
    // starts with, means the patent was granted: a form, a command line or
    // a sheet that gives the date and leaves the status is not refused for
    // the missing 授权 (the rule was the CLI's alone before).
    if p.grant_date.is_some() && p.status == LegalStatus::Filed {
        p.status = LegalStatus::Granted;
    }
    // A granted patent whose grant date the officer does not have (授权日
    // 待补) still has a fee schedule when it says which year the fees are
    // paid through: an import fills that in and warns (see `complete`).
    if p.status == LegalStatus::Granted
        && p.grant_date.is_none()
        && p.fees_paid_through.is_none()
        && p.is_cn()
    {
        return Err(Error::invalid(
            field("grantDate", "授权日"),
            "",
            "法律状态为「授权/有效」时须填写授权日（年费按授权年度计算）；暂不知道授权日的，请填写「年费已缴至」年度",
        ));
    }
    let term = rules.term_years(p.kind, filed);
    for (field, v) in [
        (field("grantFeeYear", "授权当年年度"), p.grant_fee_year),
        (field("feesPaidThrough", "年费已缴至"), p.fees_paid_through),
    ] {
        if let Some(y) = v {
            if !(1..=term).contains(&y) {
                return Err(Error::invalid(
                    field,
                    y.to_string(),
                    format!("应在第 1–{term} 年之间"),
                ));
            }
        }
    }
    if p.compensation_days > 0 && p.kind != PatentKind::Invention {
        return Err(Error::invalid(
            field("compensationDays", "补偿天数"),
            p.compensation_days.to_string(),
            "只有发明专利可以获得期限补偿",
        ));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed(grant: Option<&str>, status: LegalStatus) -> PatentData {
        PatentData {
            app_no: "ZL200710308494.X".into(),
            title: "一种锂离子电池管理方法".into(),
            filing_date: "2007-05-20".parse().ok(),
            grant_date: grant.and_then(|g| g.parse().ok()),
            status,
            ..PatentData::default()
        }
    }

    #[test]
    fn a_grant_date_on_a_filed_record_means_granted() {
        let p = normalise_patent(filed(Some("2010-03-03"), LegalStatus::Filed)).unwrap();
        assert_eq!(
            p.status,
            LegalStatus::Granted,
            "the date says it was granted"
        );
        let p = normalise_patent(filed(None, LegalStatus::Filed)).unwrap();
        assert_eq!(p.status, LegalStatus::Filed, "no date, no grant");
        let p = normalise_patent(filed(Some("2010-03-03"), LegalStatus::Lapsed)).unwrap();
        assert_eq!(p.status, LegalStatus::Lapsed, "a later status stays");
    }
}
