/** The loop's contract with its host: events, throttling, checkpoints, determinism, divergence, early stopping. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { evaluate } from '../../engine/train/evaluate';
import { trainModel } from '../../engine/train/loop';
import { runTraining } from '../../engine/train/run';
import { identityOrder } from '../../engine/data/batcher';
import { chain, flower400, planar241, randomData, recorder, request } from './helpers';

const of = <T extends FromTrainer['type']>(events: FromTrainer[], type: T) => events.filter((e): e is Extract<FromTrainer, { type: T }> => e.type === type);

describe('training loop events', () => {
  it('emits run-started, shapes, progress with every cost, epochs and run-finished', async () => {
    const hooks = recorder(Infinity, 1); // 1 ms per now() call
    await runTraining(request(planar241(), flower400, { iterations: 500 }), createReferenceBackend(), hooks);
    expect(hooks.events[0]).toMatchObject({ type: 'run-started', trainSize: 400, devSize: 0, iterationsPerEpoch: 1, totalIterations: 500 });
    const shapes = of(hooks.events, 'shapes')[0];
    expect(shapes.layers.find((l) => l.id === 'h')!.shapes).toEqual({ W: [4, 2], b: [4, 1], Z: [4, 400], A: [4, 400], dW: [4, 2], db: [4, 1] });
    const progress = of(hooks.events, 'progress');
    const iterations = progress.flatMap((p) => p.costs.map((c) => c.iteration));
    expect(iterations).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    // Throttled: about one event per 50 ms of (simulated) time, not one per iteration.
    expect(progress.length).toBeLessThan(100);
    expect(progress.length).toBeGreaterThan(5);
    expect(of(hooks.events, 'epoch').at(-1)!.metrics.epoch).toBe(500);
    expect(hooks.events.at(-1)).toMatchObject({ type: 'run-finished', reason: 'completed' });
  });

  it('decimates a long series to at most ~2,000 points per progress event', async () => {
    const hooks = recorder(); // real time: thousands of iterations between events
    await runTraining(
      request(
        chain({ id: 'x', kind: 'input', shape: [2] }, { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' }),
        { kind: 'generator', name: 'xor', m: 4, seed: 1 },
        { iterations: 20_000 },
      ),
      createReferenceBackend(),
      hooks,
    );
    for (const p of of(hooks.events, 'progress')) expect(p.costs.length).toBeLessThanOrEqual(2000);
    expect(of(hooks.events, 'progress').at(-1)!.costs.at(-1)!.iteration).toBe(20_000);
  });

  it('stops when a checkpoint answers stop', async () => {
    const hooks = recorder(3, 10); // every iteration takes 10 ms; stop at the third checkpoint
    const metrics = await runTraining(request(planar241(), flower400, { iterations: 10_000 }), createReferenceBackend(), hooks);
    expect(hooks.checkpoints).toBe(3);
    expect(hooks.events.at(-1)).toMatchObject({ type: 'run-finished', reason: 'stopped' });
    expect(metrics!.iterations).toBeLessThan(50);
  });

  it('same seed ⇒ bit-identical run (mini-batches, dropout, init); another seed differs', async () => {
    const model = chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'd', kind: 'dense', units: 8, activation: 'relu' },
      { id: 'drop', kind: 'dropout', keepProb: 0.7 },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
    );
    const costs = async (seed: number) => {
      const hooks = recorder(Infinity, 1);
      await runTraining(
        request(model, flower400, { iterations: undefined, epochs: 5, batchSize: 32, learningRate: 0.1, seed }),
        createReferenceBackend(),
        hooks,
      );
      return of(hooks.events, 'progress').flatMap((p) => p.costs.map((c) => c.cost));
    };
    const a = await costs(5);
    expect(a.length).toBe(5 * 13);
    expect(await costs(5)).toEqual(a);
    expect(await costs(6)).not.toEqual(a);
  });
});

describe('divergence', () => {
  it('stops within one iteration of a NaN/Inf cost, advising a lower learning rate', async () => {
    const data = randomData(20, [3], 0, 1);
    const model = chain({ id: 'x', kind: 'input', shape: [3] }, { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse' });
    const hooks = recorder(Infinity, 1);
    const metrics = await runTraining(
      request(model, { kind: 'inline', x: data.x.map((v) => v * 100), y: data.y, exampleShape: [3], numClasses: 0 }, { iterations: 1000, learningRate: 50 }),
      createReferenceBackend(),
      hooks,
    );
    expect(metrics).toBeNull();
    const failure = hooks.events.at(-1)!;
    expect(failure.type).toBe('run-failed');
    if (failure.type !== 'run-failed') return;
    expect(failure.advice).toMatch(/Lower the learning rate/);
    const failedAt = Number(/iteration (\d+)/.exec(failure.message)![1]);
    const seen = of(hooks.events, 'progress').flatMap((p) => p.costs);
    // Every reported cost is finite, and the run stopped at the first one that was not.
    expect(seen.every((c) => Number.isFinite(c.cost))).toBe(true);
    expect(seen.at(-1)!.iteration).toBe(failedAt - 1);
    expect(failedAt).toBeLessThan(1000);
  });

  it('reports a spec that does not fit the data as a run failure with the layer and a hint', async () => {
    const hooks = recorder();
    const result = await runTraining(request(planar241(), { kind: 'generator', name: 'blobs', m: 30, seed: 1, classes: 3 }), createReferenceBackend(), hooks);
    expect(result).toBeNull();
    expect(hooks.events.at(-1)).toMatchObject({ type: 'run-failed', message: expect.stringMatching(/layer y: A 3-class dataset needs a softmax output/) });
  });
});

describe('early stopping', () => {
  it('stops when dev cost stops improving and restores the best weights', async () => {
    const model = chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'd1', kind: 'dense', units: 64, activation: 'relu' },
      { id: 'd2', kind: 'dense', units: 64, activation: 'relu' },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
    );
    const hooks = recorder(Infinity, 100);
    const outcome = await trainModel(
      request(
        model,
        { kind: 'generator', name: 'moons', m: 60, seed: 2, noise: 0.45 },
        {
          iterations: undefined,
          epochs: 2000,
          batchSize: 'full',
          learningRate: 0.05,
          optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
          earlyStopping: { patience: 20 },
        },
        { split: { train: 0.5, dev: 0.5, seed: 1 } },
      ),
      createReferenceBackend(),
      hooks,
    );
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    expect(outcome.reason).toBe('early-stopped');
    const devCosts = of(hooks.events, 'epoch').map((e) => e.metrics.devCost!);
    expect(devCosts.length).toBeLessThan(2000);
    const best = Math.min(...devCosts);
    const { dev } = outcome.prepared;
    const restored = evaluate(outcome.prepared.net, dev!, identityOrder(dev!.m)).cost;
    expect(restored).toBeCloseTo(best, 5);
    expect(devCosts.at(-1)!).toBeGreaterThan(best);
    // The run says which epoch's weights it kept.
    const bestEpoch = of(hooks.events, 'epoch').find((e) => e.metrics.devCost === best)!.metrics.epoch;
    expect(outcome.metrics.bestEpoch).toBe(bestEpoch);
  });
});

describe('cost series', () => {
  it('keeps every point up to the limit, then an even, bounded decimation ending at the latest', async () => {
    const { CostSeries } = await import('../../engine/train/cost-series');
    const series = new CostSeries(100);
    for (let i = 1; i <= 50; i++) series.push(i, i);
    expect(series.drain().map((p) => p.iteration)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i <= 100_000; i++) series.push(i, i);
    expect(series.length).toBeLessThan(200);
    const points = series.drain({ iteration: 100_000, cost: 100_000 });
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.at(-1)!.iteration).toBe(100_000);
    const gaps = points.slice(1).map((p, i) => p.iteration - points[i].iteration);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThan(3);
  });
});
