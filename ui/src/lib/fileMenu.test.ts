import { beforeEach, describe, expect, it, vi } from 'vitest'

let handler: ((e: { payload: unknown }) => void) | undefined
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (_event: string, cb: (e: { payload: unknown }) => void) => {
    handler = cb
    return () => (handler = undefined)
  }),
}))
const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (cmd: string, args?: unknown) => invoke(cmd, args) }))

import { installFileMenu, runMenuAction } from './fileMenu'
import { dataEpoch } from './outsideChanges'

const info = { dbPath: '/data/b.db', schemaVersion: 11, version: '0.1.0' }

describe('the 文件 menu', () => {
  beforeEach(() => invoke.mockReset())

  it('opens a recent database through the checked command and rebuilds the page', async () => {
    invoke.mockResolvedValue(info)
    const before = dataEpoch.value
    const r = await runMenuAction({ action: 'db-recent', path: '/data/b.db' })
    expect(invoke).toHaveBeenCalledWith('db_open_recent', { path: '/data/b.db' })
    expect(r.opened?.dbPath).toBe('/data/b.db')
    expect(dataEpoch.value).toBe(before + 1)
  })

  it('does nothing more when the open dialog is cancelled', async () => {
    invoke.mockResolvedValue(null)
    const before = dataEpoch.value
    const r = await runMenuAction({ action: 'db-open', path: null })
    expect(invoke).toHaveBeenCalledWith('db_open', undefined)
    expect(r).toEqual({})
    expect(dataEpoch.value).toBe(before)
  })

  it('backs up without touching the page', async () => {
    invoke.mockResolvedValue({ path: '/usb/b.db', patents: 3 })
    const before = dataEpoch.value
    const r = await runMenuAction({ action: 'backup', path: null })
    expect(invoke).toHaveBeenCalledWith('backup_now', undefined)
    expect(r.backedUp?.path).toBe('/usb/b.db')
    expect(dataEpoch.value).toBe(before)
  })

  it('tells the officer what a chosen item did', async () => {
    invoke.mockResolvedValue(info)
    const done = vi.fn()
    const failed = vi.fn()
    const stop = await installFileMenu(done, failed)
    handler?.({ payload: { action: 'db-recent', path: '/data/b.db' } })
    await vi.waitFor(() => expect(done).toHaveBeenCalledWith({ opened: info }))
    expect(failed).not.toHaveBeenCalled()
    stop()
    expect(handler).toBeUndefined()
  })
})
