import { AppError } from '../api/invoke'

/**
 * The Chinese field labels the core names in its errors, mapped to the form
 * props that show them. One map for every form: labels are unique across
 * the app, and a new label added in Rust needs one line here.
 */
export const FIELD_PROPS: Readonly<Record<string, string>> = {
  // patent form
  申请号: 'appNo',
  申请日: 'filingDate',
  授权日: 'grantDate',
  优先权日: 'priorityDate',
  实审请求日: 'examRequestDate',
  费减备案日: 'feeReductionFiled',
  补偿天数: 'compensationDays',
  '国家/地区': 'jurisdiction',
  专利名称: 'title',
  同族专利: 'familyAppNo',
  // company form
  统一社会信用代码: 'uscc',
  企业名称: 'name',
  联系邮箱: 'contactEmail',
  // payment dialog
  缴费日期: 'paidDate',
  年度: 'patentYear',
  // records
  获奖年度: 'year',
  类别: 'classes',
  关联专利: 'patentIds',
  销售收入: 'revenues',
  销售收入年度: 'revenues',
}

/** The form prop an error belongs to, or null when it names no known field. */
export function fieldProp(label: string | null | undefined): string | null {
  if (!label) return null
  return FIELD_PROPS[label] ?? null
}

/**
 * Splits an error into a message per form prop. Returns null when the error
 * is not an input error at a known field (the caller then shows a toast).
 */
export function fieldErrorsOf(err: unknown, props?: readonly string[]): Record<string, string> | null {
  if (!(err instanceof AppError)) return null
  if (err.code !== 'invalidInput' && err.code !== 'duplicate') return null
  const prop = fieldProp(err.field)
  if (!prop || (props && !props.includes(prop))) return null
  return { [prop]: err.message }
}
