import { describe, expect, it } from 'vitest'
import { focusFirstField } from './focus'

// Every .vue that puts a form in a drawer or dialog, read as text.
const sources = import.meta.glob('../**/*.vue', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('the cursor when a form opens', () => {
  it('goes to the marked field, else the first one that takes typing', () => {
    document.body.innerHTML = `
      <div class="el-overlay" style="display: none"><div class="el-dialog"><form class="el-form"><input id="closed"></form></div></div>
      <div class="el-overlay"><div class="el-drawer">
        <button id="close">×</button>
        <form class="el-form">
          <div class="el-select"><input id="select" readonly></div>
          <div class="el-date-editor"><input id="date"></div>
          <input id="disabled" disabled>
          <input id="first">
          <div data-autofocus><input id="marked"></div>
        </form>
      </div></div>`
    focusFirstField()
    expect(document.activeElement?.id).toBe('marked')
    document.querySelector('[data-autofocus]')!.removeAttribute('data-autofocus')
    focusFirstField()
    expect(document.activeElement?.id, 'read-only selects, date pickers and disabled fields are passed over').toBe('first')
  })

  it('is wired to every drawer and dialog that holds a form', () => {
    const forms = Object.entries(sources).filter(([, s]) => /<el-(drawer|dialog)\b[\s\S]*?<el-form\b/.test(s))
    expect(forms.length).toBeGreaterThanOrEqual(12)
    const missing = forms.filter(([, s]) => !/@opened="focusFirstField\(\)"/.test(s)).map(([f]) => f)
    expect(missing).toEqual([])
  })
})
