/** Weight histograms: the engine's binning, the trainer's 'weights' events, the store and the panel's geometry. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { decodeFloat32 } from '../../engine/export/base64';
import type { FromTrainer } from '../../engine/protocol/messages';
import { histogram } from '../../engine/train/live';
import { runTraining } from '../../engine/train/run';
import { reduceRunEvent, startingRun } from '../../src/renderer/src/run/run-store';
import { densities, histogramStd, peak, sharedAxes, stepPath } from '../../src/renderer/src/panels/weight-histogram';
import { flower400, planar241, recorder, request } from '../engine/helpers';

describe('histogram', () => {
  it('bins values over [min, max] with the maximum in the last bin, skipping non-finite ones', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, NaN, Infinity], 4);
    expect(h.min).toBe(0);
    expect(h.max).toBe(1);
    // bins [0,.25) [.25,.5) [.5,.75) [.75,1]
    expect(h.counts).toEqual([2, 0, 1, 2]);
  });
  it('puts equal values in one bin and an empty input in none', () => {
    expect(histogram([3, 3, 3], 5).counts).toEqual([3, 0, 0, 0, 0]);
    expect(histogram([], 3).counts).toEqual([0, 0, 0]);
  });
});

describe("trainer 'weights' events", () => {
  it('sends the initialisation before the first step and the trained weights at the end', async () => {
    const hooks = recorder(Infinity, 1);
    await runTraining(request(planar241(), flower400, { iterations: 1500 }), createReferenceBackend(), hooks);
    const weights = hooks.events.filter((e): e is Extract<FromTrainer, { type: 'weights' }> => e.type === 'weights');
    expect(weights.length).toBeGreaterThan(2);
    expect(weights[0].iteration).toBe(0);
    const last = weights[weights.length - 1];
    expect(last.iteration).toBe(1500);
    expect(last.layers.map((l) => l.id)).toEqual(['h', 'y']);
    // Every weight counted once: W[1] is 4×2, W[2] is 1×4.
    expect(last.layers.map((l) => l.counts.reduce((a, b) => a + b, 0))).toEqual([8, 4]);
    // The last histogram is of the trained weights the model file carries.
    const model = hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model')!.model;
    const W1 = decodeFloat32(model.parameters.find((p) => p.layer === 'h' && p.name === 'W')!.data)!;
    const expected = histogram(W1, last.layers[0].counts.length);
    expect(last.layers[0].min).toBeCloseTo(expected.min, 6);
    expect(last.layers[0].max).toBeCloseTo(expected.max, 6);
    expect(last.layers[0].counts).toEqual(expected.counts);
    // Training moved the weights away from the small random start.
    expect(last.layers[0].max - last.layers[0].min).toBeGreaterThan(weights[0].layers[0].max - weights[0].layers[0].min);
    const types = hooks.events.map((e) => e.type);
    expect(types.lastIndexOf('weights')).toBeLessThan(types.indexOf('run-finished'));
  });
});

describe('weights in the run store', () => {
  it('keeps the first snapshot and replaces the latest', () => {
    const layer = (min: number) => ({ id: 'h', kind: 'dense', min, max: min + 1, counts: [1, 2] });
    let s = startingRun('r');
    for (const [iteration, min] of [
      [0, 0],
      [10, 1],
      [20, 2],
    ] as const)
      s = reduceRunEvent(s, { type: 'weights', runId: 'r', iteration, layers: [layer(min)] });
    s = reduceRunEvent(s, { type: 'weights', runId: 'other', iteration: 99, layers: [layer(9)] });
    expect(s.weights?.first.iteration).toBe(0);
    expect(s.weights?.latest.iteration).toBe(20);
    expect(s.weights?.latest.layers[0].min).toBe(2);
  });
});

describe('histogram geometry', () => {
  it('densities integrate to 1', () => {
    const steps = densities({ min: -1, max: 1, counts: [1, 3, 4, 2] });
    const area = steps.reduce((a, s) => a + s.density * (s.x1 - s.x0), 0);
    expect(area).toBeCloseTo(1, 12);
    const spike = densities({ min: 0.5, max: 0.5, counts: [5, 0] });
    expect(spike).toHaveLength(1);
    expect(spike[0].density * (spike[0].x1 - spike[0].x0)).toBeCloseTo(1, 12);
  });
  it('shares the x range and the tallest density; the path starts and ends on the baseline', () => {
    const a = densities({ min: -0.1, max: 0.1, counts: [1, 1] });
    const b = densities({ min: -2, max: 2, counts: [1, 1] });
    const axes = sharedAxes(a, b);
    expect(axes).toEqual({ xMin: -2, xMax: 2, yMax: 5 });
    const path = stepPath(a, axes, 100, 50);
    expect(path.startsWith('M47.5,50')).toBe(true);
    expect(path.endsWith('L52.5,50Z')).toBe(true);
    expect(path).toContain('L47.5,0.0');
  });
  it('estimates σ from bin centres', () => {
    // centres −0.5 and 0.5, equal counts → σ = 0.5
    expect(histogramStd({ min: -1, max: 1, counts: [3, 3] })).toBeCloseTo(0.5, 12);
  });
});

describe('histogram bins per layer', () => {
  it('uses about √n bins for small layers and at most HISTOGRAM_BINS', async () => {
    const hooks = recorder(Infinity, 1);
    await runTraining(request(planar241(), flower400, { iterations: 5 }), createReferenceBackend(), hooks);
    const first = hooks.events.find((e): e is Extract<FromTrainer, { type: 'weights' }> => e.type === 'weights')!;
    // 8 weights → 4 bins (the minimum), 4 weights → 4 bins
    expect(first.layers.map((l) => l.counts.length)).toEqual([4, 4]);
    expect(peak(densities({ min: 0, max: 1, counts: [1, 3] }))).toBeCloseTo(3 / (4 * 0.5), 12);
    expect(peak([])).toBe(1);
  });
});
