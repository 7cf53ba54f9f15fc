import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let handler: (() => void) | undefined
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (_event: string, cb: () => void) => {
    handler = cb
    return () => (handler = undefined)
  }),
}))

import { dataEpoch, installOutsideChanges, overlayOpen } from './outsideChanges'

describe('a write by another program', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('refreshes the page at once when nothing is open', async () => {
    const told = vi.fn()
    const stop = await installOutsideChanges(told, () => false)
    const before = dataEpoch.value
    handler?.()
    expect(dataEpoch.value).toBe(before + 1)
    expect(told).toHaveBeenCalledTimes(1)
    stop()
    expect(handler).toBeUndefined()
  })

  it('waits for an open dialog to close, and refreshes once for many writes', async () => {
    let open = true
    const told = vi.fn()
    const stop = await installOutsideChanges(told, () => open, 1000)
    const before = dataEpoch.value
    handler?.()
    handler?.()
    vi.advanceTimersByTime(3000)
    expect(dataEpoch.value).toBe(before)
    open = false
    vi.advanceTimersByTime(1000)
    expect(dataEpoch.value).toBe(before + 1)
    expect(told).toHaveBeenCalledTimes(1)
    stop()
  })

  it('sees an overlay only while it shows', () => {
    document.body.innerHTML = '<div class="el-overlay" style="display: none"></div>'
    expect(overlayOpen()).toBe(false)
    document.body.innerHTML += '<div class="el-overlay"></div>'
    expect(overlayOpen()).toBe(true)
  })
})
