/**
 * The new layers, options and loss on the native backend: gradient checks in float32 (as
 * tests/native/gradcheck.test.ts: ε = 1e−2, bar 1e−3) for concatenate, pool with padding 'same',
 * frozen layers and the multi-task loss with missing labels — kernels native has not got yet
 * (copyBlock, taskLoss) run their reference loop on its buffers — and a frozen layer that stays
 * bit for bit the same through the native optimizer program.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import type { Dataset } from '../../engine/data/dataset';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend } from '../../engine/native/load';
import type { ModelSpec } from '../../engine/spec/types';
import { createRng } from '../../engine/tensor/rng';
import { createNetwork } from '../../engine/model/network';
import { gradientCheck } from '../../engine/train/gradcheck';
import { trainModel } from '../../engine/train/loop';
import { randomData, recorder, request, spec } from '../engine/helpers';
import { nativeUnavailable } from './helpers';

const unavailable = nativeUnavailable();
const native = () => (loadNativeBackend({ threads: 2 }) as { backend: Backend }).backend;

const inception = spec(
  { id: 'x', kind: 'input', shape: [5, 4, 2], inputs: [] },
  { id: 'a', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['x'] },
  { id: 'r', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['x'] },
  { id: 'b', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'tanh', inputs: ['r'] },
  { id: 'p', kind: 'pool', mode: 'avg', f: 3, s: 1, padding: 'same', inputs: ['x'] },
  { id: 'cat', kind: 'concatenate', inputs: ['a', 'b', 'p'] },
  { id: 'f', kind: 'flatten', inputs: ['cat'] },
  { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['f'] },
);

const frozenBody = spec(
  { id: 'x', kind: 'input', shape: [3], inputs: [] },
  { id: 'd1', kind: 'dense', units: 5, activation: 'tanh', frozen: true, inputs: ['x'] },
  { id: 'bn', kind: 'batchnorm', frozen: true, inputs: ['d1'] },
  { id: 'd2', kind: 'dense', units: 4, activation: 'tanh', inputs: ['bn'] },
  { id: 'cat', kind: 'concatenate', inputs: ['d2', 'd1'] },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['cat'] },
);

/** Three yes/no labels from the signs of the features, a quarter missing. */
function multiTaskData(m: number): Dataset {
  const rng = createRng(8);
  const x = Float32Array.from({ length: m * 3 }, () => rng.randn());
  const y = Float32Array.from({ length: m * 3 }, (_, i) => (rng.uniform() < 0.25 ? NaN : x[i] > 0 ? 1 : 0));
  return { x, y, m, exampleShape: [3], numClasses: 2, targetWidth: 3 };
}

const multiTask: ModelSpec = spec(
  { id: 'x', kind: 'input', shape: [3], inputs: [] },
  { id: 'h', kind: 'dense', units: 5, activation: 'tanh', inputs: ['x'] },
  { id: 'y', kind: 'output', units: 3, activation: 'sigmoid', loss: 'bce', inputs: ['h'] },
);

describe.skipIf(!!unavailable)('new layers, options and loss on the native backend (float32)', () => {
  const cases: [string, ModelSpec, Dataset][] = [
    ['concatenate along channels with a 1×1 → 3×3 branch and an average pool same', inception, randomData(6, [5, 4, 2], 3, 3)],
    ['frozen dense and batch norm, concatenate of features', frozenBody, randomData(7, [3], 2, 3)],
    ['multi-task sigmoid output with missing labels', multiTask, multiTaskData(9)],
  ];
  for (const [name, model, data] of cases) {
    it(`gradient check: ${name}`, () => {
      const result = gradientCheck(compileSpec(model).spec!, data, { backend: native(), epsilon: 1e-2, seed: 4, biasJitter: 0.5 });
      expect(result.difference).toBeLessThan(1e-3);
    });
  }

  it('a frozen layer leaves the native optimizer program untouched (Adam, L2), the others move', async () => {
    const data = randomData(64, [3], 2, 5);
    const run = await trainModel(
      request(
        frozenBody,
        { kind: 'inline', x: data.x, y: data.y, exampleShape: [3], numClasses: 2 },
        { iterations: 20, batchSize: 16, learningRate: 0.05, l2: 0.5, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
      ),
      native(),
      recorder(),
    );
    if (run.status !== 'finished') throw new Error(run.message);
    const before = createNetwork(compileSpec(frozenBody).spec!, native(), { capacity: 16, seed: 2 });
    const values = (net: typeof before, id: string) => [...net.params, ...net.state].filter((t) => t.layerId === id).map((t) => Array.from(t.value));
    for (const id of ['d1', 'bn']) expect(values(run.prepared.net, id)).toEqual(values(before, id));
    expect(values(run.prepared.net, 'd2')).not.toEqual(values(before, 'd2'));
  });
});
