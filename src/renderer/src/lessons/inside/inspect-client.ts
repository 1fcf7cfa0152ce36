/**
 * Views computed by the trainer on request (a step-through, filters, feature maps, saliency):
 * each request runs in its own trainer Web Worker — the same trainer code and engine that train —
 * so the interface never computes them on its own thread. Works on both hosts (a Web Worker is
 * part of the page), whatever backend the host trains with.
 */
import type { FromTrainer, Inspection, InspectView, RunRequest } from '../../../../../engine/protocol';

/** A view that takes longer than this is abandoned (and its worker ended). */
const INSPECT_TIMEOUT_MS = 120_000;

let counter = 0;

export function inspect(run: RunRequest, view: InspectView, createWorker: () => Worker = defaultWorker): Promise<Inspection> {
  const inspectId = `inspect-${Date.now().toString(36)}-${(counter += 1)}`;
  const worker = createWorker();
  return new Promise<Inspection>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(() => reject(new Error('The trainer took too long to answer; try a smaller network or example.'))),
      INSPECT_TIMEOUT_MS,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      worker.terminate();
      settle();
    };
    worker.onmessage = (message: MessageEvent<FromTrainer>) => {
      const event = message.data;
      if (event.type === 'inspection' && event.runId === inspectId) finish(() => resolve(event.inspection));
      else if ((event.type === 'inspect-failed' || event.type === 'run-failed') && event.runId === inspectId) finish(() => reject(new Error(event.message)));
    };
    worker.onerror = (error) => {
      error.preventDefault();
      finish(() => reject(new Error(`The trainer stopped unexpectedly: ${error.message || 'unknown error'}`)));
    };
    worker.postMessage({ type: 'inspect', inspectId, run, view });
  });
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../../../trainer/web-worker.ts', import.meta.url), { type: 'module', name: 'dendrite-inspect' });
}
