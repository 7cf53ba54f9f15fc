import { defineConfig, mergeConfig } from 'vite'
import base from './vite.config'

// Dev-only build that swaps the Tauri `invoke` for an in-memory mock so the
// screens can be looked at in a plain browser. Never used for the app bundle.
export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [{ find: /^@tauri-apps\/api\/(core|event)$/, replacement: new URL('./mock/tauri-$1.ts', import.meta.url).pathname }],
    },
    build: { outDir: 'dist-mock' },
  }),
)
