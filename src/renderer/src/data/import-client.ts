/** Runs an ImportJob in a fresh worker (one per import, ended after), handing over the file bytes. */
import { transferablesOf, type ImportJob, type ImportOutcome } from './import-job';

type FromWorker = { type: 'progress'; fraction: number } | { type: 'done'; outcome: ImportOutcome } | { type: 'error'; message: string };

export function importInWorker(job: ImportJob, onProgress: (fraction: number) => void = () => undefined): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'dendrite-import' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message.fraction);
      worker.terminate();
      if (message.type === 'done') resolve(message.outcome);
      else reject(new Error(message.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The import stopped: ${event.message || 'the worker failed'}`));
    };
    worker.postMessage(job, transferablesOf(job));
  });
}
