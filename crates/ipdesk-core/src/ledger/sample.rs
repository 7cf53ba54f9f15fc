//! A deterministic synthetic ledger for benchmarks, demos and tests: valid
//! CN numbers, plausible Chinese titles and a realistic mix of kinds and
//! statuses. Not random at run time — the same `seed` gives the same rows.

use chrono::{Days, NaiveDate};

use super::*;
use crate::calendar::patent_year_on;
use crate::rules::{FeeReduction, PatentKind, Rules};

const SUBJECTS: &[&str] = &[
    "锂离子电池",
    "电池管理系统",
    "齿轮箱",
    "液压阀",
    "数控机床",
    "轨道车辆转向架",
    "光伏逆变器",
    "输电线路巡检机器人",
    "稀土永磁电机",
    "硬质合金刀具",
    "新能源汽车电驱",
    "智能电表",
    "工业机器人关节",
    "石墨烯导热膜",
    "高强度钢板",
    "农用无人机",
    "医用导管",
    "中药提取装置",
    "环保除尘设备",
    "5G 天线模组",
];
const ACTIONS: &[&str] = &[
    "的制备方法",
    "的控制方法及装置",
    "及其检测系统",
    "的散热结构",
    "的装配工装",
    "的故障诊断方法",
    "的密封组件",
    "用连接器",
    "的自动化生产线",
    "的外壳",
];
const APPLICANTS: &[&str] = &[
    "衡阳华菱钢管有限公司",
    "湖南特变电工衡阳变压器有限公司",
    "邵阳三一重工配件有限公司",
    "衡阳智电装备科技有限公司",
    "湘南新材料股份有限公司",
];
const INVENTORS: &[&str] = &[
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞",
];
const TAGS: &[&str] = &["电池", "电机", "钢材", "输变电", "智能制造", "新材料"];

/// Linear congruential step: enough spread for synthetic data, no dependency.
fn next(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

/// `n` distinct patents as of `today`, granted ones paid up to the current
/// patent year (a few left unpaid so that grace and lapse cases exist).
pub fn ledger(n: usize, seed: u64, today: NaiveDate) -> Vec<PatentData> {
    let mut s = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut serial = [0u32; 40 * 4];
    let rules = Rules::bundled();
    (0..n)
        .map(|i| {
            let r = next(&mut s);
            let kind = match r % 10 {
                0..=4 => PatentKind::Invention,
                5..=8 => PatentKind::Utility,
                _ => PatentKind::Design,
            };
            let year = 2005 + (next(&mut s) % 21) as i32;
            let filed =
                NaiveDate::from_ymd_opt(year, 1, 1).expect("valid") + Days::new(next(&mut s) % 365);
            let type_digit = match kind {
                PatentKind::Invention => 1,
                PatentKind::Utility => 2,
                PatentKind::Design => 3,
            };
            let slot = ((year - 2000) as usize) * 4 + type_digit as usize;
            serial[slot] += 1 + (i as u32 % 7);
            let body = format!("{year}{type_digit}{:07}", serial[slot]);
            let app_no = format!("{body}{}", app_no_check_char(&body));
            let exam_years = match kind {
                PatentKind::Invention => 2 + next(&mut s) % 2,
                _ => 0,
            };
            let grant = filed + Days::new(exam_years * 365 + 120 + next(&mut s) % 200);
            let roll = next(&mut s) % 100;
            let (status, grant_date) = if grant > today {
                (
                    if kind == PatentKind::Invention {
                        LegalStatus::Examination
                    } else {
                        LegalStatus::Filed
                    },
                    None,
                )
            } else {
                match roll {
                    // Lapsed only once the first fee after grant could have run out of grace.
                    75..=84
                        if crate::calendar::add_months(
                            crate::calendar::anniversary(filed, patent_year_on(filed, grant)),
                            6,
                        ) < today =>
                    {
                        (LegalStatus::Lapsed, Some(grant))
                    }
                    0..=84 => (LegalStatus::Granted, Some(grant)),
                    85..=89 => (LegalStatus::Rejected, None),
                    90..=94 => (LegalStatus::Withdrawn, None),
                    _ => (LegalStatus::Abandoned, None),
                }
            };
            let term = rules.term_years(kind, filed);
            let expired = crate::calendar::anniversary(filed, term) <= today;
            let status = if expired && status == LegalStatus::Granted {
                LegalStatus::Expired
            } else {
                status
            };
            let current = patent_year_on(filed, today).min(term);
            let fees_paid_through = match (status, next(&mut s) % 20) {
                (LegalStatus::Granted, 0) => Some(current.saturating_sub(1).max(1)),
                (LegalStatus::Granted, _) => Some(current),
                (LegalStatus::Expired, _) => Some(term),
                _ => None,
            };
            let title = format!(
                "{}{}",
                SUBJECTS[(next(&mut s) as usize) % SUBJECTS.len()],
                ACTIONS[(next(&mut s) as usize) % ACTIONS.len()]
            );
            let applicant = APPLICANTS[(next(&mut s) as usize) % APPLICANTS.len()];
            let inventors = (0..1 + next(&mut s) % 3)
                .map(|_| INVENTORS[(next(&mut s) as usize) % INVENTORS.len()].to_string())
                .collect();
            PatentData {
                kind,
                app_no,
                filing_date: Some(filed),
                grant_date,
                status,
                title,
                applicants: vec![applicant.to_string()],
                inventors,
                tags: vec![TAGS[(next(&mut s) as usize) % TAGS.len()].to_string()],
                fee_reduction: if roll.is_multiple_of(3) {
                    FeeReduction::P85
                } else {
                    FeeReduction::None
                },
                fees_paid_through: fees_paid_through.filter(|_| grant_date.is_some()),
                sei_category: if roll.is_multiple_of(5) {
                    "新一代信息技术产业".into()
                } else {
                    String::new()
                },
                ipc: format!("H01M {}/{:02}", 10 + roll % 40, roll),
                ..PatentData::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_ledger_is_valid_and_deterministic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let a = ledger(500, 7, today);
        assert_eq!(a, ledger(500, 7, today), "same seed, same rows");
        let mut nos: Vec<&str> = a.iter().map(|p| p.app_no.as_str()).collect();
        nos.sort_unstable();
        nos.dedup();
        assert_eq!(nos.len(), 500, "application numbers are distinct");
        for p in a {
            super::normalise_patent(p.clone()).unwrap_or_else(|e| panic!("{e}: {p:?}"));
        }
    }
}
