/** Builds the trainer's run request from a compiled spec and the toolbar's settings. */
import type { ModelSpec } from '../../../../engine/spec/types';
import type { RunRequest } from '../../../../engine/protocol/messages';
import { findDataset } from './datasets';
import type { SettingsState } from './settings-store';

export function buildRunRequest(runId: string, spec: ModelSpec, settings: SettingsState): RunRequest {
  const dataset = findDataset(settings.datasetId);
  if (!dataset) throw new Error('Choose a dataset to train on.');
  return {
    runId,
    spec,
    data: {
      kind: 'generator',
      name: dataset.id,
      m: dataset.m,
      noise: dataset.noise,
      seed: settings.datasetSeed,
    },
    config: {
      iterations: settings.iterations,
      batchSize: 'full',
      learningRate: settings.learningRate,
      optimizer: { kind: 'gd' },
      seed: settings.seed,
    },
  };
}
