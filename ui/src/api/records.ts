// 案卷一 专利台账, the records around the ledger: trademarks, pledges, awards,
// transfers and licences, insurance, patent products, rights of other kinds;
// and the qualification certificates 案卷四 checks.
import { call } from './invoke'
import type { ExportResult } from './ledger'
import type { AwardData } from './bindings/AwardData'
import type { ExportFormat } from './bindings/ExportFormat'
import type { RecordKind as PrintedKind } from './bindings/RecordKind'
import type { FilingChannel } from './bindings/FilingChannel'
import type { Money } from './bindings/Money'
import type { RenewalDue } from './bindings/RenewalDue'
import type { TrademarkRenewal } from './bindings/TrademarkRenewal'
import type { InsuranceData } from './bindings/InsuranceData'
import type { OtherIpData } from './bindings/OtherIpData'
import type { QualificationData } from './bindings/QualificationData'
import type { PledgeData } from './bindings/PledgeData'
import type { ProductData } from './bindings/ProductData'
import type { Stored } from './bindings/Stored'
import type { TrademarkData } from './bindings/TrademarkData'
import type { TransferData } from './bindings/TransferData'

export type { FilingChannel, RenewalDue, TrademarkRenewal }

/** The record kinds around the ledger; each has `K_list`, `K_save`, `K_delete`. */
export interface RecordKinds {
  trademark: TrademarkData
  pledge: PledgeData
  award: AwardData
  transfer: TransferData
  insurance: InsuranceData
  product: ProductData
  /** 软件著作权、集成电路布图设计等 (the national programs count them). */
  other_ip: OtherIpData
  /** 资质证书: titles held, valid from–until. */
  qualification: QualificationData
}
export type RecordKind = keyof RecordKinds

export interface RecordApi<T> {
  list(): Promise<Stored<T>[]>
  save(id: number | null, data: T): Promise<Stored<T>>
  remove(id: number): Promise<void>
}

export function recordApi<K extends RecordKind>(kind: K): RecordApi<RecordKinds[K]> {
  return {
    list: () => call<Stored<RecordKinds[K]>[]>(`${kind}_list`),
    save: (id, data) => call<Stored<RecordKinds[K]>>(`${kind}_save`, { id, data }),
    remove: (id) => call<void>(`${kind}_delete`, { id }),
  }
}

/** The trademarks as .xlsx or .csv, in the columns the import reads back; null when cancelled. */
export const exportTrademarks = (format: ExportFormat) =>
  call<ExportResult | null>('export_trademarks', { format })

/**
 * A records page as a PDF in its list's columns (商标台账 …); null when
 * cancelled. Typed by the core's kinds: a page kind the core cannot print
 * does not compile.
 */
export const exportRecordsPdf = (kind: PrintedKind) => call<ExportResult | null>('export_records_pdf', { kind })

/** The renewals of the period as the 商标续展计划 PDF (fees for `channel`); null when cancelled. */
export const exportRenewalsPdf = (months: number, channel: FilingChannel) =>
  call<ExportResult | null>('export_renewals_pdf', { months, channel })

/** Registered marks whose renewal window opens within `months`, in it, in grace, or past grace (fees for `channel`). */
export const trademarkRenewals = (months: number, channel: FilingChannel) =>
  call<RenewalDue[]>('trademark_renewals', { months, channel })
/**
 * Records a renewal filed on `date`; the term moves on ten years. `amount`
 * null: the core takes the official fee for the channel and classes.
 */
export const trademarkRenew = (regNo: string, date: string, channel: FilingChannel, amount: Money | null) =>
  call<TrademarkRenewal>('trademark_renew', { regNo, date, channel, amount })
/** The renewals recorded for one mark, oldest first. */
export const trademarkRenewalHistory = (id: number) => call<TrademarkRenewal[]>('trademark_renewal_history', { id })
