/**
 * Full-batch training feeds the same X and Y every step, so the loop loads them once. The
 * evaluation passes between steps reuse the network's input and target buffers, though, and
 * re-gathering the batch afterwards is a strided, transposing copy (W2: 209 × 12,288 values,
 * ≈ 10 ms — more than two training steps). This keeps a private copy of the loaded full batch
 * (when it is at most `maxValues` values) and restores it with one contiguous copy instead.
 */
import { loadBatch } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import type { FloatArray } from '../kernels/kernels';
import type { Network } from '../model/network';

/** 16 M values (64 MB as float32): beyond this, reloading costs memory rather than time. */
export const RESIDENT_COPY_MAX_VALUES = 16 * 1024 * 1024;

export interface BatchLoader {
  /**
   * Loads examples order[start..start+m) into the network. `fullBatch`: this is the whole
   * training set in a fixed order (no shuffling, no augmentation), so it may come from the copy.
   */
  load(order: ArrayLike<number>, start: number, m: number, fullBatch: boolean): void;
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
      loadBatch(net, train, order, start, m);
      const xValues = net.input.exampleSize * m;
      if (fullBatch && xValues <= maxValues) {
        copy = { X: net.input.A.slice(0, xValues), Y: net.Y.slice(0, net.output.units * m), m };
      }
    },
  };
}
