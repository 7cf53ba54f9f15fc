import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportRadarPdf = vi.fn(async (_year: number) => null)
vi.mock('../../api/dossiers', () => ({
  programRadar: vi.fn(async () => []), dossierList: vi.fn(async () => []), programAddPick: vi.fn(), programRemove: vi.fn(),
  exportRadarPdf: (year: number) => exportRadarPdf(year),
}))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))
vi.mock('../../api/app', () => ({ openPath: vi.fn() }))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))

import DossiersView from './DossiersView.vue'

describe('项目申报雷达 PDF', () => {
  it('prints the radar for the year on screen', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(DossiersView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid="dossiers-year"] input').setValue('2024')
    await w.get('[data-testid="dossiers-year"] input').trigger('change')
    await flushPromises()
    const button = w.get('.toolbar [data-testid="radar-export-pdf"]')
    expect(button.text()).toBe('导出 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportRadarPdf).toHaveBeenCalledWith(2024)
    w.unmount()
  })
})
