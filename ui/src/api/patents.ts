import { call } from './invoke'
import type { Patent } from './bindings/Patent'
import type { PatentData } from './bindings/PatentData'
import type { PatentQuery } from './bindings/PatentQuery'
import type { PatentPage } from './bindings/PatentPage'
import type { FeeSchedule } from './bindings/FeeSchedule'
import type { AnnuityPayment } from './bindings/AnnuityPayment'
import type { HighValue } from './bindings/HighValue'
import type { AuditEntry } from './bindings/AuditEntry'
import type { AppNo } from './bindings/AppNo'
import type { Dashboard } from './bindings/Dashboard'
import type { TagCount } from './bindings/TagCount'

/** What `patent_get` returns (assembled by the shell, not generated). */
export interface PatentDetail {
  patent: Patent
  displayAppNo: string
  schedule: FeeSchedule
  payments: AnnuityPayment[]
  family: Patent[]
  highValue: HighValue
  history: AuditEntry[]
}

export const dashboard = () => call<Dashboard>('dashboard')
export const patentsList = (query: PatentQuery) => call<PatentPage>('patents_list', { query })
export const patentTags = () => call<TagCount[]>('patent_tags')
export const patentGet = (id: number) => call<PatentDetail>('patent_get', { id })
export const patentAdd = (data: PatentData) => call<Patent>('patent_add', { data })
export const patentUpdate = (id: number, data: PatentData) => call<Patent>('patent_update', { id, data })
export const patentDelete = (id: number) => call<void>('patent_delete', { id })
export const checkAppNo = (number: string) => call<AppNo>('check_app_no', { number })
export const familyLink = (id: number, other: string) => call<Patent[]>('family_link', { id, other })
export const familyUnlink = (id: number, otherId: number) => call<void>('family_unlink', { id, otherId })
export const highValueList = () => call<HighValue[]>('high_value_list')
