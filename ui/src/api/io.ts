// Moving data in and out: the import wizard, backup and restore.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call } from './invoke'
import type { BackupReport } from './bindings/BackupReport'
import type { Field } from './bindings/Field'
import type { ImportBatch } from './bindings/ImportBatch'
import type { ImportKind } from './bindings/ImportKind'
import type { ImportReport } from './bindings/ImportReport'
import type { OnDuplicate } from './bindings/OnDuplicate'
import type { FieldOption } from './bindings/FieldOption'
import type { ImportPicked } from './bindings/ImportPicked'
import type { ImportProgress } from './bindings/ImportProgress'
import type { KindPlan } from './bindings/KindPlan'
import type { Restored } from './bindings/Restored'
import type { BackupStatus } from './bindings/BackupStatus'
import type { BackupPolicy } from './bindings/BackupPolicy'
import type { WorkProgress } from './bindings/WorkProgress'

// Shell DTOs are generated from the Rust types (src-tauri, ts-rs).
export type { BackupPolicy, BackupStatus, FieldOption, ImportPicked, ImportProgress, KindPlan, Restored, WorkProgress }

export interface ImportRunArgs {
  path: string
  kind: ImportKind
  mapping: (Field | null)[]
  onDuplicate: OnDuplicate
  dryRun: boolean
}

/** Null when the user cancels the open dialog. */
export const importPick = () => call<ImportPicked | null>('import_pick')

/**
 * Rows with errors do not reject: the report comes back with `committed: false`
 * (a dry run never commits). Rejects for a bad file or an invalid mapping.
 */
export const importRun = (a: ImportRunArgs) =>
  call<ImportReport>('import_run', { path: a.path, kind: a.kind, mapping: a.mapping, onDuplicate: a.onDuplicate, dryRun: a.dryRun })

/** Stops the running import; it then rejects with code `cancelled` and writes nothing. */
export const importCancel = () => call<null>('import_cancel')

/** The import log (导入记录), newest first. */
export const importLog = () => call<ImportBatch[]>('import_log')

export const onImportProgress = (cb: (p: ImportProgress) => void): Promise<UnlistenFn> =>
  listen<ImportProgress>('import-progress', (e) => cb(e.payload))

export const backupNow = () => call<BackupReport | null>('backup_now')
export const restoreFrom = () => call<Restored | null>('restore_from')

/** Automatic backups: settings, the last run and this database's copies. */
export const backupStatus = () => call<BackupStatus>('backup_status')
export const backupPolicySet = (policy: BackupPolicy) => call<BackupStatus>('backup_policy_set', { policy })
export const backupAutoNow = () => call<BackupStatus>('backup_auto_now')
/** Null when the user cancels the folder dialog. */
export const backupPickDir = () => call<string | null>('backup_pick_dir')
/** Restores one of the listed automatic backups (its path as listed). */
export const backupRestoreAuto = (path: string) => call<Restored>('backup_restore_auto', { path })
export const onBackupStatus = (cb: (s: BackupStatus) => void): Promise<UnlistenFn> =>
  listen<BackupStatus>('backup-status', (e) => cb(e.payload))

/** Stops the running backup, restore or verification; it then rejects with code `cancelled`, nothing half-done. */
export const workCancel = () => call<null>('work_cancel')
/** Progress of a backup, restore or verification: a stage code and how much of it is done. */
export const onWorkProgress = (cb: (p: WorkProgress) => void): Promise<UnlistenFn> =>
  listen<WorkProgress>('work-progress', (e) => cb(e.payload))
