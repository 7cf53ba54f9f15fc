import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from './i18n'
import App from './App.vue'

// The shell's events (data-changed): no Tauri here.
const listened: string[] = []
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (event: string) => {
    listened.push(event)
    return () => {}
  }),
}))

const menuLanguage = vi.fn(async (_: string) => null)
vi.mock('./api/app', async (orig) => ({ ...(await orig<typeof import('./api/app')>()), menuLanguage: (l: string) => menuLanguage(l) }))

// The e2e test clicks these; every one must be on screen without opening a group.
const NAV = ['dashboard', 'ledger', 'decisions', 'import', 'trademarks', 'renewals', 'otherIp', 'pledges', 'awards', 'transfers', 'insurance', 'products', 'plan', 'leads', 'dossiers', 'qualifications', 'company', 'settings', 'holidays']

describe('sidebar', () => {
  it('groups the pages by case file, every group open', async () => {
    i18n.global.locale.value = 'zh-CN'
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    router.push('/')
    await router.isReady()
    const w = mount(App, { global: { plugins: [router, i18n] } })
    await flushPromises()
    const groups = w.findAll('.el-sub-menu')
    expect(groups.map((g) => g.get('.el-sub-menu__title').text())).toEqual(['案卷一 专利台账', '案卷二 布局计划', '案卷三 侵权线索', '案卷四 项目申报'])
    expect(groups.every((g) => g.classes('is-opened')), 'open by default').toBe(true)
    for (const id of NAV) expect(w.find(`[data-testid="nav-${id}"]`).exists(), `nav-${id}`).toBe(true)
    expect(groups[0].find('[data-testid="nav-trademarks"]').exists(), 'records sit in 案卷一').toBe(true)
    expect(groups[0].find('[data-testid="nav-decisions"]').exists(), 'fee decisions sit in 案卷一').toBe(true)
    expect(groups[0].find('[data-testid="nav-renewals"]').exists(), 'renewals sit in 案卷一').toBe(true)
    expect(w.get('[data-testid="nav-ledger"]').text()).toBe('专利台账')
    expect(listened, 'the page refreshes on writes by other programs').toContain('data-changed')
    w.unmount()
  })
  it('puts the native menu in the window language, and switches it with the window', async () => {
    i18n.global.locale.value = 'zh-CN'
    menuLanguage.mockClear()
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    router.push('/')
    await router.isReady()
    const w = mount(App, { global: { plugins: [router, i18n] } })
    await flushPromises()
    expect(menuLanguage.mock.calls).toEqual([['zh-CN']])
    await w.get('[data-testid="lang-toggle"]').trigger('click')
    await flushPromises()
    expect(menuLanguage.mock.calls).toEqual([['zh-CN'], ['en']])
    i18n.global.locale.value = 'zh-CN'
    w.unmount()
  })
  it('installs the keyboard shortcuts for the page it shows', async () => {
    const added = vi.fn()
    const page = { render: () => h('button', { 'data-shortcut': 'new', onClick: added }, '新增') }
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: page }] })
    router.push('/')
    await router.isReady()
    const w = mount(App, { global: { plugins: [router, i18n] }, attachTo: document.body })
    await flushPromises()
    // Ctrl+N off macOS, ⌘N on it: whichever this system is, one of them clicks.
    for (const mod of [{ ctrlKey: true }, { metaKey: true }]) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true, ...mod }))
    expect(added).toHaveBeenCalledTimes(1)
    w.unmount()
  })
})
