/**
 * Fused dense-layer kernels (denseForward / denseBackward). Each must do exactly what the
 * unfused kernels do in turn — bit for bit on the same backend (the unfused kernels are
 * checked against the reference in kernels.test.ts) — and stay close to the float64
 * reference on odd shapes, every activation, with and without dX.
 */
import { describe, expect, it } from 'vitest';
import { ACT, type ActCode, type Kernels } from '../../engine/kernels/kernels';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { expectClose, f64, compiledMatrix, randF32, rng } from './helpers';

const matrix = compiledMatrix();
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [4, 2, 400], // W1's hidden layer
  [1, 4, 400], // W1's output
  [7, 20, 209],
  [17, 33, 65],
  [20, 300, 3],
  [130, 150, 100], // threaded GEMMs
  [84, 120, 64], // W4's second dense layer: on two threads its backward runs dW and dX as one task each
  [10, 128, 128], // W3's output layer: the smallest that does
];
const ACTS = Object.entries(ACT) as [string, ActCode][];

type Arr = Float32Array | Float64Array;
function unfusedForward(k: Kernels, act: ActCode, W: Arr, X: Arr, b: Arr, Z: Arr, A: Arr, n: number, kk: number, m: number, alpha: number) {
  k.gemm(false, false, n, m, kk, 1, W, X, 0, Z);
  k.addBiasRows(Z, b, n, m);
  if (act !== ACT.linear) k.activationForward(act, Z, A, n * m, alpha);
}
function unfusedBackward(
  k: Kernels,
  act: ActCode,
  W: Arr,
  X: Arr,
  Z: Arr,
  A: Arr,
  dA: Arr,
  dZ: Arr,
  dW: Arr,
  db: Arr,
  dX: Arr | null,
  n: number,
  kk: number,
  m: number,
  alpha: number,
  scale: number,
) {
  k.activationBackward(act, Z, A, dA, dZ, n * m, alpha);
  k.gemm(false, true, n, kk, m, scale, dZ, X, 0, dW);
  k.sumRows(dZ, n, m, scale, db, 0);
  if (dX) k.gemm(true, false, kk, m, n, 1, W, dZ, 0, dX);
}

function data(n: number, k: number, m: number, seed: number) {
  const r = rng(seed);
  return { W: randF32(n * k, r), X: randF32(k * m, r), b: randF32(n, r), dA: randF32(n * m, r) };
}

