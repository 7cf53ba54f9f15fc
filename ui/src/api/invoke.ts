import { invoke } from '@tauri-apps/api/core'

import type { ErrorCode } from './bindings/ErrorCode'

/** The error codes the Rust shell sends (generated); the UI branches on these only. */
export type { ErrorCode }

const CODES: readonly ErrorCode[] = ['invalidInput', 'notFound', 'duplicate', 'newerSchema', 'io', 'cancelled', 'internal']

/**
 * Every rejected command ends up as an AppError. `field` is the camelCase code
 * of the input field the core refused (`appNo`, `filingDate`, `uscc` …), the
 * same name as the DTO field and the form prop, so a form can show the message
 * there (lib/useFormErrors).
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | null

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }

  /** Turns whatever `invoke` rejected with into an AppError. */
  static from(raw: unknown): AppError {
    if (raw instanceof AppError) return raw
    if (raw && typeof raw === 'object') {
      const o = raw as Record<string, unknown>
      const code = CODES.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'internal'
      const message =
        typeof o.message === 'string' ? o.message : raw instanceof Error ? raw.message : JSON.stringify(raw)
      const field = typeof o.field === 'string' && o.field !== '' ? o.field : null
      return new AppError(code, message, field)
    }
    // A plain string rejection comes from Tauri itself, not from our error
    // type: arguments it could not read into the command's types, or an
    // unknown or forbidden command.
    if (typeof raw === 'string') return fromTauri(raw)
    return new AppError('internal', String(raw))
  }
}

/**
 * Tauri's own rejection of an argument it could not deserialize (tauri
 * `Error::InvalidArgs`: "invalid args `appNo` for command `check_app_no`:
 * invalid type: …"). `appNo` is the argument's camelCase key, as the UI sent
 * it; the rest is serde's reason.
 */
const INVALID_ARGS = /^invalid args `([^`]+)` for command `[^`]*`: ?([\s\S]*)$/

function fromTauri(raw: string): AppError {
  const m = INVALID_ARGS.exec(raw)
  if (m) return new AppError('invalidInput', `参数 ${m[1]} 无效：${m[2]}`, m[1])
  return new AppError('internal', raw)
}

/** The one place that calls Tauri's `invoke`. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw AppError.from(e)
  }
}

/** Whether `e` is work the officer stopped (an import cancelled): not an error to show as one. */
export const isCancelled = (e: unknown): boolean => AppError.from(e).code === 'cancelled'
