import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElButton, ElDialog, ElInput } from 'element-plus'
import { installShortcuts, shortcutLabel } from './shortcuts'

/** Presses Ctrl+<key> (⌘ when mac) on `target`; returns whether the default was prevented. */
function press(key: string, target: EventTarget = document.body, opts: { mac?: boolean; shift?: boolean } = {}): boolean {
  const e = new KeyboardEvent('keydown', {
    key, code: `Key${key.toUpperCase()}`, bubbles: true, cancelable: true,
    ctrlKey: !opts.mac, metaKey: !!opts.mac, shiftKey: !!opts.shift,
  })
  target.dispatchEvent(e)
  return e.defaultPrevented
}

/** A list page as the views mark it: a search box, a new button, another input. */
function page() {
  document.body.innerHTML = `
    <div class="page">
      <input id="other" />
      <div data-testid="x-search"><input id="search" data-shortcut="search" value="old" /></div>
      <button id="new" data-shortcut="new">新增</button>
    </div>`
  const clicked = vi.fn()
  document.getElementById('new')!.addEventListener('click', clicked)
  return { search: document.getElementById('search') as HTMLInputElement, other: document.getElementById('other') as HTMLInputElement, clicked }
}

describe('keyboard shortcuts', () => {
  let uninstall: () => void
  beforeEach(() => {
    uninstall = installShortcuts(document, false)
  })
  afterEach(() => {
    uninstall()
    document.body.innerHTML = ''
  })

  it('Ctrl+F focuses the marked search box and keeps the webview find away', () => {
    const { search } = page()
    expect(press('f')).toBe(true)
    expect(document.activeElement).toBe(search)
    expect(search.selectionStart, 'its text selected, ready to retype').toBe(0)
    expect(search.selectionEnd).toBe(3)
  })
  it('Ctrl+F still works from another input', () => {
    const { search, other } = page()
    other.focus()
    press('f', other)
    expect(document.activeElement).toBe(search)
  })
  it('Ctrl+F leaves the webview find alone on a page without a search box', () => {
    document.body.innerHTML = '<input id="x" />'
    expect(press('f')).toBe(false)
    expect(document.activeElement).toBe(document.body)
  })
  it('Ctrl+F finds the input inside a marked wrapper', () => {
    document.body.innerHTML = '<div data-shortcut="search"><span><input id="in" /></span></div>'
    press('f')
    expect(document.activeElement?.id).toBe('in')
  })
  it('Ctrl+N clicks the marked new button', () => {
    const { clicked } = page()
    expect(press('n')).toBe(true)
    expect(clicked).toHaveBeenCalledTimes(1)
  })
  it('Ctrl+N does nothing while typing in an input, a textarea or contenteditable', () => {
    const { other, clicked } = page()
    document.body.insertAdjacentHTML('beforeend', '<textarea id="ta"></textarea><div contenteditable="true"><p id="ce">x</p></div>')
    other.focus()
    press('n', other)
    press('n', document.getElementById('ta')!)
    press('n', document.getElementById('ce')!)
    expect(clicked).not.toHaveBeenCalled()
  })
  it('Ctrl+N does nothing while a dialog is open, and again once it is closed', () => {
    const { clicked } = page()
    document.body.insertAdjacentHTML('beforeend', '<div class="el-overlay" id="ov"><div role="dialog" aria-modal="true"></div></div>')
    press('n')
    expect(clicked, 'dialog open').not.toHaveBeenCalled()
    document.getElementById('ov')!.style.display = 'none'
    press('n')
    expect(clicked, 'dialog closed (v-show)').toHaveBeenCalledTimes(1)
  })
  it('skips a disabled or hidden new button', () => {
    document.body.innerHTML = '<button data-shortcut="new" disabled>a</button><div style="display: none"><button data-shortcut="new">b</button></div>'
    const clicks = vi.fn()
    document.querySelectorAll('button').forEach((b) => b.addEventListener('click', clicks))
    press('n')
    expect(clicks).not.toHaveBeenCalled()
  })
  it('ignores other modifiers and other keys', () => {
    const { clicked } = page()
    press('n', document.body, { shift: true })
    press('n', document.body, { mac: true }) // ⌘N is not the shortcut off macOS
    press('b')
    expect(clicked).not.toHaveBeenCalled()
  })
  it('uses ⌘ on macOS', () => {
    uninstall()
    uninstall = installShortcuts(document, true)
    const { clicked } = page()
    press('n')
    expect(clicked, 'Ctrl+N is not the shortcut on macOS').not.toHaveBeenCalled()
    press('n', document.body, { mac: true })
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(shortcutLabel('F', true)).toBe('⌘F')
    expect(shortcutLabel('F', false)).toBe('Ctrl+F')
  })
  it('works with Element Plus: the marked el-input, el-button and an open el-dialog', async () => {
    const open = ref(false)
    const added = vi.fn()
    const Page = defineComponent(() => () => [
      h(ElInput, { modelValue: '', 'data-shortcut': 'search' }),
      h(ElButton, { 'data-shortcut': 'new', onClick: added }, () => '新增'),
      h(ElDialog, { modelValue: open.value, title: 'x' }, () => h(ElInput, { modelValue: '', 'data-testid': 'in-dialog' })),
    ])
    const w = mount(Page, { attachTo: document.body })
    press('f')
    expect(document.activeElement, 'the native input of the el-input').toBe(w.get('input[data-shortcut="search"]').element)
    press('n', document.body)
    expect(added).toHaveBeenCalledTimes(1)
    open.value = true
    await nextTick()
    await flushPromises()
    press('n', document.body)
    expect(added, 'not behind an open el-dialog').toHaveBeenCalledTimes(1)
    w.unmount()
  })
})
