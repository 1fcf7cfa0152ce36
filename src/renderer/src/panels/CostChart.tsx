/**
 * The cost J against iterations, live: every iteration's cost (bounded, see
 * run/series.ts, then LTTB-downsampled for drawing), its exponentially weighted
 * average with bias correction (β slider), the per-epoch train/dev cost and error,
 * and the learning rate on a secondary axis when a schedule changes it. While the run
 * is live a canvas draws the lines (LiveCostCanvas); Recharts draws them when it is not.
 */
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import { displayPoints } from '../run/series';
import { useRun } from '../stores';
import { costLines, costRows } from './cost-lines';
import { LINE_COLOURS, LiveCostCanvas } from './LiveCostCanvas';
import { usePanelPrefs } from './panel-prefs';
import { formatNumber, formatTick } from './format-number';
import './panels.css';

/** One formatter for every tick (toLocaleString builds a new one per call, which shows in profiles). */
const integer = new Intl.NumberFormat('en');
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
/** Compact past 10,000 so five ticks of a long run do not run into each other. */
const formatIteration = (v: number) => (Math.abs(v) >= 10_000 ? compact.format(v) : integer.format(v));

/** While these, the light canvas draws the chart; Recharts (with tooltips) otherwise. */
const LIVE = new Set(['starting', 'running', 'stopping']);

