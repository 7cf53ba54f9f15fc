import type { FieldOption } from '../api/io'
import type { Field } from '../api/bindings/Field'

/** What stops a mapping from being run, found before asking the core. */
export interface MappingProblems {
  /** Headers of required fields no column is mapped to. */
  missing: string[]
  /** Headers of fields mapped to more than one column. */
  repeated: string[]
}

/** One entry per sheet column, `null` for a column that is not imported; `undefined` (a cleared select) becomes `null`. */
export function mappingPayload(columns: number, selected: (Field | null | undefined)[]): (Field | null)[] {
  return Array.from({ length: columns }, (_, i) => selected[i] ?? null)
}

export function mappingProblems(mapping: (Field | null)[], fields: FieldOption[]): MappingProblems {
  const counts = new Map<Field, number>()
  for (const f of mapping) if (f) counts.set(f, (counts.get(f) ?? 0) + 1)
  const header = (code: Field) => fields.find((f) => f.code === code)?.header ?? code
  return {
    missing: fields.filter((f) => f.required && !counts.has(f.code)).map((f) => f.header),
    repeated: [...counts].filter(([, n]) => n > 1).map(([code]) => header(code)),
  }
}

export const isRunnable = (p: MappingProblems) => p.missing.length === 0 && p.repeated.length === 0

export const percentOf = (done: number, total: number) => (total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0)
