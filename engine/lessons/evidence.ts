/**
 * What a checked goal rests on, as recorded in a results file — enough for `dendrite verify`
 * to compute it again: the network and dataset shape (compile, predict), or the whole training
 * run (its spec, generated data, split, normalisation and settings) with the metrics it gave.
 */
import type { DatasetShape } from '../compile/types';
import type { GeneratorSource, Normalisation, SplitConfig } from '../data/source';
import type { FinalMetrics, RunRequest } from '../protocol/messages';
import type { ModelSpec } from '../spec/types';
import type { TrainConfig } from '../protocol/train-config';

/**
 * A training run, reproducible anywhere: generated data (a few bytes, not the data), the
 * reference kernels on one thread (bit-for-bit the same result on every machine for a seed),
 * starting from the seed's initialisation.
 */
export interface RecordedRun {
  spec: ModelSpec;
  data: GeneratorSource;
  split?: SplitConfig;
  normalisation?: Normalisation;
  config: TrainConfig;
  backend: 'reference';
}

export type Evidence =
  | { kind: 'read' }
  | { kind: 'compile'; spec: ModelSpec; dataset: DatasetShape }
  | { kind: 'run'; run: RecordedRun; metrics: FinalMetrics }
  | { kind: 'gradcheck'; run: RecordedRun; difference: number }
  | { kind: 'predict'; spec: ModelSpec; dataset: DatasetShape; answers: { layer: string; quantity: string; typed: string }[] };

/** A run request as a results file records it, or why it cannot be (one line for the student). */
export function recordRun(request: RunRequest): { ok: true; run: RecordedRun } | { ok: false; error: string } {
  if (request.data.kind !== 'generator') {
    return { ok: false, error: 'Goals are recorded for runs on a generated dataset (flower, moons, …); choose the lesson’s dataset.' };
  }
  if (request.initialModel) return { ok: false, error: 'This run continued from trained weights; untick “Continue from” and train again.' };
  if (request.trainLimit !== undefined || request.augmentation)
    return { ok: false, error: 'This run used a subset or augmentation; train again with the lesson’s settings.' };
  if (request.backend !== 'reference')
    return { ok: false, error: 'This run was not made for the lesson (it did not use the reproducible kernels); train again.' };
  const run: RecordedRun = { spec: request.spec, data: { ...request.data }, config: { ...request.config }, backend: 'reference' };
  if (request.split) run.split = { ...request.split };
  if (request.normalisation) run.normalisation = request.normalisation;
  return { ok: true, run };
}

/** The run request a recorded run stands for. */
export function requestOf(run: RecordedRun, runId: string): RunRequest {
  const request: RunRequest = { runId, spec: run.spec, data: run.data, config: run.config, backend: 'reference', threads: 1 };
  if (run.split) request.split = run.split;
  if (run.normalisation) request.normalisation = run.normalisation;
  return request;
}
