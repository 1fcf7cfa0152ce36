/**
 * Argument checks of the compiled backends, called by the generated wrappers (glue.gen.ts)
 * before every kernel call so compiled code never reads or writes out of bounds. Errors are
 * TypeError / RangeError naming the kernel and the argument.
 *
 * Fixed parameters and plain operators rather than rest arrays and loops: a rest array and
 * its iterator are allocations per kernel call until V8 has optimised the caller, and the
 * first thousands of a small network's ~5 µs steps run unoptimised.
 */
import type { Conv2dDims, Pool2dDims } from './kernels';

export function bad(kernel: string, what: string): never {
  throw new RangeError(`${kernel}: ${what}`);
}

/**
 * A Float32Array with at least n values; returns it. (One function per kind, kept small: V8
 * inlines it into every wrapper — a shared generic version cost ~10 ns more per buffer.)
 */
export function checkF32(kernel: string, name: string, a: unknown, n: number): Float32Array {
  if (!(a instanceof Float32Array)) notA(kernel, name, a, 'Float32Array');
  if (a.length < n) bad(kernel, `${name} has ${a.length} values, needs ${n}`);
  return a;
}

/** An Int32Array with at least n values; returns it. */
export function checkI32(kernel: string, name: string, a: unknown, n: number): Int32Array {
  if (!(a instanceof Int32Array)) notA(kernel, name, a, 'Int32Array');
  if (a.length < n) bad(kernel, `${name} has ${a.length} values, needs ${n}`);
  return a;
}

function notA(kernel: string, name: string, a: unknown, want: string): never {
  throw new TypeError(`${kernel}: ${name} must be a ${want} (got ${(a as object | null)?.constructor?.name ?? typeof a})`);
}

/** Every dimension an integer in [0, 2³²): `(x >>> 0) === x` is false for negatives, fractions, NaN and ±Infinity. */
export function dims(kernel: string, a: number, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0): void {
  if (a >>> 0 !== a || b >>> 0 !== b || c >>> 0 !== c || d >>> 0 !== d || e >>> 0 !== e || f >>> 0 !== f || g >>> 0 !== g || h >>> 0 !== h || i >>> 0 !== i) {
    const first = [a, b, c, d, e, f, g, h, i].find((x) => x >>> 0 !== x);
    bad(kernel, `dimension ${first} is not a non-negative integer (below 2³²)`);
  }
}

/** A code of a shared enum with `count` values (already an integer by `dims`). */
export function checkEnum(kernel: string, noun: string, value: number, count: number): void {
  if (value >= count) badEnum(kernel, noun, value);
}

export function badEnum(kernel: string, noun: string, value: number): never {
  bad(kernel, `unknown ${noun} ${value}`);
}

export function checkConv(kernel: string, d: Conv2dDims): void {
  dims(kernel, d.m, d.hIn, d.wIn, d.cIn, d.f, d.s, d.hOut, d.wOut, d.cOut);
  // Any hOut/wOut is well defined (rows past the input are padding); the kernels clip reads.
  if (!Number.isInteger(d.padTop) || !Number.isInteger(d.padLeft) || d.padTop < 0 || d.padLeft < 0) bad(kernel, 'padding must be a non-negative integer');
  if (d.s < 1 || d.f < 1) bad(kernel, `f (${d.f}) and s (${d.s}) must be at least 1`);
}

export function checkPool(kernel: string, d: Pool2dDims): void {
  dims(kernel, d.m, d.hIn, d.wIn, d.c, d.f, d.s, d.hOut, d.wOut);
  if (d.f < 1 || d.s < 1) bad(kernel, 'f and s must be at least 1');
  if (d.hOut > 0 && (d.hOut - 1) * d.s + 1 > d.hIn) bad(kernel, `hOut ${d.hOut} does not fit hIn ${d.hIn}`);
  if (d.wOut > 0 && (d.wOut - 1) * d.s + 1 > d.wIn) bad(kernel, `wOut ${d.wOut} does not fit wIn ${d.wIn}`);
}

export const pool2dInput = (d: Pool2dDims): number => d.m * d.hIn * d.wIn * d.c;

/** Flat input indices (max-pool argmax) must fit an Int32Array. */
export function checkIndexable(kernel: string, values: number): void {
  if (values > 0x7fffffff) bad(kernel, 'input too large for Int32 argmax');
}

/** Values spanned by `count` items of `features` features at the given strides (batch norm). */
export function stridedSpan(features: number, count: number, featStride: number, itemStride: number): number {
  return features === 0 || count === 0 ? 0 : (features - 1) * featStride + (count - 1) * itemStride + 1;
}

export function checkNoAlias(kernel: string, a: unknown, b: unknown, n: number): void {
  if (a === b && n > 0) bad(kernel, 'out must not alias X');
}

/** Compiled code reads x at indices[i]·n … + n − 1: every index must name an example of x. */
export function checkGatherIndices(kernel: string, x: { length: number }, indices: Int32Array, start: number, m: number, n: number): void {
  if (!(indices instanceof Int32Array) || indices.length < start + m) bad(kernel, `indices must be an Int32Array of at least ${start + m}`);
  const examples = n > 0 ? Math.floor(x.length / n) : 0;
  for (let i = start; i < start + m; i++) {
    const e = indices[i];
    if (!(e >= 0 && e < examples)) bad(kernel, `index ${e} at ${i} is outside the ${examples} examples of x`);
  }
}
