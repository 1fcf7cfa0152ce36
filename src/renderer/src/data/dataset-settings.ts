/**
 * The dataset settings a project saves (split, normalisation, train-dev, limit, generator size
 * and noise) and how they go back into the dataset store on open. Pure apart from the store
 * calls, so the project's text — and its dirty flag — follows these settings.
 */
import type { ProjectFile } from '../../../shared/project';
import { DEFAULT_PREP, datasetStore, type DatasetStoreState, type PrepState } from './dataset-store';

export type SavedDatasetSettings = Pick<ProjectFile['dataset'], 'prep' | 'generator' | 'source'>;

type SavedState = Pick<DatasetStoreState, 'prep' | 'generators'> & Partial<Pick<DatasetStoreState, 'datasets' | 'pendingSource'>>;

/**
 * What a project records for dataset `datasetId`: every prep field, the generator override if
 * any, and an imported dataset's files — also while they are still waiting to be found, so
 * saving then does not lose the reference.
 */
export function datasetSettingsOf(datasetId: string, state: SavedState = datasetStore.getState()): SavedDatasetSettings {
  const generator = state.generators[datasetId];
  const saved: SavedDatasetSettings = { prep: { ...state.prep } };
  if (generator && (generator.m !== undefined || generator.noise !== undefined)) saved.generator = { ...generator };
  // A reference still waiting to be found wins over a loaded dataset of the same id: it is what the
  // project on screen refers to.
  const source = (state.pendingSource?.id === datasetId ? state.pendingSource.source : undefined) ?? state.datasets?.[datasetId]?.source;
  if (source) saved.source = source;
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
    // Files already read this session (same checksums) need no second look.
    const loaded = s.datasets[datasetId]?.source;
    const same = loaded && saved.source && JSON.stringify(loaded.files.map((f) => f.sha256)) === JSON.stringify(saved.source.files.map((f) => f.sha256));
    const pendingSource = saved.source && !same ? { id: datasetId, source: saved.source } : null;
    return { prep, generators, pendingSource };
  });
}
