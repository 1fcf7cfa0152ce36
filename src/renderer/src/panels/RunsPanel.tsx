/**
 * Runs: every run of this session (settings + bounded cost series, newest last);
 * tick two or more to overlay their cost curves (the "optimizer race"). And the
 * gradient check of the current model, in the course's bands.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { gradCheckRequests, takeGradCheckRequest } from '../project/gradcheck-request';
import { gradCheckRequest, type GradCheckResult } from '../../../../engine/train';
import type { ModelFile } from '../../../../engine/export';
import type { RunRequest } from '../../../../engine/protocol';
import { useCompile } from '../canvas/compile-context';
import { buildRunRequest } from '../run/run-request';
import type { RunRecord } from '../run/run-store';
import { displayPoints, lttb } from '../run/series';
import { useRun, useServices } from '../stores';
import { classColour } from './BoundaryCanvas';
import { usePanelPrefs } from './panel-prefs';
import { distinguishingLabels, fullDescription } from '../run/run-label';
import { formatNumber, formatTick } from './format-number';
import './panels.css';

const BAND_LABEL: Record<string, string> = { great: '< 1e−7 great', fine: '< 1e−5 fine', suspect: '< 1e−3 look carefully', wrong: '≥ 1e−3 wrong' };

function GradCheck() {
  const { result } = useCompile();
  const { settings } = useServices();
  const model = useRun((s) => (s.status === 'finished' ? s.model : null));
  const runLabel = useRun((s) => s.settings?.label.split(' ')[0] ?? 'the last run');
  const [state, setState] = useState<{ status: 'idle' | 'running' | 'done' | 'failed'; result?: GradCheckResult; error?: string; weights?: string }>({
    status: 'idle',
  });
  const run = () => {
    if (!result.spec) return;
    const spec = result.spec;
    setState({ status: 'running' });
    // Let the "Checking…" state paint first; the check is small (≤ 64 examples, ≤ 500 components).
    setTimeout(() => {
      try {
        const request = buildRunRequest('gradcheck', spec, settings.getState());
        const { check, weights } = checkTrainedOrInitial(request, model, runLabel);
        setState({ status: 'done', result: check, weights });
      } catch (error) {
        setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }, 30);
  };
  // Run ▸ Check Gradients (the menu switches to this tab and leaves a request).
  const requested = useStore(gradCheckRequests, (r) => r.pending);
  useEffect(() => {
    if (requested && takeGradCheckRequest()) run();
  });
  const r = state.result;
  return (
    <div data-testid="gradcheck" data-status={state.status} data-band={r?.band} data-difference={r?.difference}>
      <h2>Gradient check</h2>
      <p className="muted small">
        Compares backprop’s dθ with (J(θ+ε) − J(θ−ε)) / 2ε on the current network (float64, dropout off, up to 64 examples), at{' '}
        {model ? `the trained weights of run ${runLabel}` : 'its initial weights'}.
      </p>
      <button type="button" onClick={run} disabled={!result.spec || state.status === 'running'}>
        {state.status === 'running' ? 'Checking…' : 'Check gradients'}
      </button>
      {!result.spec && <p className="empty">Fix the network first: gradient checking needs a network that compiles.</p>}
      {state.status === 'failed' && (
        <p className="diagnostic error" role="alert">
          {state.error}
        </p>
      )}
      {r && (
        <>
          <p className="small" data-testid="gradcheck-weights">
            Checked at: <strong>{state.weights}</strong>
          </p>
          <p className={`verdict ${r.band === 'great' || r.band === 'fine' ? 'good' : 'bad'}`} data-testid="gradcheck-overall">
            difference {r.difference.toExponential(2)} · {BAND_LABEL[r.band]}
          </p>
          <p className="small">{r.advice}</p>
          <table className="compact">
            <thead>
              <tr>
                <th>layer</th>
                <th>relative difference</th>
                <th>checked</th>
              </tr>
            </thead>
            <tbody>
              {r.layers.map((l) => (
                <tr key={l.id} data-testid={`gradcheck-layer-${l.id}`}>
                  <th>{l.id}</th>
                  <td className={l.difference < 1e-5 ? 'ok' : 'bad'}>{l.difference.toExponential(2)}</td>
                  <td>
                    {l.checked}/{l.params}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {r.checked.toLocaleString('en')} of {r.total.toLocaleString('en')} components, ε = {r.epsilon}.
          </p>
        </>
      )}
    </div>
  );
}

/**
 * Checks the trained model of the last finished run when there is one; if the network
 * changed since (the weights no longer fit), checks the initial weights and says why.
 */
function checkTrainedOrInitial(request: RunRequest, model: ModelFile | null, runLabel: string): { check: GradCheckResult; weights: string } {
  if (model) {
    try {
      return { check: gradCheckRequest({ ...request, initialModel: model }), weights: `trained weights, run ${runLabel}` };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { check: gradCheckRequest(request), weights: `initial weights (run ${runLabel}'s trained weights do not fit the network any more: ${why})` };
    }
  }
  return { check: gradCheckRequest(request), weights: 'initial weights (seeded initialisation; train first to check the trained weights)' };
}

