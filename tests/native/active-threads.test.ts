/**
 * setActiveThreads (the thread governor's switch) on the compiled backends: a two-thread
 * backend told to use one computes exactly what a one-thread backend computes, and back on
 * two exactly what two compute — switched back and forth between kernels, with GEMM shapes
 * split along N and along K (private per-thread partials: a worker outside the count must
 * never run a task of a job split for fewer threads).
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend } from '../../engine/native/load';
import { allowNoNative, expectSame, inMemory, randF32, rng, wasmBackend } from './helpers';

/** Shapes above the threading threshold (1.5 M multiply-adds): wide (split along N) and deep (along K). */
const SHAPES = [
  { M: 256, N: 512, K: 64 },
  { M: 20, N: 20, K: 20_000 },
];

function gemmOn(backend: Backend, s: (typeof SHAPES)[number], A: Float32Array, B: Float32Array): Float32Array {
  const C = inMemory(backend, new Float32Array(s.M * s.N));
  backend.kernels.gemm(false, false, s.M, s.N, s.K, 1, inMemory(backend, A), inMemory(backend, B), 0, C);
  return Float32Array.from(C);
}

function checkSwitching(one: Backend, two: Backend): void {
  expect(two.threads).toBe(2);
  expect(typeof two.setActiveThreads).toBe('function');
  expect(one.setActiveThreads).toBeUndefined();
  const r = rng(7);
  for (const s of SHAPES) {
    const A = randF32(s.M * s.K, r);
    const B = randF32(s.K * s.N, r);
    const expected1 = gemmOn(one, s, A, B);
    const expected2 = gemmOn(two, s, A, B);
    // Split along K, two threads sum two partials: other bits than one thread, so the checks below tell the counts apart.
    if (s.K > s.N) expect(expected2.some((v, i) => v !== expected1[i])).toBe(true);
    for (let i = 0; i < 24; i++) {
      const n = i % 3 === 0 ? 1 : 2;
      two.setActiveThreads!(n);
      expectSame(`${s.M}×${s.N}×${s.K} at ${n} of 2 threads (switch ${i})`, gemmOn(two, s, A, B), n === 1 ? expected1 : expected2);
    }
    two.setActiveThreads!(2);
  }
}

describe('setActiveThreads', () => {
  const native1 = loadNativeBackend({ threads: 1 });
  const native2 = loadNativeBackend({ threads: 2 });
  it.skipIf(allowNoNative && 'error' in native1)('native: one of two threads is one thread, bit for bit, and back', () => {
    if ('error' in native1 || 'error' in native2) throw new Error('native backend unavailable');
    checkSwitching(native1.backend, native2.backend);
    native2.backend.setActiveThreads!(1);
    expect(native2.backend.info().threads).toBe(1);
    native2.backend.setActiveThreads!(2);
    expect(native2.backend.info().threads).toBe(2);
  });

  it('wasm (threaded build): the same', () => {
    checkSwitching(wasmBackend(1), wasmBackend(2));
  });
});
