import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportHolidaysPdf = vi.fn(async (_year: number | null) => null)
vi.mock('../../api/app', () => ({
  holidayCalendar: vi.fn(async () => ({ notices: [], days: [], shippedYears: [2025, 2026] })),
  holidayRemove: vi.fn(), holidaySet: vi.fn(), openPath: vi.fn(),
  exportHolidaysPdf: (year: number | null) => exportHolidaysPdf(year),
}))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))
vi.mock('vue-router', () => ({ useRoute: () => ({ query: { year: '2025' } }) }))

import HolidaysView from './HolidaysView.vue'

describe('节假日 PDF', () => {
  it('prints the year on screen from the page header', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(HolidaysView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const button = w.get('.toolbar [data-testid="holidays-export-pdf"]')
    expect(button.text()).toBe('导出 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportHolidaysPdf).toHaveBeenCalledWith(2025)
    w.unmount()
  })
})
