import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportSelfCheckPdf = vi.fn<(id: string, year: number | null, on: string | null) => Promise<{ path: string } | null>>()
const check = {
  program: { id: 'hengyang-2023-1-1', name: '强链护链', issuer: '衡阳市市场监管局', office: '', scope: '', confirmed: true, attachments: [], source: { document: '指南', section: '（一）1', issuer: '', seed: '', url: '' } },
  year: 2025, today: '2026-06-30', criteria: [], versionFrom: null, versionTo: null, tiers: [], tier: null, status: 'close', short: [], evidenceDue: [], subsidies: [], subsidyTotal: 0,
}
vi.mock('../../api/dossiers', () => ({
  programCheck: vi.fn(async () => check),
  dossierList: vi.fn(async () => []),
  dossierNew: vi.fn(),
  exportSelfCheckPdf: (id: string, year: number | null, on: string | null) => exportSelfCheckPdf(id, year, on),
}))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))
vi.mock('../../api/app', () => ({ openPath: vi.fn() }))
vi.mock('vue-router', () => ({ useRoute: () => ({ query: { year: '2025' } }), useRouter: () => ({ push: vi.fn() }) }))

import ProgramCheckView from './ProgramCheckView.vue'

describe('program check 自评表', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    exportSelfCheckPdf.mockReset()
  })
  it('prints the check for the year and application date on screen', async () => {
    exportSelfCheckPdf.mockResolvedValue(null)
    const w = mount(ProgramCheckView, { props: { id: 'hengyang-2023-1-1' }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const button = w.get('.toolbar [data-testid="program-export-pdf"]')
    expect(button.text()).toBe('导出自评表 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportSelfCheckPdf, 'the year from the route, today when no date is picked').toHaveBeenCalledWith('hengyang-2023-1-1', 2025, null)
    w.unmount()
  })
})
