import { describe, expect, it } from 'vitest'
import zh from './zh-CN'

// Keys are strings to vue-i18n and to vue-tsc: a key renamed in zh-CN.ts but
// not at its use shows the raw key on screen. This reads every `t('…')` in the
// source and checks it (a template key `t(`a.b.${x}`)` by its fixed prefix).
const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts', '!../i18n/**', '!../api/bindings/**'], {
  query: '?raw', import: 'default', eager: true,
}) as Record<string, string>

function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), zh)
}

describe('i18n keys', () => {
  const literal: string[] = []
  const prefixes: string[] = []
  for (const [file, src] of Object.entries(sources)) {
    for (const m of src.matchAll(/\bte?\(\s*'([\w.]+)'/g)) literal.push(`${file}: ${m[1]}`)
    for (const m of src.matchAll(/\bte?\(\s*`([\w.]+)\.\$\{/g)) prefixes.push(`${file}: ${m[1]}`)
  }
  it('finds the calls it checks', () => {
    expect(literal.length, 'the scan sees the views').toBeGreaterThan(200)
  })
  it('every literal key names a message', () => {
    expect(literal.filter((l) => typeof lookup(l.split(': ')[1]) !== 'string')).toEqual([])
  })
  it('every template key starts at a group of messages', () => {
    expect(prefixes.filter((l) => typeof lookup(l.split(': ')[1]) !== 'object')).toEqual([])
  })
})
