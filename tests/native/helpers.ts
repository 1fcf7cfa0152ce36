/** Helpers for the native-backend tests: seeded data, tolerant comparison, load-or-fail. */
import { expect } from 'vitest';
import { loadNativeBackend, supportedNativeIsas, type NativeBackend, type NativeIsa } from '../../engine/native/load';

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

/** Why the native backend cannot load ('' if it can). */
export function nativeUnavailable(): string {
  const r = loadNativeBackend({ threads: 1 });
  return 'error' in r ? r.error : '';
}
