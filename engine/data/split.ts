/** Seeded train/dev/test split: one shuffle of the indices, then contiguous slices. */
import { createRng, shuffleInPlace } from '../tensor/rng';
import { subset, type Dataset } from './dataset';
import type { SplitConfig } from './source';

export interface Splits {
  train: Dataset;
  dev: Dataset | null;
  test: Dataset | null;
}

export function splitDataset(data: Dataset, split: SplitConfig | undefined): Splits {
  if (!split || split.train >= 1) return { train: data, dev: null, test: null };
  const order = Int32Array.from({ length: data.m }, (_, i) => i);
  shuffleInPlace(order, createRng(split.seed));
  const mTrain = Math.max(1, Math.round(data.m * split.train));
  const mDev = Math.min(data.m - mTrain, Math.round(data.m * split.dev));
  const mTest = data.m - mTrain - mDev;
  return {
    train: subset(data, order.subarray(0, mTrain)),
    dev: mDev > 0 ? subset(data, order.subarray(mTrain, mTrain + mDev)) : null,
    test: mTest > 0 ? subset(data, order.subarray(mTrain + mDev)) : null,
  };
}
