import type { Acquisition } from '../api/bindings/Acquisition'
import type { PatentKind } from '../api/bindings/PatentKind'
import type { LegalStatus } from '../api/bindings/LegalStatus'
import type { Route } from '../api/bindings/Route'
import type { FeeReduction } from '../api/bindings/FeeReduction'

export const KINDS: PatentKind[] = ['invention', 'utility', 'design']
export const ROUTES: Route[] = ['domestic', 'pct', 'paris']
export const STATUSES: LegalStatus[] = [
  'filed', 'published', 'examination', 'granted', 'expired', 'lapsed', 'rejected', 'withdrawn', 'abandoned', 'invalidated',
]
export const REDUCTIONS: FeeReduction[] = ['none', 'p85', 'p70']
export const ACQUISITIONS: Acquisition[] = ['own', 'transfer', 'gift', 'merger', 'other']

/**
 * An application number as it sits in a test id: letters and digits only
 * (`201910123456.X` → `201910123456X`), the way the e2e test writes it.
 */
export const testIdOfAppNo = (appNo: string) => appNo.replace(/[^0-9A-Za-z]/g, '')
