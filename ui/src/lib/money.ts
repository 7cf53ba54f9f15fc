import type { Money } from '../api/bindings/Money'

/**
 * Formats fen as yuan with thousands separators; decimals appear only when
 * the amount has jiao/fen (90000 → "900", 90050 → "900.50").
 */
export function formatYuan(fen: Money | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const neg = fen < 0
  const abs = Math.round(Math.abs(fen))
  const whole = Math.floor(abs / 100)
  const cents = abs % 100
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return (neg ? '-' : '') + grouped + (cents ? '.' + cents.toString().padStart(2, '0') : '')
}

/** Fen to a yuan number for an input field (90050 → 900.5). */
export function fenToYuan(fen: Money | null | undefined): number | null {
  if (fen === null || fen === undefined) return null
  return Math.round(fen) / 100
}

/** A yuan number from an input field to fen, rounding away float noise. */
export function yuanToFen(yuan: number | null | undefined): Money | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null
  return Math.round(yuan * 100)
}

/**
 * Parses what a user typed as yuan ("1,234.5", "¥900", " 900 元") into fen.
 * Empty input is null; anything else that is not an amount with at most two
 * decimals is undefined, so callers can tell "cleared" from "invalid".
 */
export function parseYuan(input: string): Money | null | undefined {
  const s = input.replace(/[\s,，¥￥元]/g, '')
  if (s === '') return null
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return undefined
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -fen : fen
}
