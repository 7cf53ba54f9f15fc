// What a page keeps when it is built again. An outside write re-keys the
// page on screen (`dataEpoch` in outsideChanges.ts), which makes a new
// component instance: without this, the ledger forgot its search, filters,
// sort and scroll position every time the command line wrote to the database.
import { reactive } from 'vue'

const kept = new Map<string, object>()

/**
 * The page state kept under `key` for the life of the window: made by
 * `init` the first time, the same reactive object every time after.
 */
export function keptState<T extends object>(key: string, init: () => T): T {
  let state = kept.get(key) as T | undefined
  if (!state) {
    state = reactive(init()) as T
    kept.set(key, state)
  }
  return state
}

/** Forgets every page's state (tests). */
export function forgetPageStates() {
  kept.clear()
}
