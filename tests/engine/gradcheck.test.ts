/**
 * Backprop checked against two-sided differences (ε = 1e−7, float64) for every layer
 * kind and every loss, on small odd shapes; and a planted bug that the check must catch.
 */
import { describe, expect, it } from 'vitest';
import type { LayerFields } from '../../engine/compile/params';
import { compileSpec } from '../../engine/compile';
import { ACT, type Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { ModelSpec } from '../../engine/spec/types';
import { gradientCheck } from '../../engine/train/gradcheck';
import { chain, randomData, spec } from './helpers';

const TOLERANCE = 1e-7;

function check(model: ModelSpec, exampleShape: number[], numClasses: number, options: { l2?: number; m?: number; targets?: number } = {}) {
  const compiled = compileSpec(model);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const data = randomData(options.m ?? 5, exampleShape, numClasses, 3, options.targets);
  return gradientCheck(compiled.spec!, data, { l2: options.l2, seed: 4 });
}

const sigmoidOut: LayerFields = { id: 'out', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' };
const softmaxOut = (k: number): LayerFields => ({ id: 'out', kind: 'output', units: k, activation: 'softmax', loss: 'cross_entropy' });

const cases: [string, ModelSpec, number[], number, { l2?: number; targets?: number }?][] = [
  [
    'dense tanh + sigmoid/BCE output',
    chain({ id: 'x', kind: 'input', shape: [3] }, { id: 'd', kind: 'dense', units: 5, activation: 'tanh' }, sigmoidOut),
    [3],
    2,
  ],
  [
    'dense sigmoid + softmax/cross-entropy output',
    chain({ id: 'x', kind: 'input', shape: [4] }, { id: 'd', kind: 'dense', units: 3, activation: 'sigmoid' }, softmaxOut(3)),
    [4],
    3,
  ],
  [
    'linear output with MSE (2 targets)',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 4, activation: 'leaky_relu', alpha: 0.1 },
      { id: 'out', kind: 'output', units: 2, activation: 'linear', loss: 'mse' },
    ),
    [3],
    0,
    { targets: 2 },
  ],
  [
    'dense relu / linear layers with L2',
    chain({ id: 'x', kind: 'input', shape: [3] }, { id: 'd1', kind: 'dense', units: 7, activation: 'relu' }, { id: 'd2', kind: 'dense', units: 3 }, sigmoidOut),
    [3],
    2,
    { l2: 0.7 },
  ],
  [
    'activation layer (tanh, leaky ReLU) and standalone softmax',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 5 },
      { id: 'a1', kind: 'activation', fn: 'tanh' },
      { id: 'd2', kind: 'dense', units: 4 },
      { id: 'a2', kind: 'activation', fn: 'leaky_relu', alpha: 0.2 },
      { id: 's', kind: 'softmax' },
      softmaxOut(3),
    ),
    [3],
    3,
  ],
  [
    'batch norm on a dense layer',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 4 },
      { id: 'bn', kind: 'batchnorm' },
      { id: 'a', kind: 'activation', fn: 'tanh' },
      sigmoidOut,
    ),
    [3],
    2,
  ],
  [
    'dropout (off during the check)',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 4, activation: 'tanh' },
      { id: 'drop', kind: 'dropout', keepProb: 0.5 },
      sigmoidOut,
    ),
    [3],
    2,
  ],
  [
    'conv2d valid, stride 1, odd sizes + flatten',
    chain(
      { id: 'x', kind: 'input', shape: [5, 7, 2] },
      { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'valid', activation: 'tanh' },
      { id: 'f', kind: 'flatten' },
      softmaxOut(3),
    ),
    [5, 7, 2],
    3,
  ],
  [
    'conv2d same padding, stride 2',
    chain(
      { id: 'x', kind: 'input', shape: [7, 6, 2] },
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 2, padding: 'same', activation: 'leaky_relu' },
      { id: 'f', kind: 'flatten' },
      sigmoidOut,
    ),
    [7, 6, 2],
    2,
  ],
  [
    'max pool f 2 s 2 and avg pool f 3 s 1',
    chain(
      { id: 'x', kind: 'input', shape: [7, 7, 2] },
      { id: 'c', kind: 'conv2d', filters: 3, f: 2, s: 1, padding: 'valid', activation: 'sigmoid' },
      { id: 'mp', kind: 'pool', mode: 'max', f: 2, s: 2 },
      { id: 'ap', kind: 'pool', mode: 'avg', f: 3, s: 1 },
      { id: 'f', kind: 'flatten' },
      sigmoidOut,
    ),
    [7, 7, 2],
    2,
  ],
  [
    'batch norm on a conv layer (per channel)',
    chain(
      { id: 'x', kind: 'input', shape: [5, 5, 2] },
      { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same' },
      { id: 'bn', kind: 'batchnorm' },
      { id: 'a', kind: 'activation', fn: 'tanh' },
      { id: 'f', kind: 'flatten' },
      sigmoidOut,
    ),
    [5, 5, 2],
    2,
  ],
  [
    'add (residual): gradients reach both branches',
    spec(
      { id: 'x', kind: 'input', shape: [3], inputs: [] },
      { id: 'd1', kind: 'dense', units: 4, activation: 'tanh', inputs: ['x'] },
      { id: 'd2', kind: 'dense', units: 4, activation: 'tanh', inputs: ['d1'] },
      { id: 'sum', kind: 'add', inputs: ['d2', 'd1'] },
      { id: 'out', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['sum'] },
    ),
    [3],
    2,
  ],
  [
    'add on images (conv residual block)',
    spec(
      { id: 'x', kind: 'input', shape: [4, 5, 2], inputs: [] },
      { id: 'c1', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'tanh', inputs: ['x'] },
      { id: 'c2', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', inputs: ['c1'] },
      { id: 'sum', kind: 'add', inputs: ['c1', 'c2'] },
      { id: 'f', kind: 'flatten', inputs: ['sum'] },
      { id: 'out', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['f'] },
    ),
    [4, 5, 2],
    3,
  ],
  [
    'concatenate feature vectors (n = 3 + 4 + 2), one branch read twice',
    spec(
      { id: 'x', kind: 'input', shape: [3], inputs: [] },
      { id: 'd1', kind: 'dense', units: 3, activation: 'tanh', inputs: ['x'] },
      { id: 'd2', kind: 'dense', units: 4, activation: 'sigmoid', inputs: ['x'] },
      { id: 'd3', kind: 'dense', units: 2, activation: 'tanh', inputs: ['d1'] },
      { id: 'cat', kind: 'concatenate', inputs: ['d1', 'd2', 'd3'] },
      { id: 'out', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['cat'] },
    ),
    [3],
    3,
  ],
  [
    'Inception-style block: 1×1, 1×1 → 3×3, max pool same → 1×1, concatenated along n_C',
    spec(
      { id: 'x', kind: 'input', shape: [5, 4, 3], inputs: [] },
      { id: 'c1', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['x'] },
      { id: 'r3', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['x'] },
      { id: 'c3', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'tanh', inputs: ['r3'] },
      { id: 'p', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['x'] },
      { id: 'cp', kind: 'conv2d', filters: 1, f: 1, s: 1, padding: 'valid', activation: 'sigmoid', inputs: ['p'] },
      { id: 'cat', kind: 'concatenate', inputs: ['c1', 'c3', 'cp'] },
      { id: 'f', kind: 'flatten', inputs: ['cat'] },
      { id: 'out', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['f'] },
    ),
    [5, 4, 3],
    2,
  ],
  [
    'average pool same (zeros counted), stride 2',
    chain(
      { id: 'x', kind: 'input', shape: [5, 6, 2] },
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'tanh' },
      { id: 'ap', kind: 'pool', mode: 'avg', f: 3, s: 2, padding: 'same' },
      { id: 'f', kind: 'flatten' },
      softmaxOut(3),
    ),
    [5, 6, 2],
    3,
  ],
];

