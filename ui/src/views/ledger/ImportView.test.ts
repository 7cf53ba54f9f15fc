import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import type { ImportReport } from '../../api/bindings/ImportReport'
import type { ImportRunArgs } from '../../api/io'

const report = (dryRun: boolean, errors: ImportReport['errors'] = []): ImportReport => ({
  kind: 'patent', sheet: 'Sheet1', headerRow: 1, headers: [], mapping: {}, dryRun, committed: !dryRun && errors.length === 0,
  created: 2, updated: 0, unchanged: 0, skipped: 0, failed: errors.length, rows: [], errors, format: null, warned: 0, trademarks: null,
})
// What the mocked backend saw and will answer; reset before every test.
const runs: ImportRunArgs[] = []
let dryRunErrors: ImportReport['errors'] = []
/** Row errors the commit finds that the dry run did not (the shell then answers `committed: false`). */
let commitErrors: ImportReport['errors'] = []

vi.mock('../../api/io', () => ({
  importPick: vi.fn(async () => ({
    path: '/tmp/a.xlsx', sheet: 'Sheet1', headerRow: 1, headers: ['序号', '申请号', '专利名称', '申请日'], rowCount: 2,
    kind: 'patent',
    plans: [
      {
        kind: 'patent',
        mapping: [null, 'appNo', 'title', 'filingDate'],
        fields: [
          { code: 'appNo', header: '申请号', required: true },
          { code: 'title', header: '专利名称', required: true },
          { code: 'filingDate', header: '申请日', required: true },
        ],
      },
      {
        kind: 'trademark',
        mapping: [null, 'regNo', null, null],
        fields: [
          { code: 'regNo', header: '注册号', required: true },
          { code: 'mark', header: '商标名称', required: true },
        ],
      },
    ],
  })),
  importRun: vi.fn(async (a: ImportRunArgs) => {
    runs.push(a)
    return report(a.dryRun, a.dryRun ? dryRunErrors : commitErrors)
  }),
  onImportProgress: vi.fn(async () => () => {}),
  importLog: vi.fn(async () =>
    runs.some((r) => !r.dryRun)
      ? [{ id: 1, at: '2026-11-21T15:00:00.123+08:00', osUser: 'zhang', kind: 'patent', file: 'a.xlsx', sheet: 'Sheet1', headerRow: 1, onDuplicate: 'update', rows: 2, created: 2, updated: 0, unchanged: 0, skipped: 0 }]
      : [],
  ),
}))

import ImportView from './ImportView.vue'

describe('import wizard', () => {
  beforeEach(() => {
    runs.length = 0
    dryRunErrors = []
    commitErrors = []
  })
  it('walks from file to summary, sending the suggested mapping', async () => {
    const w = mount(ImportView, { global: { plugins: [i18n], mocks: { $router: { push: vi.fn() } } } })
    await w.get('[data-testid="import-pick"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-dryrun"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-commit"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="import-summary"]').exists(), 'a committed import ends on the summary').toBe(true)
    expect(runs.map((r) => r.dryRun)).toEqual([true, false])
    expect(runs[1]).toEqual({ path: '/tmp/a.xlsx', kind: 'patent', mapping: [null, 'appNo', 'title', 'filingDate'], onDuplicate: 'update', dryRun: false })
    const log = w.get('[data-testid="import-log"]').text()
    expect(log, 'the committed import is in the log below the summary').toContain('a.xlsx')
    expect(log).toContain('2026-11-21 15:00:00')
  })
  it('switching to a trademark sheet offers its fields and its required columns', async () => {
    const w = mount(ImportView, { global: { plugins: [i18n], mocks: { $router: { push: vi.fn() } } } })
    await w.get('[data-testid="import-pick"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="import-dryrun"]').attributes('disabled'), 'the patent mapping is complete').toBeUndefined()
    const trademark = w.findAll('[data-testid="import-kind"] input').find((i) => (i.element as HTMLInputElement).value === 'trademark')
    expect(trademark, 'a trademark choice is offered').toBeDefined()
    await trademark!.setValue(true)
    await flushPromises()
    expect(w.text(), 'the trademark mapping lacks 商标名称').toContain('商标名称')
    expect(w.get('[data-testid="import-dryrun"]').attributes('disabled'), 'not runnable without the mark column').toBeDefined()
  })
  it('shows the row errors of a dry run and does not offer to commit', async () => {
    dryRunErrors = [{ row: 3, column: '申请日', cell: 'D3', value: '2019-13-01', message: '申请日「2019-13-01」无效' }]
    const w = mount(ImportView, { global: { plugins: [i18n], mocks: { $router: { push: vi.fn() } } } })
    await w.get('[data-testid="import-pick"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-dryrun"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="import-errors"]').text()).toContain('2019-13-01')
    expect(w.get('[data-testid="import-commit"]').attributes('disabled'), 'a file with bad rows cannot be committed').toBeDefined()
  })
  it('a commit refused for row errors goes back to the check step with its errors', async () => {
    commitErrors = [{ row: 2, column: '申请号', cell: 'B2', value: '2019100000428', message: '申请号 2019100000428 已存在' }]
    const w = mount(ImportView, { global: { plugins: [i18n], mocks: { $router: { push: vi.fn() } } } })
    await w.get('[data-testid="import-pick"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-dryrun"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-commit"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="import-summary"]').exists(), 'nothing was imported: no summary').toBe(false)
    expect(w.get('[data-testid="import-errors"]').text(), 'the commit’s errors are shown').toContain('已存在')
    expect(w.get('[data-testid="import-commit"]').attributes('disabled'), 'and it cannot be committed again as is').toBeDefined()
  })
})
