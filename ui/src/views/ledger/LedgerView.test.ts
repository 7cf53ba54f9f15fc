import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import type { PatentQuery } from '../../api/bindings/PatentQuery'

const patentsList = vi.fn(async (_q: PatentQuery) => ({ total: 0, items: [] }))
vi.mock('../../api/ledger', () => ({
  patentsList: (q: PatentQuery) => patentsList(q),
  patentTags: vi.fn(async () => []),
  exportAnnuitiesPdf: vi.fn(),
  exportLedgerPdf: vi.fn(),
  exportTable: vi.fn(),
  onExportProgress: vi.fn(async () => () => {}),
}))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))

import LedgerView from './LedgerView.vue'
import { forgetPageStates } from '../../lib/pageState'

const build = () =>
  mount(LedgerView, { global: { plugins: [i18n], stubs: { PatentFormDrawer: true } }, attachTo: document.body })

describe('the ledger built again after an outside write', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    forgetPageStates()
    patentsList.mockClear()
  })

  it('keeps its search, filters and sort', async () => {
    const first = build()
    await flushPromises()
    await first.get('input[data-shortcut="search"]').setValue('电池')
    await first.get('[data-testid="ledger-grant-date-missing"] input').setValue(true)
    await new Promise((r) => setTimeout(r, 350)) // the search is debounced
    await flushPromises()
    expect(patentsList.mock.lastCall?.[0].text).toBe('电池')
    first.unmount()

    // App.vue re-keys the page on `data-changed`: a new instance.
    patentsList.mockClear()
    const again = build()
    await flushPromises()
    const input = again.get<HTMLInputElement>('input[data-shortcut="search"]')
    expect(input.element.value, 'the search box still holds the search').toBe('电池')
    const q = patentsList.mock.calls[0]?.[0]
    expect(q?.text, 'the first query of the new page is the kept one').toBe('电池')
    expect(q?.grantDateMissing).toBe(true)
    again.unmount()
  })

  it('starts empty in a window that never searched', async () => {
    const w = build()
    await flushPromises()
    expect(patentsList.mock.calls[0]?.[0].text).toBe('')
    w.unmount()
  })
})
