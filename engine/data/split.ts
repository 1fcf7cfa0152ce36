/**
 * Seeded train/dev/test split: one shuffle of the indices, then contiguous slices —
 * or, with `stratify` on a classification dataset, the same slicing within each class
 * so every split keeps the class proportions. An optional train-dev set is the tail of
 * the train slice (per class when stratified): same distribution as train, never trained on.
 */
import { createRng, shuffleInPlace, type Rng } from '../tensor/rng';
import type { Dataset } from './dataset';
import type { SplitConfig } from './source';

/** Indices into the dataset for each split, in the order the examples are stored. */
export interface SplitIndices {
  train: Int32Array;
  trainDev: Int32Array;
  dev: Int32Array;
  test: Int32Array;
}

export function splitIndices(data: Dataset, split: SplitConfig): SplitIndices {
  const rng = createRng(split.seed);
  const order = Int32Array.from({ length: data.m }, (_, i) => i);
  shuffleInPlace(order, rng);
  const trainDev = split.trainDev ?? 0;
  if (split.stratify && data.numClasses >= 2 && data.targetWidth === 1) return stratified(data, split, trainDev, order, rng);
  const mTrainAll = Math.max(1, Math.round(data.m * Math.min(1, split.train)));
  const mDev = Math.min(data.m - mTrainAll, Math.round(data.m * split.dev));
  // Train keeps at least one example whatever the train-dev fraction.
  const mTrainDev = Math.min(mTrainAll - 1, Math.round(mTrainAll * trainDev));
  const mTrain = mTrainAll - mTrainDev;
  return {
    train: order.subarray(0, mTrain),
    trainDev: order.subarray(mTrain, mTrainAll),
    dev: order.subarray(mTrainAll, mTrainAll + mDev),
    test: order.subarray(mTrainAll + mDev),
  };
}

/** Without a split (or everything in train and no train-dev), train is every example in stored order. */
export function splitRows(data: Dataset, split: SplitConfig | undefined): SplitIndices {
  if (!split || (split.train >= 1 && !(split.trainDev! > 0))) {
    const none = new Int32Array(0);
    return { train: Int32Array.from({ length: data.m }, (_, i) => i), trainDev: none, dev: none, test: none };
  }
  return splitIndices(data, split);
}

function stratified(data: Dataset, split: SplitConfig, trainDevFraction: number, order: Int32Array, rng: Rng): SplitIndices {
  const byClass: number[][] = Array.from({ length: data.numClasses }, () => []);
  for (const i of order) byClass[data.y[i]].push(i);
  const train: number[] = [];
  const trainDev: number[] = [];
  const dev: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    const k = members.length;
    const kTrainAll = Math.round(k * Math.min(1, split.train));
    const kDev = Math.min(k - kTrainAll, Math.round(k * split.dev));
    const kTrainDev = Math.round(kTrainAll * trainDevFraction);
    // Loops rather than push(...slice): a class of a million examples would overflow the call stack.
    for (let j = 0; j < k; j++) {
      const list = j < kTrainAll - kTrainDev ? train : j < kTrainAll ? trainDev : j < kTrainAll + kDev ? dev : test;
      list.push(members[j]);
    }
  }
  if (train.length === 0) train.push([trainDev, dev, test].find((list) => list.length > 0)!.splice(0, 1)[0]);
  const mix = (list: number[]) => {
    const a = Int32Array.from(list);
    shuffleInPlace(a, rng);
    return a;
  };
  return { train: mix(train), trainDev: mix(trainDev), dev: mix(dev), test: mix(test) };
}
