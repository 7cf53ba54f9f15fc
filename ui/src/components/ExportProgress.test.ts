import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'

const exportCancel = vi.fn(async () => {})
vi.mock('../api/ledger', () => ({
  onExportProgress: vi.fn(async () => () => {}),
  exportCancel: () => exportCancel(),
}))
vi.mock('../api/app', () => ({ openPath: vi.fn() }))

import ExportProgress from './ExportProgress.vue'

describe('导出进度', () => {
  it('cancels the running export and says that no file was written', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(ExportProgress, { global: { plugins: [i18n] }, attachTo: document.body })
    let answer: (v: null) => void = () => {}
    const job = () => new Promise<null>((resolve) => (answer = resolve))
    const running = (w.vm as unknown as { run: (j: typeof job) => Promise<void> }).run(job)
    await flushPromises()
    const cancel = document.querySelector<HTMLButtonElement>('[data-testid="export-cancel"]')
    expect(cancel?.textContent?.trim()).toBe('取消导出')
    cancel!.click()
    await flushPromises()
    expect(exportCancel).toHaveBeenCalledTimes(1)
    // The command answers null once the export has stopped.
    answer(null)
    await running
    await flushPromises()
    expect(document.body.textContent).toContain('已取消导出，未写入文件')
    w.unmount()
  })
})
