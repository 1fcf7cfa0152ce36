/**
 * Gradient checking for a run request: the same data, split and normalisation as
 * training (prepareRun), on a small evenly spaced subset of the training set, with L2
 * as configured — at the run's initial weights (its seed), or, when the request
 * carries `initialModel`, at that model's weights (a trained network; inputs then use
 * the model's own normalisation, as training from it would). Used by the panels'
 * "Check gradients" button (and by the trainer's 'gradcheck' message).
 */
import { subset } from '../data/dataset';
import { loadInitialWeights } from '../export/initial-weights';
import { createReferenceBackend } from '../kernels/reference';
import type { RunRequest } from '../protocol/messages';
import { gradientCheck, type GradCheckResult } from './gradcheck';
import { prepareRun } from './prepare';

export interface RequestCheckOptions {
  /** Examples used for J (default 64). */
  examples?: number;
  /** Components of θ checked (default 500, a seeded sample beyond that). */
  maxChecks?: number;
}

export function gradCheckRequest(request: RunRequest, options: RequestCheckOptions = {}): GradCheckResult {
  // Batch size 1: only the split and normalised data are needed here, not training buffers.
  const prepared = prepareRun({ ...request, config: { ...request.config, batchSize: 1 } }, createReferenceBackend());
  const train = prepared.train;
  const m = Math.min(options.examples ?? 64, train.m);
  const step = train.m / m;
  const small = subset(
    train,
    Array.from({ length: m }, (_, i) => Math.floor(i * step)),
  );
  const model = request.initialModel;
  return gradientCheck(prepared.spec, small, {
    // Fresh weights: biases start slightly off zero (as the CLI) so no ReLU sits on its kink.
    // Trained weights are checked exactly as they are.
    biasJitter: model ? 0 : 0.1,
    l2: request.config.l2 ?? 0,
    seed: request.config.seed,
    maxChecks: options.maxChecks ?? 500,
    ...(model
      ? {
          initialise: (net) => {
            const loaded = loadInitialWeights(net, model);
            if (!loaded.ok) throw new Error(loaded.error);
          },
        }
      : {}),
  });
}
