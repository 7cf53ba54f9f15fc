import { describe, expect, it } from 'vitest'
import { AppError } from '../api/invoke'
import { fieldOf } from './fieldErrors'
import { useFormErrors } from './useFormErrors'

const PATENT_FORM = ['appNo', 'title', 'filingDate', 'grantDate']

describe('field errors', () => {
  it('puts an input error at the form prop its field code names', () => {
    const e = new AppError('invalidInput', '授权日不能早于申请日', 'grantDate')
    expect(fieldOf(e, PATENT_FORM)).toEqual({ prop: 'grantDate', message: '授权日不能早于申请日' })
    const dup = new AppError('duplicate', '申请号 2019100000428 已存在', 'appNo')
    expect(fieldOf(dup, PATENT_FORM), 'a duplicate is about the field too').toEqual({ prop: 'appNo', message: dup.message })
  })
  it('leaves to a toast what is not about a field of this form', () => {
    expect(fieldOf(new AppError('invalidInput', 'x', null), PATENT_FORM), 'no field').toBeNull()
    expect(fieldOf(new AppError('invalidInput', 'x', 'uscc'), PATENT_FORM), 'another form’s field').toBeNull()
    expect(fieldOf(new AppError('invalidInput', 'x', '申请号'), PATENT_FORM), 'a label is not a field code').toBeNull()
    expect(fieldOf(new AppError('io', 'disk full', 'appNo'), PATENT_FORM), 'not an input error').toBeNull()
    expect(fieldOf(new Error('plain'), PATENT_FORM)).toBeNull()
  })
  it('keeps one message per field until cleared', () => {
    const f = useFormErrors(PATENT_FORM)
    expect(f.take(new AppError('invalidInput', '申请号无效', 'appNo'))).toBe(true)
    expect(f.take(new AppError('invalidInput', '无关', 'contactEmail'))).toBe(false)
    expect({ ...f.errors }).toEqual({ appNo: '申请号无效' })
    f.clear('appNo')
    expect({ ...f.errors }).toEqual({})
  })
})
