import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import { AppError } from '../../api/invoke'
import type { Company } from '../../api/bindings/Company'

const companySet = vi.fn<(c: Company) => Promise<Company>>()
vi.mock('../../api/app', () => ({
  companyGet: vi.fn(async () => ({
    name: '衡阳智电装备科技有限公司', uscc: '', registrationDate: null, address: '', legalRepresentative: '', contactPerson: '',
    contactPhone: '', contactEmail: '', headcount: null, qualifications: [], ipDepartment: '', ipStaffCount: null, industryChain: '', chainLeader: false,
  })),
  companySet: (c: Company) => companySet(c),
  checkUscc: vi.fn(async (c: string) => c),
}))
const showError = vi.fn()
vi.mock('../../lib/notify', () => ({ showError: (e: unknown) => showError(e), showOk: vi.fn() }))

import CompanyView from './CompanyView.vue'

async function saveWith(err: AppError) {
  companySet.mockRejectedValueOnce(err)
  const w = mount(CompanyView, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  await w.get('[data-testid="company-save"]').trigger('click')
  await flushPromises()
  // el-form-item shows a new error state after a 100 ms debounce.
  await new Promise((r) => setTimeout(r, 150))
  return w
}

describe('company form errors', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    companySet.mockReset()
    showError.mockReset()
  })
  it('shows an error at the form item its field code names', async () => {
    const w = await saveWith(new AppError('invalidInput', '联系邮箱「a@」无效', 'contactEmail'))
    const at = w.get('[data-testid="field-error-contactEmail"]')
    expect(at.text()).toBe('联系邮箱「a@」无效')
    expect(at.element.closest('.el-form-item')?.textContent, 'under the 联系邮箱 item').toContain('联系邮箱')
    expect(w.findAll('[data-testid^="field-error-"]'), 'at that item only').toHaveLength(1)
    expect(showError, 'not also a toast').not.toHaveBeenCalled()
    w.unmount()
  })
  it('falls back to a toast for an unknown or absent field', async () => {
    for (const field of ['somethingElse', null]) {
      showError.mockReset()
      const err = new AppError('invalidInput', '无法保存', field)
      const w = await saveWith(err)
      expect(showError, `field ${field}`).toHaveBeenCalledWith(err)
      expect(w.findAll('[data-testid^="field-error-"]')).toHaveLength(0)
      w.unmount()
    }
  })
})
