import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportOverviewPdf = vi.fn(async () => null)
vi.mock('../../api/app', () => ({ openPath: vi.fn(), exportOverviewPdf: () => exportOverviewPdf() }))
vi.mock('../../api/ledger', () => ({
  onExportProgress: vi.fn(async () => () => {}),
  dashboard: vi.fn(async () => ({
    today: '2026-12-03', validInventions: 3, validUtilityModels: 2, validDesigns: 1, foreignValid: 0, pending: 1,
    highValueInventions: 1, overSevenYears: 0, trademarks: 0,
    due: [{ days: 30, count: 2, payable: 180000 }], inGrace: [], inGraceCount: 0, inGraceTotal: 0, lapsed: 0,
    byFilingYear: [], feesByMonth: [], renewals: [], dropped: 0, calendarMissing: [],
  })),
}))
vi.mock('../../api/plan', () => ({ planList: vi.fn(async () => []) }))
vi.mock('../../api/leads', () => ({ leadDeadlines: vi.fn(async () => []) }))
vi.mock('../../api/dossiers', () => ({ programRadar: vi.fn(async () => []) }))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))
vi.mock('vue-echarts', () => ({ default: { name: 'VChart', render: () => null } }))

import DashboardView from './DashboardView.vue'

describe('首页 PDF', () => {
  it('prints the home page as the 工作概况 from the page header', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(DashboardView, { global: { plugins: [i18n], stubs: { 'router-link': true } }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="dash-due-30"]').text()).toContain('2 件')
    const button = w.get('.toolbar [data-testid="dashboard-export-pdf"]')
    expect(button.text()).toBe('导出工作概况 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportOverviewPdf).toHaveBeenCalledTimes(1)
    w.unmount()
  })
})
