/**
 * What a project keeps of transfer learning and of the last hyperparameter search: the model a
 * transfer starts layers from (with the chosen pairs), and the search's settings and each trial's
 * values and errors. Read back, the model is validated whole before it is used again.
 */
import type { ProjectFile } from '../../../shared/project';
import { importModel, type ModelFile } from '../../../../engine/export';
import type { TrialResult } from '../../../../engine/train';
import { DEFAULT_SEARCH, useSearch, type SearchState } from '../search/search-store';
import { transferStore, type TransferState } from '../transfer/transfer-store';

export type SavedSystems = Pick<ProjectFile, 'transfer' | 'search'>;

export function toSavedSystems(transfer: Pick<TransferState, 'source' | 'layers'>, search: Pick<SearchState, 'config' | 'ran' | 'trials'>): SavedSystems {
  const saved: SavedSystems = {};
  if (transfer.source)
    saved.transfer = {
      name: transfer.source.name,
      layers: transfer.layers,
      model: transfer.source.model as unknown as NonNullable<SavedSystems['transfer']>['model'],
    };
  const trials = search.trials.filter((t) => t.status !== 'running');
  if (search.ran || search.config !== DEFAULT_SEARCH) {
    saved.search = {
      config: search.config,
      trials: trials.map((t) => ({
        trial: t.trial,
        values: t.values,
        status: t.status === 'finished' ? 'finished' : t.status === 'failed' ? 'failed' : 'queued',
        ...(t.metrics?.devAccuracy !== undefined ? { devError: 1 - t.metrics.devAccuracy } : {}),
        ...(t.metrics && Number.isFinite(t.metrics.trainAccuracy) ? { trainError: 1 - t.metrics.trainAccuracy } : {}),
        ...(t.metrics && Number.isFinite(t.metrics.trainCost) ? { trainCost: t.metrics.trainCost } : {}),
      })),
    };
  }
  return saved;
}

/** Puts a project's transfer and search back; a transfer model that does not import is dropped, and said so. */
export function restoreSystems(project: ProjectFile): string | null {
  let problem: string | null = null;
  const transfer = project.transfer;
  if (transfer) {
    const imported = importModel(transfer.model);
    if (imported.ok) transferStore.setState({ source: { model: transfer.model as unknown as ModelFile, name: transfer.name }, layers: transfer.layers });
    else {
      transferStore.setState({ source: null, layers: {} });
      problem = `The project's transfer model was left out: ${imported.error}`;
    }
  } else transferStore.setState({ source: null, layers: {} });
  const search = project.search;
  const trials: TrialResult[] = (search?.trials ?? []).map((t) => ({
    trial: t.trial,
    runId: `saved-trial-${t.trial}`,
    values: t.values,
    status: t.status,
    ...(t.status === 'finished'
      ? {
          metrics: {
            iterations: 0,
            epochs: 0,
            trainCost: t.trainCost ?? NaN,
            trainAccuracy: t.trainError === undefined ? NaN : 1 - t.trainError,
            ...(t.devError !== undefined ? { devAccuracy: 1 - t.devError } : {}),
          },
        }
      : {}),
  }));
  useSearch.setState({
    config: search?.config ?? DEFAULT_SEARCH,
    trials,
    ran: search && trials.length ? search.config : null,
    status: trials.length ? 'done' : 'idle',
    records: {},
    models: {},
    error: null,
  });
  return problem;
}

/** A new project: no transfer, no search. */
export function clearSystems(): void {
  useSearch.getState().control?.cancel();
  transferStore.setState({ source: null, layers: {} });
  useSearch.setState({ config: DEFAULT_SEARCH, trials: [], ran: null, status: 'idle', records: {}, models: {}, error: null });
}
