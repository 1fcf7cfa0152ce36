/**
 * Seeded train/dev/test split: one shuffle of the indices, then contiguous slices —
 * or, with `stratify` on a classification dataset, the same slicing within each class
 * so every split keeps the class proportions.
 */
import { createRng, shuffleInPlace, type Rng } from '../tensor/rng';
import { subset, type Dataset } from './dataset';
import type { SplitConfig } from './source';

export interface Splits {
  train: Dataset;
  dev: Dataset | null;
  test: Dataset | null;
}

export function splitDataset(data: Dataset, split: SplitConfig | undefined): Splits {
  if (!split || split.train >= 1) return { train: data, dev: null, test: null };
  const rng = createRng(split.seed);
  const order = Int32Array.from({ length: data.m }, (_, i) => i);
  shuffleInPlace(order, rng);
  if (split.stratify && data.numClasses >= 2 && data.targetWidth === 1) return stratified(data, split, order, rng);
  const mTrain = Math.max(1, Math.round(data.m * split.train));
  const mDev = Math.min(data.m - mTrain, Math.round(data.m * split.dev));
  const mTest = data.m - mTrain - mDev;
  return {
    train: subset(data, order.subarray(0, mTrain)),
    dev: mDev > 0 ? subset(data, order.subarray(mTrain, mTrain + mDev)) : null,
    test: mTest > 0 ? subset(data, order.subarray(mTrain + mDev)) : null,
  };
}

function stratified(data: Dataset, split: SplitConfig, order: Int32Array, rng: Rng): Splits {
  const byClass: number[][] = Array.from({ length: data.numClasses }, () => []);
  for (const i of order) byClass[data.y[i]].push(i);
  const train: number[] = [];
  const dev: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    const k = members.length;
    const kTrain = Math.round(k * split.train);
    const kDev = Math.min(k - kTrain, Math.round(k * split.dev));
    train.push(...members.slice(0, kTrain));
    dev.push(...members.slice(kTrain, kTrain + kDev));
    test.push(...members.slice(kTrain + kDev));
  }
  if (train.length === 0) train.push(...(dev.length ? dev.splice(0, 1) : test.splice(0, 1)));
  const mix = (list: number[]) => {
    const a = Int32Array.from(list);
    shuffleInPlace(a, rng);
    return a;
  };
  return {
    train: subset(data, mix(train)),
    dev: dev.length > 0 ? subset(data, mix(dev)) : null,
    test: test.length > 0 ? subset(data, mix(test)) : null,
  };
}
