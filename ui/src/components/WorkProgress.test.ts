import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'
import type { WorkProgress as Progress } from '../api/bindings/WorkProgress'

const workCancel = vi.fn(async () => null)
let report: (p: Progress) => void = () => {}
vi.mock('../api/io', () => ({
  onWorkProgress: vi.fn(async (cb: (p: Progress) => void) => {
    report = cb
    return () => {}
  }),
  workCancel: () => workCancel(),
}))

import WorkProgress from './WorkProgress.vue'

type Run = <T>(what: string, job: () => Promise<T>) => Promise<T | null>

describe('长时间操作的进度', () => {
  it('shows the stage once the work outlasts a blink, and 取消 ends it as cancelled', async () => {
    vi.useFakeTimers()
    i18n.global.locale.value = 'zh-CN'
    const w = mount(WorkProgress, { global: { plugins: [i18n] }, attachTo: document.body })
    let fail: (e: unknown) => void = () => {}
    const job = () => new Promise<string>((_, reject) => (fail = reject))
    const running = (w.vm as unknown as { run: Run }).run('备份数据库', job)
    await flushPromises()
    report({ stage: 'copy', done: 512, total: 2048 })
    await flushPromises()
    expect(document.querySelector('[data-testid="work-cancel"]')).toBeNull()
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(document.body.textContent).toContain('复制数据')
    expect(document.querySelector('[data-testid="work-progress"]')?.textContent).toContain('25%')
    document.querySelector<HTMLButtonElement>('[data-testid="work-cancel"]')!.click()
    await flushPromises()
    expect(workCancel).toHaveBeenCalledTimes(1)
    // The command ends as `cancelled`: the run answers null and says so.
    fail({ code: 'cancelled', message: '已取消，未写入任何数据', field: null })
    expect(await running).toBeNull()
    await flushPromises()
    expect(document.body.textContent).toContain('已取消，未留下任何改动')
    vi.useRealTimers()
    w.unmount()
  })

  it('answers what the work answered, and passes any other failure on', async () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(WorkProgress, { global: { plugins: [i18n] }, attachTo: document.body })
    const run = (w.vm as unknown as { run: Run }).run
    expect(await run('核验证据', async () => ({ ok: true }))).toEqual({ ok: true })
    await expect(run('从备份恢复', async () => Promise.reject({ code: 'io', message: '磁盘已满', field: null }))).rejects.toMatchObject({ code: 'io' })
    w.unmount()
  })
})
