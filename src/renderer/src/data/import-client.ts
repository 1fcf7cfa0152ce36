/** Runs an ImportJob in a fresh worker (one per import, ended after), handing over the file bytes. */
import type { CsvTable } from '../../../../engine/data';
import { transferablesOf, type ImportJob, type ImportOutcome, type TableJob } from './import-job';

type FromWorker =
  { type: 'progress'; fraction: number } | { type: 'done'; outcome: ImportOutcome } | { type: 'table'; table: CsvTable } | { type: 'error'; message: string };

export function importInWorker(job: ImportJob, onProgress: (fraction: number) => void = () => undefined): Promise<ImportOutcome> {
  return inWorker(job, transferablesOf(job), onProgress).then((m) => (m as { outcome: ImportOutcome }).outcome);
}

/** Parses a CSV/TSV in the worker (its bytes handed over). */
export function parseTableInWorker(file: TableJob['file']): Promise<CsvTable> {
  const whole = file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
  return inWorker({ kind: 'csv-table', file }, whole ? [file.bytes.buffer as ArrayBuffer] : []).then((m) => (m as { table: CsvTable }).table);
}

function inWorker(job: ImportJob | TableJob, transfer: ArrayBuffer[], onProgress: (fraction: number) => void = () => undefined): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'dendrite-import' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message.fraction);
      worker.terminate();
      if (message.type === 'error') reject(new Error(message.message));
      else resolve(message);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The import stopped: ${event.message || 'the worker failed'}`));
    };
    worker.postMessage(job, transfer);
  });
}
