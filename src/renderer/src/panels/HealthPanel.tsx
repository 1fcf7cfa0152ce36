/** Layer health: per-layer ‖dW‖ and activation RMS over time, with vanishing/exploding alarms, and weight histograms. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import { useRun } from '../stores';
import { classColour } from './BoundaryCanvas';
import { healthAlarms } from './health';
import { WeightHistograms } from './WeightHistograms';
import { LiveLogLines } from './LiveLogLines';
import { lttb } from '../run/series';
import './panels.css';

const sci = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? v.toPrecision(2) : v.toExponential(0));

export function HealthPanel() {
  const health = useRun((s) => s.health);
  const status = useRun((s) => s.status);
  const diverged = useRun((s) => s.error?.cause === 'diverged');
  const latest = health[health.length - 1];
  const ids = latest?.layers.map((l) => l.id) ?? [];
  const live = status === 'starting' || status === 'running' || status === 'stopping';
  const rows = useMemo(
    () =>
      live
        ? []
        : health.map((h) => {
            const row: Record<string, number> = { iteration: h.iteration };
            for (const l of h.layers) {
              row[`g:${l.id}`] = Math.max(l.gradNorm, 1e-12);
              row[`a:${l.id}`] = Math.max(l.activationRms, 1e-12);
            }
            return row;
          }),
    [health, live],
  );
  const alarms = latest ? healthAlarms(latest.layers) : [];
  // While live: canvas lines (≤ 150 points each) instead of Recharts, so the tab keeps its frame budget.
  const liveLines = useMemo(() => {
    if (!live) return null;
    const of = (key: 'gradNorm' | 'activationRms') =>
      ids.map((id, i) => ({
        name: id,
        colour: classColour(i),
        points: lttb(
          health.map((h) => ({ iteration: h.iteration, cost: Math.max(h.layers.find((l) => l.id === id)?.[key] ?? 0, 1e-12) })),
          150,
        ).map((p) => ({ x: p.iteration, y: p.cost })),
      }));
    return { g: of('gradNorm'), a: of('activationRms') };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ids follow health
  }, [health, live]);
  const chart = (prefix: 'g' | 'a', label: string) =>
    liveLines ? (
      <>
        <LiveLogLines lines={liveLines[prefix]} height={150} label={label} />
        <div className="chart-legend small">
          {liveLines[prefix].map((l) => (
            <span key={l.name}>
              <span className="swatch" style={{ background: l.colour }} /> {l.name}
            </span>
          ))}
        </div>
      </>
    ) : (
      <ResponsiveContainer width="100%" height={150}>
        <LineChart data={rows} margin={{ top: 6, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
          <XAxis dataKey="iteration" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => v.toLocaleString('en')} />
          <YAxis scale="log" domain={['auto', 'auto']} tickFormatter={sci} width={48} allowDataOverflow aria-label={label} />
          <Tooltip formatter={(v) => sci(Number(v))} labelFormatter={(l) => `iteration ${Number(l).toLocaleString('en')}`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {ids.map((id, i) => (
            <Line key={id} name={id} dataKey={`${prefix}:${id}`} stroke={classColour(i)} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    );
  return (
    <section className="panel" aria-label="Layer health" data-testid="layer-health" data-samples={health.length}>
      <h2>Layer health</h2>
      {/* Said whether or not a sample arrived: a run that diverges in its first steps ends before any. */}
      {diverged && (
        <p className="small" role="alert" data-testid="health-diverged">
          The run diverged: the updates overshot (α too large), whatever these norms look like.
        </p>
      )}
      {!latest ? (
        <p className="empty">
          {status === 'idle'
            ? 'Press Train to see each layer’s gradient and activation norms.'
            : live
              ? 'Waiting for the first step…'
              : 'The run ended before its first health sample.'}
        </p>
      ) : (
        <>
          {diverged ? null : alarms.length === 0 ? (
            <p className="small ok" data-testid="health-ok">
              Gradients look healthy: no layer’s ‖dW‖ vanishes or explodes.
            </p>
          ) : (
            alarms.map((a) => (
              <div className="alarm" role="alert" key={a.layerId + a.kind} data-testid={`health-alarm-${a.kind}`}>
                <strong>{a.message}</strong>
                <ul className="advice">
                  {a.advice.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </div>
            ))
          )}
          <p className="muted small">‖dW[l]‖ (log scale)</p>
          {chart('g', '‖dW‖')}
          <p className="muted small">RMS of A[l] (log scale)</p>
          {chart('a', 'A rms')}
          <table className="compact">
            <thead>
              <tr>
                <th>layer</th>
                <th>‖W‖</th>
                <th>‖dW‖</th>
                <th>rms A</th>
              </tr>
            </thead>
            <tbody>
              {latest.layers.map((l) => (
                <tr key={l.id}>
                  <th>{l.id}</th>
                  <td>{sci(l.weightNorm)}</td>
                  <td>{sci(l.gradNorm)}</td>
                  <td>{sci(l.activationRms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <WeightHistograms />
        </>
      )}
    </section>
  );
}
