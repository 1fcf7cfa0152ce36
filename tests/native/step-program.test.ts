/**
 * Full-batch runs replay their recorded first step natively (engine/train/step-program.ts). A
 * replayed run must be the run JavaScript stepping makes, bit for bit on one thread: every cost,
 * every epoch point, the final weights — for every kind the loop lets replay, with Adam, L2 and a
 * decaying learning rate (the per-step arguments the program is given).
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../engine/kernels/kernels';
import type { DataSource } from '../../engine/data/source';
import type { FromTrainer } from '../../engine/protocol/messages';
import type { ModelSpec } from '../../engine/spec/types';
import { trainModel } from '../../engine/train/loop';
import { chain, randomData, recorder, request, spec } from '../engine/helpers';
import { compiledMatrix } from './helpers';

/** The same backend without step programs: the loop steps in JavaScript. */
const stepping = (backend: Backend): Backend => ({ ...backend, kernels: { ...backend.kernels, recordProgram: undefined } });

const inline = (m: number, shape: number[], classes: number): DataSource => {
  const d = randomData(m, shape, classes, 7);
  return { kind: 'inline', x: d.x, y: d.y, exampleShape: shape, numClasses: classes } as DataSource;
};

const models: [string, ModelSpec, DataSource][] = [
  [
    'dense tanh → sigmoid (W1)',
    chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'h', kind: 'dense', units: 4, activation: 'tanh' },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
    ),
    { kind: 'generator', name: 'flower', m: 120, seed: 1 },
  ],
  [
    'dense, activation, batchnorm, softmax',
    chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'd', kind: 'dense', units: 5, activation: 'relu' },
      { id: 'bn', kind: 'batchnorm' },
      { id: 'd2', kind: 'dense', units: 4 },
      { id: 'a', kind: 'activation', fn: 'leaky_relu' },
      { id: 's', kind: 'softmax' },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
    ),
    { kind: 'generator', name: 'blobs', m: 60, seed: 1 },
  ],
  [
    'conv2d, batchnorm, add, pool, flatten',
    spec(
      { id: 'x', kind: 'input', shape: [6, 6, 1], inputs: [] },
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu', inputs: ['x'] },
      { id: 'bn', kind: 'batchnorm', inputs: ['c'] },
      { id: 'c2', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', inputs: ['bn'] },
      { id: 'sum', kind: 'add', inputs: ['bn', 'c2'] },
      { id: 'mp', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['sum'] },
      { id: 'ap', kind: 'pool', mode: 'avg', f: 2, s: 1, inputs: ['mp'] },
      { id: 'f', kind: 'flatten', inputs: ['ap'] },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['f'] },
    ),
    inline(24, [6, 6, 1], 2),
  ],
  [
    'linear output (regression)',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 3, activation: 'tanh' },
      { id: 'y', kind: 'output', units: 2, activation: 'linear', loss: 'mse' },
    ),
    (() => {
      const d = randomData(20, [3], 0, 5, 2);
      return { kind: 'inline', x: d.x, y: d.y, exampleShape: [3], numClasses: 0 } as DataSource;
    })(),
  ],
];

