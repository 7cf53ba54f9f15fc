import type { Router } from 'vue-router'

// The last view reopens: every finished navigation is remembered, and a start
// at the default page ("/", the dashboard) goes to the remembered view instead,
// if the router still knows it. A remembered record that has since been
// deleted simply opens its (empty) detail page, as a stale link would.

export const LAST_ROUTE_KEY = 'ipdesk.lastRoute'

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/** The path a saved value stands for, if it is a route of `router` (not the catch-all). */
export function knownRoute(router: Router, saved: string | null): string | null {
  if (!saved || !saved.startsWith('/')) return null
  try {
    const r = router.resolve(saved)
    // Every page route has a name; the catch-all redirect has none.
    return r.matched.length > 0 && r.name != null && !r.matched.some((m) => m.redirect) ? r.fullPath : null
  } catch {
    return null
  }
}

/** Call before the router is installed, so the first navigation can be redirected. */
export function installLastRoute(router: Router, store: Storage | null = storage()): void {
  const removeGuard = router.beforeEach((to) => {
    removeGuard() // only the app's first navigation
    if (to.path !== '/') return true
    let saved: string | null = null
    try {
      saved = store?.getItem(LAST_ROUTE_KEY) ?? null
    } catch {
      // storage unavailable: start at the dashboard
    }
    const path = knownRoute(router, saved)
    return path && path !== to.fullPath ? path : true
  })
  router.afterEach((to, _from, failure) => {
    if (failure) return
    try {
      store?.setItem(LAST_ROUTE_KEY, to.fullPath)
    } catch {
      // storage full or unavailable: nothing to remember with
    }
  })
}
