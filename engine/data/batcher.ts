/**
 * Copies a batch of examples (picked by an index array) into the network's input
 * and target buffers, in the layouts the layers expect: feature vectors as columns
 * (n_x, m), images examples-major (m, n_H, n_W, n_C); Y one-hot (k, m) for softmax,
 * (1, m) for a sigmoid unit, (n_y, m) for regression. No allocation.
 */
import type { Network } from '../model/network';
import type { OutputLayer } from '../spec/types';
import { exampleSize, type Dataset } from './dataset';

export function loadBatch(net: Network, data: Dataset, indices: ArrayLike<number>, start: number, m: number): void {
  const X = net.input.A;
  const n = exampleSize(data);
  if (data.exampleShape.length === 3) {
    for (let i = 0; i < m; i++) {
      const from = indices[start + i] * n;
      for (let f = 0; f < n; f++) X[i * n + f] = data.x[from + f];
    }
  } else {
    for (let i = 0; i < m; i++) {
      const from = indices[start + i] * n;
      for (let f = 0; f < n; f++) X[f * m + i] = data.x[from + f];
    }
  }
  loadTargets(net, data, indices, start, m);
}

function loadTargets(net: Network, data: Dataset, indices: ArrayLike<number>, start: number, m: number): void {
  const Y = net.Y;
  const units = net.output.units;
  const oneHot = (net.output.spec as OutputLayer).activation === 'softmax';
  if (oneHot) {
    Y.fill(0, 0, units * m);
    for (let i = 0; i < m; i++) {
      const label = data.y[indices[start + i]];
      if (label >= 0 && label < units) Y[label * m + i] = 1;
    }
  } else {
    const width = data.targetWidth;
    for (let i = 0; i < m; i++) {
      const from = indices[start + i] * width;
      for (let r = 0; r < units; r++) Y[r * m + i] = data.y[from + Math.min(r, width - 1)];
    }
  }
}

/** The identity order 0..m−1 (for evaluation passes). */
export function identityOrder(m: number): Int32Array {
  return Int32Array.from({ length: m }, (_, i) => i);
}