async function run(model: ModelSpec, data: DataSource, backend: Backend, withDev = false) {
  const hooks = recorder();
  const config = {
    iterations: 300,
    learningRate: 0.02,
    optimizer: { kind: 'adam' as const, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    l2: 0.01,
    decay: { kind: 'inverse' as const, decayRate: 0.01 },
  };
  const outcome = await trainModel(request(model, data, config, withDev ? { split: { train: 0.75, dev: 0.25, seed: 1 } } : {}), backend, hooks, {
    name: backend.name,
  });
  if (outcome.status !== 'finished') throw new Error(JSON.stringify(outcome));
  const of = <T extends FromTrainer['type']>(type: T) => hooks.events.filter((e): e is Extract<FromTrainer, { type: T }> => e.type === type);
  return {
    costs: of('progress').flatMap((p) => p.costs.map((c) => c.cost)),
    epochs: of('epoch').map((e) => e.metrics),
    weights: outcome.prepared.net.params.map((p) => Array.from(p.value.subarray(0, p.size))),
    metrics: outcome.metrics,
    replayed: outcome.timing.replayedSteps,
  };
}

const oneThread = compiledMatrix().filter((e) => e.label.includes('1 thread') || e.label.includes('single-threaded'));

describe.each(oneThread)('replayed full-batch steps on $label', ({ backend }) => {
  it.each(
    models.flatMap(
      ([name, model, data]) =>
        [
          [name, model, data, false],
          [`${name}, with a dev set`, model, data, true],
        ] as const,
    ),
  )('%s: the run JavaScript stepping makes, bit for bit', async (_, model, data, withDev) => {
    const replayed = await run(model, data, backend, withDev);
    const stepped = await run(model, data, stepping(backend), withDev);
    expect(replayed.replayed, 'steps were replayed').toBeGreaterThan(200);
    expect(stepped.replayed).toBe(0);
    expect(replayed.costs).toHaveLength(300);
    expect(replayed.costs).toEqual(stepped.costs);
    expect(replayed.weights).toEqual(stepped.weights);
    expect(replayed.metrics).toEqual(stepped.metrics);
    // Epoch points at the same epochs have the same values (train metrics from the next step's
    // forward pass, or evaluated at that epoch's weights). Which epochs have a point is partly
    // paced by real time, so only the shared ones are compared — the marks at least.
    const stepped_ = new Map(stepped.epochs.map((e) => [e.epoch, e]));
    const shared = replayed.epochs.filter((e) => stepped_.has(e.epoch));
    expect(shared.length).toBeGreaterThanOrEqual(20);
    for (const e of shared) {
      const s = stepped_.get(e.epoch)!;
      expect(e.iteration).toBe(s.iteration);
      expect(e.trainCost, `epoch ${e.epoch} cost`).toBeCloseTo(s.trainCost, 6);
      if (Number.isNaN(s.trainError)) expect(e.trainError).toBeNaN();
      else expect(e.trainError, `epoch ${e.epoch} error`).toBe(s.trainError);
      expect(e.devCost, `epoch ${e.epoch} dev cost`).toBe(s.devCost);
    }
  });
});

/**
 * Replayed steps are booked a chunk at a time (loop.ts, bookReplayed): only the steps whose epoch
 * end does something (the first epoch, the marks, a chunk's last step) go through the per-step
 * path. On a clock that never moves, both runs send exactly the same events: every epoch point,
 * and the cost series the UI draws, decimated the same way past 4,000 points.
 */
describe.each(oneThread)('replayed steps booked a chunk at a time on $label', ({ backend }) => {
  const frozen = () => {
    const events: FromTrainer[] = [];
    return { events, hooks: { emit: (e: FromTrainer) => void events.push(e), checkpoint: async () => 'continue' as const, now: () => 0 } };
  };
  const w1 = models[0][1];
  const flower = { kind: 'generator', name: 'flower', m: 200, seed: 1 } as DataSource;
  const sent = async (b: Backend, learningRate: number, iterations: number, withDev = false, model = w1, data = flower) => {
    const { events, hooks } = frozen();
    // A decaying α: the progress event a failure sends carries the failing step's.
    const decay = { kind: 'inverse' as const, decayRate: 0.001 };
    const outcome = await trainModel(
      request(model, data, { iterations, learningRate, decay }, withDev ? { split: { train: 0.75, dev: 0.25, seed: 1 } } : {}),
      b,
      hooks,
      {
        name: b.name,
      },
    );
    return { events, outcome };
  };

  it.each([false, true])('a 5,999-step run (its last epoch not a mark) sends the events stepping sends (with a dev set: %s)', async (withDev) => {
    const replayed = await sent(backend, 1.2, 5999, withDev);
    const stepped = await sent(stepping(backend), 1.2, 5999, withDev);
    if (replayed.outcome.status !== 'finished' || stepped.outcome.status !== 'finished') throw new Error('the runs should finish');
    expect(replayed.outcome.timing.replayedSteps).toBe(5998);
    const costs = replayed.events.flatMap((e) => (e.type === 'progress' ? e.costs : []));
    expect(costs.length, 'the series was decimated').toBeLessThan(6000);
    expect(costs.at(-1)?.iteration).toBe(5999);
    expect(replayed.events.filter((e) => e.type === 'epoch').length).toBeGreaterThanOrEqual(40);
    expect(replayed.events).toEqual(stepped.events);
    expect(replayed.outcome.metrics).toEqual(stepped.outcome.metrics);
  });

  it.each([
    ['oscillating (W1, α = 100: at iteration 101)', w1, flower, 100, /^Gradient descent is diverging or oscillating at iteration 101:/],
    ['overflowing (a regression, α = 3: an infinite cost at iteration 26)', models[3][1], models[3][2], 3, /^The cost became infinite at iteration 26:/],
  ])('a run diverging mid-chunk fails where stepping fails, with the same events: %s', async (_, model, data, learningRate, message) => {
    const replayed = await sent(backend, learningRate, 3000, false, model, data);
    const stepped = await sent(stepping(backend), learningRate, 3000, false, model, data);
    expect(replayed.outcome).toMatchObject({ status: 'failed', cause: 'diverged', message: expect.stringMatching(message) });
    expect(replayed.outcome).toEqual(stepped.outcome);
    expect(replayed.events).toEqual(stepped.events);
  });
});
