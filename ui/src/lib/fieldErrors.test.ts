import { describe, expect, it } from 'vitest'
import { AppError } from '../api/invoke'
import { fieldErrorsOf, fieldProp } from './fieldErrors'

describe('field errors', () => {
  it('maps the core Chinese labels to form props', () => {
    expect(fieldProp('申请号')).toBe('appNo')
    expect(fieldProp('申请日')).toBe('filingDate')
    expect(fieldProp('授权日')).toBe('grantDate')
    expect(fieldProp('专利名称')).toBe('title')
    expect(fieldProp('统一社会信用代码')).toBe('uscc')
    expect(fieldProp('不存在')).toBeNull()
    expect(fieldProp(null)).toBeNull()
  })
  it('puts an input error at its field', () => {
    const e = new AppError('invalidInput', '授权日不能早于申请日', '授权日')
    expect(fieldErrorsOf(e)).toEqual({ grantDate: '授权日不能早于申请日' })
  })
  it('leaves other errors to a toast', () => {
    expect(fieldErrorsOf(new AppError('io', 'disk full', null))).toBeNull()
    expect(fieldErrorsOf(new AppError('invalidInput', 'x', '未知字段'))).toBeNull()
    expect(fieldErrorsOf(new AppError('invalidInput', 'x', '申请号'), ['name', 'uscc'])).toBeNull()
    expect(fieldErrorsOf(new Error('plain'))).toBeNull()
  })
})
