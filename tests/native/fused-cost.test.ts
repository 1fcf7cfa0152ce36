/**
 * The training loop reads each iteration's cost from backward's fused loss kernel. The
 * cost curve must be exactly the one computed the unfused way (forward, then Σ 𝓛 from
 * Z and Y, then backward), on both backends, and the native cost must match the
 * reference (float64) cost to float32 tolerance.
 */
import { describe, expect, it } from 'vitest';
import { identityOrder, loadBatch } from '../../engine/data/batcher';
import type { Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { loadNativeBackend } from '../../engine/native/load';
import { createOptimizer } from '../../engine/optim';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { trainModel } from '../../engine/train/loop';
import { prepareRun } from '../../engine/train/prepare';
import { RNG_STREAM } from '../../engine/model/network';
import { createRng, deriveSeed, shuffleInPlace } from '../../engine/tensor/rng';
import { chain, flower400, planar241, recorder, request } from '../engine/helpers';
import { nativeUnavailable } from './helpers';

const unavailable = nativeUnavailable();
const backends: [string, () => Backend][] = [
  ['reference float32', () => createReferenceBackend('float32')],
  ['reference float64', () => createReferenceBackend('float64')],
];
if (!unavailable) {
  backends.push(['native 1 thread', () => (loadNativeBackend({ threads: 1 }) as { backend: Backend }).backend]);
  backends.push(['native 2 threads', () => (loadNativeBackend({ threads: 2 }) as { backend: Backend }).backend]);
}

const softmaxNet = () =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'h', kind: 'dense', units: 8, activation: 'relu' },
    { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
  );
const regression = () =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'h', kind: 'dense', units: 6, activation: 'tanh' },
    { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse' },
  );

const REQUESTS: [string, RunRequest][] = [
  ['planar bce, full batch', request(planar241(), flower400, { iterations: 60 })],
  [
    'softmax cross-entropy, mini-batches of 33',
    request(softmaxNet(), { kind: 'generator', name: 'blobs', m: 150, seed: 4 } as never, { iterations: 40, batchSize: 33, learningRate: 0.1 }),
  ],
  [
    'linear mse',
    request(
      regression(),
      {
        kind: 'inline',
        x: Float32Array.from({ length: 80 }, (_, i) => Math.sin(i)),
        y: Float32Array.from({ length: 40 }, (_, i) => Math.cos(i)),
        exampleShape: [2],
        numClasses: 0,
      } as never,
      { iterations: 30, learningRate: 0.05 },
    ),
  ],
];

/**
 * The cost of every iteration the unfused way: forward, Σ 𝓛 from Z and Y (lossSum), backward,
 * step — over the same batches as the loop (reshuffled each epoch with the run's seed).
 */
function unfusedCosts(req: RunRequest, backend: Backend, iterations: number): number[] {
  const { net, train, batchSize } = prepareRun(req, backend);
  const optimizer = createOptimizer(net, req.config.optimizer);
  const order = identityOrder(train.m);
  const shuffle = createRng(deriveSeed(req.config.seed, RNG_STREAM.shuffle));
  const costs: number[] = [];
  while (costs.length < iterations) {
    if (batchSize < train.m) shuffleInPlace(order, shuffle);
    for (let start = 0; start < train.m && costs.length < iterations; start += batchSize) {
      const m = Math.min(batchSize, train.m - start);
      loadBatch(net, train, order, start, m);
      net.forward(m, 'train');
      costs.push(net.cost(m));
      net.backward(m);
      optimizer.step(req.config.learningRate, 0);
    }
  }
  return costs;
}

async function loopCosts(req: RunRequest, backend: Backend): Promise<number[]> {
  const hooks = recorder();
  const outcome = await trainModel(req, backend, hooks);
  expect(outcome.status).toBe('finished');
  return hooks.events.filter((e): e is Extract<FromTrainer, { type: 'progress' }> => e.type === 'progress').flatMap((p) => p.costs.map((c) => c.cost));
}

describe.each(backends)('fused cost (%s)', (_label, make) => {
  for (const [name, req] of REQUESTS) {
    it(`${name}: the loop's cost curve is the unfused one, bit for bit`, async () => {
      const backend = make();
      const iterations = req.config.iterations!;
      const fused = await loopCosts(req, backend);
      expect(fused).toHaveLength(iterations);
      expect(fused).toEqual(unfusedCosts(req, backend, iterations));
    });
  }

  it('after backward, cost(m) is the Σ 𝓛 backward computed; a new forward recomputes it', () => {
    const backend = make();
    const { net, train } = prepareRun(request(softmaxNet(), { kind: 'generator', name: 'blobs', m: 60, seed: 2 } as never, { batchSize: 'full' }), backend);
    loadBatch(net, train, identityOrder(train.m), 0, train.m);
    net.forward(train.m, 'train');
    const before = net.cost(train.m);
    net.backward(train.m);
    expect(net.cost(train.m)).toBe(before);
    // A forward on fewer examples must not reuse the full batch's sum.
    net.forward(20, 'test');
    const partial = net.cost(20);
    expect(partial).not.toBe(before);
    expect(Number.isFinite(partial)).toBe(true);
  });
});

describe.skipIf(!!unavailable)('native cost vs reference float64 cost', () => {
  for (const [name, req] of REQUESTS) {
    it(`${name}: first-iteration cost within float32 tolerance`, () => {
      const costOf = (backend: Backend) => {
        const { net, train, batchSize } = prepareRun(req, backend);
        const m = Math.min(batchSize, train.m);
        loadBatch(net, train, identityOrder(train.m), 0, m);
        net.forward(m, 'train');
        net.backward(m);
        return net.cost(m);
      };
      const native = costOf((loadNativeBackend({ threads: 1 }) as { backend: Backend }).backend);
      const reference = costOf(createReferenceBackend('float64'));
      expect(Math.abs(native - reference)).toBeLessThanOrEqual(1e-5 * Math.abs(reference) + 1e-7);
    });
  }
});
