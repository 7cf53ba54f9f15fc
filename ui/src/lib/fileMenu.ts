// The window's native 文件 menu (src-tauri/src/menu.rs) sends what was
// chosen as a `menu` event; this runs the same commands as 设置's buttons
// and builds the page on screen again from the newly opened database.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { dbNew, dbOpen, dbOpenRecent, type AppInfo } from '../api/app'
import { backupNow } from '../api/io'
import type { BackupReport } from '../api/bindings/BackupReport'
import { dataEpoch } from './outsideChanges'

export interface MenuAction {
  action: 'db-new' | 'db-open' | 'db-recent' | 'backup'
  path: string | null
}

/** What the officer is told after a menu action. */
export interface MenuOutcome {
  opened?: AppInfo
  backedUp?: BackupReport
}

/** Runs one menu action; resolves to what happened (nothing when a dialog was cancelled). */
export async function runMenuAction(a: MenuAction): Promise<MenuOutcome> {
  if (a.action === 'backup') {
    const r = await backupNow()
    return r ? { backedUp: r } : {}
  }
  const opened =
    a.action === 'db-new' ? await dbNew() : a.action === 'db-open' ? await dbOpen() : a.path ? await dbOpenRecent(a.path) : null
  if (!opened) return {}
  // Another database: every page shows what it holds now.
  dataEpoch.value++
  return { opened }
}

/** Listens for menu choices; `done` and `failed` tell the officer. Resolves to the function that stops listening. */
export async function installFileMenu(done: (o: MenuOutcome) => void, failed: (e: unknown) => void): Promise<() => void> {
  const unlisten: UnlistenFn = await listen<MenuAction>('menu', async (e) => {
    try {
      done(await runMenuAction(e.payload))
    } catch (err) {
      failed(err)
    }
  })
  return unlisten
}
