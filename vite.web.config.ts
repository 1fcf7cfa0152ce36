import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web host: the same renderer, served to a browser, with the trainer in a
 * Web Worker built from the same entry as the Electron utility process.
 *
 * Cross-origin isolation (COOP + COEP) lets the trainer's wasm backend use a
 * SharedArrayBuffer and run threads; a host serving the build elsewhere without these
 * headers gets the single-threaded wasm build (and says so in the status bar).
 */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    // DENDRITE_WEB_OUT lets parallel e2e runs each build and serve their own copy.
    outDir: resolve(__dirname, process.env.DENDRITE_WEB_OUT ?? 'out/web'),
    emptyOutDir: true,
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', strictPort: true, headers: ISOLATION },
  server: { host: '127.0.0.1', headers: ISOLATION },
});
