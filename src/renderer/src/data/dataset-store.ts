/**
 * Datasets that live in the renderer's memory: the bundled MNIST subset once fetched and
 * decoded, and imported files. Referenced from settings by id. Also the data preparation
 * choices (split, normalisation) that go into every run request.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { type Dataset, type Normalisation, shapeOfData } from '../../../../engine/data';
import type { DatasetShape } from '../../../../engine/compile';
import type { DatasetSource } from './dataset-source';

export interface MemoryDataset {
  id: string;
  label: string;
  description: string;
  data: Dataset;
  warnings: string[];
  /** Seconds it took to read and decode. */
  loadSeconds?: number;
  /** Imported from files: what a project saves to find and rebuild it. */
  source?: DatasetSource;
}

/** An imported dataset a project references but whose files have not been read (again) yet. */
export interface PendingSource {
  id: string;
  source: DatasetSource;
}

export interface PrepState {
  /** Split on: train and dev fractions of m (the rest is test). */
  splitOn: boolean;
  train: number;
  dev: number;
  splitSeed: number;
  stratify: boolean;
  /** Fraction of the train split held out as train-dev (0 = none). */
  trainDev: number;
  /** Training-only augmentation of image datasets: mirror left–right, shift up to maxShift pixels (0 = off). */
  flipHorizontal: boolean;
  maxShift: number;
  normalisation: Normalisation;
  /** Use only the first `limit` examples of a bundled or imported dataset (0 = all). */
  limit: number;
}

export interface DatasetStoreState {
  datasets: Record<string, MemoryDataset>;
  /** Datasets being fetched (id → true) or that failed (id → message). */
  loading: Record<string, true | string>;
  prep: PrepState;
  /** Generator overrides of size and noise, per dataset id. */
  generators: Record<string, { m?: number; noise?: number }>;
  /** Set when an opened project references imported files; cleared once they are read or dropped. */
  pendingSource: PendingSource | null;
}

export const DEFAULT_PREP: PrepState = {
  splitOn: true,
  train: 0.6,
  dev: 0.2,
  splitSeed: 1,
  stratify: true,
  trainDev: 0,
  flipHorizontal: false,
  maxShift: 0,
  normalisation: 'none',
  limit: 0,
};

export const datasetStore = createStore<DatasetStoreState>()(() => ({
  datasets: {},
  loading: {},
  prep: { ...DEFAULT_PREP },
  generators: {},
  pendingSource: null,
}));

export function useDatasetStore<T>(selector: (s: DatasetStoreState) => T): T {
  return useStore(datasetStore, selector);
}

/**
 * A new import's id. Projects save it, so it must not repeat in another session (a counter
 * restarting at 1 would let a project's "import-1" name this session's different "import-1").
 */
export function newImportId(): string {
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? Math.random().toString(36).slice(2, 10);
  return `import-${Date.now().toString(36)}-${random}`;
}

export function addDataset(entry: Omit<MemoryDataset, 'id'> & { id?: string }): MemoryDataset {
  let id = entry.id;
  while (!id || (entry.id === undefined && datasetStore.getState().datasets[id])) id = newImportId();
  const full: MemoryDataset = { ...entry, id };
  datasetStore.setState((s) => ({ datasets: { ...s.datasets, [id]: full } }));
  return full;
}

export function setPrep(patch: Partial<PrepState>): void {
  datasetStore.setState((s) => ({ prep: { ...s.prep, ...patch } }));
}

export function shapeOf(data: Dataset): DatasetShape {
  return shapeOfData(data);
}

export function setGenerator(id: string, patch: { m?: number; noise?: number }): void {
  datasetStore.setState((s) => ({ generators: { ...s.generators, [id]: { ...s.generators[id], ...patch } } }));
}
