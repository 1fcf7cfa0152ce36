/**
 * The wasm backend's memory: tensors are views on the module's linear memory, and growing a
 * wasm memory detaches every view of a plain (non-shared) one. The threaded build's shared
 * memory grows without detaching; the single-threaded build's memory has a fixed size and
 * refuses what does not fit, with a clear error, leaving every view attached. Freed views
 * return their memory; kernels that run out of scratch memory say so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { createWasmRuntime, type WasmBackend } from '../../engine/wasm/backend';
import { nodeWasmPlatform } from '../../engine/node/wasm';
import { wasmApi } from '../../engine/wasm/js-api';
import { expectClose, randF32, rng } from './helpers';

const root = join(__dirname, '../..');
const moduleOf = (build: 'mt' | 'st') => new (wasmApi().Module)(readFileSync(join(root, `engine/wasm/dendrite-${build}.wasm`)));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** C = A·B on the backend and the float64 reference, compared. */
function checkGemm(b: WasmBackend, A: Float32Array, B: Float32Array, C: Float32Array, n: number): void {
  b.kernels.gemm(false, false, n, n, n, 1, A, B, 0, C);
  const e = new Float64Array(n * n);
  ref.gemm(false, false, n, n, n, 1, Float64Array.from(A), Float64Array.from(B), 0, e);
  expectClose('gemm', C, e, { bound: n });
}

describe('threaded build: shared memory grows without detaching', () => {
  const runtime = createWasmRuntime({ module: moduleOf('mt'), build: 'mt', platform: nodeWasmPlatform });
  const b = runtime.backend(2);

  it('views made before a growth keep their values and still work as kernel arguments', () => {
    const n = 48;
    const r = rng(1);
    const A = b.memory.f32(n * n);
    const B = b.memory.f32(n * n);
    A.set(randF32(n * n, r));
    B.set(randF32(n * n, r));
    const bytes = b.info().memoryBytes;
    const big = b.memory.f32(64 << 20); // 256 MB: the memory must grow
    expect(b.info().memoryBytes).toBeGreaterThan(bytes);
    expect(A.length, 'A detached').toBe(n * n);
    expect(big.length).toBe(64 << 20);
    big[big.length - 1] = 7;
    const C = b.memory.f32(n * n);
    const staged = b.info().stagedBuffers;
    checkGemm(b, A, B, C, n);
    expect(b.info().stagedBuffers, 'old and new views are both in the module memory').toBe(staged);
    expect(big[big.length - 1]).toBe(7);
  });

  it('runs its second thread in a worker', async () => {
    for (let i = 0; i < 100 && b.info().workersReady < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(b.info()).toMatchObject({ threads: 2, workers: 1, workersReady: 1 });
    const n = 300; // 27 M multiply-adds: split over both threads
    const r = rng(2);
    const A = b.memory.f32(n * n);
    const B = b.memory.f32(n * n);
    A.set(randF32(n * n, r));
    B.set(randF32(n * n, r));
    checkGemm(b, A, B, b.memory.f32(n * n), n);
  });

  it('returns the memory of views nobody holds (FinalizationRegistry)', async () => {
    const settle = async () => {
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await settle();
    const before = b.info().heapBytes;
    for (let i = 0; i < 50; i++) b.memory.f32(1 << 18)[0] = i; // 50 × 1 MB, dropped at once
    expect(b.info().heapBytes).toBeGreaterThan(before + (40 << 20));
    await settle();
    expect(b.info().heapBytes).toBeLessThan(before + (2 << 20));
  });
});

describe('single-threaded build: a fixed memory that never grows', () => {
  const runtime = createWasmRuntime({ module: moduleOf('st'), build: 'st', memoryBytes: 16 << 20 });
  const b = runtime.backend();

  it('has one thread and the size it was given', () => {
    expect(b.info()).toMatchObject({ build: 'st', threads: 1, workers: 0, memoryBytes: 16 << 20 });
  });

  it('refuses a tensor that does not fit with a clear error, and earlier views stay attached', () => {
    const kept = b.memory.f32(1000).fill(3);
    expect(() => b.memory.f32(8 << 20)).toThrow(/wasm backend: out of memory for a tensor of 32 MB .*fixed 16 MB/);
    expect(kept.length).toBe(1000);
    expect(kept[999]).toBe(3);
    expect(b.info().memoryBytes).toBe(16 << 20);
  });

  it('a kernel whose scratch does not fit fails with a clear error, not a trap', () => {
    const n = 512;
    const A = b.memory.f32(n * n);
    const B = b.memory.f32(n * n);
    const C = b.memory.f32(n * n);
    // Fill the rest of the memory so the GEMM's packing buffers cannot be allocated.
    const filler: Float32Array[] = [];
    for (let size = 8 << 20; size >= 1024;) {
      try {
        filler.push(b.memory.f32(size / 4));
      } catch {
        size >>= 1;
      }
    }
    expect(() => b.kernels.gemm(false, false, n, n, n, 1, A, B, 0, C)).toThrow(/wasm backend: out of memory for kernel scratch/);
    filler.length = 0;
  });

  it('rejects sizes that are not counts before allocating', () => {
    expect(() => b.memory.f32(-1)).toThrow(/cannot allocate -1 floats/);
    expect(() => b.memory.f32(2.5)).toThrow(/cannot allocate 2.5 floats/);
  });
});