describe.each(matrix)('fused dense kernels ($label)', ({ backend }) => {
  const k = backend.kernels;
  for (const [n, kk, m] of SHAPES) {
    for (const [name, act] of ACTS) {
      for (const withDX of [true, false]) {
        it(`${name} ${n}×${kk}×${m}${withDX ? '' : ' (no dX)'}`, () => {
          const { W, X, b, dA } = data(n, kk, m, n * 31 + kk * 7 + m + act);
          const alpha = 0.03;
          const fresh = () => ({ Z: new Float32Array(n * m).fill(NaN), A: new Float32Array(n * m).fill(NaN) });
          const fused = fresh();
          const plain = fresh();
          const A = (o: { Z: Float32Array; A: Float32Array }) => (act === ACT.linear ? o.Z : o.A);
          k.denseForward(act, W, X, b, fused.Z, A(fused), n, kk, m, alpha);
          unfusedForward(k, act, W, X, b, plain.Z, A(plain), n, kk, m, alpha);
          expect(fused.Z).toEqual(plain.Z);
          expect(A(fused)).toEqual(A(plain));

          const grads = () => ({
            dZ: new Float32Array(n * m).fill(NaN),
            dW: new Float32Array(n * kk).fill(NaN),
            db: new Float32Array(n).fill(NaN),
            dX: withDX ? new Float32Array(kk * m).fill(NaN) : null,
          });
          const gf = grads();
          const gp = grads();
          const scale = 1 / m;
          k.denseBackward(act, W, X, fused.Z, A(fused), dA, gf.dZ, gf.dW, gf.db, gf.dX, n, kk, m, alpha, scale);
          unfusedBackward(k, act, W, X, plain.Z, A(plain), dA, gp.dZ, gp.dW, gp.db, gp.dX, n, kk, m, alpha, scale);
          expect(gf).toEqual(gp);

          // Against the float64 reference (fused there too), with the usual GEMM error bound.
          const Z64 = new Float64Array(n * m);
          const A64 = act === ACT.linear ? Z64 : new Float64Array(n * m);
          ref.denseForward(act, f64(W), f64(X), f64(b), Z64, A64, n, kk, m, alpha);
          const bound = new Float64Array(n * m);
          ref.gemm(false, false, n, m, kk, 1, Float64Array.from(W, Math.abs), Float64Array.from(X, Math.abs), 0, bound);
          expectClose('Z', fused.Z, Z64, { rtol: 1e-5, atol: 1e-6, bound });
          const dW64 = new Float64Array(n * kk);
          const db64 = new Float64Array(n);
          const dZ64 = new Float64Array(n * m);
          const dX64 = withDX ? new Float64Array(kk * m) : null;
          ref.denseBackward(act, f64(W), f64(X), f64(fused.Z), f64(A(fused)), f64(dA), dZ64, dW64, db64, dX64, n, kk, m, alpha, scale);
          expectClose('dZ', gf.dZ, dZ64, { rtol: 1e-5, atol: 1e-6 });
          expectClose('dW', gf.dW, dW64, { rtol: 1e-4, atol: 1e-5 });
          expectClose('db', gf.db, db64, { rtol: 1e-4, atol: 1e-5 });
          if (dX64) expectClose('dX', gf.dX!, dX64, { rtol: 1e-4, atol: 1e-5 });
        });
      }
    }
  }

  it('linear backward may take dZ as dA (the output layer passes its dZ[L])', () => {
    const { W, X, dA } = data(3, 5, 9, 1);
    const dZ = dA.slice();
    const dW = new Float32Array(15);
    const db = new Float32Array(3);
    const dW2 = new Float32Array(15);
    const db2 = new Float32Array(3);
    k.denseBackward(ACT.linear, W, X, dZ, dZ, dZ, dZ, dW, db, null, 3, 5, 9, 0, 0.5);
    k.denseBackward(ACT.linear, W, X, dZ, dZ, dA, new Float32Array(27), dW2, db2, null, 3, 5, 9, 0, 0.5);
    expect(dZ).toEqual(dA);
    expect(dW).toEqual(dW2);
    expect(db).toEqual(db2);
  });

  it('refuses short buffers, naming the kernel and buffer', () => {
    const a = new Float32Array(8);
    expect(() => k.denseForward(ACT.relu, a, a, a, a, new Float32Array(3), 2, 2, 2, 0)).toThrow(/denseForward: A has 3 values, needs 4/);
    expect(() => k.denseBackward(ACT.tanh, a, a, a, a, a, a, a, new Float32Array(1), null, 2, 2, 2, 0, 1)).toThrow(/denseBackward: db has 1 values, needs 2/);
    expect(() => k.denseForward(9 as ActCode, a, a, a, a, a, 2, 2, 2, 0)).toThrow(/unknown activation code 9/);
  });
});

describe('reference fused dense kernels', () => {
  it('are the unfused kernels in turn', () => {
    const { W, X, b, dA } = data(5, 7, 11, 3);
    const [W64, X64, b64, dA64] = [W, X, b, dA].map(f64);
    const Zf = new Float64Array(55),
      Af = new Float64Array(55),
      Zp = new Float64Array(55),
      Ap = new Float64Array(55);
    ref.denseForward(ACT.tanh, W64, X64, b64, Zf, Af, 5, 7, 11, 0);
    unfusedForward(ref, ACT.tanh, W64, X64, b64, Zp, Ap, 5, 7, 11, 0);
    expect(Af).toEqual(Ap);
    const g = () => [new Float64Array(55), new Float64Array(35), new Float64Array(5), new Float64Array(77)] as const;
    const f = g(),
      p = g();
    ref.denseBackward(ACT.tanh, W64, X64, Zf, Af, dA64, f[0], f[1], f[2], f[3], 5, 7, 11, 0, 1 / 11);
    unfusedBackward(ref, ACT.tanh, W64, X64, Zp, Ap, dA64, p[0], p[1], p[2], p[3], 5, 7, 11, 0, 1 / 11);
    expect(f).toEqual(p);
    expect(f[1].some((v) => v !== 0)).toBe(true);
  });
});
