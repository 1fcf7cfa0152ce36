/**
 * engine/node — public entry for Node only (fs, worker_threads, the native addon): never import it
 * from the renderer or a Web Worker (eslint.config.mjs forbids it there). Reading files from disk
 * with size limits, and loading the native and WebAssembly backends.
 */
export { FileRefused, readRegularFile } from './regular-file';
export { loadWasmBackend } from './wasm';
export { loadNativeBackend } from '../native/load';
