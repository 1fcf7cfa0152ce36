/**
 * Gradient checking for a run request: the same data, split and normalisation as
 * training (prepareRun), on a small evenly spaced subset of the training set, at the
 * run's initial weights (its seed), with L2 as configured. Used by the panels'
 * "Check gradients" button (and by the trainer's 'gradcheck' message).
 */
import { compileSpec, describeDiagnostics } from '../compile';
import { subset } from '../data/dataset';
import { loadSource } from '../data/load';
import { fitNormalisation, normaliseDataset } from '../data/normalise';
import { splitDataset } from '../data/split';
import type { RunRequest } from '../protocol/messages';
import { gradientCheck, type GradCheckResult } from './gradcheck';

export interface RequestCheckOptions {
  /** Examples used for J (default 64). */
  examples?: number;
  /** Components of θ checked (default 500, a seeded sample beyond that). */
  maxChecks?: number;
}

export function gradCheckRequest(request: RunRequest, options: RequestCheckOptions = {}): GradCheckResult {
  const data = loadSource(request.data);
  const compiled = compileSpec(request.spec, { exampleShape: data.exampleShape, numClasses: data.numClasses });
  if (!compiled.spec) throw new Error(`The model spec is invalid: ${describeDiagnostics(compiled.diagnostics)}`);
  const splits = splitDataset(data, request.split);
  const normalisation = fitNormalisation(request.normalisation ?? 'none', splits.train);
  const train = normaliseDataset(normalisation, splits.train);
  const m = Math.min(options.examples ?? 64, train.m);
  const step = train.m / m;
  const small = subset(train, Array.from({ length: m }, (_, i) => Math.floor(i * step)));
  return gradientCheck(compiled.spec, small, {
    // As the CLI: biases start slightly off zero so no ReLU sits on its kink.
    biasJitter: 0.1,
    l2: request.config.l2 ?? 0,
    seed: request.config.seed,
    maxChecks: options.maxChecks ?? 500,
  });
}
