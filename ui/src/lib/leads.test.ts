import { describe, expect, it } from 'vitest'
import type { LeadDetail } from '../api/bindings/LeadDetail'
import { blankLead, humanSize, timeline } from './leads'

describe('leads helpers', () => {
  it('prints sizes the way people read them', () => {
    expect(humanSize(362)).toBe('362 B')
    expect(humanSize(12_800)).toBe('12.5 KB')
    expect(humanSize(3 * 1024 * 1024 + 400_000)).toBe('3.4 MB')
  })

  it('orders the timeline by date, a status change before an action on the same day', () => {
    const lead = { ...blankLead('2026-03-02'), id: 1, status: 'handling', nextStatuses: [], reportedDate: '2026-03-10', reportedTo: '衡阳市市场监督管理局', rights: [], createdAt: '', updatedAt: '' }
    const d = {
      lead,
      changes: [
        { id: 1, from: null, to: 'new', date: '2026-03-02', by: 'a', note: '登记线索' },
        { id: 2, from: 'new', to: 'verifying', date: '2026-03-06', by: 'a', note: '' },
      ],
      actions: [{ id: 1, leadId: 1, kind: 'warningLetter', date: '2026-03-06', counterpart: '某商行', reference: '', dueDate: null, done: false, outcome: null, amount: 0, notes: '' }],
      evidence: [], custody: [],
    } as unknown as LeadDetail
    const t = timeline(d)
    expect(t.map((e) => [e.date, e.kind])).toEqual([
      ['2026-03-02', 'status'], ['2026-03-06', 'status'], ['2026-03-06', 'action'], ['2026-03-10', 'reported'],
    ])
    expect(t[2].note).toBe('某商行')
  })
})
