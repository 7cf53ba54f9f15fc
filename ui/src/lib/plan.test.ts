import { describe, expect, it } from 'vitest'
import { coverageTable, progressPercent, shortSha, tidyJurisdictions, weightedText } from './plan'

describe('plan progress', () => {
  it('shows the weighted count against the target and caps the gauge at 100', () => {
    expect(weightedText(3, 5)).toBe('3 / 5')
    expect(progressPercent(3, 5)).toBe(60)
    expect(progressPercent(7, 5), 'an overshoot is a full gauge').toBe(100)
    expect(progressPercent(0, 0), 'a zero target is met').toBe(100)
    expect(progressPercent(1, 3)).toBe(33)
  })
  it('shortens a sha256 for the table', () => {
    expect(shortSha('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`)
    expect(shortSha('abc')).toBe('abc')
  })
  it('tidies typed jurisdiction codes', () => {
    expect(tidyJurisdictions([' us', 'CN', 'US', '', 'ep'])).toEqual(['US', 'CN', 'EP'])
  })
  it('lays the coverage out as branch × jurisdiction, common codes first', () => {
    const t = coverageTable(
      [
        { branch: '', jurisdiction: 'CN', planned: 2, filed: 1 },
        { branch: '电池均衡', jurisdiction: 'DE', planned: 1, filed: 0 },
        { branch: '电池均衡', jurisdiction: 'US', planned: 1, filed: 1 },
        { branch: '电池均衡', jurisdiction: 'CN', planned: 1, filed: 0 },
      ],
      '（未分支）',
    )
    expect(t.jurisdictions).toEqual(['CN', 'US', 'DE'])
    expect(t.rows).toEqual([
      { branch: '（未分支）', cells: { CN: '1/2' } },
      { branch: '电池均衡', cells: { DE: '0/1', US: '1/1', CN: '0/1' } },
    ])
  })
})

describe('item data', () => {
  it('keeps only what the save command takes', async () => {
    const { blankItem, itemData } = await import('./plan')
    const stored = { ...blankItem(), topic: '电池均衡', status: 'filed' as const, id: 3, planId: 1, links: [] }
    const data = itemData(stored)
    expect(data).toEqual({ ...blankItem(), topic: '电池均衡', status: 'filed' })
    expect('links' in data).toBe(false)
  })
})
