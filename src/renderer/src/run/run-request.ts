/** Builds the trainer's run request from a compiled spec, the toolbar's settings and the data preparation choices. */
import type { ModelSpec } from '../../../../engine/spec/types';
import type { RunRequest } from '../../../../engine/protocol/messages';
import type { DataSource, SplitConfig } from '../../../../engine/data/source';
import { exampleSize } from '../../../../engine/data/dataset';
import { isMultiTask } from '../../../../engine/tasks/dataset';
import { findDataset } from './datasets';
import { optimizerConfig, type SettingsState } from './settings-store';
import { datasetStore, type PrepState } from '../data/dataset-store';

function dataSource(settings: SettingsState, prep: PrepState): DataSource {
  const dataset = findDataset(settings.datasetId);
  if (!dataset) throw new Error('Choose a dataset to train on.');
  if (dataset.kind === 'generator') {
    const override = datasetStore.getState().generators[dataset.id];
    return {
      kind: 'generator',
      name: dataset.generator!,
      m: override?.m ?? dataset.m,
      noise: override?.noise ?? dataset.noise,
      classes: dataset.classes,
      seed: settings.datasetSeed,
    };
  }
  const { datasets, loading } = datasetStore.getState();
  const loaded = datasets[dataset.id];
  if (!loaded) {
    const state = loading[dataset.id];
    throw new Error(typeof state === 'string' ? state : `${dataset.label} is still loading; try again in a moment.`);
  }
  const data = loaded.data;
  if (data.targetWidth !== 1 && !isMultiTask(data)) throw new Error(`${dataset.label}: only one target per example is supported.`);
  const m = prep.limit > 0 ? Math.min(prep.limit, data.m) : data.m;
  const n = exampleSize(data);
  // Structured cloning copies a view's whole buffer, so a subset is sliced into its own.
  return {
    kind: 'inline',
    x: m === data.m ? data.x : data.x.slice(0, m * n),
    y: m === data.m ? data.y : data.y.slice(0, m * data.targetWidth),
    exampleShape: [...data.exampleShape],
    numClasses: data.numClasses,
    classNames: data.classNames,
    ...(data.taskNames ? { taskNames: data.taskNames } : {}),
  };
}

export function buildSplit(prep: PrepState): SplitConfig | undefined {
  if (!prep.splitOn) return undefined;
  const split: SplitConfig = { train: prep.train, dev: prep.dev, seed: prep.splitSeed, stratify: prep.stratify };
  if (prep.trainDev > 0) split.trainDev = prep.trainDev;
  return split;
}

export function buildRunRequest(runId: string, spec: ModelSpec, settings: SettingsState, prep: PrepState = datasetStore.getState().prep): RunRequest {
  const request: RunRequest = {
    runId,
    spec,
    data: dataSource(settings, prep),
    config: {
      ...(settings.lengthUnit === 'epochs' ? { epochs: settings.epochs } : { iterations: settings.iterations }),
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      optimizer: optimizerConfig(settings.optimizer),
      seed: settings.seed,
      // Off settings are left out, so a request reads as what the run does.
      ...(settings.l2 > 0 ? { l2: settings.l2 } : {}),
      ...(settings.decay.kind !== 'none' ? { decay: settings.decay } : {}),
      ...(settings.earlyStopping ? { earlyStopping: { patience: settings.patience } } : {}),
    },
  };
  const split = buildSplit(prep);
  if (split) request.split = split;
  if (prep.normalisation !== 'none') request.normalisation = prep.normalisation;
  // Flips and shifts apply to images only; the toggles are shown for image datasets alone.
  const images = request.data.kind === 'inline' && request.data.exampleShape.length === 3;
  if (images && (prep.flipHorizontal || prep.maxShift > 0)) {
    request.augmentation = { ...(prep.flipHorizontal ? { flipHorizontal: true } : {}), ...(prep.maxShift > 0 ? { maxShift: prep.maxShift } : {}) };
  }
  return request;
}
