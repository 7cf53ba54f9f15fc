import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call } from './invoke'
import type { AppInfo } from './app'
import type { BackupReport } from './bindings/BackupReport'
import type { ExportFormat } from './bindings/ExportFormat'
import type { Field } from './bindings/Field'
import type { ImportBatch } from './bindings/ImportBatch'
import type { ImportKind } from './bindings/ImportKind'
import type { ImportReport } from './bindings/ImportReport'
import type { OnDuplicate } from './bindings/OnDuplicate'
import type { PatentQuery } from './bindings/PatentQuery'
import type { RestoreReport } from './bindings/RestoreReport'

/** A field a sheet column can be mapped to; `code` is what the mapping carries. */
export interface FieldOption {
  code: Field
  header: string
  required: boolean
}

/** How a sheet's columns map for one kind of record: one entry per column. */
export interface KindPlan {
  kind: ImportKind
  mapping: (Field | null)[]
  fields: FieldOption[]
}

/** The picked file: its columns, the kind it seems to hold and a suggested (or remembered) mapping per kind. */
export interface ImportPicked {
  path: string
  sheet: string
  headerRow: number
  headers: string[]
  rowCount: number
  kind: ImportKind
  plans: KindPlan[]
}

export interface ImportRunArgs {
  path: string
  kind: ImportKind
  mapping: (Field | null)[]
  onDuplicate: OnDuplicate
  dryRun: boolean
}

export interface ImportProgress {
  done: number
  total: number
}

export interface Restored {
  info: AppInfo
  report: RestoreReport
}

/** Null when the user cancels the open dialog. */
export const importPick = () => call<ImportPicked | null>('import_pick')

/**
 * Rows with errors do not reject: the report comes back with `committed: false`
 * (a dry run never commits). Rejects for a bad file or an invalid mapping.
 */
export const importRun = (a: ImportRunArgs) =>
  call<ImportReport>('import_run', { path: a.path, kind: a.kind, mapping: a.mapping, onDuplicate: a.onDuplicate, dryRun: a.dryRun })

/** The import log (导入记录), newest first. */
export const importLog = () => call<ImportBatch[]>('import_log')

export const onImportProgress = (cb: (p: ImportProgress) => void): Promise<UnlistenFn> =>
  listen<ImportProgress>('import-progress', (e) => cb(e.payload))

/** Null when the user cancels the save dialog. */
export const exportTable = (query: PatentQuery, format: ExportFormat) =>
  call<{ path: string } | null>('export_table', { query, format })
export const exportTrademarks = (format: ExportFormat) =>
  call<{ path: string } | null>('export_trademarks', { format })
export const backupNow = () => call<BackupReport | null>('backup_now')
export const restoreFrom = () => call<Restored | null>('restore_from')