/** Marks each line whose points equal an earlier line's (it would hide it). */
function withTwins<T extends { run: RunRecord; data: { iteration: number; cost: number }[] }>(lines: T[]): (T & { twinOf?: RunRecord })[] {
  const key = (data: { iteration: number; cost: number }[]) => data.map((p) => `${p.iteration}:${p.cost}`).join(',');
  const seen = new Map<string, RunRecord>();
  return lines.map((line) => {
    const k = key(line.data);
    const twin = line.data.length > 0 ? seen.get(k) : undefined;
    if (!twin) seen.set(k, line.run);
    return twin ? { ...line, twinOf: twin } : line;
  });
}

export function RunsPanel() {
  const history = useRun((s) => s.history);
  const runId = useRun((s) => s.runId);
  const status = useRun((s) => s.status);
  const cost = useRun((s) => s.cost);
  const runSettings = useRun((s) => s.settings);
  // The run in flight (finished ones are already in the history).
  const current = useMemo<RunRecord | null>(
    () =>
      runId && status !== 'finished' && status !== 'failed' && status !== 'idle'
        ? { runId, settings: runSettings, status, cost, epochs: [], final: null }
        : null,
    [runId, status, cost, runSettings],
  );
  const { overlay, set } = usePanelPrefs();
  const runs: RunRecord[] = useMemo(() => (current ? [...history.filter((r) => r.runId !== current.runId), current] : history), [history, current]);
  const selected = runs.filter((r) => overlay.includes(r.runId));
  // Each run named by what sets it apart from the others listed (the overlay's legend: from the others ticked).
  const listLabels = useMemo(() => distinguishingLabels(runs), [runs]);
  const overlayLabels = useMemo(() => distinguishingLabels(selected), [selected]);
  const lines = useMemo(() => withTwins(selected.map((r) => ({ run: r, data: lttb(displayPoints(r.cost), 300) }))), [selected]);
  const twins = lines.filter((l) => l.twinOf);
  const toggle = (runId: string) => set({ overlay: overlay.includes(runId) ? overlay.filter((id) => id !== runId) : [...overlay, runId] });
  const label = (r: RunRecord, labels: Map<string, string>) => labels.get(r.runId) ?? r.settings?.label ?? r.runId;

  return (
    <section className="panel" aria-label="Runs" data-testid="runs-panel">
      <h2>Runs</h2>
      {runs.length === 0 ? (
        <p className="empty">No runs yet: press Train; every run of this session is kept here to compare.</p>
      ) : (
        <ul className="runs-list">
          {runs.map((r, i) => {
            const last = r.cost.latest;
            return (
              <li key={r.runId} data-testid={`run-item-${i}`} title={r.settings ? fullDescription(r.settings) : undefined}>
                <input
                  type="checkbox"
                  checked={overlay.includes(r.runId)}
                  onChange={() => toggle(r.runId)}
                  aria-label={`Overlay ${r.settings?.label ?? r.runId}`}
                />
                <span className="swatch" style={{ background: classColour(runs.indexOf(r)) }} />
                <span>
                  <span data-testid={`run-label-${i}`}>{label(r, listLabels)}</span> · {r.status}
                  {/* The Run tab's "Training cost J": the final weights on every training example. */}
                  {r.final && Number.isFinite(r.final.trainCost) ? (
                    <span data-testid={`run-cost-${i}`}> · train J={formatNumber(r.final.trainCost, 4)}</span>
                  ) : last ? (
                    ` · last batch J=${formatNumber(last.cost)} @ ${last.iteration.toLocaleString('en')}`
                  ) : (
                    ''
                  )}
                  {r.final && Number.isFinite(r.final.trainAccuracy) ? ` · train ${(r.final.trainAccuracy * 100).toFixed(1)} %` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {runs.length > 0 && selected.length < 2 && <p className="muted small">Tick two or more runs to overlay their cost curves.</p>}
      {selected.length >= 1 && (
        <div data-testid="overlay-chart" data-lines={lines.length}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
              <XAxis
                dataKey="iteration"
                type="number"
                domain={[0, 'dataMax']}
                allowDuplicatedCategory={false}
                tickFormatter={(v: number) => v.toLocaleString('en')}
              />
              <YAxis dataKey="cost" width={52} tickFormatter={formatTick} />
              <Tooltip formatter={(v) => Number(v).toPrecision(4)} labelFormatter={(l) => `iteration ${Number(l).toLocaleString('en')}`} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {lines.map(({ run, data, twinOf }) => (
                <Line
                  key={run.runId}
                  data={data}
                  dataKey="cost"
                  name={label(run, overlayLabels)}
                  stroke={classColour(runs.indexOf(run))}
                  // A curve exactly on another's is dashed, so the one underneath shows between the dashes.
                  strokeDasharray={twinOf ? '6 6' : undefined}
                  strokeWidth={twinOf ? 2.5 : 1.5}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
          {twins.length > 0 && (
            <p className="muted small" data-testid="identical-curves">
              {twins.map((t) => `${label(t.run, overlayLabels).split(' ')[0]} lies exactly on ${label(t.twinOf!, overlayLabels).split(' ')[0]}`).join('; ')}:
              drawn dashed so both show (same settings, same seed, same data give the same run).
            </p>
          )}
        </div>
      )}
      <GradCheck />
    </section>
  );
}
