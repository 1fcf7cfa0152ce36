/**
 * The gradient check on the compiled backends (float32: native, and wasm with the network in
 * the module's memory): backprop through the compiled (and fused) kernels against two-sided
 * differences of the same backend's cost. Float32 needs a larger
 * ε (1e−2: rounding noise ≈ 1e−7·J/ε, truncation ≈ ε²), so the bar is 1e−3 instead of the
 * float64 suite's 1e−7 (tests/engine/gradcheck.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import type { LayerFields } from '../../engine/compile/params';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend } from '../../engine/native/load';
import type { ModelSpec } from '../../engine/spec/types';
import { gradientCheck } from '../../engine/train/gradcheck';
import { chain, randomData } from '../engine/helpers';
import { compiledMatrix, nativeUnavailable } from './helpers';

const unavailable = nativeUnavailable();
const sigmoidOut: LayerFields = { id: 'out', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' };
const softmaxOut: LayerFields = { id: 'out', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' };

const cases: [string, ModelSpec, number[], number, number?][] = [
  ['dense tanh + sigmoid/BCE', chain({ id: 'x', kind: 'input', shape: [3] }, { id: 'd', kind: 'dense', units: 5, activation: 'tanh' }, sigmoidOut), [3], 2],
  [
    'dense relu + linear + softmax/CE',
    chain({ id: 'x', kind: 'input', shape: [4] }, { id: 'd', kind: 'dense', units: 6, activation: 'relu' }, { id: 'd2', kind: 'dense', units: 4 }, softmaxOut),
    [4],
    3,
  ],
  [
    'leaky relu + linear/MSE',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 4, activation: 'leaky_relu', alpha: 0.1 },
      { id: 'out', kind: 'output', units: 1, activation: 'linear', loss: 'mse' },
    ),
    [3],
    0,
  ],
  [
    'conv tanh + avg pool + flatten + softmax/CE (smooth: no kinks for ε to cross)',
    chain(
      { id: 'x', kind: 'input', shape: [6, 6, 2] },
      { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'tanh' },
      { id: 'p', kind: 'pool', mode: 'avg', f: 2, s: 2 },
      { id: 'fl', kind: 'flatten' },
      softmaxOut,
    ),
    [6, 6, 2],
    3,
  ],
];

/** Native (its best ISA path) and every wasm build, at 1 and 2 threads. */
const backends: { label: string; backend: Backend }[] = [
  ...(unavailable
    ? []
    : [1, 2].map((threads) => ({
        label: `native, ${threads} thread${threads > 1 ? 's' : ''}`,
        backend: (loadNativeBackend({ threads }) as { backend: Backend }).backend,
      }))),
  ...compiledMatrix().filter((e) => e.kind === 'wasm'),
];

describe.each(backends)('gradient check on $label (float32, ε = 1e−2)', ({ backend }) => {
  for (const [name, model, shape, classes] of cases) {
    it(name, () => {
      const data = randomData(7, shape, classes, 3);
      const result = gradientCheck(compileSpec(model).spec!, data, { backend, epsilon: 1e-2, seed: 4, biasJitter: 0.5 });
      expect(result.difference).toBeLessThan(1e-3);
    });
  }

  it('the same check does catch a wrong gradient (a scaled dW)', () => {
    const broken: Backend = {
      ...backend,
      kernels: {
        ...backend.kernels,
        denseBackward(act, W, X, Z, A, dA, dZ, dW, db, dX, n, k, m, alpha, scale) {
          backend.kernels.denseBackward(act, W, X, Z, A, dA, dZ, dW, db, dX, n, k, m, alpha, scale * 1.05);
        },
      },
    };
    const [, model, shape, classes] = cases[0];
    const result = gradientCheck(compileSpec(model).spec!, randomData(7, shape, classes, 3), { backend: broken, epsilon: 1e-2, seed: 4 });
    expect(result.difference).toBeGreaterThan(1e-2);
  });
});
