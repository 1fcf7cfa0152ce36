/**
 * Backend choice for a trainer: native, then wasm, then the reference backend
 * (engine/kernels/choose.ts), with the thread count the run asked for (RunRequest.threads,
 * set by main to the run's share of the cores). Node-based trainers offer native and wasm;
 * the web worker offers wasm only.
 *
 * The trainer's provider is only told the backend preference, so `watchRunThreads`
 * reads `threads` off each start-run message before the trainer handles it (the
 * provider is called synchronously while that message is handled).
 */
import { type Backend, type BackendLoaders, chooseBackend, isBackendName, type LoadBackend } from '../../engine/train';
import type { BackendProvider } from './trainer';
import type { TrainerPort } from './ports';

/** A loader as engine/native/load.ts and engine/node/wasm.ts export them. */
export type LoadWith = (opts: { threads?: number }) => { backend: Backend } | { error: string };

export interface RunThreads {
  /** Threads the current start-run message asked for (undefined: the default, every core). */
  current: number | undefined;
}

/** A valid RunRequest.threads on a start-run message, else undefined (the schema rejects bad ones later). */
export function requestedThreads(raw: unknown): number | undefined {
  const message = raw as { type?: unknown; request?: { threads?: unknown } } | null;
  if (message?.type !== 'start-run') return undefined;
  const threads = message.request?.threads;
  return typeof threads === 'number' && Number.isInteger(threads) && threads >= 1 && threads <= 256 ? threads : undefined;
}

/** Wraps a port so every start-run message sets `runThreads.current` before the trainer sees it. */
export function watchRunThreads(port: TrainerPort, runThreads: RunThreads): TrainerPort {
  return {
    kind: port.kind,
    post: (message) => port.post(message),
    onMessage: (handler) =>
      port.onMessage((raw) => {
        if ((raw as { type?: unknown } | null)?.type === 'start-run') runThreads.current = requestedThreads(raw);
        handler(raw);
      }),
  };
}

/** Loads each backend once per thread count (a failure is remembered too). */
function cached(load: LoadWith | undefined): LoadBackend | undefined {
  if (!load) return undefined;
  const results = new Map<number | undefined, { backend: Backend } | { error: string }>();
  return (threads) => {
    let r = results.get(threads);
    if (!r) {
      r = load(threads === undefined ? {} : { threads });
      results.set(threads, r);
    }
    return r;
  };
}

export interface ProviderLoaders {
  native?: LoadWith;
  wasm?: LoadWith;
  /** Said with the wasm backend (e.g. why it runs one thread). */
  wasmNote?: string;
}

/**
 * The trainer's backend provider. `env.DENDRITE_BACKEND` (native | wasm | reference) is the
 * preference when the request has none.
 */
export function createBackendProvider(loaders: ProviderLoaders, runThreads: RunThreads, env: { DENDRITE_BACKEND?: string } = {}): BackendProvider {
  const chain: BackendLoaders = { native: cached(loaders.native), wasm: cached(loaders.wasm), wasmNote: loaders.wasmNote };
  return (preference) => {
    const wanted = preference ?? (isBackendName(env.DENDRITE_BACKEND) ? env.DENDRITE_BACKEND : undefined);
    return chooseBackend(wanted, chain, runThreads.current);
  };
}
