/** Training settings the toolbar edits: the dataset and the course's hyperparameters. */
import { createStore } from 'zustand/vanilla';

export interface SettingsState {
  datasetId: string;
  datasetSeed: number;
  learningRate: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_SETTINGS: SettingsState = {
  datasetId: 'flower',
  datasetSeed: 1,
  learningRate: 1.2,
  iterations: 10000,
  seed: 2,
};

export function createSettingsStore(initial: SettingsState = DEFAULT_SETTINGS) {
  return createStore<SettingsState>()(() => ({ ...initial }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
