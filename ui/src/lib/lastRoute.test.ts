import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { LAST_ROUTE_KEY, installLastRoute, knownRoute } from './lastRoute'

const Page = { render: () => null }
// The app's route shapes: named pages, one with an id, and the catch-all redirect.
const makeRouter = () =>
  createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: Page },
      { path: '/ledger', name: 'ledger', component: Page },
      { path: '/patents/:id', name: 'patent', component: Page },
      { path: '/records/:kind', name: 'records', component: Page },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })

/** Starts an app at `at` with `saved` remembered; returns where it lands. */
async function start(at: string, saved: string | null) {
  if (saved !== null) localStorage.setItem(LAST_ROUTE_KEY, saved)
  const router = makeRouter()
  installLastRoute(router, localStorage)
  await router.push(at)
  await router.isReady()
  return router
}

describe('last route', () => {
  beforeEach(() => localStorage.clear())

  it('remembers every view the user goes to', async () => {
    const router = await start('/', null)
    expect(localStorage.getItem(LAST_ROUTE_KEY)).toBe('/')
    await router.push('/records/trademark')
    expect(localStorage.getItem(LAST_ROUTE_KEY)).toBe('/records/trademark')
    await router.push('/patents/7?tab=fees')
    expect(localStorage.getItem(LAST_ROUTE_KEY), 'with its query').toBe('/patents/7?tab=fees')
  })
  it('reopens the remembered view when the app starts at the dashboard', async () => {
    const router = await start('/', '/records/pledge')
    expect(router.currentRoute.value.fullPath).toBe('/records/pledge')
    expect(localStorage.getItem(LAST_ROUTE_KEY)).toBe('/records/pledge')
  })
  it('ignores a remembered path the router no longer knows', async () => {
    for (const saved of ['/gone/page', 'not-a-path', '']) {
      localStorage.clear()
      const router = await start('/', saved)
      expect(router.currentRoute.value.fullPath, saved).toBe('/')
    }
  })
  it('keeps a start at any other view, and restores only on the first navigation', async () => {
    const router = await start('/ledger', '/records/pledge')
    expect(router.currentRoute.value.fullPath).toBe('/ledger')
    await router.push('/')
    expect(router.currentRoute.value.fullPath, 'the dashboard, when asked for later').toBe('/')
  })
  it('knows the routes the router knows', () => {
    const router = makeRouter()
    expect(knownRoute(router, '/patents/3')).toBe('/patents/3')
    expect(knownRoute(router, '/nope')).toBeNull()
    expect(knownRoute(router, null)).toBeNull()
  })
})
