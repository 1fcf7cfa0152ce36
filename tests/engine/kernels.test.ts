/**
 * Kernel conformance: every available backend (reference and wasm always, native when it
 * loads) against naive formulas written here, on odd sizes, stride 2 and padding.
 */
import { describe, expect, it } from 'vitest';
import { ACT, type Backend, type Conv2dDims, type Pool2dDims } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { loadNativeBackend } from '../../engine/native/load';
import { wasmBackend } from '../native/helpers';
import { createRng } from '../../engine/tensor/rng';

const backends: Backend[] = [createReferenceBackend('float32'), wasmBackend(1)];
try {
  const native = loadNativeBackend();
  if ('backend' in native) backends.push(native.backend);
} catch {
  // No native backend on this machine: the reference backend is still checked.
}

const rng = createRng(11);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.randn());
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  expect(worst).toBeLessThan(tolerance);
}

for (const backend of backends) {
  const k = backend.kernels;
  describe(`${backend.name} kernels`, () => {
    it('gemm: all four transpose combinations, alpha and beta', () => {
      const [M, N, K] = [5, 7, 3];
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const A = rand(M * K);
          const B = rand(K * N);
          const C = rand(M * N);
          const expected = new Float32Array(M * N);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let q = 0; q < K; q++) s += (transA ? A[q * M + i] : A[i * K + q]) * (transB ? B[j * K + q] : B[q * N + j]);
              expected[i * N + j] = 0.5 * s + 2 * C[i * N + j];
            }
          }
          k.gemm(transA, transB, M, N, K, 0.5, A, B, 2, C);
          close(C, expected);
        }
      }
    });

    it('bias, sums, activations, softmax', () => {
      const [r, c] = [3, 4];
      const Z = rand(r * c);
      const bias = rand(r);
      const out = Float32Array.from(Z);
      k.addBiasRows(out, bias, r, c);
      close(
        out,
        Array.from(Z, (z, i) => z + bias[Math.floor(i / c)]),
      );
      const sums = new Float32Array(r);
      k.sumRows(Z, r, c, 0.25, sums, 0);
      close(
        sums,
        Array.from({ length: r }, (_, i) => 0.25 * Array.from(Z.subarray(i * c, i * c + c)).reduce((a, b) => a + b, 0)),
      );
      const A = new Float32Array(r * c);
      const formulas: [number, (z: number) => number][] = [
        [ACT.sigmoid, (z) => 1 / (1 + Math.exp(-z))],
        [ACT.tanh, Math.tanh],
        [ACT.relu, (z) => Math.max(0, z)],
        [ACT.leaky_relu, (z) => (z > 0 ? z : 0.1 * z)],
      ];
      for (const [act, g] of formulas) {
        k.activationForward(act as 1, Z, A, r * c, 0.1);
        close(A, Array.from(Z, g));
      }
      k.softmaxCols(Z, A, r, c);
      for (let j = 0; j < c; j++) {
        const total = Array.from({ length: r }, (_, i) => Math.exp(Z[i * c + j])).reduce((a, b) => a + b, 0);
        for (let i = 0; i < r; i++) expect(A[i * c + j]).toBeCloseTo(Math.exp(Z[i * c + j]) / total, 5);
      }
    });

    it('conv2d forward, backward data and backward filter (stride 2, padding 1, odd sizes)', () => {
      const d: Conv2dDims = { m: 2, hIn: 7, wIn: 6, cIn: 3, f: 3, s: 2, padTop: 1, padLeft: 1, hOut: 4, wOut: 3, cOut: 2 };
      const X = rand(d.m * d.hIn * d.wIn * d.cIn);
      const W = rand(d.f * d.f * d.cIn * d.cOut);
      const b = rand(d.cOut);
      const dZ = rand(d.m * d.hOut * d.wOut * d.cOut);
      const x = (n: number, h: number, w: number, c: number) => (h < 0 || w < 0 || h >= d.hIn || w >= d.wIn ? 0 : X[((n * d.hIn + h) * d.wIn + w) * d.cIn + c]);
      const zIndex = (n: number, h: number, w: number, c: number) => ((n * d.hOut + h) * d.wOut + w) * d.cOut + c;
      const wIndex = (i: number, j: number, c: number, o: number) => ((i * d.f + j) * d.cIn + c) * d.cOut + o;
      const Zexp = new Float32Array(dZ.length);
      const dXexp = new Float32Array(X.length);
      const dWexp = new Float32Array(W.length);
      const dbExp = new Float32Array(d.cOut);
      for (let n = 0; n < d.m; n++)
        for (let h = 0; h < d.hOut; h++)
          for (let w = 0; w < d.wOut; w++)
            for (let o = 0; o < d.cOut; o++) {
              let s = b[o];
              const g = dZ[zIndex(n, h, w, o)];
              dbExp[o] += g / d.m;
              for (let i = 0; i < d.f; i++)
                for (let j = 0; j < d.f; j++)
                  for (let c = 0; c < d.cIn; c++) {
                    const hh = h * d.s - 1 + i;
                    const ww = w * d.s - 1 + j;
                    s += x(n, hh, ww, c) * W[wIndex(i, j, c, o)];
                    dWexp[wIndex(i, j, c, o)] += (x(n, hh, ww, c) * g) / d.m;
                    if (hh >= 0 && ww >= 0 && hh < d.hIn && ww < d.wIn) dXexp[((n * d.hIn + hh) * d.wIn + ww) * d.cIn + c] += W[wIndex(i, j, c, o)] * g;
                  }
              Zexp[zIndex(n, h, w, o)] = s;
            }
      const Z = new Float32Array(dZ.length);
      k.conv2dForward(X, W, b, Z, d);
      close(Z, Zexp);
      const dX = rand(X.length); // stale values must be overwritten
      k.conv2dBackwardData(dZ, W, dX, d);
      close(dX, dXexp);
      const dW = rand(W.length);
      const db = rand(d.cOut);
      k.conv2dBackwardFilter(X, dZ, dW, db, d, 1 / d.m);
      close(dW, dWexp);
      close(db, dbExp);
    });

    it('max and average pooling, forward and backward', () => {
      const d: Pool2dDims = { m: 2, hIn: 5, wIn: 5, c: 2, f: 3, s: 2, hOut: 2, wOut: 2 };
      const X = rand(d.m * d.hIn * d.wIn * d.c);
      const at = (n: number, h: number, w: number, c: number) => ((n * d.hIn + h) * d.wIn + w) * d.c + c;
      const maxExp: number[] = [];
      const avgExp: number[] = [];
      for (let n = 0; n < d.m; n++)
        for (let h = 0; h < d.hOut; h++)
          for (let w = 0; w < d.wOut; w++)
            for (let c = 0; c < d.c; c++) {
              const window = [];
              for (let i = 0; i < d.f; i++) for (let j = 0; j < d.f; j++) window.push(X[at(n, h * d.s + i, w * d.s + j, c)]);
              maxExp.push(Math.max(...window));
              avgExp.push(window.reduce((a, b) => a + b, 0) / window.length);
            }
      const A = new Float32Array(maxExp.length);
      const argmax = new Int32Array(maxExp.length);
      k.maxPoolForward(X, A, argmax, d);
      close(A, maxExp);
      const dA = Float32Array.from({ length: A.length }, () => 1);
      const dX = rand(X.length);
      k.maxPoolBackward(dA, argmax, dX, d);
      // Each window's gradient lands on its maximum (overlapping windows add up).
      expect(dX.reduce((a, b) => a + b, 0)).toBeCloseTo(A.length, 4);
      for (let o = 0; o < A.length; o++) expect(X[argmax[o]]).toBe(A[o]);
      k.avgPoolForward(X, A, d);
      close(A, avgExp);
      k.avgPoolBackward(dA, dX, d);
      expect(dX.reduce((a, b) => a + b, 0)).toBeCloseTo(A.length, 4);
    });

    it('batch norm (training) normalises each feature and updates running averages', () => {
      const [features, count] = [3, 8];
      const X = rand(features * count);
      const gamma = Float32Array.from([1, 2, 0.5]);
      const beta = Float32Array.from([0, 1, -1]);
      const Y = new Float32Array(X.length);
      const xHat = new Float32Array(X.length);
      const mean = new Float32Array(features);
      const variance = new Float32Array(features);
      const runMean = new Float32Array(features);
      const runVar = Float32Array.from([1, 1, 1]);
      k.batchNormForwardTrain(X, gamma, beta, Y, xHat, mean, variance, runMean, runVar, features, count, count, 1, 1e-5, 0.9);
      for (let j = 0; j < features; j++) {
        const row = Array.from(X.subarray(j * count, (j + 1) * count));
        const mu = row.reduce((a, b) => a + b, 0) / count;
        const v = row.reduce((a, b) => a + (b - mu) ** 2, 0) / count;
        expect(mean[j]).toBeCloseTo(mu, 5);
        expect(variance[j]).toBeCloseTo(v, 4);
        expect(runMean[j]).toBeCloseTo(0.1 * mu, 5);
        expect(runVar[j]).toBeCloseTo(0.9 + 0.1 * v, 4);
        for (let i = 0; i < count; i++) expect(Y[j * count + i]).toBeCloseTo((gamma[j] * (row[i] - mu)) / Math.sqrt(v + 1e-5) + beta[j], 4);
      }
    });

    it('Adam: one step with bias correction', () => {
      const W = Float32Array.from([1, -2]);
      const dW = Float32Array.from([0.5, 0.1]);
      const v = new Float32Array(2);
      const s = new Float32Array(2);
      k.optimizerUpdate(3, W, dW, v, s, 2, 0.1, 0.9, 0.999, 1e-8, 1, 0);
      // t = 1: v̂ = g, ŝ = g², so W −= α · g/|g| = α · sign(g)
      close(W, [0.9, -2.1]);
      close(v, [0.05, 0.01]);
    });
  });
}
