// @vitest-environment node
/// <reference types="node" />
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

import { PATCHES, applyPatches, type Patch } from './frozenPrototype'

const ui = new URL('..', import.meta.url).pathname
const installed = (p: Patch) => join(ui, p.file)

/** Runs an ES module script in a fresh Node whose Object.prototype is frozen, as Tauri's window freezes it. */
function runFrozen(script: string) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 25_000 })
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` }
}

describe('the patches for a frozen Object.prototype', () => {
  it('each matches its installed dependency exactly once', () => {
    for (const p of PATCHES) {
      const code = readFileSync(installed(p), 'utf8')
      expect(code.split(p.find).length - 1, `${p.file}: an upgrade changed the patched code`).toBe(1)
    }
  })

  it('leave other modules alone and refuse a file that does not match', () => {
    expect(applyPatches('/x/node_modules/vue/index.js', 'a.toString=1')).toBeNull()
    expect(() => applyPatches('/x/node_modules/dayjs/dayjs.min.js', 'nothing here')).toThrow(/re-check the patch/)
  })

  it('let dayjs load, which it cannot unpatched', () => {
    const dayjs = PATCHES[0].file
    const dir = mkdtempSync(join(tmpdir(), 'ipdesk-frozen-'))
    const original = readFileSync(join(ui, dayjs), 'utf8')
    const load = (file: string) => `
      Object.freeze(Object.prototype)
      const { createRequire } = await import('node:module')
      const d = createRequire(${JSON.stringify(file)})(${JSON.stringify(file)})
      const day = d('2024-02-29T00:00:00Z')
      if (day.valueOf() !== Date.UTC(2024, 1, 29) || String(day) !== 'Thu, 29 Feb 2024 00:00:00 GMT') throw new Error('wrong: ' + day)
      console.log(day.add(1, 'day').format('YYYY-MM-DD'))`
    writeFileSync(join(dir, 'plain.cjs'), original)
    writeFileSync(join(dir, 'patched.cjs'), applyPatches(dayjs, original)!)
    const plain = runFrozen(load(join(dir, 'plain.cjs')))
    expect(plain.ok, 'the test must see the failure the patch is for').toBe(false)
    expect(plain.out).toMatch(/read only property 'valueOf'/)
    const patched = runFrozen(load(join(dir, 'patched.cjs')))
    expect(patched.out.trim()).toBe('2024-03-01')
  }, 60_000)

  it("let echarts load and draw the dashboard's bar chart, which it cannot unpatched", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipdesk-frozen-'))
    // A module loader hook that patches sources as Vite's transform does.
    const hooks = join(dir, 'hooks.mjs')
    writeFileSync(
      hooks,
      `let patches = []
      export async function initialize(data) { patches = data }
      export async function load(url, context, next) {
        const r = await next(url, context)
        const mine = patches.filter((p) => url.endsWith(p.file))
        if (mine.length === 0) return r
        let source = String(r.source)
        for (const p of mine) source = source.replace(p.find, () => p.replace)
        return { ...r, source }
      }`,
    )
    const echarts = (f: string) => JSON.stringify(pathToFileURL(join(ui, 'node_modules/echarts', f)).href)
    const draw = (patches: readonly Patch[]) => `
      const { register } = await import('node:module')
      register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: ${JSON.stringify(patches)} })
      Object.freeze(Object.prototype)
      const ec = await import(${echarts('core.js')})
      const { BarChart } = await import(${echarts('charts.js')})
      const { GridComponent, LegendComponent, TooltipComponent } = await import(${echarts('components.js')})
      const { SVGRenderer } = await import(${echarts('renderers.js')})
      ec.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])
      const chart = ec.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 })
      chart.setOption({
        legend: {}, tooltip: {},
        xAxis: { type: 'category', data: ['2024', '2025'] }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: 'a', type: 'bar', stack: 'k', data: [1, 2] }, { name: 'b', type: 'bar', stack: 'k', data: [3, 4] }],
      })
      console.log(chart.renderToSVGString().includes('<path') ? 'drawn' : 'empty')
      // Its animation timer would keep Node running.
      chart.dispose()
      process.exit(0)`
    const plain = runFrozen(draw([]))
    expect(plain.ok, 'the test must see the failure the patch is for').toBe(false)
    expect(plain.out).toMatch(/read only property 'constructor'/)
    expect(runFrozen(draw(PATCHES)).out.trim()).toBe('drawn')
  }, 60_000)
})
