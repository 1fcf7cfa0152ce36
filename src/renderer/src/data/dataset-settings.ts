/**
 * The dataset settings a project saves (split, normalisation, train-dev, limit, generator size
 * and noise) and how they go back into the dataset store on open. Pure apart from the store
 * calls, so the project's text — and its dirty flag — follows these settings.
 */
import type { ProjectFile } from '../../../shared/project';
import { DEFAULT_PREP, datasetStore, type DatasetStoreState, type PrepState } from './dataset-store';

export type SavedDatasetSettings = Pick<ProjectFile['dataset'], 'prep' | 'generator'>;

/** What a project records for dataset `datasetId`: every prep field, and the generator override if any. */
export function datasetSettingsOf(datasetId: string, state: Pick<DatasetStoreState, 'prep' | 'generators'> = datasetStore.getState()): SavedDatasetSettings {
  const generator = state.generators[datasetId];
  const saved: SavedDatasetSettings = { prep: { ...state.prep } };
  if (generator && (generator.m !== undefined || generator.noise !== undefined)) saved.generator = { ...generator };
  return saved;
}

/** The settings of a new project. */
export function defaultDatasetSettings(): SavedDatasetSettings {
  return { prep: { ...DEFAULT_PREP } };
}

/**
 * Puts a project's settings into the store. Fields a file lacks (older projects) take their
 * defaults, so what trains never depends on the project that was open before.
 */
export function applyDatasetSettings(datasetId: string, saved: SavedDatasetSettings): void {
  const prep: PrepState = { ...DEFAULT_PREP, ...saved.prep };
  datasetStore.setState((s) => {
    const generators = { ...s.generators };
    if (saved.generator) generators[datasetId] = { ...saved.generator };
    else delete generators[datasetId];
    return { prep, generators };
  });
}
