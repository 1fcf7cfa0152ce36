/**
 * Backend choice, for every host: the fastest backend the host can load — native, then wasm,
 * then the reference backend — and why a faster one is not running. Desktop and CLI offer
 * native and wasm; the web host offers wasm only. A preference (RunRequest.backend, the CLI's
 * --backend, DENDRITE_BACKEND) starts the chain later: 'wasm' skips native, 'reference' runs
 * the reference backend.
 */
import type { BackendInfo, BackendName } from '../protocol/messages';
import type { Backend } from './kernels';
import { createReferenceBackend } from './reference';

export type LoadBackend = (threads: number | undefined) => { backend: Backend } | { error: string };

export interface BackendLoaders {
  /** Absent where native code cannot run (the web host). */
  native?: LoadBackend;
  wasm?: LoadBackend;
  /** Said after the backend's name when it runs with fewer threads than asked (e.g. no cross-origin isolation). */
  wasmNote?: string;
}

export const BACKEND_NAMES: readonly BackendName[] = ['native', 'wasm', 'reference'];

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

/** The backend to run and what to say about it (`info.fallbackReason` names every faster one that failed). */
export function chooseBackend(preference: BackendName | undefined, loaders: BackendLoaders, threads?: number): { backend: Backend; info: BackendInfo } {
  const reasons: string[] = [];
  const start = preference === undefined ? 0 : BACKEND_NAMES.indexOf(preference);
  for (const name of BACKEND_NAMES.slice(start)) {
    if (name === 'reference') break;
    const load = loaders[name];
    if (!load) continue;
    let loaded: { backend: Backend } | { error: string };
    try {
      loaded = load(threads);
    } catch (error) {
      loaded = { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
    }
    if ('backend' in loaded) {
      const notes = [...reasons, ...(name === 'wasm' && loaders.wasmNote ? [loaders.wasmNote] : [])];
      return {
        backend: loaded.backend,
        info: { name, threads: loaded.backend.threads, ...(notes.length > 0 ? { fallbackReason: notes.join('; ') } : {}) },
      };
    }
    reasons.push(`${name} unavailable: ${loaded.error}`);
  }
  return { backend: createReferenceBackend('float32'), info: { name: 'reference', ...(reasons.length > 0 ? { fallbackReason: reasons.join('; ') } : {}) } };
}
