/**
 * The loss kernels: native lossSum / lossGradient against the reference formulas (float64 on
 * the same float32 inputs), for every ISA path × 1 and 2 threads, on odd shapes and extreme
 * logits. The fused kernel's Σ 𝓛 must be the unfused one's, and its dZ exactly A − Y.
 */
import { describe, expect, it } from 'vitest';
import { LOSS, type LossCode } from '../../engine/kernels/kernels';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { f64, compiledMatrix, randF32, rng } from './helpers';

const matrix = compiledMatrix();

/** Output-layer data as the network has it: Z, A = g(Z) (from the reference), Y. */
function outputData(loss: LossCode, n: number, m: number, seed: number, softLabels = false) {
  const r = rng(seed);
  const Z = randF32(n * m, r, -8, 8);
  // Extreme logits in the first examples: saturated, exactly 0, tiny.
  const extremes = [100, -100, 0, 1e-6, -30, 30];
  for (let i = 0; i < Math.min(extremes.length, Z.length); i++) Z[i] = extremes[i];
  const A = new Float32Array(n * m);
  const A64 = new Float64Array(n * m);
  if (loss === LOSS.bce) ref.activationForward(1, f64(Z), A64, n * m, 0);
  else if (loss === LOSS.cross_entropy) ref.softmaxCols(f64(Z), A64, n, m);
  else A64.set(Z);
  A.set(A64);
  const Y = new Float32Array(n * m);
  if (loss === LOSS.cross_entropy) {
    for (let c = 0; c < m; c++) {
      if (softLabels) {
        let total = 0;
        for (let k = 0; k < n; k++) total += Y[k * m + c] = r(0, 1);
        for (let k = 0; k < n; k++) Y[k * m + c] /= total;
      } else Y[Math.floor(r(0, n)) * m + c] = 1;
    }
  } else if (loss === LOSS.bce) {
    for (let i = 0; i < n * m; i++) Y[i] = softLabels ? r(0, 1) : r(0, 1) < 0.4 ? 1 : 0;
  } else for (let i = 0; i < n * m; i++) Y[i] = r(-3, 3);
  return { Z, A, Y };
}

/** Float32 error scale of the sum: every term's size plus, for cross-entropy, the logits it subtracts. */
function errorScale(loss: LossCode, Z: Float32Array, Y: Float32Array, n: number, m: number, expected: number): number {
  if (loss !== LOSS.cross_entropy) return expected;
  let scale = expected;
  for (let c = 0; c < m; c++) {
    let max = -Infinity;
    for (let k = 0; k < n; k++) max = Math.max(max, Math.abs(Z[k * m + c]));
    for (let k = 0; k < n; k++) scale += Math.abs(Y[k * m + c]) * (max + Math.abs(Z[k * m + c]) + 1);
  }
  return scale;
}

const SHAPES: Record<string, [number, number][]> = {
  bce: [
    [1, 1],
    [1, 15],
    [1, 16],
    [1, 17],
    [1, 209],
    [1, 400],
    [3, 33],
    [2, 1001],
  ],
  cross_entropy: [
    [2, 1],
    [3, 7],
    [10, 16],
    [10, 128],
    [17, 33],
    [65, 3],
    [10, 1000],
  ],
  mse: [
    [1, 1],
    [1, 400],
    [4, 17],
    [7, 129],
  ],
};

describe.each(matrix)('compiled loss kernels ($label)', ({ backend }) => {
  const k = backend.kernels;
  for (const [name, shapes] of Object.entries(SHAPES)) {
    const loss = LOSS[name as keyof typeof LOSS];
    for (const [n, m] of shapes) {
      for (const soft of [false, true]) {
        it(`${name} ${n}×${m}${soft ? ' (soft labels)' : ''}`, () => {
          const { Z, A, Y } = outputData(loss, n, m, n * 1009 + m + (soft ? 7 : 0), soft);
          const expected = ref.lossSum(loss, f64(Z), f64(A), f64(Y), n, m);
          expect(Number.isFinite(expected)).toBe(true);
          const tol = 2e-6 * errorScale(loss, Z, Y, n, m, expected) + 1e-30;
          const sum = k.lossSum(loss, Z, A, Y, n, m);
          expect(Math.abs(sum - expected), `Σ𝓛 ${sum} vs ${expected}`).toBeLessThanOrEqual(tol);

          const dZ = new Float32Array(n * m).fill(Number.NaN);
          const fused = k.lossGradient(loss, Z, A, Y, dZ, n, m);
          expect(fused).toBe(sum); // the fused cost is the unfused one, bit for bit
          for (let i = 0; i < n * m; i++) {
            if (dZ[i] !== Math.fround(A[i] - Y[i])) expect.fail(`dZ[${i}] = ${dZ[i]}, A − Y = ${Math.fround(A[i] - Y[i])}`);
          }
        });
      }
    }
  }

  it('a tiny loss keeps its relative precision (well-classified examples)', () => {
    const m = 50;
    const Z = new Float32Array(m).fill(25); // σ(25) ≈ 1 − 1.4e-11; 𝓛 = log(1 + e^−25) ≈ 1.39e-11 each
    const A = new Float32Array(m).fill(1);
    const Y = new Float32Array(m).fill(1);
    const expected = ref.lossSum(LOSS.bce, f64(Z), f64(A), f64(Y), 1, m);
    const sum = k.lossSum(LOSS.bce, Z, A, Y, 1, m);
    expect(Math.abs(sum - expected) / expected).toBeLessThan(1e-6);
  });

  it('refuses bad arguments with a message naming the kernel and buffer', () => {
    const a = new Float32Array(4);
    expect(() => k.lossSum(LOSS.bce, a, a, new Float32Array(3), 1, 4)).toThrow(/lossSum: Y has 3 values, needs 4/);
    expect(() => k.lossGradient(LOSS.mse, a, a, a, new Float32Array(2), 2, 2)).toThrow(/lossGradient: dZ has 2 values/);
    expect(() => k.lossSum(7 as LossCode, a, a, a, 1, 4)).toThrow(/unknown loss code 7/);
    expect(() => k.lossSum(LOSS.bce, new Float64Array(4), a, a, 1, 4)).toThrow(TypeError);
  });
});

describe('reference loss kernels', () => {
  it('lossGradient returns lossSum and writes A − Y', () => {
    const { Z, A, Y } = outputData(LOSS.cross_entropy, 4, 9, 3);
    const dZ = new Float64Array(36);
    const sum = ref.lossGradient(LOSS.cross_entropy, f64(Z), f64(A), f64(Y), dZ, 4, 9);
    expect(sum).toBe(ref.lossSum(LOSS.cross_entropy, f64(Z), f64(A), f64(Y), 4, 9));
    expect(Array.from(dZ)).toEqual(Array.from(A, (a, i) => a - Y[i]));
    // Independent check: −Σ y log softmax(z), column by column, from the definition.
    let independent = 0;
    for (let c = 0; c < 9; c++) {
      const col = [0, 1, 2, 3].map((r) => Z[r * 9 + c]);
      const softmax = col.map((z) => Math.exp(z) / col.reduce((t, x) => t + Math.exp(x), 0));
      independent -= [0, 1, 2, 3].reduce((t, r) => t + Y[r * 9 + c] * Math.log(softmax[r]), 0);
    }
    expect(sum).toBeCloseTo(independent, 10);
  });
});
