/**
 * The lines of the cost chart, computed once for both renderings (the light canvas
 * while a run is live, Recharts when it is paused or over): the per-iteration cost
 * downsampled by LTTB, its bias-corrected exponentially weighted average, the
 * per-epoch train/dev cost and error, and the learning rate when a schedule varies it.
 */
import type { CostPoint, EpochMetrics } from '../../../../engine/protocol';
import { lttb, smoothWithBiasCorrection } from '../run/series';

export interface XY {
  x: number;
  y: number;
}

export interface CostLines {
  cost: XY[];
  smooth: XY[];
  trainCost: XY[];
  devCost: XY[];
  trainError: XY[];
  devError: XY[];
  /** Error on the train-dev split (same distribution as training, not trained on), when it exists. */
  trainDevError: XY[];
  learningRate: XY[];
  hasDev: boolean;
  scheduled: boolean;
}

/** Points drawn per line: enough for the eye, cheap for SVG and canvas. */
export const DRAW_POINTS = 160;
/** Epoch points drawn at most (every k-th epoch, and always the last). */
export const DRAW_EPOCHS = 80;

export function costLines(
  points: readonly CostPoint[],
  epochs: readonly EpochMetrics[],
  learningRates: readonly CostPoint[],
  beta: number,
  logScale: boolean,
): CostLines {
  const clamp = (v: number) => (logScale ? Math.max(v, 1e-8) : v);
  const drawn = lttb(points, DRAW_POINTS);
  const cost = drawn.map((p) => ({ x: p.iteration, y: clamp(p.cost) }));
  let smooth: XY[] = [];
  if (beta > 0) {
    // Smooth over every kept point, then draw the smoothed value at the drawn ones.
    const values = smoothWithBiasCorrection(
      points.map((p) => p.cost),
      beta,
    );
    // drawn is an ordered subset of points: walk both (no Map per redraw; it showed in profiles).
    let j = 0;
    smooth = drawn.map((p) => {
      while (j < points.length - 1 && points[j].iteration < p.iteration) j++;
      return { x: p.iteration, y: clamp(points[j].iteration === p.iteration ? values[j] : p.cost) };
    });
  }
  const step = Math.max(1, Math.ceil(epochs.length / DRAW_EPOCHS));
  const shownEpochs = epochs.filter((_, i) => i % step === 0 || i === epochs.length - 1);
  const withDev = shownEpochs.filter((e) => e.devCost !== undefined);
  const lrs = learningRates;
  const scheduled = lrs.length > 0 && lrs.some((p) => Math.abs(p.cost - lrs[0].cost) > 1e-12 * Math.abs(lrs[0].cost));
  return {
    cost,
    smooth,
    trainCost: shownEpochs.map((e) => ({ x: e.iteration, y: clamp(e.trainCost) })),
    devCost: withDev.map((e) => ({ x: e.iteration, y: clamp(e.devCost!) })),
    trainError: shownEpochs.map((e) => ({ x: e.iteration, y: e.trainError })),
    devError: withDev.map((e) => ({ x: e.iteration, y: e.devError! })),
    trainDevError: shownEpochs.filter((e) => e.trainDevError !== undefined).map((e) => ({ x: e.iteration, y: e.trainDevError! })),
    learningRate: scheduled ? lttb(lrs, 100).map((p) => ({ x: p.iteration, y: p.cost })) : [],
    hasDev: withDev.length > 0,
    scheduled,
  };
}

export interface CostRow {
  iteration: number;
  cost?: number;
  smooth?: number;
  trainCost?: number;
  devCost?: number;
  trainError?: number;
  devError?: number;
  trainDevError?: number;
  lr?: number;
}

/** The lines merged into rows by iteration, the shape Recharts wants. */
export function costRows(lines: CostLines): CostRow[] {
  const byIteration = new Map<number, CostRow>();
  const put = (xs: XY[], key: Exclude<keyof CostRow, 'iteration'>) => {
    for (const p of xs) {
      let r = byIteration.get(p.x);
      if (!r) byIteration.set(p.x, (r = { iteration: p.x }));
      r[key] = p.y;
    }
  };
  put(lines.cost, 'cost');
  put(lines.smooth, 'smooth');
  put(lines.trainCost, 'trainCost');
  put(lines.devCost, 'devCost');
  put(lines.trainError, 'trainError');
  put(lines.devError, 'devError');
  put(lines.trainDevError, 'trainDevError');
  put(lines.learningRate, 'lr');
  return [...byIteration.values()].sort((a, b) => a.iteration - b.iteration);
}
