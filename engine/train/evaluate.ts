/**
 * Test-mode passes over a whole dataset in chunks of the planned batch size:
 * cost, predictions, and the counts the metrics need.
 *
 * Chunks are loaded like the training loop's batches (`gatherBatch`: the backend's
 * gatherColumns kernel, whole-example copies for images), the same values as `loadBatch`
 * (tested) — its strided JS copy was ~10 ms of every W2 epoch evaluation (209 × 12,288).
 */
import { gatherBatch } from './resident-batch';
import type { Dataset } from '../data/dataset';
import type { Network } from '../model/network';
import type { OutputLayer } from '../spec/types';

export interface Evaluation {
  cost: number;
  /** Predicted class per example (classification), or empty for regression and multi-task. */
  predictions: Int32Array;
  /** Fraction misclassified (NaN for regression); multi-task: of the labels present, across tasks. */
  error: number;
}

/** Class of column i of A[L]: argmax for softmax, a > 0.5 for a sigmoid unit. */
export function predictedClass(net: Network, m: number, i: number): number {
  const A = net.output.A;
  const units = net.output.units;
  const activation = (net.output.spec as OutputLayer).activation;
  if (activation === 'sigmoid' && units === 1) return A[i] > 0.5 ? 1 : 0;
  let best = 0;
  for (let r = 1; r < units; r++) if (A[r * m + i] > A[best * m + i]) best = r;
  return best;
}

/**
 * `loaded`: the caller says the network's input and target buffers already hold
 * data[order[0..m)] — a full-batch run's resident batch, when data.m fits in one chunk — so
 * the pass skips the copy (W2: ~2 ms of a ~3.5 ms pass) and leaves the buffers as they were
 * (a forward pass in test mode writes only the layers' activations, never X or Y).
 * `pulse` is called after each chunk (RunHooks.pulse).
 */
export function evaluate(net: Network, data: Dataset, order: Int32Array, l2 = 0, loaded = false, pulse?: () => void): Evaluation {
  const classify = data.numClasses >= 2;
  const multiTask = net.output.multiTask;
  const predictions = new Int32Array(classify && !multiTask ? data.m : 0);
  let lossTotal = 0;
  let wrong = 0;
  let labels = 0;
  for (let start = 0; start < data.m; start += net.capacity) {
    const m = Math.min(net.capacity, data.m - start);
    if (!(loaded && data.m <= net.capacity)) gatherBatch(net, data, order, start, m);
    net.forward(m, 'test');
    lossTotal += net.cost(m) * m;
    if (classify && multiTask) {
      const [w, present] = countLabelErrors(net, m);
      wrong += w;
      labels += present;
    } else if (classify) wrong += classifyChunk(net, data, order, start, m, predictions);
    pulse?.();
  }
  const m = Math.max(1, data.m);
  const l2Term = l2 > 0 ? (l2 / (2 * m)) * net.weightSquares() : 0;
  const error = !classify ? NaN : multiTask ? wrong / Math.max(1, labels) : wrong / m;
  return { cost: lossTotal / m + l2Term, predictions, error };
}

/** Multi-task: wrong yes/no predictions (a > 0.5) among the labels present in the loaded Y, and how many are present. */
function countLabelErrors(net: Network, m: number): [wrong: number, present: number] {
  const A = net.output.A;
  const Y = net.Y;
  const size = net.output.units * m;
  let wrong = 0;
  let present = 0;
  for (let i = 0; i < size; i++) {
    const y = Y[i];
    if (y !== y) continue;
    present++;
    if ((A[i] > 0.5 ? 1 : 0) !== y) wrong++;
  }
  return [wrong, present];
}

/**
 * predictedClass for every column of a chunk, with the output's layout read once: W1 runs ~100
 * of these passes in 10,000 steps, mostly before V8 has optimised them, so a call and two
 * property lookups per example were most of a pass. Returns how many are misclassified.
 */
function classifyChunk(net: Network, data: Dataset, order: Int32Array, start: number, m: number, predictions: Int32Array): number {
  const A = net.output.A;
  const units = net.output.units;
  const y = data.y;
  let wrong = 0;
  if ((net.output.spec as OutputLayer).activation === 'sigmoid' && units === 1) {
    for (let i = 0; i < m; i++) {
      const predicted = A[i] > 0.5 ? 1 : 0;
      predictions[start + i] = predicted;
      if (predicted !== y[order[start + i]]) wrong++;
    }
    return wrong;
  }
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let r = 1; r < units; r++) if (A[r * m + i] > A[best * m + i]) best = r;
    predictions[start + i] = best;
    if (best !== y[order[start + i]]) wrong++;
  }
  return wrong;
}
