import type { Plugin } from 'vite'

/**
 * The window runs with `Object.prototype` frozen (tauri.conf.json
 * `freezePrototype`), so nothing can pollute it. Frozen, its data properties
 * are read-only, and in strict code a plain assignment of a property of the
 * same name on an object that inherits it throws ("override mistake"):
 * `proto.toString = f` on a class prototype, `obj.constructor = x` on a plain
 * object. Two dependencies do that while their modules load, which stops the
 * whole UI. Each patch below rewrites one such assignment into an own-property
 * definition, which a frozen prototype does not refuse and which behaves the
 * same otherwise.
 *
 * A patch that no longer matches fails the build (and `build/frozenPrototype.test.ts`):
 * after a dependency upgrade, look again at the code it rewrote.
 */
export interface Patch {
  /** The dependency file, as the end of its path. */
  file: string
  find: string
  replace: string
}

export const PATCHES: readonly Patch[] = [
  // dayjs 1.11 (element-plus's date pickers; the index chunk): the Dayjs
  // class's valueOf and toString, assigned on its prototype when the module loads.
  {
    file: '/node_modules/dayjs/dayjs.min.js',
    find: 'm.valueOf=function(){return this.$d.getTime()}',
    replace: 'Object.defineProperty(m,"valueOf",{value:function(){return this.$d.getTime()},writable:!0,configurable:!0})',
  },
  {
    file: '/node_modules/dayjs/dayjs.min.js',
    find: 'm.toString=function(){return this.$d.toUTCString()}',
    replace:
      'Object.defineProperty(m,"toString",{value:function(){return this.$d.toUTCString()},writable:!0,configurable:!0})',
  },
  // echarts 6 (the dashboard's charts): `mockMethods` copies every
  // enumerable name of GlobalModel's prototype onto a plain object when the
  // module loads, `constructor` among them (tslib's __extends makes it
  // enumerable).
  {
    file: '/node_modules/echarts/lib/core/Scheduler.js',
    find: '    target[name_1] = noop;',
    replace:
      '    Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });',
  },
]

function occurrences(code: string, find: string): number {
  return code.split(find).length - 1
}

/** The patches for the module `id`: a file's path, not one of the virtual modules plugins derive from it (`…?commonjs-es-import`). */
function patchesFor(id: string): Patch[] {
  if (id.includes('?') || id.startsWith('\0')) return []
  const path = id.replace(/\\/g, '/')
  return PATCHES.filter((p) => path.endsWith(p.file))
}

/** `code` of module `id` with its patches applied; null if it has none. Throws if one does not match exactly once. */
export function applyPatches(id: string, code: string): string | null {
  const patches = patchesFor(id)
  if (patches.length === 0) return null
  for (const p of patches) {
    const n = occurrences(code, p.find)
    if (n !== 1) {
      throw new Error(`frozenPrototype: expected "${p.find}" once in ${p.file}, found it ${n} times: re-check the patch`)
    }
    code = code.replace(p.find, () => p.replace)
  }
  return code
}

/**
 * Applies the patches in the app's bundle; a build fails if a patched
 * dependency did not come through it.
 *
 * Not the dev server: its dependency pre-bundle (which plugins' transforms do
 * not see) holds element-plus whole, and with it all of lodash-es, whose
 * lodash.default.js overrides `toString` and `valueOf` too (line 410
 * `source[methodName] = func`, line 634 `lodash.prototype.valueOf = …`). A
 * build without `custom-protocol`, whose window loads the dev server, would
 * stop there with `freezePrototype` on; every build the project makes (tests,
 * release) serves ui/dist, where tree-shaking leaves that file out.
 */
export function frozenPrototype(): Plugin {
  const patched = new Set<string>()
  let building = false
  return {
    name: 'ipdesk-frozen-prototype',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build'
    },
    transform(code, id) {
      const out = applyPatches(id, code)
      if (out === null) return null
      for (const p of patchesFor(id)) patched.add(p.file)
      return { code: out, map: null }
    },
    buildEnd(error) {
      if (!building || error) return
      const missed = [...new Set(PATCHES.map((p) => p.file))].filter((f) => !patched.has(f))
      if (missed.length > 0) {
        this.error(`frozenPrototype: ${missed.join(', ')} did not come through the build: is the patch still needed?`)
      }
    },
  }
}
