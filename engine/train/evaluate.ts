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
  /** Predicted class per example (classification), or empty for regression. */
  predictions: Int32Array;
  /** Fraction misclassified (NaN for regression). */
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

export function evaluate(net: Network, data: Dataset, order: Int32Array, l2 = 0): Evaluation {
  const classify = data.numClasses >= 2;
  const predictions = new Int32Array(classify ? data.m : 0);
  let lossTotal = 0;
  let wrong = 0;
  for (let start = 0; start < data.m; start += net.capacity) {
    const m = Math.min(net.capacity, data.m - start);
    gatherBatch(net, data, order, start, m);
    net.forward(m, 'test');
    lossTotal += net.cost(m) * m;
    if (classify) {
      for (let i = 0; i < m; i++) {
        const predicted = predictedClass(net, m, i);
        predictions[start + i] = predicted;
        if (predicted !== data.y[order[start + i]]) wrong++;
      }
    }
  }
  const m = Math.max(1, data.m);
  const l2Term = l2 > 0 ? (l2 / (2 * m)) * net.weightSquares() : 0;
  return { cost: lossTotal / m + l2Term, predictions, error: classify ? wrong / m : NaN };
}
