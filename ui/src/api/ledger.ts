// 案卷一 专利台账: the dashboard, the patents, their fees, and the ledger's exports.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call } from './invoke'
import type { PatentLabel } from './bindings/PatentLabel'
import type { AnnuityPayment } from './bindings/AnnuityPayment'
import type { AppNo } from './bindings/AppNo'
import type { Dashboard } from './bindings/Dashboard'
import type { ExportFormat } from './bindings/ExportFormat'
import type { Forecast } from './bindings/Forecast'
import type { HighValue } from './bindings/HighValue'
import type { Patent } from './bindings/Patent'
import type { PatentData } from './bindings/PatentData'
import type { PatentPage } from './bindings/PatentPage'
import type { PatentQuery } from './bindings/PatentQuery'
import type { PaymentInput } from './bindings/PaymentInput'
import type { TagCount } from './bindings/TagCount'
import type { PatentDetail } from './bindings/PatentDetail'
import type { ExportResult } from './bindings/ExportResult'
import type { ExportProgress } from './bindings/ExportProgress'
import type { ApprovalReport } from './bindings/ApprovalReport'
import type { ApprovalRow } from './bindings/ApprovalRow'
import type { Decision } from './bindings/Decision'
import type { DecisionInput } from './bindings/DecisionInput'
import type { FeeDecision } from './bindings/FeeDecision'
import type { ForecastItem } from './bindings/ForecastItem'

// DTOs are generated from the Rust types (core and src-tauri, ts-rs).
export type { ApprovalReport, ApprovalRow, Decision, ExportProgress, ExportResult, FeeDecision, ForecastItem, PatentDetail }

export const dashboard = () => call<Dashboard>('dashboard')

export const patentsList = (query: PatentQuery) => call<PatentPage>('patents_list', { query })
/** Number and title of each patent id (those that exist, in order). */
export const patentLabels = (ids: number[]) => call<PatentLabel[]>('patent_labels', { ids })
export const patentTags = () => call<TagCount[]>('patent_tags')
export const patentGet = (id: number) => call<PatentDetail>('patent_get', { id })
export const patentAdd = (data: PatentData) => call<Patent>('patent_add', { data })
export const patentUpdate = (id: number, data: PatentData) => call<Patent>('patent_update', { id, data })
export const patentDelete = (id: number) => call<void>('patent_delete', { id })
export const checkAppNo = (number: string) => call<AppNo>('check_app_no', { number })
export const familyLink = (id: number, other: string) => call<Patent[]>('family_link', { id, other })
export const familyUnlink = (id: number, otherId: number) => call<void>('family_unlink', { id, otherId })
export const highValueList = () => call<HighValue[]>('high_value_list')

export const paymentRecord = (patentId: number, input: PaymentInput) =>
  call<AnnuityPayment>('payment_record', { patentId, input })
export const paymentDelete = (id: number) => call<void>('payment_delete', { id })
export const forecast = (months: number) => call<Forecast>('forecast', { months })

/** Records (or replaces) the keep-or-drop decision on one year's fee; 放弃 needs a reason. */
export const feeDecide = (patentId: number, input: DecisionInput) => call<FeeDecision>('fee_decide', { patentId, input })
/** The fees due over `months` with their decisions and value hints (the 年费缴纳审批表 on screen). */
export const feeApprovals = (months: number) => call<ApprovalReport>('fee_approvals', { months })

/** Resolves to null when the user cancels the save dialog. */
export const exportLedgerPdf = (query: PatentQuery) => call<ExportResult | null>('export_ledger_pdf', { query })
/** One patent's page as its 专利信息卡 PDF; null when cancelled. */
export const exportPatentPdf = (id: number) => call<ExportResult | null>('export_patent_pdf', { id })
export const exportAnnuitiesPdf = (months: number) => call<ExportResult | null>('export_annuities_pdf', { months })
export const exportApprovalsPdf = (months: number) => call<ExportResult | null>('export_approvals_pdf', { months })
/** The ledger's rows as .xlsx or .csv, in the columns the import reads back; null when cancelled. */
export const exportTable = (query: PatentQuery, format: ExportFormat) =>
  call<ExportResult | null>('export_table', { query, format })

/** Stops the PDF export in progress: it answers null and writes no file. */
export const exportCancel = () => call<void>('export_cancel')
export const onExportProgress = (cb: (p: ExportProgress) => void): Promise<UnlistenFn> =>
  listen<ExportProgress>('export-progress', (e) => cb(e.payload))
