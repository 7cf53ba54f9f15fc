import { describe, expect, it } from 'vitest'
import { fenToYuan, formatYuan, parseYuan, yuanToFen } from './money'

describe('money', () => {
  it('shows decimals only when the amount has fen', () => {
    expect(formatYuan(90000)).toBe('900')
    expect(formatYuan(90050)).toBe('900.50')
    expect(formatYuan(123456789)).toBe('1,234,567.89')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(null)).toBe('')
  })
  it('round-trips yuan inputs without float noise', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(1234.56)).toBe(123456)
    expect(fenToYuan(123456)).toBe(1234.56)
    expect(yuanToFen(null)).toBeNull()
  })
  it('parses typed yuan, telling empty from invalid', () => {
    expect(parseYuan('1,234.5')).toBe(123450)
    expect(parseYuan('¥900 元')).toBe(90000)
    expect(parseYuan('0.07')).toBe(7)
    expect(parseYuan('  ')).toBeNull()
    expect(parseYuan('12.345')).toBeUndefined()
    expect(parseYuan('abc')).toBeUndefined()
  })
})
