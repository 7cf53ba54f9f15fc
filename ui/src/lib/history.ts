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

/** The audit action (create / update / delete) as the officer reads it. */
export function actionLabel(action: string, tr: Translator): string {
  const key = `ledger.detail.actions.${action}`
  return tr.te(key) ? tr.t(key) : action
}

/** A fee decision as stored in the audit: {patentYear, decision, reason, decidedBy, decidedOn}. */
function decisionText(v: unknown, tr: Translator): string {
  if (!v || typeof v !== 'object') return '∅'
  const d = v as { decision?: string; reason?: string; decidedBy?: string; decidedOn?: string }
  const key = `ledger.decisions.enums.${d.decision}`
  const decision = tr.te(key) ? tr.t(key) : String(d.decision ?? '')
  return tr.t('ledger.detail.decisionShown', { decision, reason: d.reason || '—', by: d.decidedBy || '—', on: d.decidedOn || '—' })
}

/**
 * A record an import created: one line naming the file, sheet and row.
 * Otherwise one line per changed field of a patent's audit entry, with the field's label
 * from `ledger.patent.*` (its key when there is none): 「专利名称：旧 → 新」; a fee
 * decision reads 「第 3 年年费决策：∅ → 放弃（理由；张三，2026-12-01）」.
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
    const decided = /^feeDecision(\d+)$/.exec(field)
    if (decided) {
      return tr.t('ledger.detail.feeDecisionLine', { year: decided[1], before: decisionText(pair[0], tr), after: decisionText(pair[1], tr) })
    }
    const label = tr.te(`ledger.patent.${field}`) ? tr.t(`ledger.patent.${field}`) : field
    return `${label}：${showValue(field, pair[0], tr)} → ${showValue(field, pair[1], tr)}`
  })
}
