/**
 * The obvious way to split and normalise (copy each split, then normalise the copy): the oracle
 * the engine's one-buffer views (gatherSplits) are checked against, and a readable way to look at
 * what splitIndices chose. The app never copies splits, so this lives with the tests.
 */
import { exampleSize, subset, type Dataset } from '../../engine/data/dataset';
import { applyNormalisation, type NormalisationParams } from '../../engine/data/normalise';
import { splitIndices } from '../../engine/data/split';
import type { SplitConfig } from '../../engine/data/source';

export interface Splits {
  train: Dataset;
  /** Held out of train (SplitConfig.trainDev), or null. */
  trainDev: Dataset | null;
  dev: Dataset | null;
  test: Dataset | null;
}

export function splitDataset(data: Dataset, split: SplitConfig | undefined): Splits {
  if (!split || (split.train >= 1 && !(split.trainDev! > 0))) return { train: data, trainDev: null, dev: null, test: null };
  const ix = splitIndices(data, split);
  const part = (indices: Int32Array) => (indices.length > 0 ? subset(data, indices) : null);
  return { train: subset(data, ix.train), trainDev: part(ix.trainDev), dev: part(ix.dev), test: part(ix.test) };
}

export function normaliseDataset(params: NormalisationParams, data: Dataset): Dataset {
  const x = new Float32Array(data.x);
  applyNormalisation(params, x, exampleSize(data));
  return { ...data, x };
}
