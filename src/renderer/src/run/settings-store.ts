/** Training settings the toolbar edits: the dataset and the course's hyperparameters. */
import { createStore } from 'zustand/vanilla';
import type { OptimizerConfig, OptimizerKind } from '../../../../engine/train/config';

export interface SettingsState {
  datasetId: string;
  datasetSeed: number;
  learningRate: number;
  iterations: number;
  seed: number;
  /** Mini-batch size, or 'full' for batch gradient descent (1 = stochastic). */
  batchSize: number | 'full';
  optimizer: OptimizerKind;
}

export const DEFAULT_SETTINGS: SettingsState = {
  datasetId: 'flower',
  datasetSeed: 1,
  learningRate: 1.2,
  iterations: 10000,
  seed: 2,
  batchSize: 'full',
  optimizer: 'gd',
};

/** The course's default hyperparameters for each optimizer (β = 0.9, β₂ = 0.999, ε = 1e−8). */
export function optimizerConfig(kind: OptimizerKind): OptimizerConfig {
  switch (kind) {
    case 'gd':
      return { kind };
    case 'momentum':
      return { kind, beta: 0.9 };
    case 'rmsprop':
      return { kind, beta2: 0.999, epsilon: 1e-8 };
    case 'adam':
      return { kind, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  }
}

export function createSettingsStore(initial: SettingsState = DEFAULT_SETTINGS) {
  return createStore<SettingsState>()(() => ({ ...initial }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
