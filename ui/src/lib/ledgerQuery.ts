import type { PatentQuery } from '../api/bindings/PatentQuery'
import type { PatentKind } from '../api/bindings/PatentKind'
import type { LegalStatus } from '../api/bindings/LegalStatus'
import type { SortKey } from '../api/bindings/SortKey'

/** What the ledger's filter bar holds; '' and null both mean "any". */
export interface LedgerFilters {
  text: string
  kind: PatentKind | '' | null
  status: LegalStatus | '' | null
  jurisdiction: string | null
  /** 'yes' / 'no' / '' from the select. */
  highValue: 'yes' | 'no' | '' | null
  dueWithinDays: number | null
  /** One tag, or '' / null for any. */
  tag: string | null
  /** Only granted patents still without a grant date (授权日待补). */
  grantDateMissing?: boolean
}

export interface LedgerSort {
  /** Column key of the ledger table. */
  key: string
  descending: boolean
}

export const emptyFilters = (): LedgerFilters => ({
  text: '',
  kind: '',
  status: '',
  jurisdiction: null,
  highValue: '',
  dueWithinDays: null,
  tag: null,
})

/** Ledger column keys that the backend can sort by. */
const COLUMN_SORT: Readonly<Record<string, SortKey>> = {
  displayAppNo: 'appNo',
  title: 'title',
  kind: 'kind',
  filingDate: 'filingDate',
  grantDate: 'grantDate',
  status: 'status',
  feesPaidTo: 'feesPaidTo',
  nextFeeDue: 'nextFeeDue',
  applicants: 'applicants',
  jurisdiction: 'jurisdiction',
  updatedAt: 'updatedAt',
}

export function sortKeyOf(column: string): SortKey | null {
  return COLUMN_SORT[column] ?? null
}

export const isSortable = (column: string) => column in COLUMN_SORT

export function buildQuery(
  f: LedgerFilters,
  sort: LedgerSort | null,
  offset = 0,
  limit = 0,
): PatentQuery {
  const jurisdiction = f.jurisdiction?.trim().toUpperCase() || null
  const days = f.dueWithinDays
  return {
    text: f.text.trim(),
    kind: f.kind || null,
    status: f.status || null,
    jurisdiction,
    highValue: f.highValue === 'yes' ? true : f.highValue === 'no' ? false : null,
    feeDueWithinDays: typeof days === 'number' && Number.isFinite(days) && days >= 0 ? Math.floor(days) : null,
    tag: f.tag?.trim() || null,
    grantDateMissing: f.grantDateMissing === true,
    sort: (sort && sortKeyOf(sort.key)) || 'filingDate',
    descending: sort ? sort.descending : true,
    offset: Math.max(0, offset),
    limit: Math.max(0, limit),
  }
}

/** Pages (of `size`) that cover rows [start, end], inclusive. */
export function pagesFor(start: number, end: number, size: number): number[] {
  if (end < start) return []
  const out: number[] = []
  for (let p = Math.floor(Math.max(0, start) / size); p <= Math.floor(end / size); p++) out.push(p)
  return out
}
