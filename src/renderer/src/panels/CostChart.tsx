/**
 * The cost J against iterations, live. The series is bounded (see run/series.ts),
 * so a million-iteration run draws as cheaply as a short one.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import { displayPoints } from '../run/series';
import { useRun } from '../stores';

const formatCost = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

export function CostChart() {
  const series = useRun((s) => s.cost);
  const status = useRun((s) => s.status);
  const points = useMemo(() => displayPoints(series), [series]);
  const first = points[0];
  const last = points[points.length - 1];

  return (
    <section
      className="panel cost-chart"
      aria-label="Cost"
      data-testid="cost-chart"
      data-points={points.length}
      data-first-cost={first?.cost}
      data-last-cost={last?.cost}
    >
      <h2>
        Cost J
        {last && <span className="muted"> · {formatCost(last.cost)} at iteration {last.iteration.toLocaleString('en')}</span>}
      </h2>
      {points.length === 0 ? (
        <p className="empty">{status === 'starting' ? 'Starting the trainer…' : 'Press Train to see the cost fall.'}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
            <XAxis
              dataKey="iteration"
              type="number"
              domain={[0, 'dataMax']}
              allowDecimals={false}
              tickFormatter={(v: number) => v.toLocaleString('en')}
              label={{ value: 'iteration', position: 'insideBottom', offset: -8 }}
            />
            <YAxis tickFormatter={formatCost} width={52} domain={[0, 'auto']} />
            <Tooltip
              formatter={(value) => [formatCost(Number(value)), 'cost']}
              labelFormatter={(label) => `iteration ${Number(label).toLocaleString('en')}`}
            />
            <Line type="monotone" dataKey="cost" stroke="var(--accent)" dot={false} isAnimationActive={false} strokeWidth={2} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </section>
  );
}
