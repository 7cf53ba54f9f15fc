import { AppError } from '../api/invoke'

/**
 * The form prop an error belongs to. The core names the field it refuses with
 * a stable camelCase code equal to the DTO field, which is also the form's
 * prop (`appNo`, `filingDate`, `uscc`, `paidDate`, a record's `patentIds` …),
 * so no table sits in between. Null when the error is not about the input,
 * names no field, or names one this form does not have: that goes to a toast.
 */
export function fieldOf(err: unknown, props: readonly string[]): { prop: string; message: string } | null {
  if (!(err instanceof AppError)) return null
  if (err.code !== 'invalidInput' && err.code !== 'duplicate') return null
  if (!err.field || !props.includes(err.field)) return null
  return { prop: err.field, message: err.message }
}
