/**
 * Every compiled kernel against the reference backend (run in float64 on the same float32
 * inputs): every native instruction-set path this CPU supports (avx512 / avx2 / portable)
 * and the wasm simd128 builds (threaded, single-threaded), at 1 and 2 threads, on odd
 * shapes, all transposes, strides and paddings. (The wasm backend stages these tests' plain
 * arrays into its memory; engine-level tests run it on buffers allocated there.)
 *
 * If the addon is not built the native availability test FAILS (CI builds it); set
 * DENDRITE_ALLOW_NO_NATIVE=1 to skip native on a machine without a compiler. The wasm
 * module is committed and always runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACT, type ActCode, type Conv2dDims, type Pool2dDims } from '../../engine/kernels/kernels';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { loadNativeBackend } from '../../engine/native/load';
import { createRng, RNG_STATE_LENGTH } from '../../engine/tensor/rng';
import { abs64, allowNoNative, compiledMatrix, expectClose, f64, nativeUnavailable, randF32, rng, testWasmRuntime } from './helpers';

const unavailable = nativeUnavailable();

describe('native backend availability', () => {
  it.skipIf(allowNoNative)('the addon is built and loads (set DENDRITE_ALLOW_NO_NATIVE=1 to skip native tests)', () => {
    expect(unavailable, `native backend unavailable: ${unavailable}`).toBe('');
  });
});

const matrix = compiledMatrix();

const ODD = [1, 3, 7, 17, 33, 65];

describe.each(matrix)('compiled kernels ($label)', ({ backend, setConvAlgorithm }) => {
  const k = backend.kernels;

  describe('gemm', () => {
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [3, 7, 17],
      [17, 33, 65],
      [65, 3, 1],
      [33, 65, 7],
      [7, 1, 33],
      [1, 65, 3],
      [4, 400, 2], // W1 layer 1
      [1, 4, 400], // W1 dW2 (tiny output, long K)
      [15, 33, 385], // crosses the K block
      [29, 70, 130],
      [20, 209, 300], // small M, several panels
      [230, 37, 50], // several M blocks
      [130, 150, 100], // threaded (split N or M)
      [5, 7, 50000], // threaded (split K: tiny output, long K)
    ];
    for (const [M, N, K] of shapes) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          it(`${M}×${N}×${K} transA=${+tA} transB=${+tB}`, () => {
            const r = rng(M * 7919 + N * 31 + K + (tA ? 1e6 : 0) + (tB ? 2e6 : 0));
            const A = randF32(M * K, r);
            const B = randF32(K * N, r);
            for (const [alpha, beta] of [
              [1, 0],
              [-0.7, 1],
              [0.5, 0.25],
            ]) {
              const C = randF32(M * N, r);
              const expected = f64(C);
              if (beta === 0) C.fill(Number.NaN); // beta = 0 must not read C
              k.gemm(tA, tB, M, N, K, alpha, A, B, beta, C);
              ref.gemm(tA, tB, M, N, K, alpha, f64(A), f64(B), beta, expected);
              const bound = abs64(expected.map(() => 0));
              ref.gemm(tA, tB, M, N, K, Math.abs(alpha), abs64(A), abs64(B), 0, bound);
              expectClose(`gemm α=${alpha} β=${beta}`, C, expected, { bound });
            }
          });
        }
      }
    }
    it('K = 0 scales C by beta; alpha = 0 likewise', () => {
      const C = Float32Array.from([1, 2, 3, 4]);
      k.gemm(false, false, 2, 2, 0, 1, new Float32Array(0), new Float32Array(0), 0.5, C);
      expect(Array.from(C)).toEqual([0.5, 1, 1.5, 2]);
      k.gemm(false, false, 2, 2, 3, 0, new Float32Array(6), new Float32Array(6), 0, C);
      expect(Array.from(C)).toEqual([0, 0, 0, 0]);
    });
  });

  describe('bias and reductions', () => {
    for (const [rows, cols] of [
      [1, 1],
      [3, 17],
      [17, 3],
      [65, 33],
      [7, 400],
      [600, 300], // threaded
      [1000, 6], // few columns, many rows (conv db): the flat-period path
      [129, 5],
      [300, 12],
      [5000, 1],
    ]) {
      it(`addBiasRows/addBiasCols ${rows}×${cols}`, () => {
        const r = rng(rows * 100 + cols);
        const Z = randF32(rows * cols, r);
        const bR = randF32(rows, r);
        const bC = randF32(cols, r);
        const zr = f64(Z);
        const zc = f64(Z);
        const nr = Z.slice();
        const nc = Z.slice();
        k.addBiasRows(nr, bR, rows, cols);
        ref.addBiasRows(zr, f64(bR), rows, cols);
        k.addBiasCols(nc, bC, rows, cols);
        ref.addBiasCols(zc, f64(bC), rows, cols);
        expectClose('addBiasRows', nr, zr);
        expectClose('addBiasCols', nc, zc);
      });
      it(`sumRows/sumCols ${rows}×${cols}`, () => {
        const r = rng(rows * 31 + cols);
        const X = randF32(rows * cols, r);
        for (const [scale, beta] of [
          [1, 0],
          [0.25, 1],
          [-2, 0.5],
        ]) {
          const outR = randF32(rows, r);
          const outC = randF32(cols, r);
          const eR = f64(outR);
          const eC = f64(outC);
          if (beta === 0) {
            outR.fill(Number.NaN);
            outC.fill(Number.NaN);
          }
          k.sumRows(X, rows, cols, scale, outR, beta);
          ref.sumRows(f64(X), rows, cols, scale, eR, beta);
          k.sumCols(X, rows, cols, scale, outC, beta);
          ref.sumCols(f64(X), rows, cols, scale, eC, beta);
          expectClose('sumRows', outR, eR, { bound: Math.abs(scale) * cols * 1e-2 });
          expectClose('sumCols', outC, eC, { bound: Math.abs(scale) * rows * 1e-2 });
        }
      });
    }
  });

  describe('activations', () => {
    const codes: [string, ActCode][] = Object.entries(ACT) as [string, ActCode][];
    for (const n of [...ODD, 1600, 20001, 300_001]) {
      for (const [name, act] of codes) {
        it(`${name} forward/backward n=${n}`, () => {
          const r = rng(n * 10 + act);
          const Z = randF32(n, r, -6, 6);
          // Special values: zero, large magnitudes (saturation), tiny.
          const specials = [0, -0, 30, -30, 100, -100, 1e-8, -1e-8, 0.6249, -0.6251];
          for (let i = 0; i < Math.min(n, specials.length); i++) Z[(i * 7919) % n] = specials[i];
          const alpha = 0.02;
          const A = new Float32Array(n);
          const eA = new Float64Array(n);
          k.activationForward(act, Z, A, n, alpha);
          ref.activationForward(act, f64(Z), eA, n, alpha);
          expectClose(`${name} forward`, A, eA, { rtol: 2e-6, atol: 1e-7 });
          const dA = randF32(n, r);
          const dZ = new Float32Array(n);
          const edZ = new Float64Array(n);
          k.activationBackward(act, Z, A, dA, dZ, n, alpha);
          ref.activationBackward(act, f64(Z), f64(A), f64(dA), edZ, n, alpha);
          expectClose(`${name} backward`, dZ, edZ, { rtol: 2e-6, atol: 1e-7 });
        });
      }
    }
    it('in place (A aliases Z) works', () => {
      const Z = Float32Array.from([-1, 0, 2, 3]);
      k.activationForward(ACT.relu, Z, Z, 4, 0);
      expect(Array.from(Z)).toEqual([0, 0, 2, 3]);
    });
  });

  describe('softmax, mul, axpby, sumSquares', () => {
    for (const [rows, cols] of [
      [1, 1],
      [3, 7],
      [10, 128],
      [17, 33],
      [65, 3],
    ]) {
      it(`softmaxCols ${rows}×${cols}`, () => {
        const r = rng(rows * 13 + cols);
        const Z = randF32(rows * cols, r, -20, 20);
        Z[0] = 80; // large logits stay finite
        const A = new Float32Array(rows * cols);
        const e = new Float64Array(rows * cols);
        k.softmaxCols(Z, A, rows, cols);
        ref.softmaxCols(f64(Z), e, rows, cols);
        expectClose('softmaxCols', A, e, { rtol: 1e-5, atol: 1e-9 });
      });
    }
    for (const n of [...ODD, 1000, 200_003]) {
      it(`mul / axpby / sumSquares n=${n}`, () => {
        const r = rng(n);
        const a = randF32(n, r);
        const b = randF32(n, r);
        const out = new Float32Array(n);
        const eOut = new Float64Array(n);
        k.mul(a, b, out, n);
        ref.mul(f64(a), f64(b), eOut, n);
        expectClose('mul', out, eOut, { rtol: 1e-7, atol: 0 });
        for (const [alpha, beta] of [
          [2, 0],
          [-1, 1],
          [0.5, -0.75],
        ]) {
          const y = randF32(n, r);
          const ey = f64(y);
          if (beta === 0) y.fill(Number.NaN);
          k.axpby(alpha, a, beta, y, n);
          ref.axpby(alpha, f64(a), beta, ey, n);
          expectClose(`axpby α=${alpha} β=${beta}`, y, ey, { rtol: 1e-6, atol: 1e-7 });
        }
        const s = k.sumSquares(a, n);
        const es = ref.sumSquares(f64(a), n);
        expect(Math.abs(s - es)).toBeLessThanOrEqual(1e-9 * Math.max(1, es));
      });
    }
  });

  describe.each(['auto', 'band', 'im2col'] as const)('conv2d (channels last, %s)', (algorithm) => {
    beforeAll(() => setConvAlgorithm(algorithm));
    afterAll(() => setConvAlgorithm('auto'));
    const configs: Conv2dDims[] = [];
    const add = (m: number, hIn: number, wIn: number, cIn: number, f: number, s: number, pt: number, pl: number, pb: number, pr: number, cOut: number) => {
      const hOut = Math.floor((hIn + pt + pb - f) / s) + 1;
      const wOut = Math.floor((wIn + pl + pr - f) / s) + 1;
      if (hOut >= 1 && wOut >= 1) configs.push({ m, hIn, wIn, cIn, f, s, padTop: pt, padLeft: pl, hOut, wOut, cOut });
    };
    add(2, 28, 28, 1, 5, 1, 2, 2, 2, 2, 6); // LeNet conv1 ('same')
    add(2, 14, 14, 6, 5, 1, 0, 0, 0, 0, 16); // LeNet conv2 ('valid')
    add(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1); // 1×1×1
    add(3, 5, 7, 3, 1, 1, 0, 0, 0, 0, 17); // pointwise
    add(2, 9, 9, 3, 3, 2, 1, 1, 1, 1, 5); // stride 2, padding 1
    add(1, 17, 17, 7, 3, 2, 0, 0, 0, 0, 33); // stride 2 valid
    add(2, 7, 7, 17, 2, 2, 0, 0, 1, 1, 3); // even f, asymmetric padding
    add(1, 8, 6, 2, 3, 3, 2, 1, 0, 2, 4); // stride 3, odd padding
    add(1, 33, 3, 1, 3, 1, 1, 1, 1, 1, 7); // thin image
    add(8, 16, 16, 8, 3, 1, 1, 1, 1, 1, 16); // threaded
    add(2, 12, 12, 4, 3, 1, 1, 1, 1, 1, 40); // more than one 32-channel panel
    add(3, 6, 6, 2, 2, 1, 3, 3, 3, 3, 3); // padding wider than the filter
    add(2, 9, 30, 3, 3, 1, 0, 2, 2, 0, 5); // few output channels, asymmetric padding: pixelwise forward and data gradient
    add(2, 33, 33, 3, 3, 2, 1, 1, 1, 1, 4); // few output channels, stride 2 (pixelwise forward, im2col data gradient)
    add(2, 10, 10, 16, 3, 1, 1, 1, 1, 1, 5); // data gradient as a forward convolution over full channel vectors
    add(1, 12, 40, 2, 5, 1, 4, 4, 0, 0, 3); // taps skipped where the rows are padding (pad f − 1 on top only)
    add(2, 15, 15, 5, 3, 2, 1, 1, 1, 1, 6); // data gradient by scattering tap rows, stride 2
    add(1, 16, 16, 5, 3, 2, 0, 0, 0, 0, 6); // … where the last input row and column are outside every window
    const r0 = rng(4242);
    for (let i = 0; i < 12; i++) {
      const f = 1 + Math.floor(r0(0, 4));
      const s = 1 + Math.floor(r0(0, 3));
      const pad = () => Math.floor(r0(0, f));
      add(
        1 + Math.floor(r0(0, 3)),
        f + Math.floor(r0(0, 12)),
        f + Math.floor(r0(0, 12)),
        [1, 3, 7][i % 3],
        f,
        s,
        pad(),
        pad(),
        pad(),
        pad(),
        [1, 5, 17][(i + 1) % 3],
      );
    }
    for (const d of configs) {
      const label = `m=${d.m} ${d.hIn}×${d.wIn}×${d.cIn} f=${d.f} s=${d.s} pad=${d.padTop},${d.padLeft} → ${d.hOut}×${d.wOut}×${d.cOut}`;
      it(label, () => {
        const r = rng(d.hIn * 1000 + d.wIn * 100 + d.cIn * 10 + d.cOut + d.f + d.s * 7);
        const nX = d.m * d.hIn * d.wIn * d.cIn;
        const nW = d.f * d.f * d.cIn * d.cOut;
        const nZ = d.m * d.hOut * d.wOut * d.cOut;
        const X = randF32(nX, r);
        const W = randF32(nW, r);
        const b = randF32(d.cOut, r);
        // forward
        const Z = new Float32Array(nZ).fill(Number.NaN);
        const eZ = new Float64Array(nZ);
        k.conv2dForward(X, W, b, Z, d);
        ref.conv2dForward(f64(X), f64(W), f64(b), eZ, d);
        const bZ = new Float64Array(nZ);
        ref.conv2dForward(abs64(X), abs64(W), abs64(b), bZ, d);
        expectClose('conv2dForward', Z, eZ, { bound: bZ });
        // backward data
        const dZ = randF32(nZ, r);
        const dX = new Float32Array(nX).fill(Number.NaN);
        const edX = new Float64Array(nX);
        k.conv2dBackwardData(dZ, W, dX, d);
        ref.conv2dBackwardData(f64(dZ), f64(W), edX, d);
        const bdX = new Float64Array(nX);
        ref.conv2dBackwardData(abs64(dZ), abs64(W), bdX, d);
        expectClose('conv2dBackwardData', dX, edX, { bound: bdX });
        // backward filter
        const scale = 1 / d.m;
        const dW = new Float32Array(nW).fill(Number.NaN);
        const db = new Float32Array(d.cOut).fill(Number.NaN);
        const edW = new Float64Array(nW);
        const edb = new Float64Array(d.cOut);
        k.conv2dBackwardFilter(X, dZ, dW, db, d, scale);
        ref.conv2dBackwardFilter(f64(X), f64(dZ), edW, edb, d, scale);
        const bdW = new Float64Array(nW);
        const bdb = new Float64Array(d.cOut);
        ref.conv2dBackwardFilter(abs64(X), abs64(dZ), bdW, bdb, d, scale);
        expectClose('conv2dBackwardFilter dW', dW, edW, { bound: bdW });
        expectClose('conv2dBackwardFilter db', db, edb, { bound: bdb });
      });
    }

    // A diverging run's dZ can hold ±Infinity: it must reach exactly the inputs under its pixel, as
    // in the reference, whichever data-gradient form the shape takes (as a forward convolution,
    // scattering tap rows — whose vectors round the segment up — or im2col).
    const infinite: Conv2dDims[] = [
      { m: 1, hIn: 14, wIn: 14, cIn: 6, f: 5, s: 1, padTop: 0, padLeft: 0, hOut: 10, wOut: 10, cOut: 16 },
      { m: 1, hIn: 15, wIn: 15, cIn: 5, f: 3, s: 2, padTop: 1, padLeft: 1, hOut: 8, wOut: 8, cOut: 6 },
      { m: 1, hIn: 12, wIn: 12, cIn: 3, f: 3, s: 1, padTop: 1, padLeft: 1, hOut: 12, wOut: 12, cOut: 4 },
    ];
    for (const d of infinite) {
      it(`an infinite dZ reaches only the inputs under its pixel: ${d.hIn}×${d.wIn}×${d.cIn} f=${d.f} s=${d.s} → ${d.cOut}`, () => {
        const r = rng(d.hIn * 31 + d.cOut);
        const W = randF32(d.f * d.f * d.cIn * d.cOut, r);
        const dZ = randF32(d.m * d.hOut * d.wOut * d.cOut, r);
        dZ[(3 * d.wOut + 2) * d.cOut + 1] = Number.POSITIVE_INFINITY;
        const dX = new Float32Array(d.m * d.hIn * d.wIn * d.cIn).fill(Number.NaN);
        const edX = new Float64Array(dX.length);
        k.conv2dBackwardData(dZ, W, dX, d);
        ref.conv2dBackwardData(f64(dZ), f64(W), edX, d);
        const finite = (a: ArrayLike<number>) => Array.from(a, (v) => Number.isFinite(v));
        expect(finite(dX)).toEqual(finite(edX));
        expect(finite(edX).filter((v) => !v).length).toBeGreaterThan(0);
      });
    }
  });

  describe('pooling', () => {
    const configs: Pool2dDims[] = [];
    const add = (m: number, hIn: number, wIn: number, c: number, f: number, s: number) => {
      const hOut = Math.floor((hIn - f) / s) + 1;
      const wOut = Math.floor((wIn - f) / s) + 1;
      if (hOut >= 1 && wOut >= 1) configs.push({ m, hIn, wIn, c, f, s, hOut, wOut });
    };
    add(2, 28, 28, 6, 2, 2); // LeNet
    add(2, 10, 10, 16, 2, 2);
    add(1, 1, 1, 1, 1, 1);
    add(3, 7, 9, 17, 3, 2);
    add(1, 9, 7, 33, 3, 3);
    add(2, 5, 5, 3, 2, 1); // overlapping windows
    add(1, 17, 17, 1, 3, 1);
    add(64, 28, 28, 6, 2, 2); // threaded
    add(2, 9, 13, 5, 2, 2); // odd sizes: the last window row/column is dropped
    add(1, 2, 11, 3, 2, 1); // four-wide unrolled columns plus leftovers
    add(3, 6, 23, 17, 3, 2); // > one channel vector
    it('a window that runs past the input is clipped (never read out of bounds)', () => {
      // wIn = 3, f = 2, s = 2, wOut = 2: the second window only has column 2.
      const d: Pool2dDims = { m: 1, hIn: 2, wIn: 3, c: 1, f: 2, s: 2, hOut: 1, wOut: 2 };
      const X = Float32Array.from([1, 5, 9, 2, 3, 4]);
      const A = new Float32Array(2);
      const am = new Int32Array(2);
      k.maxPoolForward(X, A, am, d);
      expect(Array.from(A)).toEqual([5, 9]);
      expect(Array.from(am)).toEqual([1, 2]);
      const tiny: Pool2dDims = { m: 1, hIn: 1, wIn: 1, c: 2, f: 2, s: 2, hOut: 1, wOut: 1 };
      const B = new Float32Array(2);
      k.maxPoolForward(Float32Array.from([7, 8]), B, new Int32Array(2), tiny);
      expect(Array.from(B)).toEqual([7, 8]);
    });
    for (const d of configs) {
      it(`m=${d.m} ${d.hIn}×${d.wIn}×${d.c} f=${d.f} s=${d.s}`, () => {
        const r = rng(d.hIn * 100 + d.c * 10 + d.f + d.s);
        const nX = d.m * d.hIn * d.wIn * d.c;
        const nA = d.m * d.hOut * d.wOut * d.c;
        const X = randF32(nX, r);
        const A = new Float32Array(nA);
        const am = new Int32Array(nA);
        const eA = new Float64Array(nA);
        const eam = new Int32Array(nA);
        k.maxPoolForward(X, A, am, d);
        ref.maxPoolForward(f64(X), eA, eam, d);
        expectClose('maxPoolForward', A, eA, { rtol: 0, atol: 0 });
        expect(Array.from(am)).toEqual(Array.from(eam));
        const dA = randF32(nA, r);
        const dX = new Float32Array(nX).fill(Number.NaN);
        const edX = new Float64Array(nX);
        k.maxPoolBackward(dA, am, dX, d);
        ref.maxPoolBackward(f64(dA), eam, edX, d);
        expectClose('maxPoolBackward', dX, edX, { rtol: 1e-6 });
        const aA = new Float32Array(nA);
        const eaA = new Float64Array(nA);
        k.avgPoolForward(X, aA, d);
        ref.avgPoolForward(f64(X), eaA, d);
        expectClose('avgPoolForward', aA, eaA, { rtol: 1e-5, atol: 1e-6 });
        const adX = new Float32Array(nX).fill(Number.NaN);
        const eadX = new Float64Array(nX);
        k.avgPoolBackward(dA, adX, d);
        ref.avgPoolBackward(f64(dA), eadX, d);
        expectClose('avgPoolBackward', adX, eadX, { rtol: 1e-5, atol: 1e-6 });
      });
    }
  });

  describe('batch norm', () => {
    const layouts: { name: string; features: number; count: number; fs: number; is: number; size: number }[] = [];
    for (const [features, count] of [
      [1, 1],
      [3, 7],
      [17, 33],
      [6, 2000],
      [65, 5],
    ]) {
      layouts.push({ name: `dense ${features}×${count}`, features, count, fs: count, is: 1, size: features * count });
      layouts.push({ name: `conv ${count}×${features}`, features, count, fs: 1, is: features, size: features * count });
      layouts.push({
        name: `strided ${features}×${count}`,
        features,
        count,
        fs: 2,
        is: 2 * features + 1,
        size: (count - 1) * (2 * features + 1) + 2 * (features - 1) + 1,
      });
    }
    for (const L of layouts) {
      it(L.name, () => {
        const r = rng(L.features * 100 + L.count + L.fs);
        const X = randF32(L.size, r, -3, 5);
        const gamma = randF32(L.features, r, 0.5, 2);
        const beta = randF32(L.features, r);
        const eps = 1e-5;
        const momentum = 0.9;
        const Y = new Float32Array(L.size);
        const xHat = new Float32Array(L.size);
        const mean = new Float32Array(L.features);
        const variance = new Float32Array(L.features);
        const runMean = randF32(L.features, r);
        const runVar = randF32(L.features, r, 0.5, 1.5);
        const eY = new Float64Array(L.size);
        const exHat = new Float64Array(L.size);
        const eMean = new Float64Array(L.features);
        const eVar = new Float64Array(L.features);
        const eRunMean = f64(runMean);
        const eRunVar = f64(runVar);
        k.batchNormForwardTrain(X, gamma, beta, Y, xHat, mean, variance, runMean, runVar, L.features, L.count, L.fs, L.is, eps, momentum);
        ref.batchNormForwardTrain(f64(X), f64(gamma), f64(beta), eY, exHat, eMean, eVar, eRunMean, eRunVar, L.features, L.count, L.fs, L.is, eps, momentum);
        const visited = new Uint8Array(L.size);
        for (let j = 0; j < L.features; j++) for (let i = 0; i < L.count; i++) visited[j * L.fs + i * L.is] = 1;
        const pick = (a: ArrayLike<number>) => Float64Array.from({ length: L.size }, (_, i) => (visited[i] ? a[i] : 0));
        expectClose('bn Y', pick(Y), pick(eY), { rtol: 1e-4, atol: 1e-4 });
        expectClose('bn xHat', pick(xHat), pick(exHat), { rtol: 1e-4, atol: 1e-4 });
        expectClose('bn mean', mean, eMean, { atol: 1e-5 });
        expectClose('bn variance', variance, eVar, { atol: 1e-5 });
        expectClose('bn runMean', runMean, eRunMean, { atol: 1e-5 });
        expectClose('bn runVar', runVar, eRunVar, { atol: 1e-5 });
        // infer
        const Yi = new Float32Array(L.size);
        const eYi = new Float64Array(L.size);
        k.batchNormForwardInfer(X, gamma, beta, Yi, runMean, runVar, L.features, L.count, L.fs, L.is, eps);
        ref.batchNormForwardInfer(f64(X), f64(gamma), f64(beta), eYi, f64(runMean), f64(runVar), L.features, L.count, L.fs, L.is, eps);
        expectClose('bn infer', pick(Yi), pick(eYi), { atol: 1e-5 });
        // backward (from the native forward's xHat and variance)
        const dY = randF32(L.size, r);
        const dX = new Float32Array(L.size);
        const dG = new Float32Array(L.features);
        const dB = new Float32Array(L.features);
        const edX = new Float64Array(L.size);
        const edG = new Float64Array(L.features);
        const edB = new Float64Array(L.features);
        k.batchNormBackward(dY, xHat, gamma, variance, dX, dG, dB, L.features, L.count, L.fs, L.is, eps);
        ref.batchNormBackward(f64(dY), f64(xHat), f64(gamma), f64(variance), edX, edG, edB, L.features, L.count, L.fs, L.is, eps);
        expectClose('bn dX', pick(dX), pick(edX), { atol: 1e-4 });
        expectClose('bn dGamma', dG, edG, { atol: 1e-5 });
        expectClose('bn dBeta', dB, edB, { atol: 1e-5 });
      });
    }
  });

  describe('optimizerUpdate', () => {
    for (const kind of [0, 1, 2, 3] as const) {
      for (const n of [1, 17, 1000, 300_001]) {
        for (const l2 of [0, 0.05]) {
          it(`kind ${kind} n=${n} l2=${l2}`, () => {
            const r = rng(kind * 1e6 + n + l2 * 100);
            const W = randF32(n, r);
            const dW = randF32(n, r);
            const s1 = randF32(n, r, 0, 0.1);
            const s2 = randF32(n, r, 0, 0.1);
            const eW = f64(W);
            const es1 = f64(s1);
            const es2 = f64(s2);
            for (const t of [1, 2, 7]) {
              k.optimizerUpdate(kind, W, dW, s1, s2, n, 0.01, 0.9, 0.999, 1e-8, t, l2);
              ref.optimizerUpdate(kind, eW, f64(dW), es1, es2, n, 0.01, 0.9, 0.999, 1e-8, t, l2);
            }
            // rmsprop/adam divide by √s: float32 rounding of s is amplified, so 1e-4 relative + 1e-5 absolute.
            expectClose('W', W, eW, { rtol: 1e-4, atol: kind >= 2 ? 1e-5 : 1e-6 });
            if (kind === 1 || kind === 3) expectClose('s1', s1, es1, { rtol: 1e-5, atol: 1e-7 });
            if (kind === 2 || kind === 3) expectClose('s2', s2, es2, { rtol: 1e-5, atol: 1e-7 });
          });
        }
      }
    }
  });

  describe('live views, evaluation and initialisation (classErrors, histogram, randn)', () => {
    const r = rng(11);
    it.each(ODD)('classErrors over %i examples: one sigmoid unit and softmax columns', (m) => {
      for (const n of [1, 3, 10]) {
        const A = randF32(n * m, r, 0, 1);
        const Y = new Float32Array(n * m);
        for (let i = 0; i < m; i++) {
          const label = Math.min(n === 1 ? 1 : n - 1, Math.floor(r(0, n === 1 ? 2 : n)));
          if (n === 1) Y[i] = label;
          else Y[label * m + i] = 1;
        }
        expect(k.classErrors(A, Y, n, m), `n=${n}`).toBe(ref.classErrors(A, Y, n, m));
      }
    });

    it.each([0, 1, 7, 1000, 100_003])('histogram of %i values (with NaN and ±Infinity among them)', (n) => {
      const x = randF32(n, r, -3, 5);
      if (n > 10) {
        x[3] = NaN;
        x[5] = Infinity;
        x[8] = -Infinity;
      }
      for (const bins of [1, 4, 40]) {
        const counts = new Int32Array(bins),
          range = new Float32Array(2);
        const eCounts = new Int32Array(bins),
          eRange = new Float32Array(2);
        k.histogram(x, n, bins, counts, range);
        ref.histogram(x, n, bins, eCounts, eRange);
        expect(Array.from(range), `bins=${bins}`).toEqual(Array.from(eRange));
        expect(Array.from(counts), `bins=${bins}`).toEqual(Array.from(eCounts));
        expect(
          counts.reduce((a, b) => a + b, 0),
          'every finite value counted once',
        ).toBe(n > 10 ? n - 3 : n);
      }
    });

    it('histogram: all-equal values fall in bin 0', () => {
      const counts = new Int32Array(4),
        range = new Float32Array(2);
      k.histogram(new Float32Array(9).fill(0.5), 9, 4, counts, range);
      expect(Array.from(counts)).toEqual([9, 0, 0, 0]);
      expect(Array.from(range)).toEqual([0.5, 0.5]);
    });

    it('randn draws the seeded stream of engine/tensor/rng.ts, and leaves it where the JavaScript draws would', () => {
      for (const [seed, n, scale] of [
        [1, 1, 1],
        [2, 7, 0.01],
        [3, 1001, 2.5],
        [4, 1000, 1],
      ] as const) {
        const js = createRng(seed);
        js.randn(); // an odd draw first: a normal is pending
        const state = new Int32Array(RNG_STATE_LENGTH);
        js.save(state);
        const out = new Float32Array(n);
        k.randn(state, n, scale, out);
        const expected = Float32Array.from({ length: n }, () => js.randn() * scale);
        expectClose('out', out, expected, { rtol: 1e-6, atol: 1e-7 });
        const after = new Int32Array(RNG_STATE_LENGTH);
        js.save(after);
        // The generator's state and whether a normal is pending; the pending normal's bits only when one is.
        const position = (a: Int32Array) => Array.from(a[1] ? a : a.subarray(0, 2));
        expect(position(state), 'the stream continues where JavaScript continues').toEqual(position(after));
      }
    });
  });

  describe('argument checks (never read out of bounds)', () => {
    it('rejects Float64Array buffers', () => {
      expect(() => k.mul(new Float64Array(4), new Float32Array(4), new Float32Array(4), 4)).toThrow(/Float32Array/);
    });
    it('rejects buffers shorter than the shape', () => {
      expect(() => k.gemm(false, false, 4, 4, 4, 1, new Float32Array(15), new Float32Array(16), 0, new Float32Array(16))).toThrow(/A has 15 values, needs 16/);
      expect(() => k.activationForward(ACT.tanh, new Float32Array(3), new Float32Array(4), 4, 0)).toThrow(RangeError);
    });
    it('rejects negative or fractional dimensions', () => {
      expect(() => k.sumRows(new Float32Array(4), -1, 4, 1, new Float32Array(4), 0)).toThrow(/dimension/);
      expect(() => k.axpby(1, new Float32Array(4), 0, new Float32Array(4), 2.5)).toThrow(/dimension/);
    });
    it('rejects negative padding and zero strides', () => {
      const d: Conv2dDims = { m: 1, hIn: 4, wIn: 4, cIn: 1, f: 3, s: 1, padTop: -1, padLeft: 0, hOut: 3, wOut: 2, cOut: 1 };
      expect(() => k.conv2dForward(new Float32Array(16), new Float32Array(9), new Float32Array(1), new Float32Array(6), d)).toThrow(/padding/);
      expect(() => k.conv2dForward(new Float32Array(16), new Float32Array(9), new Float32Array(1), new Float32Array(6), { ...d, padTop: 0, s: 0 })).toThrow(
        /must be at least 1/,
      );
    });
  });
});

describe.each(['native', 'wasm'] as const)('%s threads agree with one thread', (kind) => {
  const skip = kind === 'native' && !!unavailable;
  it.skipIf(skip)('gemm / conv results are identical in value range between 1 and 2 threads', () => {
    const one = matrix.find((x) => x.kind === kind && x.threads === 1)!.backend.kernels;
    const two = matrix.find((x) => x.kind === kind && x.threads === 2)!.backend.kernels;
    const r = rng(99);
    const A = randF32(300 * 200, r);
    const B = randF32(200 * 250, r);
    const C1 = new Float32Array(300 * 250);
    const C2 = new Float32Array(300 * 250);
    one.gemm(false, true, 300, 250, 200, 1, A, B, 0, C1);
    two.gemm(false, true, 300, 250, 200, 1, A, B, 0, C2);
    expectClose('gemm 1 vs 2 threads', C2, C1, { rtol: 1e-5, bound: 1 });
  });

  it.skipIf(skip)('8 threads (more pieces than rows/columns of panels: the shared-B fallback) match the reference', () => {
    const r8 = kind === 'native' ? loadNativeBackend({ threads: 8 }) : { backend: testWasmRuntime('mt').backend(8) };
    if ('error' in r8) throw new Error(r8.error);
    const k8 = r8.backend.kernels;
    const r = rng(8);
    for (const [M, N, K, tA, tB] of [
      [200, 300, 200, false, false],
      [150, 90, 300, true, true],
      [600, 700, 40, false, true],
      [7, 9, 40000, true, false],
    ] as [number, number, number, boolean, boolean][]) {
      const A = randF32(M * K, r);
      const B = randF32(K * N, r);
      const C = randF32(M * N, r);
      const e = f64(C);
      k8.gemm(tA, tB, M, N, K, 0.5, A, B, 0.5, C);
      ref.gemm(tA, tB, M, N, K, 0.5, f64(A), f64(B), 0.5, e);
      const bound = new Float64Array(M * N);
      ref.gemm(tA, tB, M, N, K, 0.5, abs64(A), abs64(B), 0, bound);
      expectClose(`gemm ${M}×${N}×${K} on 8 threads`, C, e, { bound });
    }
  });
});
