// 案卷三 侵权线索: leads, their workflow and actions, the evidence locker and
// the lead documents.
import { call } from './invoke'
import type { ActionData } from './bindings/ActionData'
import type { Entity } from './bindings/Entity'
import type { Evidence } from './bindings/Evidence'
import type { EvidenceData } from './bindings/EvidenceData'
import type { ExportFormat } from './bindings/ExportFormat'
import type { ExportResult } from './bindings/ExportResult'
import type { Lead } from './bindings/Lead'
import type { LeadAction } from './bindings/LeadAction'
import type { LeadData } from './bindings/LeadData'
import type { LeadDeadline } from './bindings/LeadDeadline'
import type { LeadDetail } from './bindings/LeadDetail'
import type { LeadQuery } from './bindings/LeadQuery'
import type { LeadStatus } from './bindings/LeadStatus'
import type { LeadSummary } from './bindings/LeadSummary'
import type { VerifyReport } from './bindings/VerifyReport'

export type { ActionData, Evidence, EvidenceData, Lead, LeadAction, LeadData, LeadDeadline, LeadDetail, LeadQuery, LeadStatus, LeadSummary, VerifyReport }

export const leadList = (query: LeadQuery) => call<LeadSummary[]>('lead_list', { query })
export const leadGet = (id: number) => call<LeadDetail>('lead_get', { id })
/** Adds the lead when `id` is null, else updates it. */
export const leadSave = (id: number | null, data: LeadData) => call<Lead>('lead_save', { id, data })
export const leadDelete = (id: number) => call<void>('lead_delete', { id })
export const leadStatus = (id: number, to: LeadStatus, date: string, note: string) =>
  call<Lead>('lead_status', { id, to, date, note })
/** Records the feedback to the bureau; a null date clears it. */
export const leadReported = (id: number, date: string | null, to: string) => call<Lead>('lead_reported', { id, date, to })
/** Adds an action to lead `leadId` when `id` is null, else updates it. */
export const leadActionSave = (leadId: number, id: number | null, data: ActionData) =>
  call<LeadAction>('lead_action_save', { leadId, id, data })
export const leadActionDelete = (id: number) => call<void>('lead_action_delete', { id })
export const leadDeadlines = (days: number) => call<LeadDeadline[]>('lead_deadlines', { days })
export const leadRemoveMissingRight = (id: number, number: string) => call<Lead>('lead_remove_missing_right', { id, number })
export const leadsOfRight = (entity: Entity, id: number) => call<LeadSummary[]>('leads_of_right', { entity, id })

/** Asks for evidence files and takes them in (all or none); null when cancelled. */
export const evidencePick = (leadId: number, data: EvidenceData) => call<Evidence[] | null>('lead_evidence_pick', { leadId, data })
/** Takes in files the OS dropped on the window. */
export const evidenceAddDropped = (leadId: number, paths: string[], data: EvidenceData) =>
  call<Evidence[]>('lead_evidence_add_dropped', { leadId, paths, data })
/** A PNG thumbnail of a picture (empty for other files). */
export const evidenceThumbnail = (id: number) => call<ArrayBuffer>('lead_evidence_thumbnail', { id })
/** The file's bytes, checked against its intake hash and logged as 查看. */
export const evidenceView = (id: number) => call<ArrayBuffer>('lead_evidence_view', { id })
/** Saves a copy where the user chooses (logged as 导出); null when cancelled. */
export const evidenceSave = (id: number) => call<string | null>('lead_evidence_save', { id })
export const evidenceRemove = (id: number, reason: string) => call<void>('lead_evidence_remove', { id, reason })
/** Re-hashes the evidence (of one lead, or all) and the custody chain. */
export const leadVerify = (leadId: number | null) => call<VerifyReport>('lead_verify', { leadId })

export const exportLeadsPdf = (query: LeadQuery) => call<ExportResult | null>('export_leads_pdf', { query })
export const exportLeadPdf = (id: number) => call<ExportResult | null>('export_lead_pdf', { id })
export const exportLeads = (query: LeadQuery, format: ExportFormat) => call<ExportResult | null>('export_leads', { query, format })
