/** The model a finished run produced, ready for exportModel. */
import type { RunRequest } from '../protocol/messages';
import type { FinalMetrics } from '../protocol/messages';
import type { Prepared } from '../train/prepare';
import type { TrainedModel } from './model';

export const APP_ID = 'dendrite 0.1.0';

export function modelFromRun(prepared: Prepared, request: RunRequest, metrics: FinalMetrics, backendName: string, now = new Date()): TrainedModel {
  const data = request.data;
  const source = data.kind === 'generator' ? `${data.name} (m = ${data.m}, seed ${data.seed})` : `inline (${prepared.train.m} training examples)`;
  return {
    net: prepared.net,
    normalisation: prepared.normalisation,
    numClasses: prepared.train.numClasses,
    classNames: prepared.train.classNames,
    metrics,
    provenance: {
      createdAt: now.toISOString(),
      app: APP_ID,
      backend: backendName,
      seed: request.config.seed,
      data: source,
      iterations: metrics.iterations,
      epochs: metrics.epochs,
    },
    training: request.config,
  };
}
