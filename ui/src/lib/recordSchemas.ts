import type { RecordKind, RecordKinds } from '../api/records'

/** How one field of a record form is edited and shown. */
export type FieldType = 'text' | 'textarea' | 'date' | 'money' | 'int' | 'bool' | 'select' | 'classes' | 'patents' | 'revenues' | 'names'

export interface FieldSpec {
  prop: string
  type: FieldType
  /** i18n key prefix of the options of a select (records.enums.trademarkStatus …). */
  options?: { enumKey: string; values: string[] }
  /** Shown as a column in the list. */
  list?: boolean
}

export interface RecordSchema<K extends RecordKind> {
  blank: () => RecordKinds[K]
  fields: FieldSpec[]
}

export const SCHEMAS: { [K in RecordKind]: RecordSchema<K> } = {
  trademark: {
    blank: () => ({ regNo: '', mark: '', classes: [], regDate: null, expiryDate: null, status: 'pending', wellKnown: false, geographicalIndication: false, notes: '' }),
    fields: [
      { prop: 'regNo', type: 'text', list: true },
      { prop: 'mark', type: 'text', list: true },
      { prop: 'classes', type: 'classes', list: true },
      { prop: 'regDate', type: 'date', list: true },
      { prop: 'expiryDate', type: 'date', list: true },
      { prop: 'status', type: 'select', options: { enumKey: 'trademarkStatus', values: ['pending', 'registered', 'expired', 'cancelled'] }, list: true },
      { prop: 'wellKnown', type: 'bool' },
      { prop: 'geographicalIndication', type: 'bool' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  pledge: {
    blank: () => ({ pledgor: '', pledgee: '', loanAmount: 0, startDate: null, endDate: null, regNo: '', regDate: null, releaseDate: null, patentIds: [], notes: '' }),
    fields: [
      { prop: 'pledgor', type: 'text', list: true },
      { prop: 'pledgee', type: 'text', list: true },
      { prop: 'loanAmount', type: 'money', list: true },
      { prop: 'startDate', type: 'date', list: true },
      { prop: 'endDate', type: 'date', list: true },
      { prop: 'regNo', type: 'text', list: true },
      { prop: 'regDate', type: 'date' },
      { prop: 'releaseDate', type: 'date' },
      { prop: 'patentIds', type: 'patents' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  award: {
    blank: () => ({ kind: 'chinaPatent', name: '', level: '', year: null, patentIds: [], notes: '' }),
    fields: [
      { prop: 'kind', type: 'select', options: { enumKey: 'awardKind', values: ['chinaPatent', 'nationalScienceTech', 'provincialPatent', 'other'] }, list: true },
      { prop: 'name', type: 'text', list: true },
      { prop: 'level', type: 'text', list: true },
      { prop: 'year', type: 'int', list: true },
      { prop: 'patentIds', type: 'patents' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  transfer: {
    blank: () => ({ kind: 'assignIn', counterparty: '', date: null, amount: 0, contractNo: '', recordNo: '', patentIds: [], notes: '' }),
    fields: [
      { prop: 'kind', type: 'select', options: { enumKey: 'transferKind', values: ['assignIn', 'assignOut', 'licenseIn', 'licenseOut'] }, list: true },
      { prop: 'counterparty', type: 'text', list: true },
      { prop: 'date', type: 'date', list: true },
      { prop: 'amount', type: 'money', list: true },
      { prop: 'contractNo', type: 'text', list: true },
      { prop: 'recordNo', type: 'text', list: true },
      { prop: 'patentIds', type: 'patents' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  insurance: {
    blank: () => ({ kind: '', insurer: '', policyNo: '', premium: 0, cover: 0, startDate: null, endDate: null, patentIds: [], notes: '' }),
    fields: [
      { prop: 'kind', type: 'text', list: true },
      { prop: 'insurer', type: 'text', list: true },
      { prop: 'policyNo', type: 'text', list: true },
      { prop: 'premium', type: 'money', list: true },
      { prop: 'cover', type: 'money', list: true },
      { prop: 'startDate', type: 'date', list: true },
      { prop: 'endDate', type: 'date', list: true },
      { prop: 'patentIds', type: 'patents' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  product: {
    blank: () => ({ name: '', model: '', industry: '', filingStatus: '未备案', revenues: [], patentIds: [], notes: '' }),
    fields: [
      { prop: 'name', type: 'text', list: true },
      { prop: 'model', type: 'text', list: true },
      { prop: 'industry', type: 'text', list: true },
      { prop: 'filingStatus', type: 'text', list: true },
      { prop: 'revenues', type: 'revenues' },
      { prop: 'patentIds', type: 'patents' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  other_ip: {
    blank: () => ({ kind: 'softwareCopyright', regNo: '', title: '', owners: [], regDate: null, validUntil: null, status: 'valid', acquisition: 'own', acquiredOn: null, hnteUsedYear: null, notes: '' }),
    fields: [
      { prop: 'kind', type: 'select', options: { enumKey: 'otherIpKind', values: ['softwareCopyright', 'icLayout', 'plantVariety', 'newDrug', 'tcmProtected', 'other'] }, list: true },
      { prop: 'regNo', type: 'text', list: true },
      { prop: 'title', type: 'text', list: true },
      { prop: 'owners', type: 'names' },
      { prop: 'regDate', type: 'date', list: true },
      { prop: 'validUntil', type: 'date' },
      { prop: 'status', type: 'select', options: { enumKey: 'otherIpStatus', values: ['valid', 'lapsed'] }, list: true },
      { prop: 'acquisition', type: 'select', options: { enumKey: 'acquisition', values: ['own', 'transfer', 'gift', 'merger', 'other'] }, list: true },
      { prop: 'acquiredOn', type: 'date' },
      { prop: 'hnteUsedYear', type: 'int', list: true },
      { prop: 'notes', type: 'textarea' },
    ],
  },
  qualification: {
    blank: () => ({ name: '', certNo: '', issuer: '', issuedOn: null, validUntil: null, standard: '', notes: '' }),
    fields: [
      { prop: 'name', type: 'text', list: true },
      { prop: 'certNo', type: 'text', list: true },
      { prop: 'issuer', type: 'text', list: true },
      { prop: 'issuedOn', type: 'date', list: true },
      { prop: 'validUntil', type: 'date', list: true },
      { prop: 'standard', type: 'text' },
      { prop: 'notes', type: 'textarea' },
    ],
  },
}

export const isRecordKind = (k: string): k is RecordKind => k in SCHEMAS
