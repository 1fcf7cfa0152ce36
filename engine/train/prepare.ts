/**
 * Everything before the first step: validate the spec against the data, load and
 * split the data, fit the normalisation on train, and plan the network.
 */
import { compileSpec, describeDiagnostics } from '../compile';
import type { Dataset } from '../data/dataset';
import { loadSource } from '../data/load';
import { fitNormalisation, type NormalisationParams } from '../data/normalise';
import { splitRows } from '../data/split';
import { gatherSplits } from '../data/split-views';
import { loadInitialWeights } from '../export/initial-weights';
import { applyTransfer } from '../transfer/apply';
import { shapeOfData } from '../data/tasks/dataset';
import { createRng, shuffleInPlace } from '../tensor/rng';
import type { Backend } from '../kernels/kernels';
import { createNetwork, type Network } from '../model/network';
import type { RunRequest } from '../protocol/messages';
import type { ModelSpec } from '../spec/types';
import { MAX_TOTAL_PARAMS } from '../spec/limits';
import { MAX_NETWORK_BYTES, networkFootprint, networkMemoryProblem } from '../limits';

export interface Prepared {
  spec: ModelSpec;
  train: Dataset;
  /** Held out of the train split (same distribution, never trained on), or null. */
  trainDev: Dataset | null;
  dev: Dataset | null;
  test: Dataset | null;
  normalisation: NormalisationParams;
  net: Network;
  batchSize: number;
  /** Each split's examples as rows of the data the request sent (error analysis names examples by them). */
  sourceRows: { train: Int32Array; dev: Int32Array };
}

export class RunInputError extends Error {}

export interface PrepareOptions {
  /**
   * The caller gives up the request's inline data (a trainer that received it in a message):
   * the splits are reordered and normalised in its own buffers, so the run holds one copy of
   * the data instead of two. Never for data the caller keeps using (tests, benchmarks).
   */
  ownsData?: boolean;
  /** Plan the network to compute dX too (saliency maps; see NetworkOptions.inputGradient). */
  inputGradient?: boolean;
}

export function prepareRun(request: RunRequest, backend: Backend, options: PrepareOptions = {}): Prepared {
  let data: Dataset;
  try {
    data = loadSource(request.data);
  } catch (error) {
    throw new RunInputError(`The data is invalid: ${(error as Error).message}`);
  }
  const compiled = compileSpec(request.spec, shapeOfData(data));
  if (!compiled.spec) throw new RunInputError(`The model spec is invalid: ${describeDiagnostics(compiled.diagnostics)}`);
  const totalParams = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  if (totalParams > MAX_TOTAL_PARAMS) {
    throw new RunInputError(`The model has ${totalParams.toLocaleString('en')} parameters; the limit is ${MAX_TOTAL_PARAMS.toLocaleString('en')}.`);
  }

  // Rows of `data` in each split; the data itself is copied once, below, after normalisation is known.
  const rows = splitRows(data, request.split);
  rows.train = limitTrain(rows.train, request.trainLimit, request.split?.seed ?? request.config.seed);
  const trainM = rows.train.length;

  const requested = request.config.batchSize;
  const batchSize = requested === 'full' ? trainM : Math.max(1, Math.min(requested, trainM));
  // Memory before the network is built (engine/limits.ts): parameters and the batch's activations.
  const memory = networkMemoryProblem(networkFootprint(compiled.layers, backend.dtype === 'float64' ? 8 : 4), batchSize, MAX_NETWORK_BYTES);
  if (memory) throw new RunInputError(`Not enough memory for this run: ${memory}.`);
  const net = createNetwork(compiled.spec, backend, {
    capacity: batchSize,
    seed: request.config.seed,
    skipInit: !!request.initialModel,
    inputGradient: options.inputGradient,
  });
  // Transfer learning: the chosen layers take the model's weights over their fresh ones.
  let transferred: NormalisationParams | null = null;
  if (request.transfer) {
    const applied = applyTransfer(net, request.transfer);
    if (!applied.ok) throw new RunInputError(applied.error);
    transferred = applied.normalisation;
  }

  // A run that starts from trained weights must see its inputs the way they were trained:
  // the model's own normalisation, not one refitted on this data.
  let normalisation: NormalisationParams;
  if (request.initialModel) {
    const loaded = loadInitialWeights(net, request.initialModel);
    if (!loaded.ok) throw new RunInputError(loaded.error);
    normalisation = loaded.normalisation;
  } else if (transferred) {
    // The transferred layers learned on inputs transformed the source model's way.
    normalisation = transferred;
  } else {
    normalisation = fitNormalisation(request.normalisation ?? 'none', data, rows.train);
  }
  // One normalised copy holds every split as a view (not a copy per split and per normalisation).
  const { train, trainDev, dev, test } = gatherSplits(data, rows, normalisation, { inPlace: options.ownsData === true });
  return { spec: compiled.spec, train, trainDev, dev, test, normalisation, net, batchSize, sourceRows: { train: rows.train, dev: rows.dev } };
}

/**
 * The first `limit` training examples of a seeded shuffle (learning curves): the same
 * seed gives nested subsets, so each point of a curve adds examples to the previous one.
 */
function limitTrain(train: Int32Array, limit: number | undefined, seed: number): Int32Array {
  if (limit === undefined || limit >= train.length) return train;
  const order = Int32Array.from({ length: train.length }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  return order.subarray(0, Math.max(1, limit)).map((k) => train[k]);
}
