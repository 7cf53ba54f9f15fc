import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call } from './invoke'
import type { PatentQuery } from './bindings/PatentQuery'

export interface ExportResult {
  path: string
}

/** Payload of the `export-progress` event Rust emits while a PDF is written. */
export interface ExportProgress {
  job: string
  done: number
  total: number
  stage: string
}

/** Resolves to null when the user cancels the save dialog. */
export const exportLedgerPdf = (query: PatentQuery) => call<ExportResult | null>('export_ledger_pdf', { query })
export const exportAnnuitiesPdf = (months: number) => call<ExportResult | null>('export_annuities_pdf', { months })

export const onExportProgress = (cb: (p: ExportProgress) => void): Promise<UnlistenFn> =>
  listen<ExportProgress>('export-progress', (e) => cb(e.payload))
