import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import { AppError } from '../../api/invoke'
import type { RenewalDue } from '../../api/bindings/RenewalDue'

type Renew = (regNo: string, date: string, channel: string, amount: number | null) => Promise<unknown>
const trademarkRenew = vi.fn<Renew>()
vi.mock('../../api/records', () => ({ trademarkRenew: (...a: Parameters<Renew>) => trademarkRenew(...a) }))
const showError = vi.fn()
vi.mock('../../lib/notify', () => ({ showError: (e: unknown) => showError(e), showOk: vi.fn() }))

import RenewDialog from './RenewDialog.vue'

const due: RenewalDue = {
  trademarkId: 3, regNo: '17345678', mark: '智电', classes: [9, 42], expiryComputed: true,
  dates: { expiry: '2027-06-06', windowOpens: '2026-06-07', graceEnd: '2027-12-06', state: 'open', fee: 50000, lateFee: 0, feeConfirmed: true },
}
const renewal = { id: 1, renewedOn: '2026-12-02', previousExpiry: '2027-06-06', newExpiry: '2037-06-06', channel: 'online', amount: 50000, lateFee: 0 }

async function open() {
  const w = mount(RenewDialog, { props: { modelValue: true, due, today: '2026-12-02', channel: 'online' }, global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}
async function submit() {
  ;(document.querySelector('[data-testid="renew-submit"]') as HTMLButtonElement).click()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}
const input = (testid: string) => document.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement

describe('renewal dialog', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    trademarkRenew.mockReset()
    showError.mockReset()
  })

  it('leaves the amount to the core unless it was typed', async () => {
    trademarkRenew.mockResolvedValueOnce(renewal)
    const w = await open()
    expect(input('renew-date').value, 'today, local').toBe('2026-12-02')
    expect(input('renew-amount').value, 'nothing typed').toBe('')
    expect(input('renew-amount').placeholder, 'the official fee is named').toContain('500')
    await submit()
    expect(trademarkRenew).toHaveBeenCalledWith('17345678', '2026-12-02', 'online', null)
    expect(w.emitted('renewed')?.[0]?.[0]).toEqual(renewal)
    w.unmount()
  })

  it('sends an amount the user typed, in fen', async () => {
    trademarkRenew.mockResolvedValueOnce(renewal)
    const w = await open()
    const el = input('renew-amount')
    el.value = '1500'
    el.dispatchEvent(new Event('input'))
    el.dispatchEvent(new Event('change'))
    await flushPromises()
    await submit()
    expect(trademarkRenew.mock.calls[0][3]).toBe(150000)
    w.unmount()
  })

  it('shows the core’s refusal at the date', async () => {
    trademarkRenew.mockRejectedValueOnce(new AppError('invalidInput', '续展日期「2026-01-01」无效：续展期自 2026-06-07 起', 'renewedOn'))
    const w = await open()
    await submit()
    expect(document.querySelector('[data-testid="field-error-renewedOn"]')?.textContent).toContain('续展期自 2026-06-07 起')
    expect(showError).not.toHaveBeenCalled()
    expect(w.emitted('renewed')).toBeUndefined()
    w.unmount()
  })
})
