/** Course 2, week 2: mini-batches, Adam vs gradient descent, learning-rate decay formulas. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { learningRateAt } from '../../engine/schedules';
import type { OptimizerConfig } from '../../engine/protocol/train-config';
import { runTraining } from '../../engine/train/run';
import { chain, recorder, request } from './helpers';

const moonsNet = chain(
  { id: 'x', kind: 'input', shape: [2] },
  { id: 'd1', kind: 'dense', units: 16, activation: 'relu', init: { kind: 'he' } },
  { id: 'd2', kind: 'dense', units: 8, activation: 'relu', init: { kind: 'he' } },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
);
const moons = { kind: 'generator' as const, name: 'moons' as const, m: 300, seed: 3 };

describe('optimisation algorithms', () => {
  it('Adam beats plain mini-batch GD on moons with the same budget and learning rate', async () => {
    const run = (optimizer: OptimizerConfig) =>
      runTraining(
        request(moonsNet, moons, { iterations: undefined, epochs: 100, batchSize: 64, learningRate: 0.007, optimizer }),
        createReferenceBackend(),
        recorder(),
      );
    const gd = await run({ kind: 'gd' });
    const adam = await run({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(adam!.trainCost).toBeLessThan(gd!.trainCost / 2);
    expect(adam!.trainAccuracy).toBeGreaterThan(gd!.trainAccuracy);
    expect(adam!.trainAccuracy).toBeGreaterThan(0.93);
  });

  it('mini-batches keep the last partial batch: 300 examples in batches of 64 is 5 iterations per epoch', async () => {
    const hooks = recorder();
    const metrics = await runTraining(request(moonsNet, moons, { iterations: undefined, epochs: 3, batchSize: 64 }), createReferenceBackend(), hooks);
    const started = hooks.events.find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ iterationsPerEpoch: 5, totalIterations: 15 });
    expect(metrics).toMatchObject({ iterations: 15, epochs: 3 });
  });

  it('momentum and RMSprop run and lower the cost', async () => {
    for (const optimizer of [
      { kind: 'momentum', beta: 0.9 },
      { kind: 'rmsprop', beta2: 0.999, epsilon: 1e-8 },
    ] as OptimizerConfig[]) {
      const hooks = recorder();
      await runTraining(
        request(moonsNet, moons, { iterations: undefined, epochs: 20, batchSize: 32, learningRate: 0.01, optimizer }),
        createReferenceBackend(),
        hooks,
      );
      const epochs = hooks.events.filter((e) => e.type === 'epoch');
      const first = epochs[0].type === 'epoch' ? epochs[0].metrics.trainCost : NaN;
      const last = epochs.at(-1)!.type === 'epoch' ? (epochs.at(-1) as { metrics: { trainCost: number } }).metrics.trainCost : NaN;
      expect(last).toBeLessThan(first);
    }
  });
});

describe('learning-rate decay', () => {
  it('gives the formulas’ values', () => {
    expect(learningRateAt(0.2, { kind: 'none' }, 7)).toBe(0.2);
    // α = α₀ / (1 + decay_rate · epoch): the course's table with α₀ = 0.2, decay_rate = 1
    expect([0, 1, 2, 3].map((e) => learningRateAt(0.2, { kind: 'inverse', decayRate: 1 }, e))).toEqual([0.2, 0.1, 0.2 / 3, 0.05]);
    // α = 0.95^epoch · α₀
    expect(learningRateAt(0.2, { kind: 'exponential', base: 0.95 }, 2)).toBeCloseTo(0.2 * 0.9025, 12);
    // α = k / √epoch · α₀ (epoch counted from 1)
    expect(learningRateAt(0.2, { kind: 'sqrt', k: 1 }, 3)).toBeCloseTo(0.2 / 2, 12);
    // staircase: halve every 10 epochs
    expect([0, 9, 10, 25].map((e) => learningRateAt(1, { kind: 'staircase', factor: 0.5, interval: 10 }, e))).toEqual([1, 1, 0.5, 0.25]);
  });

  it('is applied per epoch during a run', async () => {
    const hooks = recorder(Infinity, 100);
    await runTraining(
      request(moonsNet, moons, { iterations: undefined, epochs: 3, batchSize: 'full', learningRate: 0.2, decay: { kind: 'inverse', decayRate: 1 } }),
      createReferenceBackend(),
      hooks,
    );
    const rates = hooks.events.flatMap((e) => (e.type === 'epoch' ? [e.metrics.learningRate] : []));
    expect(rates).toEqual([0.2, 0.1, 0.2 / 3]);
  });
});
