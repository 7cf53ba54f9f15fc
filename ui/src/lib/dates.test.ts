import { describe, expect, it } from 'vitest'
import { localDate } from './dates'

describe('localDate', () => {
  it('is the local calendar day, not the UTC one', () => {
    // 00:30 local time on 1 March: in UTC+8 toISOString() still says 28 February.
    expect(localDate(new Date(2024, 2, 1, 0, 30))).toBe('2024-03-01')
    expect(localDate(new Date(2024, 11, 31, 23, 59))).toBe('2024-12-31')
  })
})
