/** Helpers for the compiled-backend tests (native, wasm): seeded data, tolerant comparison, load-or-fail. */
import { expect } from 'vitest';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend, setNativeConvAlgorithm, supportedNativeIsas, type NativeBackend, type NativeIsa } from '../../engine/native/load';
import type { WasmBuild, WasmRuntime } from '../../engine/wasm/backend';
import { wasmRuntime } from '../../engine/node/wasm';

/** Small deterministic PRNG (mulberry32) → uniform in [lo, hi). */
export function rng(seed: number): (lo?: number, hi?: number) => number {
  let a = seed >>> 0;
  return (lo = -1, hi = 1) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return lo + (hi - lo) * u;
  };
}

/** A copy of `a` where the backend keeps its buffers (the wasm module's memory), else `a` itself. */
export function inMemory(backend: Backend, a: Float32Array): Float32Array {
  if (!backend.memory) return a;
  const copy = backend.memory.f32(a.length);
  copy.set(a);
  return copy;
}

export function randF32(n: number, r: (lo?: number, hi?: number) => number, lo = -1, hi = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r(lo, hi);
  return a;
}

export const f64 = (a: Float32Array): Float64Array => Float64Array.from(a);
export const abs64 = (a: ArrayLike<number>): Float64Array => Float64Array.from(a, (x) => Math.abs(x));

/**
 * Every actual[i] within rtol·(|expected[i]| + bound[i]) + atol of expected[i], where bound
 * is an optional magnitude scale (e.g. Σ|a||b| of a dot product, the float32 error scale).
 */
export function expectClose(
  label: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  opts: { rtol?: number; atol?: number; bound?: ArrayLike<number> | number; n?: number } = {},
): void {
  const rtol = opts.rtol ?? 1e-4;
  const atol = opts.atol ?? 1e-6;
  const n = opts.n ?? expected.length;
  expect(actual.length, `${label}: length`).toBeGreaterThanOrEqual(n);
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected[i];
    const b = opts.bound === undefined ? 0 : typeof opts.bound === 'number' ? opts.bound : opts.bound[i];
    const tol = rtol * (Math.abs(e) + b) + atol;
    if (!(Math.abs(a - e) <= tol) && !(Number.isNaN(a) && Number.isNaN(e)) && a !== e) {
      expect.fail(`${label}: [${i}] native ${a} vs reference ${e} (|diff| ${Math.abs(a - e)} > tol ${tol})`);
    }
  }
}

/**
 * actual equals expected value for value (NaN equals NaN, −0 equals 0) — a loop rather than
 * toEqual, which takes seconds on arrays of millions of values.
 */
export function expectSame(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a !== e && !(Number.isNaN(a) && Number.isNaN(e))) expect.fail(`${label}: [${i}] ${a} vs ${e}`);
  }
}

export const allowNoNative = process.env.DENDRITE_ALLOW_NO_NATIVE === '1';

/** Native backends to test: every ISA path this machine supports × 1 and 2 threads. */
export function nativeMatrix(): { label: string; isa: NativeIsa; threads: number; backend: NativeBackend }[] {
  const out: { label: string; isa: NativeIsa; threads: number; backend: NativeBackend }[] = [];
  for (const isa of supportedNativeIsas()) {
    for (const threads of [1, 2]) {
      const r = loadNativeBackend({ isa, threads });
      if ('error' in r) throw new Error(`native backend ${isa}/${threads}: ${r.error}`);
      out.push({ label: `${isa}, ${threads} thread${threads > 1 ? 's' : ''}`, isa, threads, backend: r.backend });
    }
  }
  return out;
}

/** The process's wasm runtime of a build; throws (the module is committed, so it must load). */
export function testWasmRuntime(build: WasmBuild): WasmRuntime {
  const r = wasmRuntime(build, { memoryBytes: 512 << 20 });
  if ('error' in r) throw new Error(`wasm backend (${build}): ${r.error}`);
  return r;
}

/** The threaded wasm build's backend with this many threads. */
export const wasmBackend = (threads: number): Backend => testWasmRuntime('mt').backend(threads);

export type ConvAlgorithm = 'auto' | 'im2col' | 'band';

export interface CompiledEntry {
  label: string;
  kind: 'native' | 'wasm';
  threads: number;
  backend: Backend;
  /** The convolution algorithms of this entry's backend (test hook). */
  setConvAlgorithm(mode: ConvAlgorithm): void;
}

/**
 * Every compiled backend to test: each native ISA path this machine supports × 1 and 2
 * threads (none when the addon is unavailable — the availability tests fail then, unless
 * DENDRITE_ALLOW_NO_NATIVE=1), the threaded wasm build × 1 and 2 threads, and the
 * single-threaded wasm build (browsers without cross-origin isolation).
 */
export function compiledMatrix(): CompiledEntry[] {
  const out: CompiledEntry[] = nativeUnavailable()
    ? []
    : nativeMatrix().map((e) => ({
        label: `native ${e.label}`,
        kind: 'native' as const,
        threads: e.threads,
        backend: e.backend,
        setConvAlgorithm: setNativeConvAlgorithm,
      }));
  const mt = testWasmRuntime('mt');
  for (const threads of [1, 2]) {
    out.push({
      label: `wasm simd128, ${threads} thread${threads > 1 ? 's' : ''}`,
      kind: 'wasm',
      threads,
      backend: mt.backend(threads),
      setConvAlgorithm: (m) => mt.setConvAlgorithm(m),
    });
  }
  const st = testWasmRuntime('st');
  out.push({ label: 'wasm simd128 single-threaded build', kind: 'wasm', threads: 1, backend: st.backend(1), setConvAlgorithm: (m) => st.setConvAlgorithm(m) });
  return out;
}

/** Why the native backend cannot load ('' if it can). */
export function nativeUnavailable(): string {
  const r = loadNativeBackend({ threads: 1 });
  return 'error' in r ? r.error : '';
}
