import type { ActionData } from '../api/bindings/ActionData'
import type { ActionKind } from '../api/bindings/ActionKind'
import type { Channel } from '../api/bindings/Channel'
import type { EvidenceKind } from '../api/bindings/EvidenceKind'
import type { LeadData } from '../api/bindings/LeadData'
import type { LeadDetail } from '../api/bindings/LeadDetail'
import type { LeadStatus } from '../api/bindings/LeadStatus'
import type { Outcome } from '../api/bindings/Outcome'
import type { Priority } from '../api/bindings/Priority'

/** The workflow's columns, in order (the board shows one per status). */
export const LEAD_STATUSES: LeadStatus[] = ['new', 'verifying', 'evidenced', 'handling', 'closed', 'dropped']
export const CHANNELS: Channel[] = ['ecommerce', 'exhibition', 'market', 'report', 'selfCheck', 'customs', 'partner', 'other']
export const PRIORITIES: Priority[] = ['high', 'medium', 'low']
export const ACTION_KINDS: ActionKind[] = [
  'warningLetter', 'platformComplaint', 'adminComplaint', 'adminRuling', 'lawsuit', 'mediation', 'customs', 'other',
]
export const OUTCOMES: Outcome[] = ['takenDown', 'settled', 'damages', 'penalty', 'rejected', 'withdrawn', 'pending', 'other']
export const EVIDENCE_KINDS: EvidenceKind[] = ['screenshot', 'receipt', 'notarial', 'timestamp', 'photo', 'video', 'webArchive', 'other']

export function blankLead(today: string): LeadData {
  return {
    title: '', discoveredDate: today, channel: 'ecommerce', suspectName: '', suspectUscc: '', suspectAddress: '',
    suspectShop: '', suspectUrl: '', suspectPlatform: '', products: '', description: '', scale: '', estimatedLoss: 0,
    region: '', priority: 'medium', notes: '', patentIds: [], trademarkIds: [],
  }
}

export function blankAction(today: string): ActionData {
  return {
    kind: 'warningLetter', date: today, counterpart: '', reference: '', dueDate: null, done: false, outcome: null,
    amount: 0, notes: '',
  }
}

/** Bytes as people read them: 362 B, 12.5 KB, 3.4 MB. */
export function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} B`
}

export interface TimelineEntry {
  date: string
  kind: 'status' | 'action' | 'reported'
  /** The status moved to, the action's kind, or null for the report to the bureau. */
  code: string | null
  from: string | null
  note: string
  by: string
}

/**
 * The lead's history in date order: status changes, actions and the report
 * to the bureau; on the same day a status change comes first, then actions,
 * then the report.
 */
export function timeline(d: LeadDetail): TimelineEntry[] {
  const order = { status: 0, action: 1, reported: 2 }
  const rows: TimelineEntry[] = [
    ...d.changes.map((c) => ({ date: c.date, kind: 'status' as const, code: c.to, from: c.from, note: c.note, by: c.by })),
    ...d.actions.map((a) => ({
      date: a.date ?? '', kind: 'action' as const, code: a.kind, from: null,
      note: [a.counterpart, a.reference].filter(Boolean).join(' · '), by: '',
    })),
  ]
  if (d.lead.reportedDate) {
    rows.push({ date: d.lead.reportedDate, kind: 'reported', code: null, from: null, note: d.lead.reportedTo, by: '' })
  }
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.date.localeCompare(b.r.date) || order[a.r.kind] - order[b.r.kind] || a.i - b.i)
    .map(({ r }) => r)
}
