/** The transpose kernel (flatten's layout change) and the mini-batch gather: exact, on odd and threaded shapes, on every compiled backend (compiledMatrix). */
import { describe, expect, it } from 'vitest';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { compiledMatrix, expectSame, randF32, rng } from './helpers';

const matrix = compiledMatrix();
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 17],
  [17, 1],
  [3, 5],
  [16, 16],
  [15, 33],
  [64, 400],
  [64, 256],
  [209, 1000],
  [1000, 129],
];

describe('reference transpose', () => {
  it('moves X[r, c] to out[c, r]', () => {
    const out = new Float64Array(6);
    ref.transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3, out);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe.each(matrix)('compiled transpose ($label)', ({ backend }) => {
  const k = backend.kernels;
  for (const [rows, cols] of SHAPES) {
    it(`${rows}×${cols}`, () => {
      const X = randF32(rows * cols, rng(rows * 7 + cols));
      const out = new Float32Array(rows * cols + 3).fill(NaN);
      const expected = new Float32Array(rows * cols + 3).fill(NaN);
      k.transpose(X, rows, cols, out);
      ref.transpose(X, rows, cols, expected);
      expectSame('transpose', out, expected); // exact, and nothing written past rows·cols
    });
  }
  it('refuses an aliased or short output', () => {
    const a = new Float32Array(6);
    expect(() => k.transpose(a, 2, 3, a)).toThrow(/must not alias/);
    expect(() => k.transpose(a, 2, 3, new Float32Array(5))).toThrow(/transpose: out has 5 values, needs 6/);
  });
});

describe.each(matrix)('compiled gatherColumns ($label)', ({ backend }) => {
  const k = backend.kernels;
  for (const [examples, n, start, m] of [
    [1, 1, 0, 1],
    [50, 3, 7, 17],
    [300, 784, 13, 128],
    [209, 12288, 0, 209],
    [40, 33, 5, 35],
  ] as const) {
    it(`${m} of ${examples} examples × ${n} features from ${start}`, () => {
      const r = rng(examples + n);
      const x = randF32(examples * n, r);
      const indices = Int32Array.from({ length: start + m + 2 }, () => Math.floor(r(0, examples)));
      const out = new Float32Array(n * m + 5).fill(NaN);
      const expected = new Float32Array(n * m + 5).fill(NaN);
      k.gatherColumns(x, indices, start, m, n, out);
      ref.gatherColumns(x, indices, start, m, n, expected);
      expectSame('gatherColumns', out, expected);
      expect(out[n * m - 1]).toBe(x[indices[start + m - 1] * n + n - 1]);
    });
  }
  it('refuses an index outside x (native code would read out of bounds)', () => {
    const x = new Float32Array(12);
    const out = new Float32Array(12);
    expect(() => k.gatherColumns(x, Int32Array.from([0, 3]), 0, 2, 4, out)).toThrow(/index 3 at 1 is outside the 3 examples of x/);
    expect(() => k.gatherColumns(x, Int32Array.from([-1]), 0, 1, 4, out)).toThrow(/outside/);
    expect(() => k.gatherColumns(x, Int32Array.from([0]), 0, 2, 4, out)).toThrow(/indices must be an Int32Array of at least 2/);
  });
});
