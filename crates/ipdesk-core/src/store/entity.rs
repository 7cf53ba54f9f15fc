//! What a record is, for the audit trail, links and attachments: a closed
//! set of entity codes instead of table-name strings scattered through the
//! code. The kernel names the kinds; it knows nothing else of the case files.

coded_enum!(
    /// A kind of record the store keeps. The code is what the audit trail,
    /// `record_link` and `attachment_link` store.
    Entity, "记录类别" {
        Patent = "patent", "专利";
        AnnuityPayment = "annuity_payment", "年费缴纳记录";
        Trademark = "trademark", "商标";
        Pledge = "pledge", "质押";
        Award = "award", "奖励";
        Transfer = "transfer", "转让/许可";
        Insurance = "insurance", "保险";
        Product = "product", "专利产品";
        Company = "company", "企业信息";
        Holiday = "holiday", "节假日";
        Setting = "setting", "设置";
        Attachment = "attachment", "附件";
        LayoutPlan = "layout_plan", "布局计划";
        PlanItem = "plan_item", "布局项";
        Lead = "lead", "侵权线索";
        LeadAction = "lead_action", "维权措施";
        Evidence = "evidence", "证据";
        Qualification = "qualification", "资质证书";
        OtherIp = "other_ip", "其他知识产权";
        Dossier = "dossier", "申报材料";
    }
);

/// One record: its kind and id.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityRef {
    pub entity: Entity,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
}

impl Entity {
    /// This kind's record `id`.
    pub fn at(self, id: i64) -> EntityRef {
        EntityRef { entity: self, id }
    }
}
