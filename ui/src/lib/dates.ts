/** A date as YYYY-MM-DD in the computer's time zone (toISOString would give UTC's day). */
export function localDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Today as YYYY-MM-DD, local time. */
export const todayIso = (): string => localDate()
