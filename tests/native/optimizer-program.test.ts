/**
 * The native optimizer program (one crossing per step for all tensors) against
 * (a) the unfused sequence of per-tensor optimizerUpdate calls on the same backend — bit for
 *     bit, since it runs the same kernel in the same order — and
 * (b) the float64 reference backend, within float32 tolerance;
 * for all four optimizers, with and without L2, tensors that do and do not regularise, odd
 * sizes (and one large enough to be split over threads), over several steps.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, OptimizerTensor } from '../../engine/kernels/kernels';
import type { WasmBackend } from '../../engine/wasm/backend';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { allowNoNative, compiledMatrix, expectClose, f64, inMemory, nativeUnavailable, randF32, rng } from './helpers';

const unavailable = nativeUnavailable();

describe('native optimizer program availability', () => {
  it.skipIf(allowNoNative)('the addon is built and loads', () => {
    expect(unavailable, `native backend unavailable: ${unavailable}`).toBe('');
  });
});

const matrix = compiledMatrix();
const SIZES = [1, 7, 33, 1000, 200_003];
const REGULARISE = [true, false, true, false, true];
const HYPER = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
/** (learning rate, t) of the steps: t counts from 1 like the optimizer's. */
const STEPS: [number, number][] = [
  [0.01, 1],
  [0.02, 2],
  [0.005, 3],
];

type F32Tensor = OptimizerTensor & { W: Float32Array; dW: Float32Array; s1: Float32Array; s2: Float32Array };

/** Tensors where the backend keeps its buffers (as createOptimizer allocates them). */
function makeTensors(backend: Backend, kind: number, seed: number): F32Tensor[] {
  const r = rng(seed);
  const at = (a: Float32Array) => inMemory(backend, a);
  return SIZES.map((n, i) => ({
    W: at(randF32(n, r)),
    dW: at(randF32(n, r)),
    s1: at(kind === 1 || kind === 3 ? randF32(n, r, 0, 0.1) : new Float32Array(0)),
    s2: at(kind === 2 || kind === 3 ? randF32(n, r, 0, 0.1) : new Float32Array(0)),
    n,
    regularise: REGULARISE[i],
  }));
}

const copyTensors = (ts: F32Tensor[]): F32Tensor[] => ts.map((t) => ({ ...t, W: t.W.slice(), dW: t.dW.slice(), s1: t.s1.slice(), s2: t.s2.slice() }));

const bits = (a: ArrayLike<number>): number[] => Array.from(new Uint32Array(Float32Array.from(a).buffer));

