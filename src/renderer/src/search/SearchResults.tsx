/**
 * A search's trials: a table sortable by any column (dev error first by default), and a scatter
 * plot of dev error against one setting — on a log axis where that setting was sampled on a log
 * scale (β's axis is 1 − β). Each finished trial can be overlaid in Runs and exported.
 */
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { type Dimension, dimensionKey, ranked, scoreName, SETTINGS, type TrialResult, trialScore } from '../../../../engine/train';
import { withRecord } from '../run/run-store';
import { usePanelPrefs } from '../panels/panel-prefs';
import { useServices } from '../stores';
import { formatValue } from './start-search';
import { useSearch, type SortKey } from './search-store';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

function sortValue(t: TrialResult, key: SortKey): number {
  if (key === 'trial') return t.trial;
  if (key === 'score') return trialScore(t.metrics);
  if (key === 'train') return t.metrics ? 1 - t.metrics.trainAccuracy : NaN;
  return t.values[key] ?? NaN;
}

export function sortTrials(trials: readonly TrialResult[], key: SortKey, descending: boolean): TrialResult[] {
  return [...trials].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    // Unfinished trials (NaN) go last whichever the direction.
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a.trial - b.trial : 1) : -1;
    return (descending ? y - x : x - y) || a.trial - b.trial;
  });
}

export function SearchResults({ dimensions }: { dimensions: Dimension[] }) {
  const { host, run } = useServices();
  const { trials, sort, plotKey, records, models } = useSearch();
  const scoreLabel = scoreName(trials);
  const sorted = sortTrials(trials, sort.key, sort.descending);
  const best = ranked(trials)[0];
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" onClick={() => useSearch.setState({ sort: { key, descending: sort.key === key ? !sort.descending : false } })}>
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const overlay = (runId: string) => {
    const record = records[runId];
    if (!record) return;
    run.setState({ ...run.getState(), history: withRecord(run.getState().history, record) });
    const prefs = usePanelPrefs.getState();
    if (!prefs.overlay.includes(runId)) prefs.set({ overlay: [...prefs.overlay, runId] });
  };
  const exportTrial = (runId: string, trial: number) => {
    const model = models[runId];
    if (model) void host.exportModel(`${JSON.stringify(model)}\n`, `search-trial-${trial}`);
  };

  const plotted = dimensions.find((d) => dimensionKey(d) === plotKey) ?? dimensions[0];
  const info = plotted ? SETTINGS[plotted.setting] : null;
  // Plotted as sampled: 1 − β for a β sampled on a log scale of 1 − β.
  const axisOf = (v: number) => (plotted && info?.oneMinus && plotted.scale === 'log' ? 1 - v : v);
  const points = plotted
    ? trials
        .filter((t) => t.status === 'finished' && Number.isFinite(trialScore(t.metrics)))
        .map((t) => ({ x: axisOf(t.values[dimensionKey(plotted)]), y: trialScore(t.metrics), trial: t.trial }))
    : [];
  const log = plotted?.scale === 'log';

  return (
    <div className="search-results" data-testid="search-results">
      <table className="compact">
        <thead>
          <tr>
            {header('trial', '#')}
            {dimensions.map((d) => (
              <th key={dimensionKey(d)} aria-sort={sort.key === dimensionKey(d) ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button
                  type="button"
                  className="link"
                  onClick={() => useSearch.setState({ sort: { key: dimensionKey(d), descending: sort.key === dimensionKey(d) ? !sort.descending : false } })}
                >
                  {SETTINGS[d.setting].symbol}
                  {d.layer ? ` (${d.layer})` : ''}
                  {sort.key === dimensionKey(d) ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
            {header('score', scoreLabel)}
            {header('train', 'train error')}
            <th>run</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => (
            <tr
              key={t.trial}
              data-testid={`search-row-${t.trial}`}
              data-status={t.status}
              data-score={trialScore(t.metrics)}
              className={t === best ? 'best' : undefined}
            >
              <td>{t.trial}</td>
              {dimensions.map((d) => (
                <td key={dimensionKey(d)} className="num" data-value={t.values[dimensionKey(d)]}>
                  {formatValue(t.values[dimensionKey(d)])}
                </td>
              ))}
              <td className="num">
                {t.status === 'finished' ? (
                  scoreLabel === 'train cost' ? (
                    formatValue(trialScore(t.metrics))
                  ) : (
                    pct(trialScore(t.metrics))
                  )
                ) : t.status === 'failed' ? (
                  <span title={t.error}>failed</span>
                ) : (
                  t.status
                )}
              </td>
              <td className="num">{t.metrics ? pct(1 - t.metrics.trainAccuracy) : ''}</td>
              <td>
                {records[t.runId] && (
                  <button type="button" className="link" onClick={() => overlay(t.runId)} title="Add this trial to Runs and tick it for the overlay">
                    overlay
                  </button>
                )}{' '}
                {models[t.runId] && (
                  <button type="button" className="link" onClick={() => exportTrial(t.runId, t.trial)} aria-label={`Export trial ${t.trial}`}>
                    export
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plotted && info && (
        <div className="search-plot" data-testid="search-plot" data-scale={log ? 'log' : 'linear'} data-points={points.length}>
          <label className="small">
            {scoreLabel} against{' '}
            <select aria-label="Plot against" value={dimensionKey(plotted)} onChange={(e) => useSearch.setState({ plotKey: e.target.value })}>
              {dimensions.map((d) => (
                <option key={dimensionKey(d)} value={dimensionKey(d)}>
                  {SETTINGS[d.setting].label}
                  {d.layer ? ` (${d.layer})` : ''}
                </option>
              ))}
            </select>
            {log && <span className="muted"> (log axis{info.oneMinus ? `, plotted as 1 − ${info.symbol}` : ''})</span>}
          </label>
          <ResponsiveContainer width="100%" height={200}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 14, left: 12 }}>
              <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
              <XAxis
                dataKey="x"
                type="number"
                scale={log ? 'log' : 'linear'}
                domain={['auto', 'auto']}
                allowDataOverflow
                tickFormatter={(v: number) => formatValue(v)}
                label={{ value: info.oneMinus && log ? `1 − ${info.symbol}` : info.symbol, position: 'insideBottom', offset: -6, fontSize: 11 }}
              />
              <YAxis
                dataKey="y"
                type="number"
                domain={[0, 'auto']}
                tickFormatter={(v: number) => (scoreLabel === 'train cost' ? formatValue(v) : pct(v))}
                width={60}
              />
              <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={() => ''} />
              <Scatter data={points} fill="var(--accent)" isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
