import { describe, expect, it } from 'vitest';
import { extent, linearScale, linearTicks, logScale, niceStep } from '../../src/renderer/src/panels/plot-scale';
import { costLines, costRows, DRAW_POINTS } from '../../src/renderer/src/panels/cost-lines';
import { smoothWithBiasCorrection } from '../../src/renderer/src/run/series';

describe('plot scales', () => {
  it('picks 1-2-5 steps', () => {
    expect(niceStep(1, 5)).toBeCloseTo(0.2);
    expect(niceStep(0.7, 5)).toBeCloseTo(0.2);
    expect(niceStep(100000, 5)).toBe(20000);
    expect(niceStep(0.03, 4)).toBeCloseTo(0.01);
    expect(niceStep(0, 5)).toBe(1);
  });
  it('ticks lie inside the range at step multiples', () => {
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.13, 0.61, 5)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6]);
  });
  it('a linear y scale maps the domain ends to the pixel ends (inverted axis)', () => {
    const s = linearScale(0.1, 0.69, 200, 10, 5, true);
    expect(s.domain[0]).toBe(0);
    // span 0.69 over 5 intervals → step 0.2, upper bound rounded up to 0.8
    expect(s.domain[1]).toBeCloseTo(0.8);
    expect(s.at(0)).toBe(200);
    expect(s.at(0.8)).toBeCloseTo(10);
    expect(s.at(0.4)).toBeCloseTo(105);
  });
  it('a flat series still gets a non-empty domain', () => {
    const s = linearScale(0.5, 0.5, 100, 0);
    expect(s.domain[1]).toBeGreaterThan(s.domain[0]);
    expect(Number.isFinite(s.at(0.5))).toBe(true);
  });
  it('a log scale spans whole decades and clamps non-positive values', () => {
    const s = logScale(0.003, 0.7, 100, 0);
    expect(s.ticks).toEqual([0.001, 0.01, 0.1, 1]);
    expect(s.at(0.001)).toBe(100);
    expect(s.at(1)).toBe(0);
    expect(s.at(0.1)).toBeCloseTo(100 / 3);
    expect(s.at(0)).toBe(s.at(1e-8));
  });
  it('extent skips non-finite values', () => {
    expect(
      extent([
        [{ y: 2 }, { y: NaN }],
        [{ y: -1 }, { y: Infinity }],
      ]),
    ).toEqual([-1, 2]);
    expect(extent([[]]).every(Number.isNaN)).toBe(true);
  });
});

describe('cost lines', () => {
  const points = Array.from({ length: 5000 }, (_, i) => ({ iteration: i + 1, cost: 1 / (i + 1) }));
  const epochs = [
    { epoch: 1, iteration: 100, trainCost: 0.5, trainError: 0.3, learningRate: 0.1, devCost: 0.6, devError: 0.35 },
    { epoch: 2, iteration: 200, trainCost: 0.4, trainError: 0.2, learningRate: 0.1 },
  ];
  it('downsamples the cost, smooths only when β > 0, keeps dev points only where present', () => {
    const lines = costLines(points, epochs, [{ iteration: 1, cost: 0.1 }], 0.9, false);
    expect(lines.cost.length).toBe(DRAW_POINTS);
    expect(lines.smooth.length).toBe(DRAW_POINTS);
    expect(lines.cost[0]).toEqual({ x: 1, y: 1 });
    expect(lines.devCost).toEqual([{ x: 100, y: 0.6 }]);
    expect(lines.hasDev).toBe(true);
    expect(lines.scheduled).toBe(false);
    expect(costLines(points, epochs, [], 0, false).smooth).toEqual([]);
    expect(lines.trainDevError).toEqual([]);
    const withTrainDev = costLines(points, [{ ...epochs[0], trainDevError: 0.31 }, epochs[1]], [], 0, false);
    expect(withTrainDev.trainDevError).toEqual([{ x: 100, y: 0.31 }]);
    expect(costRows(withTrainDev).find((r) => r.iteration === 100)?.trainDevError).toBe(0.31);
  });
  it('the smoothed line is the bias-corrected average over every kept point, read at the drawn ones', () => {
    const noisy = points.map((p, i) => ({ iteration: p.iteration * 3, cost: p.cost + (i % 7) * 0.01 }));
    const all = smoothWithBiasCorrection(
      noisy.map((p) => p.cost),
      0.9,
    );
    const lines = costLines(noisy, [], [], 0.9, false);
    for (const s of lines.smooth) expect(s.y).toBe(all[s.x / 3 - 1]);
  });
  it('clamps to a positive floor on a log axis and flags a varying learning rate', () => {
    const lines = costLines(
      [{ iteration: 1, cost: 0 }],
      [],
      [
        { iteration: 1, cost: 0.1 },
        { iteration: 2, cost: 0.05 },
      ],
      0,
      true,
    );
    expect(lines.cost[0].y).toBe(1e-8);
    expect(lines.scheduled).toBe(true);
    expect(lines.learningRate.length).toBe(2);
  });
  it('rows merge the lines by iteration, sorted', () => {
    const rows = costRows(costLines(points.slice(0, 300), epochs, [], 0, false));
    expect(rows.map((r) => r.iteration)).toEqual([...rows.map((r) => r.iteration)].sort((a, b) => a - b));
    const at100 = rows.find((r) => r.iteration === 100)!;
    expect(at100.trainCost).toBe(0.5);
    expect(at100.devError).toBe(0.35);
  });
});
