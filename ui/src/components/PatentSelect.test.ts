import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'

const patentLabels = vi.fn(async (ids: number[]) =>
  ids.filter((id) => id === 17).map((id) => ({ id, displayAppNo: '201910123456.X', title: '一种电池管理方法' })),
)
vi.mock('../api/ledger', () => ({
  patentLabels: (ids: number[]) => patentLabels(ids),
  patentsList: vi.fn(async () => ({ items: [], total: 0 })),
}))
vi.mock('../lib/notify', () => ({ showError: vi.fn() }))

import PatentSelect from './PatentSelect.vue'

describe('PatentSelect', () => {
  it('shows linked patents by number and title, not by id', async () => {
    const w = mount(PatentSelect, { props: { modelValue: [17, 99] }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    expect(patentLabels).toHaveBeenCalledWith([17, 99])
    const text = w.text()
    expect(text).toContain('201910123456.X 一种电池管理方法')
    expect(text).toContain('已删除的专利（#99）')
    expect(text).not.toContain('#17')
    w.unmount()
  })
})
