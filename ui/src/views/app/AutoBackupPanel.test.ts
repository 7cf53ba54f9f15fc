import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import type { BackupStatus } from '../../api/bindings/BackupStatus'
import type { BackupPolicy } from '../../api/bindings/BackupPolicy'

const status = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  policy: { enabled: true, dir: null, daily: 7, weekly: 4 },
  dir: '/data/ipdesk-backups',
  last: { at: '2026-12-03 09:00:00', error: null, taken: { path: '/data/ipdesk-backups/台账.auto-2026-12-03.db', bytes: 40960, patents: 12 } },
  kept: [
    { path: '/data/ipdesk-backups/台账.auto-2026-12-03.db', day: '2026-12-03', bytes: 40960 },
    { path: '/data/ipdesk-backups/台账.auto-2026-12-02.db', day: '2026-12-02', bytes: 2097152 },
  ],
  ...over,
})
const policySet = vi.fn<(p: BackupPolicy) => Promise<BackupStatus>>()
const restoreAuto = vi.fn<(path: string) => Promise<unknown>>()
vi.mock('../../api/io', () => ({
  backupStatus: vi.fn(async () => status()),
  backupPolicySet: (p: BackupPolicy) => policySet(p),
  backupAutoNow: vi.fn(async () => status()),
  backupPickDir: vi.fn(async () => '/media/usb/备份'),
  backupRestoreAuto: (path: string) => restoreAuto(path),
  onBackupStatus: vi.fn(async () => () => {}),
  onWorkProgress: vi.fn(async () => () => {}),
  workCancel: vi.fn(async () => null),
}))
vi.mock('element-plus', async (orig) => ({
  ...(await orig<typeof import('element-plus')>()),
  ElMessageBox: { confirm: vi.fn(async () => 'confirm') },
}))
const showError = vi.fn()
vi.mock('../../lib/notify', () => ({ showError: (e: unknown) => showError(e), showOk: vi.fn() }))

import AutoBackupPanel from './AutoBackupPanel.vue'

describe('automatic backups in 设置', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    policySet.mockReset()
    restoreAuto.mockReset()
    showError.mockReset()
  })
  it('shows the last run and the copies, and saves a chosen folder with the counts', async () => {
    const w = mount(AutoBackupPanel, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="auto-backup-last"]').text()).toContain('2026-12-03 09:00:00 完成，已备份到 /data/ipdesk-backups/台账.auto-2026-12-03.db')
    const list = w.get('[data-testid="auto-backup-list"]').text()
    expect(list).toContain('台账.auto-2026-12-02.db')
    expect(list).toContain('2.0 MB')
    expect(list).toContain('40 KB')
    await w.get('[data-testid="auto-backup-pick"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="auto-backup-dir"]').text()).toBe('/media/usb/备份')
    policySet.mockResolvedValueOnce(status({ policy: { enabled: true, dir: '/media/usb/备份', daily: 7, weekly: 4 }, dir: '/media/usb/备份' }))
    await w.get('[data-testid="auto-backup-save"]').trigger('click')
    await flushPromises()
    expect(policySet).toHaveBeenCalledWith({ enabled: true, dir: '/media/usb/备份', daily: 7, weekly: 4 })
    w.unmount()
  })
  it('restores the copy of the row clicked, and says when a run failed', async () => {
    restoreAuto.mockResolvedValueOnce({ info: {}, report: { target: '/data/台账.db', previous: '/data/台账.db.before-restore-1', schemaVersion: 11, patents: 3 } })
    const w = mount(AutoBackupPanel, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid="auto-backup-restore-2026-12-02"]').trigger('click')
    await flushPromises()
    expect(restoreAuto).toHaveBeenCalledWith('/data/ipdesk-backups/台账.auto-2026-12-02.db')
    expect(w.emitted('restored')).toHaveLength(1)
    w.unmount()

    const io = await import('../../api/io')
    vi.mocked(io.backupStatus).mockResolvedValueOnce(status({ last: { at: '2026-12-03 10:00:00', error: '备份文件夹「/media/usb」无法创建或写入', taken: null } }))
    const failed = mount(AutoBackupPanel, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(failed.get('[data-testid="auto-backup-last"]').text()).toContain('2026-12-03 10:00:00 失败：备份文件夹「/media/usb」无法创建或写入')
    failed.unmount()
  })
})
