// App-wide keyboard shortcuts, installed once from App.vue. Pages opt in by
// marking elements, so no page registers key handlers of its own:
//   data-shortcut="search"  the page's search box (on el-input it lands on the
//                           native <input>; on a wrapper, its input is used)
//   data-shortcut="new"     the page's primary "new record" button
// Ctrl+F (⌘F on macOS) focuses the search box, even from another input.
// Ctrl+N (⌘N) clicks the new button, but not while typing. Neither acts behind
// an open dialog, drawer or message box. Esc is left alone: Element Plus
// closes the open dialog or drawer itself.

export const SEARCH = '[data-shortcut="search"]'
export const NEW = '[data-shortcut="new"]'

export const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent)

/** How a shortcut reads in a hint: "Ctrl+F", or "⌘F" on macOS. */
export const shortcutLabel = (letter: string, mac = isMacPlatform()): string => (mac ? `⌘${letter}` : `Ctrl+${letter}`)

/** Hidden by v-show (or `hidden`) on the element or an ancestor. */
function hidden(el: Element): boolean {
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n instanceof HTMLElement && (n.hidden || n.style.display === 'none')) return true
  }
  return false
}

/** An el-dialog, el-drawer or el-message-box is open. */
function modalOpen(doc: Document): boolean {
  return Array.from(doc.querySelectorAll('[aria-modal="true"]')).some((el) => !hidden(el))
}

const NOT_TYPING = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color'])

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !NOT_TYPING.has(target.type)
  return target.closest('[contenteditable]:not([contenteditable="false"])') !== null
}

function searchInput(doc: Document): HTMLInputElement | HTMLTextAreaElement | null {
  for (const el of Array.from(doc.querySelectorAll(SEARCH))) {
    const input = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : el.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')
    if (input && !hidden(input) && !input.disabled) return input
  }
  return null
}

function newButton(doc: Document): HTMLElement | null {
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>(NEW))) {
    const disabled = (el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true'
    if (!disabled && !hidden(el)) return el
  }
  return null
}

/** 'f' or 'n' by the character typed; by the physical key on non-Latin layouts. */
function letter(e: KeyboardEvent): string {
  if (/^[a-z]$/i.test(e.key ?? '')) return e.key.toLowerCase()
  return /^Key[A-Z]$/.test(e.code ?? '') ? e.code.slice(3).toLowerCase() : ''
}

export function handleShortcut(e: KeyboardEvent, doc: Document = document, mac = isMacPlatform()): void {
  if (e.defaultPrevented || e.isComposing || e.altKey || e.shiftKey) return
  if (!(mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey)) return
  const key = letter(e)
  if (key === 'f') {
    if (modalOpen(doc)) return
    const input = searchInput(doc)
    if (!input) return // no search box here: leave the webview's own find alone
    e.preventDefault()
    input.focus()
    input.select()
  } else if (key === 'n') {
    // Never the webview's "new window", whatever the page.
    e.preventDefault()
    if (typing(e.target) || modalOpen(doc)) return
    newButton(doc)?.click()
  }
}

/** Listens on `doc`; returns the function that stops listening. */
export function installShortcuts(doc: Document = document, mac = isMacPlatform()): () => void {
  const onKeydown = (e: KeyboardEvent) => handleShortcut(e, doc, mac)
  doc.addEventListener('keydown', onKeydown)
  return () => doc.removeEventListener('keydown', onKeydown)
}
