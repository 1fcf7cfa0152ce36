/**
 * A bounded cost series: however long the run, it keeps at most `2 · capacity`
 * points. When full it halves itself by keeping every other point and doubles the
 * stride at which new points are kept, so memory stays flat and the curve keeps
 * its shape. The newest point is always available for display.
 */
import type { CostPoint } from '../../../../engine/protocol';

export const SERIES_CAPACITY = 1000;

export interface BoundedSeries {
  kept: CostPoint[];
  /** Keep one point in `stride` of those arriving. */
  stride: number;
  /** Points seen since the last kept one. */
  sinceKept: number;
  latest: CostPoint | null;
}

export const emptySeries = (): BoundedSeries => ({ kept: [], stride: 1, sinceKept: 0, latest: null });

export function appendPoints(series: BoundedSeries, incoming: readonly CostPoint[], capacity = SERIES_CAPACITY): BoundedSeries {
  if (incoming.length === 0) return series;
  let { kept, stride, sinceKept } = series;
  kept = kept.slice();
  for (const point of incoming) {
    sinceKept += 1;
    if (sinceKept < stride) continue;
    sinceKept = 0;
    kept.push(point);
    if (kept.length >= 2 * capacity) {
      // Keep the even ones, so the very first cost (the starting point of the curve) survives.
      kept = kept.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { kept, stride, sinceKept, latest: incoming[incoming.length - 1]! };
}

/** The points to draw: the kept ones plus the newest if it was not kept. */
export function displayPoints(series: BoundedSeries): CostPoint[] {
  const last = series.kept[series.kept.length - 1];
  return series.latest && series.latest !== last ? [...series.kept, series.latest] : series.kept;
}

/**
 * The course's exponentially weighted average with bias correction:
 * v_0 = 0, v_t = β·v_{t−1} + (1 − β)·θ_t, reported as v_t / (1 − β^t), so the first
 * values are not pulled towards 0. β = 0 returns the values unchanged.
 */
export function smoothWithBiasCorrection(values: readonly number[], beta: number): number[] {
  const out = new Array<number>(values.length);
  let v = 0;
  let betaPower = 1;
  for (let t = 0; t < values.length; t++) {
    v = beta * v + (1 - beta) * values[t];
    betaPower *= beta;
    out[t] = betaPower === 1 ? values[t] : v / (1 - betaPower);
  }
  return out;
}

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson 2013): at most `threshold`
 * points, first and last kept, each bucket represented by the point forming the
 * largest triangle with its neighbours, so peaks and the curve's shape survive.
 */
export function lttb<T extends { iteration: number; cost: number }>(points: readonly T[], threshold: number): T[] {
  const n = points.length;
  if (threshold >= n) return points.slice();
  if (threshold < 3) return threshold <= 0 ? [] : threshold === 1 ? [points[n - 1]] : [points[0], points[n - 1]];
  const out: T[] = [points[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(n, Math.floor((i + 2) * every) + 1);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j].iteration;
      avgY += points[j].cost;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs(
        (points[a].iteration - avgX) * (points[j].cost - points[a].cost) - (points[a].iteration - points[j].iteration) * (avgY - points[a].cost),
      );
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]);
    a = best;
  }
  out.push(points[n - 1]);
  return out;
}
