// Another program (the `ipdesk` command line) wrote to the open database:
// the shell sends `data-changed`, and the page on screen is built again from
// the database — unless a dialog or drawer is open, where the officer may be
// typing; then the refresh waits until it closes.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { ref } from 'vue'

/** Part of the page's key: bumping it builds the page again. */
export const dataEpoch = ref(0)

/** Whether an Element Plus dialog, drawer or message box is showing. */
export function overlayOpen(doc: Document = document): boolean {
  return Array.from(doc.querySelectorAll<HTMLElement>('.el-overlay')).some((o) => o.style.display !== 'none')
}

/**
 * Listens for `data-changed`; `refreshed` runs after each refresh (to tell
 * the officer). Resolves to the function that stops listening.
 */
export async function installOutsideChanges(
  refreshed: () => void,
  busy: () => boolean = overlayOpen,
  retryMs = 1000,
): Promise<() => void> {
  let waiting: ReturnType<typeof setTimeout> | undefined
  const refresh = () => {
    if (busy()) {
      waiting = setTimeout(refresh, retryMs)
      return
    }
    waiting = undefined
    dataEpoch.value++
    refreshed()
  }
  const unlisten: UnlistenFn = await listen('data-changed', () => {
    if (waiting === undefined) refresh()
  })
  return () => {
    unlisten()
    clearTimeout(waiting)
  }
}
