import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'

const exportPatentPdf = vi.fn<(id: number) => Promise<{ path: string } | null>>()
const detail = {
  patent: {
    id: 7, jurisdiction: 'CN', kind: 'invention', route: 'domestic', appNo: '2019101234565', filingDate: '2019-03-15', priorityDate: null,
    publicationNo: '', publicationKind: '', grantNo: '', grantDate: '2021-08-20', status: 'granted', title: '一种均衡充电装置', applicants: ['衡阳示例'],
    inventors: [], ipc: '', agency: '', agent: '', tags: [], seiCategory: '', feeReduction: 'none', feeReductionFiled: null, grantFeeYear: null,
    feesPaidThrough: null, examRequestDate: null, compensationDays: 0, overseasFamilyGrant: false, acquisition: 'own', acquiredOn: null, hnteUsedYear: null,
    notes: '', createdAt: '', updatedAt: '',
  },
  displayAppNo: '201910123456.5',
  schedule: { rows: [], status: { status: 'notApplicable', reason: '' }, paidThrough: null, expiry: null, grantYear: null, calendarMissing: [], grantDateMissing: false },
  payments: [], feeDecisions: [], family: [], history: [],
  highValue: { patentId: 7, appNo: '', title: '', filingDate: '2019-03-15', yearsMaintained: 7, reasons: [], overSevenYears: false },
}
vi.mock('../../api/ledger', () => ({
  patentGet: vi.fn(async () => detail),
  exportPatentPdf: (id: number) => exportPatentPdf(id),
  familyLink: vi.fn(), familyUnlink: vi.fn(), patentDelete: vi.fn(), paymentDelete: vi.fn(),
  onExportProgress: vi.fn(async () => () => {}),
}))
vi.mock('../../api/app', () => ({ appInfo: vi.fn(async () => ({ today: '2026-03-02' })), openPath: vi.fn() }))
vi.mock('../../api/plan', () => ({ planItemsOfPatent: vi.fn(async () => []) }))
vi.mock('../../api/leads', () => ({ leadsOfRight: vi.fn(async () => []) }))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn(), back: vi.fn() }) }))

import PatentDetailView from './PatentDetailView.vue'

describe('专利信息卡 PDF', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    exportPatentPdf.mockReset()
  })
  it('prints the patent on screen from the page header', async () => {
    exportPatentPdf.mockResolvedValue(null)
    const w = mount(PatentDetailView, {
      props: { id: 7 },
      global: { plugins: [i18n], stubs: { PatentFormDrawer: true, PaymentDialog: true, DecisionDialog: true, 'router-link': true } },
      attachTo: document.body,
    })
    await flushPromises()
    const button = w.get('.toolbar [data-testid="detail-export-pdf"]')
    expect(button.text()).toBe('导出 PDF')
    await button.trigger('click')
    await flushPromises()
    expect(exportPatentPdf).toHaveBeenCalledWith(7)
    w.unmount()
  })
})
