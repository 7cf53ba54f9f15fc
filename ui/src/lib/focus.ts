// Where the cursor goes when a form opens in a drawer or dialog: into the
// field marked `data-autofocus`, else the first field that takes typing —
// not left on the close button, so the officer can type at once and Tab
// walks the form top to bottom.

/** Fields that take typing (a select's input is read-only and skipped). */
const TYPING = ['input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"])', 'textarea']

/** The newest open drawer or dialog: Element Plus hides a closed one's overlay. */
function openOverlay(): Element | null {
  const open = [...document.querySelectorAll('.el-drawer, .el-dialog')].filter((e) => {
    const overlay = e.closest<HTMLElement>('.el-overlay')
    return !overlay || overlay.style.display !== 'none'
  })
  return open.at(-1) ?? null
}

/** The first field under `scope` the officer can type into. A date picker is passed over: focused, it pops its calendar over the form. */
function firstTyping(root: ParentNode, scope: string): HTMLElement | null {
  const all = root.querySelectorAll<HTMLInputElement>(TYPING.map((s) => `${scope} ${s}`).join(', '))
  return [...all].find((e) => !e.disabled && !e.readOnly && !e.closest('.el-date-editor')) ?? null
}

/** Focuses the form's first field; for `@opened` of an el-drawer or el-dialog. */
export function focusFirstField(root: ParentNode | null = openOverlay()) {
  if (!root) return
  ;(firstTyping(root, '[data-autofocus]') ?? firstTyping(root, '.el-form'))?.focus()
}
