/**
 * Run ▸ Search…: the search being set up or run, and its trials. Outside any component, so
 * closing the dialog keeps a search running and its results; a project saves the settings and
 * the results (not the trials' weights).
 */
import { create } from 'zustand';
import type { ModelFile } from '../../../../engine/export/format';
import type { SearchConfig } from '../../../../engine/search/config';
import type { TrialResult } from '../../../../engine/search/results';
import type { SearchRun } from '../../../../engine/search/run';
import { defaultDimension } from '../../../../engine/search/space';
import type { RunRecord } from '../run/run-store';

export type SearchStatus = 'idle' | 'running' | 'done' | 'cancelled';

export type SortKey = 'trial' | 'score' | string;

export interface SearchState {
  open: boolean;
  config: SearchConfig;
  status: SearchStatus;
  /** The trials of the search run last (or running), in sampling order. */
  trials: TrialResult[];
  /** The settings those trials sampled (the config may have been edited since). */
  ran: SearchConfig | null;
  /** Which search of the session this is (for run labels): 1, 2, … */
  ordinal: number;
  error: string | null;
  /** Each finished trial as a run record (overlay it in Runs) and its trained model (export it). */
  records: Record<string, RunRecord>;
  models: Record<string, ModelFile>;
  sort: { key: SortKey; descending: boolean };
  /** The setting the scatter plot puts on its x axis (a dimension key). */
  plotKey: string | null;
  control: SearchRun | null;
}

export const DEFAULT_SEARCH: SearchConfig = {
  dimensions: [defaultDimension('learningRate')],
  trials: 12,
  budget: { iterations: 1000 },
  seed: 1,
};

export const useSearch = create<SearchState>()(() => ({
  open: false,
  config: DEFAULT_SEARCH,
  status: 'idle',
  trials: [],
  ran: null,
  ordinal: 0,
  error: null,
  records: {},
  models: {},
  sort: { key: 'score', descending: false },
  plotKey: null,
  control: null,
}));

export const openSearch = () => useSearch.setState({ open: true });
