/** Cost smoothing with bias correction, and the bounds of the chart's series. */
import { describe, expect, it } from 'vitest';
import { appendPoints, displayPoints, emptySeries, lttb, SERIES_CAPACITY, smoothWithBiasCorrection } from '../../src/renderer/src/run/series';
import type { CostPoint } from '../../engine/protocol/messages';

describe('exponentially weighted average with bias correction', () => {
  it('is v_t/(1−β^t) of v_t = βv_(t−1) + (1−β)θ_t', () => {
    const beta = 0.9;
    const values = [4, 2, 3, 1];
    let v = 0;
    const expected = values.map((x, i) => {
      v = beta * v + (1 - beta) * x;
      return v / (1 - beta ** (i + 1));
    });
    const out = smoothWithBiasCorrection(values, beta);
    out.forEach((o, i) => expect(o).toBeCloseTo(expected[i], 12));
  });

  it('starts at the first value (no pull towards 0) and tracks a constant exactly', () => {
    expect(smoothWithBiasCorrection([5], 0.98)[0]).toBeCloseTo(5, 12);
    for (const s of smoothWithBiasCorrection(new Array(50).fill(2.5), 0.98)) expect(s).toBeCloseTo(2.5, 10);
    // Without the correction the course's first value would be 0.1 (β = 0.98, θ = 5).
    expect(smoothWithBiasCorrection([5, 5], 0.98)[1]).toBeCloseTo(5, 10);
  });

  it('β = 0 leaves the values unchanged; a larger β smooths more', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => 1 + (i % 2 === 0 ? 0.5 : -0.5));
    expect(smoothWithBiasCorrection(noisy, 0)).toEqual(noisy);
    const spread = (xs: number[]) => Math.max(...xs.slice(100)) - Math.min(...xs.slice(100));
    expect(spread(smoothWithBiasCorrection(noisy, 0.9))).toBeLessThan(spread(smoothWithBiasCorrection(noisy, 0.5)));
  });
});

describe('bounded series', () => {
  it('a 1,000,000-iteration run keeps at most 2·capacity points, like a short one', () => {
    let series = emptySeries();
    const batch: CostPoint[] = [];
    for (let i = 1; i <= 1_000_000; i++) {
      batch.push({ iteration: i, cost: 1 / i });
      if (batch.length === 5000) {
        series = appendPoints(series, batch);
        batch.length = 0;
      }
    }
    expect(series.kept.length).toBeLessThan(2 * SERIES_CAPACITY);
    expect(series.kept.length).toBeGreaterThanOrEqual(SERIES_CAPACITY / 2);
    expect(displayPoints(series).at(-1)!.iteration).toBe(1_000_000);
    // evenly decimated: strictly increasing iterations
    for (let i = 1; i < series.kept.length; i++) expect(series.kept[i].iteration).toBeGreaterThan(series.kept[i - 1].iteration);

    let short = emptySeries();
    short = appendPoints(
      short,
      Array.from({ length: 3000 }, (_, i) => ({ iteration: i + 1, cost: 1 })),
    );
    expect(short.kept.length).toBeLessThan(2 * SERIES_CAPACITY);
  });

  it('LTTB returns at most the threshold, keeps the ends and the peaks', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ iteration: i, cost: i === 5000 ? 100 : Math.sin(i / 100) }));
    const out = lttb(points, 400);
    expect(out).toHaveLength(400);
    expect(out[0]).toBe(points[0]);
    expect(out[399]).toBe(points[9999]);
    expect(out.some((p) => p.cost === 100)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i].iteration).toBeGreaterThan(out[i - 1].iteration);
    expect(lttb(points.slice(0, 10), 400)).toHaveLength(10);
    expect(lttb(points, 2)).toEqual([points[0], points[9999]]);
  });
});

describe('bounded series keeps the start of the curve', () => {
  it('the first cost survives every halving', () => {
    let series = emptySeries();
    for (let i = 1; i <= 200_000; i += 1000)
      series = appendPoints(
        series,
        Array.from({ length: 1000 }, (_, k) => ({ iteration: i + k, cost: 1 / (i + k) })),
      );
    expect(series.kept[0].iteration).toBe(1);
  });
});
