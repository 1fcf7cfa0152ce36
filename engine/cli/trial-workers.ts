/**
 * Search trials in parallel for the built CLI: worker threads that each run one trial at a time
 * with the same engine (`runTraining`), started from the CLI's own bundle (entry.ts hands a
 * worker to runTrialWorker). A trial is a normal run request; a worker answers with its final
 * metrics or its failure, never with the live events.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { chooseBackend } from '../kernels/choose';
import type { Backend } from '../kernels/kernels';
import { loadNativeBackend } from '../native/load';
import { loadWasmBackend } from '../node/wasm';
import type { BackendName, RunRequest } from '../protocol/messages';
import type { TrialOutcome } from '../search/run';
import { trainTrial } from './trial';
import type { TrialRunner } from './io';

export const TRIAL_WORKER = 'dendrite-trial-worker';

interface Answer {
  runId: string;
  outcome: TrialOutcome;
}

/** In a worker: run each request it is sent, answer with the outcome. */
export function runTrialWorker(backendName: BackendName): void {
  const port = parentPort;
  if (!port) throw new Error('runTrialWorker runs in a worker thread');
  // The backend the main thread chose (and said), loaded once per thread count: a wasm module
  // takes tens of milliseconds to instantiate, a trial may take less.
  const loaded = new Map<number, Backend>();
  const backendFor = (threads: number): Backend => {
    if (!loaded.has(threads)) {
      const loaders = { native: (t?: number) => loadNativeBackend({ threads: t }), wasm: (t?: number) => loadWasmBackend({ threads: t }) };
      loaded.set(threads, chooseBackend(backendName, loaders, threads).backend);
    }
    return loaded.get(threads)!;
  };
  port.on('message', async (request: RunRequest) => {
    const backend = backendFor(request.threads ?? 1);
    const outcome = await trainTrial(request, backend, () => performance.now(), undefined, { ownsData: true });
    port.postMessage({ runId: request.runId, outcome } satisfies Answer);
  });
}

/** `lanes` workers of the bundle at `script`, each taking the next trial when it is free. */
export function workerTrialRunner(script: string, lanes: number, backend: BackendName): TrialRunner {
  const idle: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  const all: Worker[] = [];
  for (let i = 0; i < lanes; i++) {
    const worker = new Worker(script, { workerData: { role: TRIAL_WORKER, backend } });
    all.push(worker);
    idle.push(worker);
  }
  const acquire = () => new Promise<Worker>((resolve) => (idle.length > 0 ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (worker: Worker) => (waiting.length > 0 ? waiting.shift()!(worker) : idle.push(worker));
  return {
    lanes,
    async run(request) {
      const worker = await acquire();
      try {
        return await new Promise<TrialOutcome>((resolve) => {
          const onMessage = (answer: Answer) => {
            if (answer.runId !== request.runId) return;
            worker.off('message', onMessage);
            worker.off('error', onError);
            resolve(answer.outcome);
          };
          const onError = (error: Error) => {
            worker.off('message', onMessage);
            resolve({ ok: false, error: `the trial's worker failed: ${error.message}` });
          };
          worker.on('message', onMessage);
          worker.once('error', onError);
          worker.postMessage(request);
        });
      } finally {
        release(worker);
      }
    },
    close() {
      for (const worker of all) void worker.terminate();
    },
  };
}
