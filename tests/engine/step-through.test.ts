/**
 * The step-through of one example against a case worked by hand (below), and against the
 * training loop itself: its update must be the engine's own training step, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { RunRequest } from '../../engine/protocol/messages';
import type { ModelSpec } from '../../engine/spec/types';
import { trainModel } from '../../engine/train/loop';
import { stepThrough, type StepThrough, type TraceTensor } from '../../engine/train/step-through';
import { chain, recorder } from './helpers';
import { modelWith } from '../helpers/model-file';

/** x ∈ ℝ², one ReLU layer of 2 units, one sigmoid output unit. */
const spec: ModelSpec = chain(
  { id: 'x', kind: 'input', shape: [2] },
  { id: 'h', kind: 'dense', units: 2, activation: 'relu' },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
);

// The hand-worked case (all values exact in binary):
//   W[1] = [[0.5, −0.25], [0.25, 0.5]], b[1] = [0.125, −0.5]ᵀ, W[2] = [1, −0.5], b[2] = 0.25; x = (1, 2)ᵀ, y = 1.
const handModel = modelWith(
  spec,
  {
    'h/W': { shape: [2, 2], values: [0.5, -0.25, 0.25, 0.5] },
    'h/b': { shape: [2, 1], values: [0.125, -0.5] },
    'y/W': { shape: [1, 2], values: [1, -0.5] },
    'y/b': { shape: [1, 1], values: [0.25] },
  },
  2,
);

function request(extra: Partial<RunRequest> = {}): RunRequest {
  return {
    runId: 'step',
    spec,
    data: { kind: 'inline', x: Float32Array.from([1, 2]), y: Float32Array.from([1]), exampleShape: [2], numClasses: 2 },
    config: { batchSize: 'full', learningRate: 0.1, optimizer: { kind: 'gd' }, seed: 3, iterations: 1 },
    initialModel: handModel,
    ...extra,
  };
}

function find(trace: StepThrough['forward'], name: string): TraceTensor {
  const tensor = trace.flatMap((layer) => layer.tensors).find((t) => t.name === name);
  if (!tensor) throw new Error(`no tensor ${name} in ${trace.flatMap((l) => l.tensors.map((t) => t.name)).join(', ')}`);
  return tensor;
}
const values = (trace: StepThrough['forward'], name: string) => Array.from(find(trace, name).values!);

