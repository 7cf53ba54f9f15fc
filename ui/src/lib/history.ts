import type { AuditEntry } from '../api/bindings/AuditEntry'

/** What history lines need from vue-i18n: translate, and whether a key exists. */
export interface Translator {
  t: (key: string, named?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

/** Fields whose stored codes have labels under `ledger.enums.*`. */
const ENUM_OF: Record<string, string> = { kind: 'kind', route: 'route', status: 'status', feeReduction: 'feeReduction' }

/** A stored value as the officer reads it: labels for codes, 是/否, lists joined, ∅ for nothing. */
export function showValue(field: string, v: unknown, tr: Translator): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '∅'
  if (typeof v === 'boolean') return tr.t(v ? 'common.yes' : 'common.no')
  if (Array.isArray(v)) return v.map((x) => showValue(field, x, tr)).join('、')
  if (typeof v === 'object') return JSON.stringify(v)
  const key = ENUM_OF[field] ? `ledger.enums.${ENUM_OF[field]}.${String(v)}` : ''
  return key && tr.te(key) ? tr.t(key) : String(v)
}

/**
 * A record an import created: one line naming the file, sheet and row.
 * Otherwise one line per changed field of a patent's audit entry, with the field's label
 * from `ledger.patent.*` (its key when there is none): 「专利名称：旧 → 新」.
 */
export function historyLines(a: AuditEntry, tr: Translator): string[] {
  const from = a.importedFrom
  if (from) return [tr.t('ledger.detail.importedFrom', { file: from.file, sheet: from.sheet, row: from.row, batch: from.batch })]
  const c = a.changes
  // An import's create row whose log row is gone (a hand-edited database): still say where it came from.
  if (c && typeof c === 'object' && 'importBatch' in c && 'sheetRow' in c) {
    const { importBatch, sheetRow } = c as { importBatch: unknown; sheetRow: unknown }
    return [tr.t('ledger.detail.importedRow', { row: String(sheetRow), batch: String(importBatch) })]
  }
  if (!c || typeof c !== 'object' || Array.isArray(c)) return []
  return Object.entries(c as Record<string, unknown>).map(([field, v]) => {
    const pair = Array.isArray(v) && v.length === 2 ? v : [null, v]
    const label = tr.te(`ledger.patent.${field}`) ? tr.t(`ledger.patent.${field}`) : field
    return `${label}：${showValue(field, pair[0], tr)} → ${showValue(field, pair[1], tr)}`
  })
}