describe.each(matrix)('compiled planOptimizer ($label)', ({ backend, kind: backendKind }) => {
  const k = backend.kernels;

  it('is offered by the backend', () => {
    expect(typeof k.planOptimizer).toBe('function');
  });

  for (const kind of [0, 1, 2, 3] as const) {
    for (const l2 of [0, 0.05]) {
      it(`kind ${kind}, l2 ${l2}: equals the per-tensor calls bit for bit and the reference within tolerance`, () => {
        const fused = makeTensors(backend, kind, 1000 * kind + l2 * 100 + 1);
        const unfused = copyTensors(fused);
        const reference = fused.map((t) => ({ W: f64(t.W), dW: f64(t.dW), s1: f64(t.s1), s2: f64(t.s2), n: t.n, regularise: t.regularise }));
        const program = k.planOptimizer!(kind, fused, HYPER.beta1, HYPER.beta2, HYPER.epsilon);
        for (const [lr, t] of STEPS) {
          program.step(lr, l2, t);
          for (const u of unfused) k.optimizerUpdate(kind, u.W, u.dW, u.s1, u.s2, u.n, lr, HYPER.beta1, HYPER.beta2, HYPER.epsilon, t, u.regularise ? l2 : 0);
          for (const e of reference)
            ref.optimizerUpdate(kind, e.W, e.dW, e.s1, e.s2, e.n, lr, HYPER.beta1, HYPER.beta2, HYPER.epsilon, t, e.regularise ? l2 : 0);
        }
        fused.forEach((f, i) => {
          expect(bits(f.W), `tensor ${i} W`).toEqual(bits(unfused[i].W));
          expect(bits(f.s1), `tensor ${i} s1`).toEqual(bits(unfused[i].s1));
          expect(bits(f.s2), `tensor ${i} s2`).toEqual(bits(unfused[i].s2));
          expect(bits(f.dW), `tensor ${i} dW untouched`).toEqual(bits(unfused[i].dW));
          // rmsprop/adam divide by √s: float32 rounding of s is amplified (as in kernels.test.ts).
          expectClose(`tensor ${i} W vs reference`, f.W, reference[i].W, { rtol: 1e-4, atol: kind >= 2 ? 1e-5 : 1e-6 });
          if (kind === 1 || kind === 3) expectClose(`tensor ${i} s1 vs reference`, f.s1, reference[i].s1, { rtol: 1e-5, atol: 1e-7 });
          if (kind === 2 || kind === 3) expectClose(`tensor ${i} s2 vs reference`, f.s2, reference[i].s2, { rtol: 1e-5, atol: 1e-7 });
        });
      });
    }
  }

  it('applies L2 only to tensors that regularise', () => {
    const W = new Float32Array([1, 2]);
    const b = new Float32Array([1, 2]);
    const g = new Float32Array([0, 0]);
    const empty = new Float32Array(0);
    const program = k.planOptimizer!(
      0,
      [
        { W, dW: g, s1: empty, s2: empty, n: 2, regularise: true },
        { W: b, dW: g, s1: empty, s2: empty, n: 2, regularise: false },
      ],
      0,
      0,
      0,
    );
    program.step(0.5, 0.1, 1);
    // gd: W −= α (dW + l2 W) = W (1 − 0.05); b unchanged (zero gradient, no L2).
    expect(Array.from(W)).toEqual([Math.fround(1 - 0.05), Math.fround(2 - 0.1)]);
    expect(Array.from(b)).toEqual([1, 2]);
  });

  it('an empty program is a no-op', () => {
    expect(() => k.planOptimizer!(3, [], 0.9, 0.999, 1e-8).step(0.1, 0, 1)).not.toThrow();
  });

  it('rejects bad input when planning, with a clear error', () => {
    const t = makeTensors(backend, 3, 7)[1];
    expect(() => k.planOptimizer!(3, [{ ...t, W: new Float64Array(t.n) }], 0.9, 0.999, 1e-8)).toThrow(/Float32Array/);
    expect(() => k.planOptimizer!(3, [{ ...t, s2: new Float32Array(t.n - 1) }], 0.9, 0.999, 1e-8)).toThrow(/s2 has 6 values, needs 7/);
    expect(() => k.planOptimizer!(3, [{ ...t, n: 2.5 }], 0.9, 0.999, 1e-8)).toThrow(/dimension/);
    expect(() => k.planOptimizer!(7 as 3, [t], 0.9, 0.999, 1e-8)).toThrow(/unknown optimizer kind/);
  });

  if (backendKind === 'wasm')
    it("steps buffers in the module's memory in place (nothing staged), and plain arrays through the per-tensor kernel", () => {
      const info = () => (backend as WasmBackend).info().stagedBuffers;
      const inside = makeTensors(backend, 3, 11);
      const outside = inside.map((t) => ({ ...t, W: t.W.slice(), dW: t.dW.slice(), s1: t.s1.slice(), s2: t.s2.slice() }));
      const before = info();
      k.planOptimizer!(3, inside, 0.9, 0.999, 1e-8).step(0.01, 0.1, 1);
      expect(info(), 'resident program staged a buffer').toBe(before);
      k.planOptimizer!(3, outside, 0.9, 0.999, 1e-8).step(0.01, 0.1, 1);
      expect(info()).toBeGreaterThan(before);
      outside.forEach((o, i) => expect(bits(o.W), `tensor ${i}`).toEqual(bits(inside[i].W)));
    });

  if (backendKind === 'native')
    it('refuses to step once a planned buffer was detached (never writes through a stale pointer)', () => {
      const [t] = makeTensors(backend, 1, 9);
      const program = k.planOptimizer!(1, [t], 0.9, 0, 0);
      program.step(0.1, 0, 1);
      const buffer = t.s1.buffer as ArrayBuffer;
      structuredClone(buffer, { transfer: [buffer] });
      expect(() => program.step(0.1, 0, 2)).toThrow(/changed size/);
    });
});