describe('step through one example', () => {
  const result = stepThrough(request(), 0, createReferenceBackend('float32'));

  it('forward: Z[1] = W[1]x + b[1], A[1] = relu(Z[1]), Z[2] = W[2]A[1] + b[2], A[2] = σ(Z[2])', () => {
    expect(values(result.forward, 'A[0] = X')).toEqual([1, 2]);
    // Z[1] = (0.5·1 − 0.25·2 + 0.125, 0.25·1 + 0.5·2 − 0.5) = (0.125, 0.75)
    expect(values(result.forward, 'Z[1]')).toEqual([0.125, 0.75]);
    expect(values(result.forward, 'A[1]')).toEqual([0.125, 0.75]);
    // Z[2] = 1·0.125 − 0.5·0.75 + 0.25 = 0, so A[2] = σ(0) = ½
    expect(values(result.forward, 'Z[2]')).toEqual([0]);
    expect(values(result.forward, 'A[2]')).toEqual([0.5]);
    expect(find(result.forward, 'Z[1]').shape).toEqual([2, 1]);
    expect(find(result.forward, 'W[1]').shape).toEqual([2, 2]);
    expect(result.forward.map((l) => l.l)).toEqual([0, 1, 2]);
  });

  it('cost: J = −(y log a + (1 − y) log(1 − a)) = −log ½ = ln 2', () => {
    expect(result.cost.J).toBeCloseTo(Math.LN2, 6);
    expect(result.cost.loss).toBe('bce');
  });

  it('backward: dZ[2] = A[2] − Y, dW[2] = dZ[2] A[1]ᵀ, dZ[1] = W[2]ᵀ dZ[2] ⊙ relu′(Z[1]), dW[1] = dZ[1] xᵀ', () => {
    expect(result.backward.map((l) => l.id)).toEqual(['y', 'h']);
    expect(values(result.backward, 'dZ[2]')).toEqual([-0.5]);
    // dW[2] = −0.5 · (0.125, 0.75) = (−0.0625, −0.375); db[2] = −0.5
    expect(values(result.backward, 'dW[2]')).toEqual([-0.0625, -0.375]);
    expect(values(result.backward, 'db[2]')).toEqual([-0.5]);
    // dA[1] = W[2]ᵀ dZ[2] = (1, −0.5)·(−0.5) = (−0.5, 0.25); both Z[1] > 0, so dZ[1] = dA[1]
    expect(values(result.backward, 'dA[1]')).toEqual([-0.5, 0.25]);
    expect(values(result.backward, 'dZ[1]')).toEqual([-0.5, 0.25]);
    // dW[1] = dZ[1] xᵀ = [[−0.5, −1], [0.25, 0.5]]; db[1] = dZ[1]
    expect(values(result.backward, 'dW[1]')).toEqual([-0.5, -1, 0.25, 0.5]);
    expect(values(result.backward, 'db[1]')).toEqual([-0.5, 0.25]);
  });

  it('update: W := W − α dW with α = 0.1', () => {
    const after = Object.fromEntries(result.update.tensors.map((t) => [t.name, Array.from(t.after!)]));
    const close = (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    close(after['W[1]'], [0.55, -0.15, 0.225, 0.45]);
    close(after['b[1]'], [0.175, -0.525]);
    close(after['W[2]'], [1.00625, -0.4625]);
    close(after['b[2]'], [0.3]);
    expect(result.update.learningRate).toBe(0.1);
    expect(result.update.optimizer).toBe('gd');
  });

  it('is the training loop’s own step: one iteration of training ends at the same weights, bit for bit', async () => {
    const backend = createReferenceBackend('float32');
    const adam = request({ config: { ...request().config, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.3 } });
    const hooks = recorder();
    const outcome = await trainModel(adam, backend, hooks);
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    const stepped = stepThrough(adam, 0, backend);
    const trained = outcome.prepared.net.params.map((p) => Array.from(p.value.subarray(0, p.size)));
    expect(stepped.update.tensors.map((t) => Array.from(t.after!))).toEqual(trained);
    expect(stepped.update.tensors.map((t) => Array.from(t.after!))).not.toEqual(stepped.update.tensors.map((t) => Array.from(t.before!)));
    // …and its cost is the loop's first cost, L2 term included.
    const progress = hooks.events.find((e) => e.type === 'progress');
    expect(progress?.type === 'progress' && progress.costs[0].cost).toBe(stepped.cost.J);
    expect(stepped.cost.l2Term).toBeGreaterThan(0);
  });

  it('refuses an example outside the training set with the range', () => {
    expect(() => stepThrough(request(), 1, createReferenceBackend('float32'))).toThrow(/examples 0 to 0/);
  });

  it('steps through a conv network: Z[l] and dZ[l] in (1, n_H, n_W, n_C)', () => {
    const conv = chain(
      { id: 'x', kind: 'input', shape: [4, 4, 1] },
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'valid', activation: 'relu' },
      { id: 'p', kind: 'pool', mode: 'max', f: 2, s: 2 },
      { id: 'flat', kind: 'flatten' },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
    );
    const x = Float32Array.from({ length: 32 }, (_, i) => ((i * 7) % 11) / 10);
    const traced = stepThrough(
      {
        runId: 'c',
        spec: conv,
        data: { kind: 'inline', x, y: Float32Array.from([2, 0]), exampleShape: [4, 4, 1], numClasses: 3 },
        config: { batchSize: 'full', learningRate: 0.1, optimizer: { kind: 'gd' }, seed: 1, iterations: 1 },
      },
      1,
      createReferenceBackend('float32'),
    );
    expect(find(traced.forward, 'Z[1]').shape).toEqual([1, 2, 2, 2]);
    expect(find(traced.backward, 'dZ[1]').shape).toEqual([1, 2, 2, 2]);
    expect(find(traced.forward, 'W[1]').shape).toEqual([3, 3, 1, 2]);
    expect(values(traced.forward, 'A[0] = X')).toEqual(Array.from(x.subarray(16, 32)));
    expect(values(traced.forward, 'Y')).toEqual([1, 0, 0]);
    // Softmax output: dZ[L] = A[L] − Y.
    const A = values(traced.forward, 'A[2]');
    expect(values(traced.backward, 'dZ[2]')).toEqual(A.map((a, i) => Math.fround(a - (i === 0 ? 1 : 0))));
  });
});
