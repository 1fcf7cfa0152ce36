/**
 * A Web Worker as the run lifecycle's trainer (the web host's one). Typed structurally, so
 * the adapter is testable without a DOM: an uncaught error in the worker is its crash.
 */
import type { SpawnTrainer, TrainerChild } from './run-lifecycle';

export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null;
}

export function workerTrainer(createWorker: () => WorkerLike): SpawnTrainer {
  return (): TrainerChild => {
    const worker = createWorker();
    let exited: ((code: number | null, reason?: string) => void) | null = null;
    worker.onerror = (error) => {
      error.preventDefault();
      worker.terminate();
      exited?.(null, error.message || 'unknown error');
    };
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => {
        worker.onmessage = (event) => listener(event.data);
      },
      onExit: (listener) => {
        exited = listener;
      },
      kill: () => worker.terminate(),
    };
  };
}
