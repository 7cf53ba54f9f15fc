// 案卷二 高价值专利布局计划: plans, their branches and planned filings, the
// links to the ledger applications that fulfil them, attached reports.
import { call } from './invoke'
import type { AttachedFile } from './bindings/AttachedFile'
import type { ExportFormat } from './bindings/ExportFormat'
import type { ExportResult } from './bindings/ExportResult'
import type { LayoutPlan } from './bindings/LayoutPlan'
import type { LayoutPlanData } from './bindings/LayoutPlanData'
import type { PatentPlanItem } from './bindings/PatentPlanItem'
import type { PatentRow } from './bindings/PatentRow'
import type { PlanBranch } from './bindings/PlanBranch'
import type { PlanDetail } from './bindings/PlanDetail'
import type { PlanItem } from './bindings/PlanItem'
import type { PlanItemData } from './bindings/PlanItemData'
import type { PlanSummary } from './bindings/PlanSummary'

export type { LayoutPlanData, PatentPlanItem, PlanDetail, PlanItem, PlanItemData, PlanSummary }

export const planList = () => call<PlanSummary[]>('plan_list')
/** Every plan with its progress as the 专利布局计划一览表 PDF; null when cancelled. */
export const exportPlansPdf = () => call<ExportResult | null>('export_plans_pdf')
export const planGet = (id: number) => call<PlanDetail>('plan_get', { id })
/** Adds the plan when `id` is null, else updates it. */
export const planSave = (id: number | null, data: LayoutPlanData) => call<LayoutPlan>('plan_save', { id, data })
export const planDelete = (id: number) => call<void>('plan_delete', { id })
export const planBranchAdd = (planId: number, name: string) => call<PlanBranch>('plan_branch_add', { planId, name })
export const planBranchDelete = (id: number) => call<void>('plan_branch_delete', { id })
/** Saves an attached file where the user chooses (verified first); null when cancelled. */
export const attachmentSave = (id: number) => call<string | null>('attachment_save', { id })

/** Adds a planned filing to plan `planId` when `id` is null, else updates it. */
export const planItemSave = (planId: number, id: number | null, data: PlanItemData) =>
  call<PlanItem>('plan_item_save', { planId, id, data })
export const planItemDelete = (id: number) => call<void>('plan_item_delete', { id })
export const planItemLink = (itemId: number, patentId: number) => call<PlanItem>('plan_item_link', { itemId, patentId })
/** By the number as shown, which also removes a link whose patent left the ledger. */
export const planItemUnlink = (itemId: number, appNo: string) => call<PlanItem>('plan_item_unlink', { itemId, appNo })
export const planLinkSuggestions = (itemId: number) => call<PatentRow[]>('plan_link_suggestions', { itemId })
export const planItemsOfPatent = (patentId: number) => call<PatentPlanItem[]>('plan_items_of_patent', { patentId })
/** Asks for a report file and attaches it under `label`; null when the dialog is cancelled. */
export const planAttach = (planId: number, label: string) => call<AttachedFile | null>('plan_attach', { planId, label })

/** The 专利布局计划 PDF (progress on `export-progress`); null when the save dialog is cancelled. */
export const exportPlanPdf = (id: number) => call<ExportResult | null>('export_plan_pdf', { id })
/** The 与专利布局计划相对应的专利申请清单 PDF; null when cancelled. */
export const exportPlanApplicationsPdf = (id: number) => call<ExportResult | null>('export_plan_applications_pdf', { id })
/** The application list as .xlsx or .csv; null when cancelled. */
export const exportPlanApplications = (id: number, format: ExportFormat) =>
  call<ExportResult | null>('export_plan_applications', { id, format })
