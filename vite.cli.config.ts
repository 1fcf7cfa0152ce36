import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The headless CLI: one CommonJS file for Node 20 (out/cli/dendrite.cjs) with zod
 * bundled in, so `bin/dendrite.cjs` runs without node_modules. Node built-ins stay
 * external; the native backend's .node binary is loaded at run time by its loader.
 */
export default defineConfig({
  build: {
    ssr: resolve(__dirname, 'engine/cli/entry.ts'),
    outDir: resolve(__dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { format: 'cjs', entryFileNames: 'dendrite.cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
