import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportRenewalsPdf = vi.fn<(months: number, channel: string) => Promise<{ path: string } | null>>()
vi.mock('../../api/records', () => ({
  trademarkRenewals: vi.fn(async () => []),
  exportRenewalsPdf: (months: number, channel: string) => exportRenewalsPdf(months, channel),
}))
vi.mock('../../api/app', () => ({ appInfo: vi.fn(async () => ({ today: '2026-03-02' })), openPath: vi.fn() }))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))

import RenewalsView from './RenewalsView.vue'

describe('商标续展 PDF', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    exportRenewalsPdf.mockReset()
  })
  it('prints the period and channel on screen from the page header', async () => {
    exportRenewalsPdf.mockResolvedValue(null)
    const w = mount(RenewalsView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const paper = w.findAll('[data-testid="renewals-channel"] input').find((i) => (i.element as HTMLInputElement).value === 'paper')
    await paper!.setValue(true)
    await flushPromises()
    const button = w.get('.toolbar [data-testid="renewals-export-pdf"]')
    expect(button.text()).toBe('导出 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportRenewalsPdf).toHaveBeenCalledWith(12, 'paper')
    w.unmount()
  })
})
