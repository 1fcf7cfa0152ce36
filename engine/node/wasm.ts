/**
 * The wasm backend in Node (CLI, Electron's utility process, tests, bench): finds the committed
 * module, compiles it once per process and starts its threads with worker_threads.
 *
 * `loadWasmBackend` never throws: it returns `{ backend }` or `{ error }`, like the native loader.
 *
 * Environment:
 * - DENDRITE_BACKEND=reference      do not load the wasm backend either
 * - DENDRITE_WASM_PATH=<file>       load this module (the threaded build) instead of searching
 * - DENDRITE_THREADS=<n>            thread count when `opts.threads` is not given
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { findInstalledFile } from '../native/find';
import { wasmApi } from '../wasm/js-api';
import { createWasmRuntime, WASM_WORKER_FUNCTION, type WasmBackend, type WasmBuild, type WasmPlatform, type WasmRuntime } from '../wasm/backend';

export const WASM_MODULE_RELATIVE_PATH = (build: WasmBuild): string[] => ['engine', 'wasm', `dendrite-${build}.wasm`];

const WORKER_SOURCE = `'use strict';
${WASM_WORKER_FUNCTION}
const { workerData, parentPort } = require('node:worker_threads');
dendriteWasmWorker(workerData, () => parentPort.postMessage({ ready: true }), (m) => parentPort.postMessage({ error: m }));
`;

/** worker_threads running the pool loop; unref'd, so they never keep a process alive. */
export const nodeWasmPlatform: WasmPlatform = {
  startWorker(init, onReady, onError) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: init });
    worker.on('message', (m: { ready?: boolean; error?: string }) => (m.error ? onError(m.error) : m.ready && onReady()));
    worker.on('error', (e) => onError(e.message));
    worker.unref();
    return { terminate: () => void worker.terminate() };
  },
};

const runtimes = new Map<string, WasmRuntime | { error: string }>();

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}

/**
 * The process's runtime for a build (compiled and instantiated once; `{ error }` if it cannot
 * be). `memoryBytes`: the single-threaded build's fixed memory, when it is first created.
 */
export function wasmRuntime(build: WasmBuild = 'mt', opts: { memoryBytes?: number } = {}): WasmRuntime | { error: string } {
  const cached = runtimes.get(build);
  if (cached) return cached;
  let result: WasmRuntime | { error: string };
  const override = build === 'mt' ? process.env.DENDRITE_WASM_PATH : undefined;
  const found = findInstalledFile(WASM_MODULE_RELATIVE_PATH(build), override, 'DENDRITE_WASM_PATH');
  if ('error' in found) result = { error: override ? found.error : found.error.replace('not built', 'wasm module not found') };
  else {
    try {
      const module = new (wasmApi().Module)(readFileSync(found.path));
      result = createWasmRuntime({ module, build, platform: build === 'mt' ? nodeWasmPlatform : undefined, memoryBytes: opts.memoryBytes });
    } catch (e) {
      result = { error: `could not load ${found.path}: ${errorMessage(e)}` };
    }
  }
  runtimes.set(build, result);
  return result;
}

function parseThreads(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The wasm backend (threaded build) with `threads` threads (default DENDRITE_THREADS, else the core count). */
export function loadWasmBackend(opts: { threads?: number } = {}): { backend: WasmBackend } | { error: string } {
  try {
    if (process.env.DENDRITE_BACKEND === 'reference') return { error: 'disabled by DENDRITE_BACKEND=reference' };
    const runtime = wasmRuntime('mt');
    if ('error' in runtime) return runtime;
    const threads = opts.threads ?? parseThreads(process.env.DENDRITE_THREADS) ?? availableParallelism();
    return { backend: runtime.backend(threads) };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}
