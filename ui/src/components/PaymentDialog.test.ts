import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'
import type { FeeRow } from '../api/bindings/FeeRow'
import type { PaymentInput } from '../api/bindings/PaymentInput'

const paymentRecord = vi.fn<(id: number, input: PaymentInput) => Promise<unknown>>(async () => ({}))
vi.mock('../api/ledger', () => ({ paymentRecord: (id: number, input: PaymentInput) => paymentRecord(id, input) }))
vi.mock('../lib/notify', () => ({ showError: vi.fn(), showOk: vi.fn() }))

import PaymentDialog from './PaymentDialog.vue'

const row = {
  year: 6, dueDate: '2026-03-01', deadline: '2026-03-02', full: 120000, payable: 120000,
  state: { state: 'inGrace', lateFee: 6000, latePercent: 5, graceEnd: '2026-09-01' },
} as unknown as FeeRow

async function open() {
  const w = mount(PaymentDialog, { props: { modelValue: true, patentId: 7, row, today: '2026-04-10' }, global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}
const confirm = async () => {
  ;(document.querySelector('[data-testid="pay-confirm"]') as HTMLButtonElement).click()
  await flushPromises()
}
const input = (testid: string) => document.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement

describe('payment dialog', () => {
  beforeEach(() => paymentRecord.mockClear())

  it('leaves amount and late fee to the core unless they were typed', async () => {
    const w = await open()
    expect(input('pay-amount').value, 'the row’s figure is shown').toBe('1200.00')
    await confirm()
    expect(paymentRecord).toHaveBeenCalledWith(7, { patentYear: 6, paidDate: '2026-04-10', amount: null, lateFee: null, receiptNo: '' })
    w.unmount()
  })

  it('sends an amount the user typed, in fen', async () => {
    const w = await open()
    const el = input('pay-amount')
    el.value = '1100'
    el.dispatchEvent(new Event('input'))
    el.dispatchEvent(new Event('change'))
    await flushPromises()
    await confirm()
    expect(paymentRecord.mock.calls[0][1]).toMatchObject({ amount: 110000, lateFee: null })
    w.unmount()
  })
})
