import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'
import { AppError } from '../api/invoke'
import type { DecisionInput } from '../api/bindings/DecisionInput'
import type { FeeDecision } from '../api/bindings/FeeDecision'

const feeDecide = vi.fn<(id: number, input: DecisionInput) => Promise<FeeDecision>>()
vi.mock('../api/ledger', () => ({ feeDecide: (id: number, input: DecisionInput) => feeDecide(id, input) }))
const showError = vi.fn()
vi.mock('../lib/notify', () => ({ showError: (e: unknown) => showError(e), showOk: vi.fn() }))

import DecisionDialog from './DecisionDialog.vue'

async function open(current: FeeDecision | null = null) {
  const w = mount(DecisionDialog, {
    props: { modelValue: true, patentId: 7, year: 9, appNo: '201910123456.5', current },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
const q = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement
async function submit() {
  ;(q('decision-submit') as HTMLButtonElement).click()
  await flushPromises()
  // el-form-item shows a new error state after a 100 ms debounce.
  await new Promise((r) => setTimeout(r, 150))
}
async function type(testid: string, text: string) {
  const el = document.querySelector(`[data-testid="${testid}"] textarea, [data-testid="${testid}"] input`) as HTMLInputElement
  el.value = text
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
async function pickDrop() {
  ;(document.querySelector('[data-testid="decision-drop"] input') as HTMLInputElement).click()
  await flushPromises()
}
const fieldError = (prop: string) => document.querySelector(`[data-testid="field-error-${prop}"]`)?.textContent?.trim() ?? ''

describe('fee decision dialog', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    feeDecide.mockReset()
    showError.mockReset()
    localStorage.clear()
  })

  it('refuses 放弃 without a reason before asking the core', async () => {
    const w = await open()
    await pickDrop()
    await submit()
    expect(feeDecide, 'nothing sent').not.toHaveBeenCalled()
    expect(fieldError('reason')).toBe('放弃年费须写明理由')
    w.unmount()
  })

  it('sends 放弃 with its reason and remembers who decided', async () => {
    feeDecide.mockResolvedValueOnce({ patentYear: 9, decision: 'drop', reason: '技术已被替代', decidedBy: '王工', decidedOn: '2026-12-02' })
    const w = await open()
    await pickDrop()
    await type('decision-reason', ' 技术已被替代 ')
    await type('decision-by', '王工')
    await submit()
    expect(feeDecide).toHaveBeenCalledWith(7, { patentYear: 9, decision: 'drop', reason: '技术已被替代', decidedBy: '王工', decidedOn: null })
    expect(w.emitted('saved')?.[0]?.[0]).toMatchObject({ decision: 'drop' })
    expect(localStorage.getItem('ipdesk.decidedBy'), 'the name comes back next time').toBe('王工')
    w.unmount()
  })

  it('shows the core’s message at the field it names', async () => {
    feeDecide.mockRejectedValueOnce(new AppError('invalidInput', '理由「501 字」无效：不能超过 500 字', 'reason'))
    const w = await open()
    await pickDrop()
    await type('decision-reason', '很长的理由')
    await submit()
    expect(feeDecide).toHaveBeenCalledTimes(1)
    expect(fieldError('reason')).toBe('理由「501 字」无效：不能超过 500 字')
    expect(showError, 'not also a toast').not.toHaveBeenCalled()
    w.unmount()
  })

  it('starts from the decision already recorded', async () => {
    localStorage.setItem('ipdesk.decidedBy', '李四')
    const w = await open({ patentYear: 9, decision: 'pending', reason: '等产品线评估', decidedBy: '', decidedOn: '2026-11-30' })
    expect((document.querySelector('[data-testid="decision-pending"] input') as HTMLInputElement).checked).toBe(true)
    expect((document.querySelector('[data-testid="decision-reason"] textarea') as HTMLTextAreaElement).value).toBe('等产品线评估')
    expect((document.querySelector('[data-testid="decision-by"] input') as HTMLInputElement).value, 'the remembered name when none was recorded').toBe('李四')
    w.unmount()
  })
})
