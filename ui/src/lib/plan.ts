import type { CoverageCell } from '../api/bindings/CoverageCell'
import type { ItemStatus } from '../api/bindings/ItemStatus'
import type { LayoutPlanData } from '../api/bindings/LayoutPlanData'
import type { PlanItemData } from '../api/bindings/PlanItemData'
import type { PlanStatus } from '../api/bindings/PlanStatus'

export const PLAN_STATUSES: PlanStatus[] = ['draft', 'active', 'done']
export const ITEM_STATUSES: ItemStatus[] = [
  'idea', 'disclosure', 'drafting', 'filed', 'published', 'examination', 'granted', 'rejected', 'abandoned',
]
/** Offered in the jurisdiction select; any other two-letter code can be typed. */
export const COMMON_JURISDICTIONS = ['CN', 'US', 'EP', 'JP', 'KR', 'WO']

/** A new plan as the core defaults it (target 5: Hengyang 2023 guide (一)1). */
export function blankPlan(): LayoutPlanData {
  return {
    name: '', technology: '', industryChain: '', startDate: null, endDate: null, target: 5,
    analysisAgency: '', filingAgency: '', status: 'draft', notes: '', productIds: [],
  }
}

export function blankItem(): PlanItemData {
  return {
    topic: '', branchId: null, kind: 'invention', route: 'domestic', jurisdictions: ['CN'], priorityItemId: null,
    plannedDate: null, inventors: [], agency: '', status: 'idea', expectedCategory: '', notes: '',
  }
}

/** "3 / 5": the weighted count against the target. */
export const weightedText = (count: number, target: number) => `${count} / ${target}`

/** The gauge's percentage, 0–100; a zero target is met from the start. */
export function progressPercent(count: number, target: number): number {
  if (target <= 0) return 100
  return Math.min(100, Math.round((count / target) * 100))
}

/** A sha256 short enough for a table cell; the full hash goes in the tooltip. */
export const shortSha = (sha: string) => (sha.length > 12 ? `${sha.slice(0, 12)}…` : sha)

/** The two-letter codes the user typed or picked, upper-cased, without repeats or blanks. */
export function tidyJurisdictions(codes: string[]): string[] {
  const out: string[] = []
  for (const c of codes) {
    const code = c.trim().toUpperCase()
    if (code && !out.includes(code)) out.push(code)
  }
  return out
}

export interface CoverageRow {
  branch: string
  cells: Record<string, string>
}

/**
 * The coverage cells as a branch × jurisdiction table: one row per branch (the
 * items without one under `noBranch`), one column per jurisdiction, common
 * codes first; a cell reads "filed/planned", empty where nothing is planned.
 */
export function coverageTable(cells: CoverageCell[], noBranch: string): { jurisdictions: string[]; rows: CoverageRow[] } {
  const rank = (j: string) => {
    const i = COMMON_JURISDICTIONS.indexOf(j)
    return i < 0 ? COMMON_JURISDICTIONS.length : i
  }
  const jurisdictions = [...new Set(cells.map((c) => c.jurisdiction))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const rows: CoverageRow[] = []
  for (const c of cells) {
    const branch = c.branch || noBranch
    let row = rows.find((r) => r.branch === branch)
    if (!row) rows.push((row = { branch, cells: {} }))
    row.cells[c.jurisdiction] = `${c.filed}/${c.planned}`
  }
  return { jurisdictions, rows }
}

/** The editable part of a stored item (what `plan_item_save` takes). */
export function itemData(item: PlanItemData & { id?: number; planId?: number; links?: unknown }): PlanItemData {
  const base = blankItem()
  const out = { ...base } as Record<string, unknown>
  for (const k of Object.keys(base)) out[k] = (item as unknown as Record<string, unknown>)[k]
  return out as unknown as PlanItemData
}
