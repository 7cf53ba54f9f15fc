import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportPlansPdf = vi.fn(async () => null)
vi.mock('../../api/plan', () => ({ planList: vi.fn(async () => []), planDelete: vi.fn(), exportPlansPdf: () => exportPlansPdf() }))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))
vi.mock('../../api/app', () => ({ openPath: vi.fn() }))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))

import PlanView from './PlanView.vue'

describe('布局计划 PDF', () => {
  it('prints the plan list from the page header', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(PlanView, { global: { plugins: [i18n], stubs: { PlanFormDrawer: true } }, attachTo: document.body })
    await flushPromises()
    const button = w.get('.toolbar [data-testid="plans-export-pdf"]')
    expect(button.text()).toBe('导出 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportPlansPdf).toHaveBeenCalledTimes(1)
    w.unmount()
  })
})
