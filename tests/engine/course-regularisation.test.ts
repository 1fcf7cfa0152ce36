/** Course 2: inverted dropout, L2 regularisation, batch norm's test-time running averages. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork } from '../../engine/model/network';
import { createRng } from '../../engine/tensor/rng';
import { trainModel } from '../../engine/train/loop';
import { chain, recorder, request } from './helpers';

const sum = (a: ArrayLike<number>, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
};

describe('inverted dropout', () => {
  const model = chain(
    { id: 'x', kind: 'input', shape: [50] },
    { id: 'drop', kind: 'dropout', keepProb: 0.8 },
    { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse' },
  );

  it('keeps about keep_prob of the units and divides by keep_prob, so E[A] is unchanged', () => {
    const m = 400;
    const net = createNetwork(model, createReferenceBackend('float64'), { capacity: m, seed: 1 });
    const n = 50 * m;
    net.input.A.fill(1, 0, n);
    net.forward(m, 'train');
    const A = net.layers[1].A;
    let kept = 0;
    for (let i = 0; i < n; i++) if (A[i] !== 0) kept++;
    expect(kept / n).toBeCloseTo(0.8, 1);
    let other = 0;
    for (let i = 0; i < n; i++) if (A[i] !== 0 && A[i] !== 1 / 0.8) other++;
    expect(other).toBe(0);
    expect(sum(A, n) / n).toBeCloseTo(1, 1); // within 0.05
    expect(Math.abs(sum(A, n) / n - 1)).toBeLessThan(0.03);
  });

  it('is off at test time: A = A_prev exactly', () => {
    const net = createNetwork(model, createReferenceBackend('float64'), { capacity: 10, seed: 1 });
    const rng = createRng(5);
    for (let i = 0; i < 500; i++) net.input.A[i] = rng.randn();
    net.forward(10, 'test');
    expect(Array.from(net.layers[1].A.subarray(0, 500))).toEqual(Array.from(net.input.A.subarray(0, 500)));
  });
});

describe('L2 regularisation', () => {
  it('shrinks the weights (weight decay)', async () => {
    const model = chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'd', kind: 'dense', units: 20, activation: 'relu', init: { kind: 'he' } },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
    );
    const data = { kind: 'generator' as const, name: 'moons' as const, m: 200, seed: 4 };
    const squares = async (l2: number) => {
      const outcome = await trainModel(request(model, data, { iterations: 500, learningRate: 0.5, l2 }), createReferenceBackend(), recorder());
      if (outcome.status !== 'finished') throw new Error(outcome.message);
      return outcome.prepared.net.weightSquares();
    };
    const plain = await squares(0);
    const regularised = await squares(0.7);
    expect(regularised).toBeLessThan(0.6 * plain);
  });
});

describe('batch norm', () => {
  it('uses batch statistics in training and the running averages at test time', () => {
    const model = chain(
      { id: 'x', kind: 'input', shape: [1] },
      { id: 'bn', kind: 'batchnorm', momentum: 0.9 },
      { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse' },
    );
    const m = 64;
    const net = createNetwork(model, createReferenceBackend('float64'), { capacity: m, seed: 1 });
    const bn = net.layers[1];
    const rng = createRng(9);
    // Mini-batches from N(5, 2²): the running averages converge to μ = 5, σ² = 4.
    for (let step = 0; step < 200; step++) {
      for (let i = 0; i < m; i++) net.input.A[i] = 5 + 2 * rng.randn();
      net.forward(m, 'train');
    }
    const [runMean, runVar] = bn.state;
    expect(runMean.value[0]).toBeCloseTo(5, 0);
    expect(Math.abs(runVar.value[0] - 4)).toBeLessThan(0.6);

    // One example x = 7: training mode normalises it against itself (→ β = 0);
    // test mode uses the running averages (→ (7 − μ)/σ ≈ 1).
    net.input.A[0] = 7;
    net.forward(1, 'train');
    expect(bn.A[0]).toBeCloseTo(0, 6);
    net.forward(1, 'test');
    const expected = (7 - runMean.value[0]) / Math.sqrt(runVar.value[0] + 1e-5);
    expect(bn.A[0]).toBeCloseTo(expected, 10);
    expect(bn.A[0]).toBeGreaterThan(0.8);
  });
});
