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
})
