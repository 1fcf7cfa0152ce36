/** Training settings: the dataset and the course's hyperparameters (toolbar and Training tab). */
import { createStore } from 'zustand/vanilla';
import type { DecayConfig, OptimizerConfig, OptimizerKind } from '../../../../engine/train/config';

/** Whether a run's length is given in gradient steps or in passes over the training set. */
export type LengthUnit = 'iterations' | 'epochs';

export interface SettingsState {
  datasetId: string;
  datasetSeed: number;
  learningRate: number;
  lengthUnit: LengthUnit;
  iterations: number;
  epochs: number;
  /** Seeds initialisation, shuffling and dropout masks: the same seed gives the same run. */
  seed: number;
  /** Mini-batch size, or 'full' for batch gradient descent (1 = stochastic). */
  batchSize: number | 'full';
  optimizer: OptimizerKind;
  /** λ of L2 regularisation; 0 = off. */
  l2: number;
  decay: DecayConfig;
  /** Early stopping on the dev cost, with this patience in epochs; restores the best weights. */
  earlyStopping: boolean;
  patience: number;
}

export const DEFAULT_SETTINGS: SettingsState = {
  datasetId: 'flower',
  datasetSeed: 1,
  learningRate: 1.2,
  lengthUnit: 'iterations',
  iterations: 10000,
  epochs: 10,
  seed: 2,
  batchSize: 'full',
  optimizer: 'gd',
  l2: 0,
  decay: { kind: 'none' },
  earlyStopping: false,
  patience: 10,
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

/** A seed for "New seed": a different initialisation, shuffling and dropout, shown so it can be typed back. */
export function freshSeed(current: number, random: () => number = Math.random): number {
  let seed = current;
  while (seed === current) seed = 1 + Math.floor(random() * 99_999);
  return seed;
}

export function createSettingsStore(initial: SettingsState = DEFAULT_SETTINGS) {
  return createStore<SettingsState>()(() => ({ ...initial }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
