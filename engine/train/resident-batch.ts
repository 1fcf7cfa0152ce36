/**
 * How the training loop loads its batches.
 *
 * Mini-batches: the same result as `loadBatch` (engine/data/batcher.ts — the tests hold the two
 * equal), but the transposing gather of feature vectors is the backend's `gatherColumns`
 * kernel (native: register transposes, threaded) and images are copied a whole example at a
 * time — the per-value JS loop was 0.1–0.5 ms of every W3/W4 step, all of it serial.
 *
 * Full batches: full-batch training feeds the same X and Y every step, so the loop loads them
 * once. The evaluation passes between steps reuse the network's input and target buffers, and
 * re-gathering afterwards is a strided, transposing copy (W2: 209 × 12,288 values), so a
 * private copy of the loaded full batch (at most `maxValues` values) is restored instead.
 */
import type { Dataset } from '../data/dataset';
import { exampleSize } from '../data/dataset';
import type { FloatArray } from '../kernels/kernels';
import type { Network } from '../model/network';
import type { OutputLayer } from '../spec/types';

/** 16 M values (64 MB as float32): beyond this, reloading costs memory rather than time. */
export const RESIDENT_COPY_MAX_VALUES = 16 * 1024 * 1024;

export interface BatchLoader {
  /**
   * Loads examples order[start..start+m) into the network. `fullBatch`: this is the whole
   * training set in a fixed order (no shuffling, no augmentation), so it may come from the copy.
   */
  load(order: Int32Array, start: number, m: number, fullBatch: boolean): void;
}

export function createBatchLoader(net: Network, train: Dataset, maxValues = RESIDENT_COPY_MAX_VALUES): BatchLoader {
  let copy: { X: FloatArray; Y: FloatArray; m: number } | null = null;
  return {
    load(order, start, m, fullBatch) {
      if (fullBatch && copy && copy.m === m) {
        net.input.A.set(copy.X);
        net.Y.set(copy.Y);
        return;
      }
      gatherBatch(net, train, order, start, m);
      const xValues = net.input.exampleSize * m;
      if (fullBatch && xValues <= maxValues) {
        copy = { X: net.input.A.slice(0, xValues), Y: net.Y.slice(0, net.output.units * m), m };
      }
    },
  };
}

/** What loadBatch does, with the example copy done by a kernel / whole-example copies. */
export function gatherBatch(net: Network, data: Dataset, order: Int32Array, start: number, m: number): void {
  const X = net.input.A;
  const n = exampleSize(data);
  if (data.exampleShape.length === 3) {
    // Images stay examples-major (m, n_H, n_W, n_C): one contiguous copy per example.
    for (let i = 0; i < m; i++) {
      const from = order[start + i] * n;
      X.set(data.x.subarray(from, from + n), i * n);
    }
  } else {
    net.backend.kernels.gatherColumns(data.x, order, start, m, n, X);
  }
  gatherTargets(net, data, order, start, m);
}

/** Y one-hot (k, m) for softmax, (1, m) for a sigmoid unit, (n_y, m) for regression — as loadBatch. */
function gatherTargets(net: Network, data: Dataset, order: Int32Array, start: number, m: number): void {
  const Y = net.Y;
  const units = net.output.units;
  if ((net.output.spec as OutputLayer).activation === 'softmax') {
    Y.fill(0, 0, units * m);
    for (let i = 0; i < m; i++) {
      const label = data.y[order[start + i]];
      if (label >= 0 && label < units) Y[label * m + i] = 1;
    }
    return;
  }
  const width = data.targetWidth;
  for (let i = 0; i < m; i++) {
    const from = order[start + i] * width;
    for (let r = 0; r < units; r++) Y[r * m + i] = data.y[from + Math.min(r, width - 1)];
  }
}
