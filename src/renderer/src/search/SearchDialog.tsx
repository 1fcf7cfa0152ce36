/**
 * Run ▸ Search…: a random search over the chosen hyperparameters (course 2, week 3). Each trial
 * is a normal run of the network on the canvas with the Training tab's settings and the data panel's
 * split, started through the run queue; the trials are compared on the dev set. "Zoom in"
 * narrows every range around the best trials and samples again (coarse to fine).
 */
import { useState } from 'react';
import { ranked, zoomIn } from '../../../../engine/train';
import { useCompile } from '../canvas/compile-context';
import { datasetStore } from '../data/dataset-store';
import { buildRunRequest } from '../run/run-request';
import { useServices } from '../stores';
import { SearchResults } from './SearchResults';
import { SearchSettings } from './SearchSettings';
import { useSearch } from './search-store';
import { cancelSearch, startSearch } from './start-search';
import './search.css';
import { useModalDialog } from '../controls/use-modal-dialog';

export function SearchDialog() {
  const { host, settings } = useServices();
  const { result } = useCompile();
  const { open, config, status, trials, ran, error } = useSearch();
  const dialog = useModalDialog(open);
  const [zoomed, setZoomed] = useState(false);

  const running = status === 'running';
  const prep = datasetStore.getState().prep;
  const noDev = !prep.splitOn || prep.dev <= 0;
  const finished = ranked(trials).length;

  const start = () => {
    if (!result.spec) return;
    setZoomed(false);
    try {
      const base = buildRunRequest('search', result.spec, settings.getState());
      const problem = startSearch(host, base);
      if (problem) useSearch.setState({ error: problem });
    } catch (e) {
      useSearch.setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  const zoom = () => {
    if (!ran) return;
    try {
      useSearch.setState({ config: { ...config, dimensions: zoomIn(ran.dimensions, trials), seed: config.seed + 1 }, error: null });
      setZoomed(true);
    } catch (e) {
      useSearch.setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <dialog
      ref={dialog}
      className="search-dialog"
      aria-label="Hyperparameter search"
      data-testid="search-dialog"
      data-status={status}
      onClose={() => useSearch.setState({ open: false })}
    >
      {/* Closed, it holds nothing: its fields' labels must not shadow the toolbar's (α, Iterations…). */}
      {open && (
        <>
          <h2>Hyperparameter search</h2>
          <p className="muted small">
            Random samples, not a grid: each trial trains the network on the canvas with the Training tab’s settings, the sampled values written in, for the
            budget below; trials run a few at a time through the run queue and are compared on the dev set. α and λ are sampled on a log scale, β as 1 − β on a
            log scale.
          </p>
          <SearchSettings
            config={config}
            layers={result.spec?.layers ?? []}
            disabled={running}
            onChange={(next) => useSearch.setState({ config: next, error: null })}
          />
          {noDev && (
            <p className="diagnostic warning small">No dev split: the trials will be compared on their training error. Set dev % above 0 in the Data panel.</p>
          )}
          {zoomed && (
            <p className="small" data-testid="search-zoomed">
              Zoomed in around the best {Math.min(finished, Math.max(3, Math.ceil(finished * 0.2)))} trials: the ranges above are narrower; start to sample
              them.
            </p>
          )}
          {error && (
            <p className="diagnostic error" role="alert">
              {error}
            </p>
          )}
          <p className="search-actions">
            {running ? (
              <button type="button" className="danger" onClick={cancelSearch}>
                Cancel search
              </button>
            ) : (
              <button type="button" className="primary" onClick={start} disabled={!result.spec} title={result.spec ? undefined : 'Fix the network first'}>
                Start search
              </button>
            )}
            <button type="button" onClick={zoom} disabled={running || finished === 0} title="Narrow every range around the best trials (coarse to fine)">
              Zoom in
            </button>
            <span className="muted small" data-testid="search-progress">
              {trials.length > 0 &&
                `${trials.filter((t) => t.status === 'finished' || t.status === 'failed').length} of ${trials.length} trials done${status === 'cancelled' ? ' (cancelled)' : ''}`}
            </span>
            <button type="button" onClick={() => useSearch.setState({ open: false })}>
              Close
            </button>
          </p>
          {trials.length > 0 && ran && <SearchResults dimensions={ran.dimensions} />}
        </>
      )}
    </dialog>
  );
}
