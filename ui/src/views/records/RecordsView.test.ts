import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportRecordsPdf = vi.fn<(kind: string) => Promise<{ path: string } | null>>()
vi.mock('../../api/records', () => ({
  recordApi: () => ({ list: vi.fn(async () => []), save: vi.fn(), remove: vi.fn() }),
  exportRecordsPdf: (kind: string) => exportRecordsPdf(kind),
  exportTrademarks: vi.fn(),
  trademarkRenewalHistory: vi.fn(async () => []),
}))
vi.mock('../../api/leads', () => ({ leadsOfRight: vi.fn(async () => []) }))
vi.mock('../../api/ledger', () => ({ onExportProgress: vi.fn(async () => () => {}) }))
const openPath = vi.fn(async (_p: string) => {})
vi.mock('../../api/app', () => ({ openPath: (p: string) => openPath(p) }))

import RecordsView from './RecordsView.vue'

const mountKind = (kind: string) =>
  mount(RecordsView, { props: { kind }, global: { plugins: [i18n], mocks: { $router: { push: vi.fn() } }, stubs: { 'router-link': true } }, attachTo: document.body })

describe('records page PDF', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    exportRecordsPdf.mockReset()
    openPath.mockReset()
    document.body.innerHTML = ''
  })

  it('prints the kind on screen from one button in the page header', async () => {
    for (const kind of ['pledge', 'other_ip', 'trademark']) {
      exportRecordsPdf.mockResolvedValueOnce(null)
      const w = mountKind(kind)
      await flushPromises()
      const button = w.get('.toolbar [data-testid="records-export-pdf"]')
      expect(button.text()).toBe('导出 PDF')
      await button.trigger('click')
      await flushPromises()
      expect(exportRecordsPdf, kind).toHaveBeenLastCalledWith(kind)
      w.unmount()
    }
    expect(exportRecordsPdf).toHaveBeenCalledTimes(3)
  })

  it('offers to open the exported file in the system viewer', async () => {
    exportRecordsPdf.mockResolvedValueOnce({ path: '/tmp/质押.pdf' })
    const w = mountKind('pledge')
    await flushPromises()
    await w.get('[data-testid="records-export-pdf"]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    const open = Array.from(document.querySelectorAll<HTMLButtonElement>('.el-message-box button')).find((b) => b.textContent?.trim() === '打开')
    expect(open, 'the message box offers 打开').toBeTruthy()
    open!.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    expect(openPath).toHaveBeenCalledWith('/tmp/质押.pdf')
    w.unmount()
  })
})
