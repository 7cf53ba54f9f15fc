//! 案卷二 高价值专利布局计划 — the high-value patent layout plan.
//!
//! A plan around one key core technology (关键核心技术) — its period, target
//! weighted count, agencies, the ledger products it serves, the analysis
//! reports attached through `files` — with optional technology branches and
//! the filings it plans. Each planned filing is linked to the ledger
//! applications that fulfil it; a deleted patent leaves a visible missing
//! link. Progress (planned, filed, granted, the weighted count where an
//! international invention counts 2, overdue items, branch × jurisdiction
//! coverage) is computed from the items and the ledger, never stored.
//!
//! Shaoyang's 强链护链 plan asks lead enterprises for the 企业专利布局计划 and
//! the 与专利布局计划相对应的专利申请清单; Hengyang's 2023 funding guide makes
//! "高质量高价值发明专利布局 5 件以上（国际发明专利布局 1 件算作 2 件）" a
//! criterion of three programs.

mod applications;
mod list_report;
mod model;
mod progress;
mod report;
mod store;

pub use applications::{plan_applications_document, plan_applications_pdf};
pub use list_report::{plans_document, plans_pdf, PlansReport};
pub use model::{
    ItemStatus, LayoutPlan, LayoutPlanData, LinkedApplication, PlanBranch, PlanItem, PlanItemData,
    PlanStatus,
};
pub use progress::{progress_of, CoverageCell, PlanDetail, PlanProgress, PlanSummary};
pub use report::{plan_document, plan_pdf, PlanReport};
