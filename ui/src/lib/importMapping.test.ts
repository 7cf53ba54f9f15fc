import { describe, expect, it } from 'vitest'
import type { FieldOption } from '../api/io'
import { isRunnable, mappingPayload, mappingProblems, percentOf } from './importMapping'

const fields: FieldOption[] = [
  { code: 'appNo', header: '申请号', required: true },
  { code: 'title', header: '专利名称', required: true },
  { code: 'filingDate', header: '申请日', required: true },
  { code: 'notes', header: '备注', required: false },
]

describe('import mapping', () => {
  it('sends one entry per column, cleared selects as null', () => {
    expect(mappingPayload(4, ['appNo', undefined, 'title'])).toEqual(['appNo', null, 'title', null])
  })
  it('names the required fields no column holds', () => {
    const p = mappingProblems(['appNo', null, 'notes'], fields)
    expect(p.missing).toEqual(['专利名称', '申请日'])
    expect(isRunnable(p)).toBe(false)
  })
  it('names a field mapped to two columns', () => {
    const p = mappingProblems(['appNo', 'title', 'filingDate', 'title'], fields)
    expect(p).toEqual({ missing: [], repeated: ['专利名称'] })
    expect(isRunnable(p)).toBe(false)
  })
  it('accepts a complete mapping', () => {
    expect(isRunnable(mappingProblems(['title', 'appNo', 'filingDate', null], fields))).toBe(true)
  })
  it('caps progress at 100 and survives an empty total', () => {
    expect(percentOf(5, 10)).toBe(50)
    expect(percentOf(0, 0)).toBe(0)
    expect(percentOf(11, 10)).toBe(100)
  })
})