export function CostChart() {
  const series = useRun((s) => s.cost);
  const epochs = useRun((s) => s.epochs);
  const lrSeries = useRun((s) => s.learningRates);
  const status = useRun((s) => s.status);
  const devSize = useRun((s) => s.devSize);
  const fullBatch = useRun((s) => s.settings?.batchSize === 'full');
  const { beta, logScale, set } = usePanelPrefs();
  const points = useMemo(() => displayPoints(series), [series]);
  const first = points[0];
  const last = points[points.length - 1];
  const live = LIVE.has(status);

  const lines = useMemo(() => costLines(points, epochs, displayPoints(lrSeries), beta, logScale), [points, epochs, lrSeries, beta, logScale]);
  const rows = useMemo(() => (live ? [] : costRows(lines)), [lines, live]);
  const { hasDev, scheduled } = lines;

  return (
    <section
      className="panel cost-chart"
      aria-label="Cost"
      data-testid="cost-chart"
      data-points={points.length}
      data-first-cost={first?.cost}
      data-last-cost={last?.cost}
      data-epochs={epochs.length}
      data-renderer={points.length === 0 ? 'none' : live ? 'canvas' : 'recharts'}
    >
      <h2 title={fullBatch ? 'J of each iteration, on all the training examples, before that step' : 'J of each iteration, on its mini-batch'}>
        Cost J
        {last && (
          <span className="muted" data-testid="cost-header">
            {' '}
            · {formatNumber(last.cost)} at iteration {last.iteration.toLocaleString('en')}
            {fullBatch ? '' : ' (mini-batch)'}
          </span>
        )}
      </h2>
      <div className="panel-controls">
        <label title="Exponentially weighted average v_t = βv_(t−1) + (1−β)J_t, bias-corrected v_t/(1−β^t)">
          smoothing β {beta.toFixed(2)}
          <input type="range" min={0} max={0.99} step={0.01} value={beta} aria-label="Smoothing beta" onChange={(e) => set({ beta: Number(e.target.value) })} />
        </label>
        <label>
          <input type="checkbox" checked={logScale} aria-label="Log scale" onChange={(e) => set({ logScale: e.target.checked })} /> log scale
        </label>
      </div>
      {points.length === 0 ? (
        <p className="empty">{status === 'starting' ? 'Starting the trainer…' : 'Press Train to see the cost fall.'}</p>
      ) : live ? (
        <LiveCostCanvas lines={lines} logScale={logScale} beta={beta} />
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
            <XAxis
              dataKey="iteration"
              type="number"
              domain={[0, 'dataMax']}
              allowDecimals={false}
              tickFormatter={formatIteration}
              interval={0}
              label={{ value: 'iteration', position: 'insideBottom', offset: -8 }}
            />
            <YAxis
              yAxisId="cost"
              tickFormatter={formatTick}
              interval={0}
              width={58}
              scale={logScale ? 'log' : 'auto'}
              domain={logScale ? ['auto', 'auto'] : [0, 'auto']}
              allowDataOverflow={logScale}
            />
            <YAxis
              yAxisId="error"
              orientation="right"
              domain={[0, 1]}
              width={40}
              interval={0}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            />
            {scheduled && (
              <YAxis
                yAxisId="lr"
                orientation="right"
                width={48}
                interval={0}
                tickFormatter={formatTick}
                label={{ value: 'α', angle: 0, position: 'insideTopRight' }}
              />
            )}
            <Tooltip
              formatter={(value, name) => [String(name).includes('error') ? `${(Number(value) * 100).toFixed(1)} %` : formatNumber(Number(value), 4), name]}
              labelFormatter={(label) => `iteration ${formatIteration(Number(label))}`}
            />
            <Line
              yAxisId="cost"
              name="cost"
              dataKey="cost"
              stroke="var(--accent)"
              strokeOpacity={beta > 0 ? 0.35 : 1}
              dot={false}
              isAnimationActive={false}
              strokeWidth={beta > 0 ? 1 : 2}
              connectNulls
            />
            {beta > 0 && (
              <Line yAxisId="cost" name="smoothed" dataKey="smooth" stroke="#e67e22" dot={false} isAnimationActive={false} strokeWidth={2} connectNulls />
            )}
            <Line
              yAxisId="cost"
              name="train cost"
              dataKey="trainCost"
              stroke="#2e86de"
              dot={false}
              isAnimationActive={false}
              strokeDasharray="4 2"
              connectNulls
            />
            {hasDev && (
              <Line
                yAxisId="cost"
                name="dev cost"
                dataKey="devCost"
                stroke="#c0392b"
                dot={false}
                isAnimationActive={false}
                strokeDasharray="4 2"
                connectNulls
              />
            )}
            <Line yAxisId="error" name="train error" dataKey="trainError" stroke="#27ae60" dot={false} isAnimationActive={false} connectNulls />
            {hasDev && <Line yAxisId="error" name="dev error" dataKey="devError" stroke="#8e44ad" dot={false} isAnimationActive={false} connectNulls />}
            {lines.trainDevError.length > 0 && (
              <Line
                yAxisId="error"
                name="train-dev error"
                dataKey="trainDevError"
                stroke={LINE_COLOURS.trainDevError}
                strokeDasharray="2 2"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            )}
            {scheduled && (
              <Line
                yAxisId="lr"
                name="learning rate α"
                dataKey="lr"
                stroke="#7f8c8d"
                dot={false}
                isAnimationActive={false}
                strokeDasharray="1 3"
                connectNulls
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      )}
      {points.length > 0 && (
        <div className="chart-legend small">
          {[
            ['cost', LINE_COLOURS.cost, true],
            ['smoothed', LINE_COLOURS.smooth, beta > 0],
            ['train cost', LINE_COLOURS.trainCost, epochs.length > 0],
            ['dev cost', LINE_COLOURS.devCost, hasDev],
            ['train error', LINE_COLOURS.trainError, epochs.length > 0],
            ['dev error', LINE_COLOURS.devError, hasDev],
            ['train-dev error', LINE_COLOURS.trainDevError, lines.trainDevError.length > 0],
            ['learning rate α', LINE_COLOURS.learningRate, scheduled],
          ]
            .filter(([, , on]) => on)
            .map(([name, colour]) => (
              <span key={String(name)}>
                <span className="swatch" style={{ background: String(colour) }} /> {String(name)}
              </span>
            ))}
        </div>
      )}
      {points.length > 0 && !hasDev && devSize === 0 && (
        <p className="muted small" data-testid="dev-note">
          Dev split is empty: set dev % above 0 to see the dev cost and error.
        </p>
      )}
      {points.length > 0 && !hasDev && devSize !== null && devSize > 0 && (
        <p className="muted small" data-testid="dev-note">
          Dev cost and error ({devSize.toLocaleString('en')} dev examples) appear at the end of the first epoch.
        </p>
      )}
    </section>
  );
}
