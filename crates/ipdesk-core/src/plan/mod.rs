//! 案卷二 高价值专利布局计划 — the high-value patent layout plan. *Not built
//! yet* (issue 11); this module holds no code yet.
//!
//! What will live here: a plan per key core technology (关键核心技术) with
//! its period, target weighted count (an international filing counts twice,
//! Hengyang 2023 guide (一)1), agencies and status; optional technology
//! branches; planned filings per branch × jurisdiction, each linked to the
//! ledger application actually filed (through the ledger's public items and
//! typed links); progress measured against the ledger; the analysis reports
//! attached through `files`; and the 专利申请清单 the Shaoyang 强链护链 plan
//! asks for, as a PDF.
