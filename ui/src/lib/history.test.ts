import { describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { actionLabel, historyLines } from './history'
import type { AuditEntry } from '../api/bindings/AuditEntry'

const tr = { t: (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {}), te: (k: string) => i18n.global.te(k) }
const entry = (changes: unknown): AuditEntry =>
  ({ id: 1, at: '2026-11-21T10:00:00+08:00', osUser: 'zhang', entity: 'patent', entityId: 1, action: 'update', changes, importedFrom: null }) as AuditEntry

describe('change history', () => {
  it('names fields in Chinese and shows codes as their labels', () => {
    i18n.global.locale.value = 'zh-CN'
    const lines = historyLines(
      entry({ title: ['旧名称', '新名称'], status: ['examination', 'granted'], overseasFamilyGrant: [false, true], inventors: [[], ['张伟', '王芳']], grantDate: [null, '2024-05-01'] }),
      tr,
    )
    expect(lines).toEqual([
      '专利名称：旧名称 → 新名称',
      '法律状态：实质审查 → 授权/有效',
      '海外同族已授权：否 → 是',
      '发明人：∅ → 张伟、王芳',
      '授权日：∅ → 2024-05-01',
    ])
  })
  it('names the file and row an imported patent came from', () => {
    i18n.global.locale.value = 'zh-CN'
    const a = { ...entry({ importBatch: 3, sheetRow: 17 }), action: 'create', importedFrom: { batch: 3, file: '专利台账.xlsx', sheet: 'Sheet1', row: 17 } }
    expect(historyLines(a, tr)).toEqual(['导入自「专利台账.xlsx」工作表「Sheet1」第 17 行（导入记录 #3）'])
  })
  it('still names the row when the import log row is missing', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(historyLines({ ...entry({ importBatch: 3, sheetRow: 17 }), action: 'create' }, tr)).toEqual(['导入自表格第 17 行（导入记录 #3）'])
  })
  it('reads a fee decision as a sentence, in either language', () => {
    const decided = entry({ feeDecision7: [null, { patentYear: 7, decision: 'drop', reason: '技术已被替代', decidedBy: '李四', decidedOn: '2026-12-01' }] })
    i18n.global.locale.value = 'zh-CN'
    expect(historyLines(decided, tr)).toEqual(['第 7 年年费决策：∅ → 放弃（技术已被替代；李四，2026-12-01）'])
    i18n.global.locale.value = 'en'
    expect(historyLines(decided, tr)).toEqual(['Year 7 fee decision: ∅ → Drop (技术已被替代; 李四, 2026-12-01)'])
    i18n.global.locale.value = 'zh-CN'
  })
  it('names the action in the interface language', () => {
    i18n.global.locale.value = 'en'
    expect(['create', 'update', 'delete', 'merge'].map((a) => actionLabel(a, tr))).toEqual(['Created', 'Changed', 'Deleted', 'merge'])
    i18n.global.locale.value = 'zh-CN'
    expect(actionLabel('update', tr)).toBe('修改')
  })
  it('keeps an unknown field under its key', () => {
    expect(historyLines(entry({ somethingNew: [1, 2] }), tr)).toEqual(['somethingNew：1 → 2'])
  })
})
