/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The core names a refused field by a code (`field("appNo", "申请号")` in
// crates/ipdesk-core), and a form shows the message at the prop of that
// name. This holds the two sides together: every code the core can send is
// a field of some DTO the UI edits (a generated binding), so no error meant
// for a field silently becomes a toast because of a typo on either side.
const coreSrc = join(__dirname, '../../../crates/ipdesk-core/src')
const rust: Record<string, string> = Object.fromEntries(
  (readdirSync(coreSrc, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.rs'))
    .map((f) => [f, readFileSync(join(coreSrc, f), 'utf8')]),
)
const bindings = import.meta.glob('../api/bindings/*.ts', {
  query: '?raw', import: 'default', eager: true,
}) as Record<string, string>

describe('field codes', () => {
  const codes = new Map<string, string>()
  for (const [file, src] of Object.entries(rust)) {
    for (const m of src.matchAll(/\bfield\(\s*"(\w+)",\s*"([^"]+)"\)/g)) codes.set(m[1], `${file}: ${m[2]}`)
  }
  const props = new Set<string>()
  for (const src of Object.values(bindings)) {
    for (const m of src.matchAll(/(?:^|[{,]\s*|\*\/\s*)(\w+)\??:\s/gm)) props.add(m[1])
  }

  it('finds the core and the bindings', () => {
    expect(codes.size, 'the core source was read').toBeGreaterThan(20)
    expect(props.has('appNo') && props.has('uscc'), 'the bindings were read').toBe(true)
  })

  it('sends only codes that are fields of a DTO the UI edits', () => {
    // Inputs that are not a DTO field: the family-link box on the patent page.
    for (const p of ['familyAppNo']) props.add(p)
    const missing = [...codes.entries()].filter(([code]) => !props.has(code)).map(([c, at]) => `${c} (${at})`)
    expect(missing).toEqual([])
  })
})
