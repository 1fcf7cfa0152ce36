/**
 * Backend choice for a Node-based trainer (utility process, fork, worker): the native
 * backend with the thread count the run asked for (RunRequest.threads, set by main to
 * the run's share of the cores), otherwise the reference backend with the reason.
 *
 * The trainer's provider is only told the backend preference, so `watchRunThreads`
 * reads `threads` off each start-run message before the trainer handles it (the
 * provider is called synchronously while that message is handled).
 */
import type { Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { BackendChoice, BackendProvider } from './trainer';
import type { TrainerPort } from './ports';

export type LoadNative = (opts: { threads?: number }) => { backend: Backend } | { error: string };

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

/** One native backend per thread count (they share the addon; each re-applies its own count). */
export function createBackendProvider(loadNative: LoadNative, runThreads: RunThreads, env: { DENDRITE_BACKEND?: string } = process.env): BackendProvider {
  const native = new Map<number | undefined, BackendChoice | { error: string }>();
  return (preference) => {
    if (env.DENDRITE_BACKEND === 'reference' || preference === 'reference') {
      return { backend: createReferenceBackend('float32'), info: { name: 'reference' } };
    }
    const threads = runThreads.current;
    let choice = native.get(threads);
    if (!choice) {
      const loaded = loadNative(threads === undefined ? {} : { threads });
      choice = 'backend' in loaded ? { backend: loaded.backend, info: { name: 'native', threads: loaded.backend.threads } } : { error: loaded.error };
      native.set(threads, choice);
    }
    if ('backend' in choice) return choice;
    return { backend: createReferenceBackend('float32'), info: { name: 'reference', fallbackReason: choice.error } };
  };
}
