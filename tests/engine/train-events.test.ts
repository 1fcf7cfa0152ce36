/** Issue 6: the live panel events of a training run (boundary, health, evaluation) and their throttles. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { gradCheckRequest } from '../../engine/train/check-request';
import { runTraining } from '../../engine/train/run';
import { chain, flower400, planar241, recorder, request } from './helpers';
import { generate } from '../../engine/data/generators';

const ofType = <T extends FromTrainer['type']>(events: FromTrainer[], type: T) => events.filter((e): e is Extract<FromTrainer, { type: T }> => e.type === type);

describe('live panel events', () => {
  it('sends a 60×60 decision boundary, layer health and dev predictions, throttled, with the final ones before run-finished', async () => {
    const hooks = recorder(Infinity, 1); // every now() call advances 1 ms
    await runTraining(request(planar241(), flower400, { iterations: 2000 }, { split: { train: 0.8, dev: 0.2, seed: 1 } }), createReferenceBackend(), hooks);
    const { events } = hooks;
    const boundaries = ofType(events, 'boundary');
    expect(boundaries.length).toBeGreaterThan(2);
    const first = boundaries[0].grid;
    expect(first.size).toBe(60);
    expect(first.values).toHaveLength(3600);
    expect(first.valueKind).toBe('probability');
    expect(first.points?.x.length).toBe(320);
    expect(boundaries[1].grid.points).toBeUndefined();
    for (const v of first.values) expect(v >= 0 && v <= 1).toBe(true);

    const health = ofType(events, 'health');
    expect(health.length).toBeGreaterThan(2);
    expect(health[0].layers.map((l) => l.id)).toEqual(['h', 'y']);
    for (const l of health[0].layers) {
      expect(l.gradNorm).toBeGreaterThan(0);
      expect(l.weightNorm).toBeGreaterThan(0);
    }

    const evaluations = ofType(events, 'evaluation');
    const final = evaluations[evaluations.length - 1];
    expect(final.final).toBe(true);
    expect(final.report.set).toBe('dev');
    expect(final.report.actual).toHaveLength(80);
    expect(final.report.binaryScores).toBe(true);
    expect(final.report.shown!.length).toBeGreaterThan(0);
    const types = events.map((e) => e.type);
    expect(types.lastIndexOf('evaluation')).toBeLessThan(types.indexOf('run-finished'));
    expect(types.lastIndexOf('boundary')).toBeLessThan(types.indexOf('run-finished'));
    // Mistakes first.
    const shown = final.report.shown!;
    const wrong = shown.map((s) => final.report.predicted[s.index] !== final.report.actual[s.index]);
    expect(wrong.indexOf(false) === -1 || wrong.slice(wrong.indexOf(false)).every((w) => !w)).toBe(true);
    // Error analysis: every mistake travels (fewer than the cap here), with a few right answers per class …
    const mistakes = final.report.actual.filter((y, i) => final.report.predicted[i] !== y).length;
    expect(wrong.filter(Boolean).length).toBe(mistakes);
    expect(wrong.filter((w) => !w).length).toBe(8);
    // … each named by its row in the request's data (the split shuffles them; tags must survive that).
    const data = generate(flower400 as Extract<typeof flower400, { kind: 'generator' }>);
    for (const example of shown) {
      expect(example.source).toBeDefined();
      const row = Array.from(data.x.subarray(example.source! * 2, example.source! * 2 + 2), (v) => +v.toFixed(4));
      expect(example.x).toEqual(row);
      expect(final.report.actual[example.index]).toBe(data.y[example.source!]);
    }
  });

  it('keeps live events within the ≈20/s budget on a real clock', async () => {
    const hooks = recorder();
    const t0 = performance.now();
    await runTraining(request(planar241(), flower400, { iterations: 6000 }), createReferenceBackend(), hooks);
    const seconds = Math.max(0.05, (performance.now() - t0) / 1000);
    const live = hooks.events.filter((e) => e.type === 'boundary' || e.type === 'health' || e.type === 'evaluation');
    // health ≤ 5/s, boundary ≤ 4/s, evaluation ≤ 2/s (+ the first and final ones)
    expect(live.length).toBeLessThanOrEqual(Math.ceil(11 * seconds) + 6);
  });

  it('gives a short full-batch run epoch points spread over its length, not just the first and the last', async () => {
    const hooks = recorder();
    const split = { train: 0.8, dev: 0.2, seed: 3 };
    await runTraining(request(planar241(), flower400, { iterations: 300 }, { split }), createReferenceBackend(), hooks);
    const epochs = ofType(hooks.events, 'epoch').map((e) => e.metrics.epoch);
    // 300 one-step epochs take a few milliseconds: time-based pacing alone would send epochs 1 and 300.
    // The marks are counted in work, not time: every sixth epoch, whatever the machine’s speed.
    expect(epochs[0]).toBe(1);
    expect(epochs.at(-1)).toBe(300);
    for (let e = 6; e <= 300; e += 6) expect(epochs).toContain(e);
    expect(ofType(hooks.events, 'epoch').every((e) => e.metrics.devCost !== undefined)).toBe(true);
  });

  it('evaluates on train when there is no dev split; a softmax boundary carries classes', async () => {
    const hooks = recorder(Infinity, 1);
    await runTraining(
      request(
        chain({ id: 'x', kind: 'input', shape: [2] }, { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' }),
        { kind: 'generator', name: 'blobs', m: 60, seed: 1, classes: 3 },
        { iterations: 50, learningRate: 0.1 },
      ),
      createReferenceBackend(),
      hooks,
    );
    expect(hooks.events.at(-1)!.type).toBe('run-finished');
    const boundary = ofType(hooks.events, 'boundary').pop()!;
    expect(boundary.grid.valueKind).toBe('class');
    for (const v of boundary.grid.values) expect([0, 1, 2]).toContain(v);
    const final = ofType(hooks.events, 'evaluation').pop()!;
    expect(final.report.set).toBe('train');
    expect(final.report.binaryScores).toBe(false);
    expect(final.report.numClasses).toBe(3);
  });

  it('checks the gradients of a run request in the course’s “great” band', () => {
    const result = gradCheckRequest(request(planar241(), flower400, { iterations: 10 }));
    expect(result.band).toBe('great');
    expect(result.layers.map((l) => l.id)).toEqual(['h', 'y']);
    expect(result.difference).toBeLessThan(1e-7);
  });
});
