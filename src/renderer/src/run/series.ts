/**
 * A bounded cost series: however long the run, it keeps at most `2 · capacity`
 * points. When full it halves itself by keeping every other point and doubles the
 * stride at which new points are kept, so memory stays flat and the curve keeps
 * its shape. The newest point is always available for display.
 */
import type { CostPoint } from '../../../../engine/protocol/messages';

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

export function appendPoints(
  series: BoundedSeries,
  incoming: readonly CostPoint[],
  capacity = SERIES_CAPACITY,
): BoundedSeries {
  if (incoming.length === 0) return series;
  let { kept, stride, sinceKept } = series;
  kept = kept.slice();
  for (const point of incoming) {
    sinceKept += 1;
    if (sinceKept < stride) continue;
    sinceKept = 0;
    kept.push(point);
    if (kept.length >= 2 * capacity) {
      kept = kept.filter((_, i) => i % 2 === 1);
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
