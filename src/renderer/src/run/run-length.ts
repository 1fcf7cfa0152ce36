/**
 * How long a run will be, in the units the Training tab shows: training examples, mini-batches
 * per epoch and epochs, estimated from the dataset and the split before the trainer splits it
 * (the trainer's stratified split can differ by a few examples per class).
 */
import { datasetStore, type PrepState } from '../data/dataset-store';
import { findDataset } from './datasets';
import type { SettingsState } from './settings-store';

export interface RunLength {
  trainExamples: number;
  iterationsPerEpoch: number;
  epochs: number;
  iterations: number;
}

export function estimateTrainExamples(datasetId: string, prep: PrepState = datasetStore.getState().prep): number | null {
  const dataset = findDataset(datasetId);
  if (!dataset) return null;
  const { datasets, generators } = datasetStore.getState();
  const loaded = datasets[datasetId]?.data.m;
  const all = loaded ?? generators[datasetId]?.m ?? dataset.m;
  const m = prep.limit > 0 && dataset.kind !== 'generator' ? Math.min(prep.limit, all) : all;
  if (!prep.splitOn || prep.train >= 1) return Math.max(1, m - (prep.splitOn ? Math.round(m * prep.trainDev) : 0));
  const trainAll = Math.max(1, Math.round(m * prep.train));
  return Math.max(1, trainAll - Math.round(trainAll * prep.trainDev));
}

export function estimateRunLength(settings: SettingsState, trainExamples: number): RunLength {
  const batch = settings.batchSize === 'full' ? trainExamples : Math.min(settings.batchSize, trainExamples);
  const iterationsPerEpoch = Math.max(1, Math.ceil(trainExamples / batch));
  if (settings.lengthUnit === 'epochs') {
    return { trainExamples, iterationsPerEpoch, epochs: settings.epochs, iterations: settings.epochs * iterationsPerEpoch };
  }
  return { trainExamples, iterationsPerEpoch, epochs: Math.ceil(settings.iterations / iterationsPerEpoch), iterations: settings.iterations };
}
