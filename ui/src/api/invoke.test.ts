import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))

import { AppError, call } from './invoke'
import { patentsList } from './ledger'
import { emptyFilters, buildQuery } from '../lib/ledgerQuery'

describe('call', () => {
  beforeEach(() => {
    invoke.mockReset()
  })

  it('passes the command and camelCase args through', async () => {
    invoke.mockResolvedValue({ total: 0, items: [] })
    const q = buildQuery(emptyFilters(), null, 0, 200)
    await expect(patentsList(q)).resolves.toEqual({ total: 0, items: [] })
    expect(invoke).toHaveBeenCalledWith('patents_list', { query: q })
  })

  it('turns a rejection into a typed AppError', async () => {
    invoke.mockRejectedValue({ code: 'invalidInput', message: '申请号「123」无效：位数不对', field: 'appNo' })
    const err = await call('check_app_no', { number: '123' }).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'invalidInput', message: '申请号「123」无效：位数不对', field: 'appNo' })
  })

  it('treats unknown codes, missing fields and bare strings as internal', async () => {
    invoke.mockRejectedValue({ code: 'weird', message: 'x' })
    expect(await call('a').catch((e) => e)).toMatchObject({ code: 'internal', message: 'x', field: null })
    invoke.mockRejectedValue('command foo not found')
    expect(await call('foo').catch((e) => e)).toMatchObject({ code: 'internal', message: 'command foo not found' })
  })

  it("turns Tauri's refusal of a malformed argument into invalidInput at that argument", async () => {
    // The strings tauri::Error::InvalidArgs makes (seen through the IPC
    // contract test in src-tauri): a wrong type, and a missing key.
    invoke.mockRejectedValue(
      'invalid args `appNo` for command `check_app_no`: invalid type: integer `5`, expected a string',
    )
    expect(await call('check_app_no', { appNo: 5 }).catch((e) => e)).toMatchObject({
      code: 'invalidInput',
      message: '参数 appNo 无效：invalid type: integer `5`, expected a string',
      field: 'appNo',
    })
    invoke.mockRejectedValue('invalid args `days` for command `lead_deadlines`: command lead_deadlines missing required key days')
    const err: unknown = await call('lead_deadlines', {}).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({
      code: 'invalidInput',
      message: '参数 days 无效：command lead_deadlines missing required key days',
      field: 'days',
    })
  })

  it('keeps a multi-line serde reason whole', async () => {
    invoke.mockRejectedValue('invalid args `data` for command `patent_add`: missing field `title`\nat line 1')
    expect(await call('patent_add', {}).catch((e) => e)).toMatchObject({
      code: 'invalidInput',
      message: '参数 data 无效：missing field `title`\nat line 1',
      field: 'data',
    })
  })
})
