import { describe, expect, it } from 'vitest'
import { buildQuery, emptyFilters, pagesFor, sortKeyOf } from './ledgerQuery'

describe('ledger query', () => {
  it('turns empty filters into nulls', () => {
    const q = buildQuery(emptyFilters(), null, 0, 200)
    expect(q).toEqual({
      text: '', kind: null, status: null, jurisdiction: null, highValue: null, feeDueWithinDays: null,
      tag: null, grantDateMissing: false, sort: 'filingDate', descending: true, offset: 0, limit: 200,
    })
  })
  it('carries every filter and the sort', () => {
    const q = buildQuery(
      { text: '  电池 ', kind: 'invention', status: 'granted', jurisdiction: ' cn', highValue: 'yes', dueWithinDays: 90, tag: '储能' },
      { key: 'displayAppNo', descending: false },
      400,
      200,
    )
    expect(q).toMatchObject({
      text: '电池', kind: 'invention', status: 'granted', jurisdiction: 'CN', highValue: true,
      feeDueWithinDays: 90, tag: '储能', grantDateMissing: false, sort: 'appNo', descending: false, offset: 400, limit: 200,
    })
    expect(buildQuery({ ...emptyFilters(), tag: '' }, null).tag, 'a cleared tag select means any').toBeNull()
    expect(buildQuery({ ...emptyFilters(), highValue: 'no' }, null).highValue).toBe(false)
  })
  it('maps columns to sort keys and ignores unsortable ones', () => {
    expect(sortKeyOf('nextFeeDue')).toBe('nextFeeDue')
    expect(sortKeyOf('highValue')).toBeNull()
    expect(buildQuery(emptyFilters(), { key: 'highValue', descending: false }).sort).toBe('filingDate')
  })
  it('finds the pages covering a row range', () => {
    expect(pagesFor(0, 30, 200)).toEqual([0])
    expect(pagesFor(190, 410, 200)).toEqual([0, 1, 2])
    expect(pagesFor(5, 4, 200)).toEqual([])
  })
})
