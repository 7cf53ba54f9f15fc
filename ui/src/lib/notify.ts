import { ElMessage } from 'element-plus'
import { AppError } from '../api/invoke'

/** Shows an error that has no form field to sit at. */
export function showError(e: unknown) {
  const msg = e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e)
  ElMessage({ type: 'error', message: msg, duration: 6000, showClose: true })
}

export function showOk(message: string) {
  ElMessage({ type: 'success', message, duration: 2000 })
}

/**
 * Waits for a spreadsheet export and says where it went (`message` gets the
 * path); nothing when the save dialog was cancelled, the error otherwise.
 */
export async function reportExport(job: Promise<{ path: string } | null>, message: (path: string) => string) {
  try {
    const r = await job
    if (r) showOk(message(r.path))
  } catch (e) {
    showError(e)
  }
}
