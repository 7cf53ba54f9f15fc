/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { frozenPrototype } from './build/frozenPrototype'

// Tauri serves ui/dist from files: relative base, no remote content, and no
// eval anywhere (the CSP forbids it). vue-i18n's JIT message compiler does not
// use eval, so the default build is fine; the flags below drop the legacy API.
export default defineConfig({
  base: './',
  plugins: [
    // Before the others: it rewrites two dependencies' sources as read.
    frozenPrototype(),
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // No manualChunks: forcing element-plus into one chunk defeated its
      // tree-shaking (every component ended up in the bundle, ~900 kB).
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    // Element Plus components import their CSS; inlined, vitest stubs it.
    server: { deps: { inline: ['element-plus'] } },
    // A page mounted twice (the ledger, 30-odd columns) took 5.3 s under
    // CI's two loaded cores, past vitest's 5 s default: a limit for a
    // stuck test, not a speed target (those are benchmarks).
    testTimeout: 30_000,
  },
})
