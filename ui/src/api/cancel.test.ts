import { describe, expect, it } from 'vitest'
import { AppError, isCancelled } from './invoke'

describe('a cancelled import', () => {
  it('is told apart from an error by its code', () => {
    expect(isCancelled({ code: 'cancelled', message: '已取消，未写入任何数据', field: null })).toBe(true)
    expect(AppError.from({ code: 'cancelled', message: 'x' }).code).toBe('cancelled')
    expect(isCancelled({ code: 'io', message: '磁盘已满', field: null })).toBe(false)
    expect(isCancelled('invalid args')).toBe(false)
  })
})