describe('gradient check (float64, ε = 1e−7)', () => {
  for (const [name, model, shape, classes, options] of cases) {
    it(`${name}: relative difference < 1e−7`, () => {
      const result = check(model, shape, classes, options);
      expect(result.checked).toBe(result.total);
      if (process.env.GRADCHECK_REPORT)
        console.log(name, result.difference.toExponential(2), result.layers.map((l) => `${l.id}:${l.difference.toExponential(1)}`).join(' '));
      expect(result.difference).toBeLessThan(TOLERANCE);
      expect(result.band).toBe('great');
    });
  }

  it('catches a planted bug: tanh backward using 1 − a instead of 1 − a²', () => {
    const reference = createReferenceBackend('float64');
    const broken: Backend = {
      ...reference,
      kernels: {
        ...reference.kernels,
        activationBackward(act, Z, A, dA, dZ, n, alpha) {
          if (act !== ACT.tanh) return reference.kernels.activationBackward(act, Z, A, dA, dZ, n, alpha);
          for (let i = 0; i < n; i++) dZ[i] = dA[i] * (1 - A[i]);
        },
      },
    };
    const model = cases[0][1];
    const data = randomData(5, [3], 2);
    const result = gradientCheck(compileSpec(model).spec!, data, { backend: broken, seed: 4 });
    expect(result.difference).toBeGreaterThan(1e-3);
    expect(result.band).toBe('wrong');
    // The per-layer report points at the hidden layer, not the output.
    const hidden = result.layers.find((l) => l.id === 'd')!;
    const output = result.layers.find((l) => l.id === 'out')!;
    expect(hidden.difference).toBeGreaterThan(1e-3);
    expect(output.difference).toBeLessThan(1e-7);
  });
});
