/**
 * Which weights the next run starts from: freshly initialised (the default, so runs
 * compared in the optimizer race share their initial weights), or a model's, to
 * continue training an imported model or the last run. The engine checks the weights
 * fit the network and fails the run with the mismatching tensor when they do not.
 */
import { createStore } from 'zustand/vanilla';
import type { ModelFile } from '../../../../engine/export';

export interface StartWeightsState {
  /** The weights on offer, or null when there are none. */
  model: ModelFile | null;
  /** Where they came from, for the toolbar: "planar.model.json", "run #3’s weights". */
  label: string;
  /** Whether Train starts from them. */
  use: boolean;
  /** An imported model is offered ticked (the point of importing); a finished run's weights keep the current choice. */
  offer(model: ModelFile, label: string, use?: boolean): void;
  setUse(use: boolean): void;
  clear(): void;
}

export const startWeights = createStore<StartWeightsState>()((set, get) => ({
  model: null,
  label: '',
  use: false,
  offer: (model, label, use = get().use) => set({ model, label, use }),
  setUse: (use) => set({ use: use && get().model !== null }),
  clear: () => set({ model: null, label: '', use: false }),
}));

/** The model Train should start from, or undefined for fresh weights. */
export function chosenStartWeights(): ModelFile | undefined {
  const { model, use } = startWeights.getState();
  return use && model ? model : undefined;
}
