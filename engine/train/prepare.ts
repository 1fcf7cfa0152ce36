/**
 * Everything before the first step: validate the spec against the data, load and
 * split the data, fit the normalisation on train, and plan the network.
 */
import { compileSpec, describeDiagnostics } from '../compile';
import type { Dataset } from '../data/dataset';
import { loadSource } from '../data/load';
import { fitNormalisation, normaliseDataset, type NormalisationParams } from '../data/normalise';
import { splitDataset } from '../data/split';
import type { Backend } from '../kernels/kernels';
import { createNetwork, type Network } from '../model/network';
import type { RunRequest } from '../protocol/messages';
import type { ModelSpec } from '../spec/types';
import { MAX_TOTAL_PARAMS } from '../spec/limits';

export interface Prepared {
  spec: ModelSpec;
  train: Dataset;
  dev: Dataset | null;
  test: Dataset | null;
  normalisation: NormalisationParams;
  net: Network;
  batchSize: number;
}

/** Activation memory we are willing to plan (bytes); beyond it, ask for mini-batches. */
const MAX_PLAN_BYTES = 1.5e9;

export class RunInputError extends Error {}

export function prepareRun(request: RunRequest, backend: Backend): Prepared {
  let data: Dataset;
  try {
    data = loadSource(request.data);
  } catch (error) {
    throw new RunInputError(`The data is invalid: ${(error as Error).message}`);
  }
  const compiled = compileSpec(request.spec, { exampleShape: data.exampleShape, numClasses: data.numClasses });
  if (!compiled.spec) throw new RunInputError(`The model spec is invalid: ${describeDiagnostics(compiled.diagnostics)}`);
  const totalParams = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  if (totalParams > MAX_TOTAL_PARAMS) {
    throw new RunInputError(`The model has ${totalParams.toLocaleString('en')} parameters; the limit is ${MAX_TOTAL_PARAMS.toLocaleString('en')}.`);
  }

  const splits = splitDataset(data, request.split);
  const normalisation = fitNormalisation(request.normalisation ?? 'none', splits.train);
  const train = normaliseDataset(normalisation, splits.train);
  const dev = splits.dev && normaliseDataset(normalisation, splits.dev);
  const test = splits.test && normaliseDataset(normalisation, splits.test);

  const requested = request.config.batchSize;
  const batchSize = requested === 'full' ? train.m : Math.max(1, Math.min(requested, train.m));
  const bytesPerValue = backend.dtype === 'float64' ? 8 : 4;
  const valuesPerExample = compiled.layers.reduce((sum, l) => sum + l.outShape.reduce((a, b) => a * b, 1), 0);
  // About four buffers per activation (Z, A, dZ, dA).
  const planBytes = valuesPerExample * batchSize * 4 * bytesPerValue;
  if (planBytes > MAX_PLAN_BYTES) {
    throw new RunInputError(
      `A batch of ${batchSize} examples needs about ${(planBytes / 1e9).toFixed(1)} GB of activations; use mini-batches (e.g. batch size 64).`,
    );
  }
  const net = createNetwork(compiled.spec, backend, { capacity: batchSize, seed: request.config.seed });
  return { spec: compiled.spec, train, dev, test, normalisation, net, batchSize };
}
