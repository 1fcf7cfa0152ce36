/**
 * Loads the native (C++ / Node-API) backend, or explains why it cannot.
 *
 * `loadNativeBackend` never throws: it returns `{ backend }` or `{ error }` so a host can
 * fall back to the reference backend and say why ("native unavailable: <reason>").
 *
 * Finding the addon: this file is bundled into out/main/trainer.js and out/cli/dendrite.cjs,
 * so the addon is located at run time, not through an import: `DENDRITE_NATIVE_PATH` (a file)
 * if set, otherwise `engine/native/build/Release/dendrite_native.node` found by walking up
 * from this module's directory, the entry script's directory and the working directory.
 *
 * Environment:
 * - DENDRITE_BACKEND=reference   do not load native code at all
 * - DENDRITE_NATIVE_PATH=<file>  load this addon file instead of searching
 * - DENDRITE_ISA=avx512|avx2|portable  force an instruction-set path (must be supported)
 * - DENDRITE_THREADS=<n>         thread count when `opts.threads` is not given
 *
 * Calling convention: scalar arguments are written into one Float64Array registered with the
 * addon once; each kernel call then passes only its typed arrays. Shapes and typed-array kinds
 * are checked here (cheap in JIT-compiled JS) so native code never reads out of bounds.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ActCode, Backend, Conv2dDims, FloatArray, Kernels, LossCode, OptimizerProgram, Pool2dDims } from '../kernels/kernels';
// Kernels without a native version yet run their reference loop on the same float32 buffers.
import { copyBlock } from '../kernels/reference/copy';
import { taskLossGradient, taskLossSum } from '../kernels/reference/task-loss';

export const NATIVE_ADDON_RELATIVE_PATH = join('engine', 'native', 'build', 'Release', 'dendrite_native.node');

export type NativeIsa = 'avx512' | 'avx2' | 'portable';

export interface NativeInfo {
  /** Instruction-set path in use. */
  isa: NativeIsa;
  /** Paths this CPU and build support, best first. */
  supported: NativeIsa[];
  threads: number;
  hardwareThreads: number;
  /** Native scratch memory currently held (packing / im2col buffers). */
  scratchBytes: number;
  /** Absolute path of the loaded addon file. */
  path: string;
}

export interface NativeBackend extends Backend {
  readonly name: 'native';
  readonly dtype: 'float32';
  /** Instruction-set path this backend's kernels run on. */
  readonly isa: NativeIsa;
  info(): NativeInfo;
}

export interface LoadNativeOptions {
  /** Worker threads including the caller (default: DENDRITE_THREADS, else the core count). */
  threads?: number;
  /** Instruction-set path (default: DENDRITE_ISA, else the best the CPU supports). */
  isa?: NativeIsa;
}

interface Addon {
  init(args: Float64Array): void;
  setThreads(n: number): number;
  setIsa(name: string): boolean;
  setConvMode(mode: number): void;
  info(): Omit<NativeInfo, 'path'>;
  gemm(A: Float32Array, B: Float32Array, C: Float32Array): void;
  denseForward(W: Float32Array, X: Float32Array, b: Float32Array, Z: Float32Array, A: Float32Array): void;
  denseBackward(
    W: Float32Array,
    X: Float32Array,
    Z: Float32Array,
    A: Float32Array,
    dA: Float32Array,
    dZ: Float32Array,
    dW: Float32Array,
    db: Float32Array,
    dX: Float32Array,
  ): void;
  addBiasRows(Z: Float32Array, b: Float32Array): void;
  addBiasCols(Z: Float32Array, b: Float32Array): void;
  sumRows(X: Float32Array, out: Float32Array): void;
  sumCols(X: Float32Array, out: Float32Array): void;
  actForward(Z: Float32Array, A: Float32Array): void;
  actBackward(Z: Float32Array, A: Float32Array, dA: Float32Array, dZ: Float32Array): void;
  softmaxCols(Z: Float32Array, A: Float32Array): void;
  loss(Z: Float32Array, A: Float32Array, Y: Float32Array, dZ: Float32Array): number;
  transpose(X: Float32Array, out: Float32Array): void;
  gatherColumns(x: Float32Array, indices: Int32Array, out: Float32Array): void;
  mul(a: Float32Array, b: Float32Array, out: Float32Array): void;
  axpby(x: Float32Array, y: Float32Array): void;
  sumSquares(x: Float32Array): number;
  convForward(X: Float32Array, W: Float32Array, b: Float32Array, Z: Float32Array): void;
  convBackwardData(dZ: Float32Array, W: Float32Array, dX: Float32Array): void;
  convBackwardFilter(X: Float32Array, dZ: Float32Array, dW: Float32Array, db: Float32Array): void;
  maxPoolForward(X: Float32Array, A: Float32Array, argmax: Int32Array): void;
  maxPoolBackward(dA: Float32Array, argmax: Int32Array, dX: Float32Array): void;
  avgPoolForward(X: Float32Array, A: Float32Array): void;
  avgPoolBackward(dA: Float32Array, dX: Float32Array): void;
  bnForwardTrain(
    X: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    Y: Float32Array,
    xHat: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    runMean: Float32Array,
    runVar: Float32Array,
  ): void;
  bnForwardInfer(
    X: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    Y: Float32Array,
    runMean: Float32Array,
    runVar: Float32Array,
  ): void;
  bnBackward(
    dY: Float32Array,
    xHat: Float32Array,
    gamma: Float32Array,
    variance: Float32Array,
    dX: Float32Array,
    dGamma: Float32Array,
    dBeta: Float32Array,
  ): void;
  optimizerUpdate(W: Float32Array, dW: Float32Array, s1: Float32Array, s2: Float32Array): void;
  /** Plans an optimizer program (opaque handle); meta = [kind, β1, β2, ε, count, n₀, reg₀, …]. */
  optimizerPlan(arrays: Float32Array[], meta: Float64Array): object;
  /** One step of a planned program, args = [learningRate, l2, t]. */
  optimizerRun(program: object): void;
}

interface Loaded {
  addon: Addon;
  args: Float64Array;
  path: string;
  /** Thread count / ISA the addon is currently configured with (shared by all backends). */
  threads: number;
  isa: NativeIsa;
}

let loaded: Loaded | null = null;

function errorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].trim();
}

/** Directories to start the upward search from (deduplicated, most specific first). */
function searchRoots(): string[] {
  const roots: string[] = [];
  try {
    if (typeof __dirname === 'string') roots.push(__dirname);
  } catch {
    /* ESM without a __dirname shim */
  }
  if (process.argv[1]) roots.push(dirname(resolve(process.argv[1])));
  roots.push(process.cwd());
  const rp = (process as { resourcesPath?: string }).resourcesPath;
  if (typeof rp === 'string') roots.push(rp, join(rp, 'app.asar.unpacked'));
  return [...new Set(roots)];
}

/** Locate the addon file, or explain where it was looked for. */
export function findNativeAddon(): { path: string } | { error: string } {
  const override = process.env.DENDRITE_NATIVE_PATH;
  if (override) {
    const p = resolve(override);
    return existsSync(p) ? { path: p } : { error: `DENDRITE_NATIVE_PATH=${override} does not exist` };
  }
  const roots = searchRoots();
  for (const root of roots) {
    let dir = root;
    for (;;) {
      const candidate = join(dir, NATIVE_ADDON_RELATIVE_PATH);
      if (existsSync(candidate)) return { path: candidate };
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return {
    error: `addon not built (no ${NATIVE_ADDON_RELATIVE_PATH} above ${roots.join(', ')}; run npm run build:native)`,
  };
}

function loadAddon(): Loaded | { error: string } {
  if (loaded) return loaded;
  const found = findNativeAddon();
  if ('error' in found) return found;
  let addon: Addon;
  try {
    const req = createRequire(join(process.cwd(), 'noop.js'));
    addon = req(found.path) as Addon;
  } catch (e) {
    return { error: `could not load ${found.path}: ${errorMessage(e)}` };
  }
  if (typeof addon?.gemm !== 'function' || typeof addon.init !== 'function') {
    return { error: `${found.path} is not the Dendrite native addon` };
  }
  const args = new Float64Array(64);
  try {
    addon.init(args);
  } catch (e) {
    return { error: `native init failed: ${errorMessage(e)}` };
  }
  const info = addon.info();
  loaded = { addon, args, path: found.path, threads: info.threads, isa: info.isa };
  return loaded;
}

function parseThreads(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * Load the native backend. Never throws: returns `{ error }` with a one-line reason when
 * native code is disabled, missing, unloadable or the requested ISA is unsupported.
 */
export function loadNativeBackend(opts: LoadNativeOptions = {}): { backend: NativeBackend } | { error: string } {
  try {
    if (process.env.DENDRITE_BACKEND === 'reference') return { error: 'disabled by DENDRITE_BACKEND=reference' };
    const l = loadAddon();
    if ('error' in l) return l;
    const info = l.addon.info();
    const requested = opts.threads ?? parseThreads(process.env.DENDRITE_THREADS) ?? info.hardwareThreads;
    const threads = Math.min(64, Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : Math.max(1, info.hardwareThreads));
    const envIsa = process.env.DENDRITE_ISA;
    const isa = (opts.isa ?? (envIsa ? (envIsa as NativeIsa) : info.supported[0])) as NativeIsa;
    if (!info.supported.includes(isa)) {
      const how = opts.isa ? `isa: '${isa}'` : `DENDRITE_ISA=${isa}`;
      return { error: `${how} is not supported here (this CPU/build supports ${info.supported.join(', ')})` };
    }
    return { backend: makeBackend(l, threads, isa) };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

// ---------------------------------------------------------------------------

function bad(kernel: string, what: string): never {
  throw new RangeError(`native ${kernel}: ${what}`);
}

/** Check a float buffer: Float32Array with at least n values. */
function f32(kernel: string, name: string, a: FloatArray, n: number): Float32Array {
  if (!(a instanceof Float32Array)) {
    throw new TypeError(
      `native ${kernel}: ${name} must be a Float32Array (got ${(a as object | null)?.constructor?.name ?? typeof a})`,
    );
  }
  if (a.length < n) bad(kernel, `${name} has ${a.length} values, needs ${n}`);
  return a;
}

/**
 * Every dimension an integer in [0, 2³²) — `(x >>> 0) === x` is false for negatives,
 * fractions, NaN and ±Infinity. Fixed parameters and plain operators rather than `...ds` and
 * a loop: a rest array and its iterator are allocations per kernel call until V8 has
 * optimised the caller, and W1's first thousands of ~5 µs steps run unoptimised.
 */
function dims(kernel: string, a: number, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0): void {
  if ((a >>> 0) !== a || (b >>> 0) !== b || (c >>> 0) !== c || (d >>> 0) !== d || (e >>> 0) !== e || (f >>> 0) !== f || (g >>> 0) !== g || (h >>> 0) !== h || (i >>> 0) !== i) {
    const first = [a, b, c, d, e, f, g, h, i].find((x) => (x >>> 0) !== x);
    bad(kernel, `dimension ${first} is not a non-negative integer (below 2³²)`);
  }
}


function makeBackend(l: Loaded, threads: number, isa: NativeIsa): NativeBackend {
  const { addon, args } = l;
  // All backends share one addon instance; re-apply this backend's settings when another
  // backend (different threads / ISA) used it last. One comparison per call otherwise.
  const use = (): void => {
    if (l.threads !== threads) l.threads = addon.setThreads(threads);
    if (l.isa !== isa) {
      if (!addon.setIsa(isa)) throw new Error(`native: cannot select ISA ${isa}`);
      l.isa = isa;
    }
  };
  use();

  const convCheck = (k: string, d: Conv2dDims): void => {
    dims(k, d.m, d.hIn, d.wIn, d.cIn, d.f, d.s, d.hOut, d.wOut, d.cOut);
    // Any hOut/wOut is well defined (rows past the input are padding); the kernels clip reads.
    if (!Number.isInteger(d.padTop) || !Number.isInteger(d.padLeft) || d.padTop < 0 || d.padLeft < 0) bad(k, 'padding must be a non-negative integer');
    if (d.s < 1 || d.f < 1) bad(k, `f (${d.f}) and s (${d.s}) must be at least 1`);
  };
  const convArgs = (d: Conv2dDims): void => {
    args[0] = d.m;
    args[1] = d.hIn;
    args[2] = d.wIn;
    args[3] = d.cIn;
    args[4] = d.f;
    args[5] = d.s;
    args[6] = d.padTop;
    args[7] = d.padLeft;
    args[8] = d.hOut;
    args[9] = d.wOut;
    args[10] = d.cOut;
  };
  const poolCheck = (k: string, d: Pool2dDims): void => {
    dims(k, d.m, d.hIn, d.wIn, d.c, d.f, d.s, d.hOut, d.wOut);
    if (d.f < 1 || d.s < 1) bad(k, 'f and s must be at least 1');
    if (d.hOut > 0 && (d.hOut - 1) * d.s + 1 > d.hIn) bad(k, `hOut ${d.hOut} does not fit hIn ${d.hIn}`);
    if (d.wOut > 0 && (d.wOut - 1) * d.s + 1 > d.wIn) bad(k, `wOut ${d.wOut} does not fit wIn ${d.wIn}`);
  };
  const poolArgs = (d: Pool2dDims): void => {
    args[0] = d.m;
    args[1] = d.hIn;
    args[2] = d.wIn;
    args[3] = d.c;
    args[4] = d.f;
    args[5] = d.s;
    args[6] = d.hOut;
    args[7] = d.wOut;
  };
  const bnCheck = (k: string, features: number, count: number, fs: number, is: number): number => {
    dims(k, features, count, fs, is);
    return features === 0 || count === 0 ? 0 : (features - 1) * fs + (count - 1) * is + 1;
  };

  const noGradient = new Float32Array(0);
  const lossCall = (k: string, loss: LossCode, Z: FloatArray, A: FloatArray, Y: FloatArray, dZ: FloatArray | null, n: number, m: number): number => {
    use();
    dims(k, n, m, loss);
    if (loss > 2) bad(k, `unknown loss code ${loss}`);
    const size = n * m;
    args[0] = loss;
    args[1] = n;
    args[2] = m;
    args[3] = dZ ? 1 : 0;
    // Z is read by bce and cross-entropy, A by mse and for dZ.
    return addon.loss(
      f32(k, 'Z', Z, loss === 2 ? 0 : size),
      f32(k, 'A', A, loss === 2 || dZ ? size : 0),
      f32(k, 'Y', Y, size),
      dZ ? f32(k, 'dZ', dZ, size) : noGradient,
    );
  };

  const kernels: Kernels = {
    gemm(transA, transB, M, N, K, alpha, A, B, beta, C) {
      use();
      dims('gemm', M, N, K);
      args[0] = transA ? 1 : 0;
      args[1] = transB ? 1 : 0;
      args[2] = M;
      args[3] = N;
      args[4] = K;
      args[5] = alpha;
      args[6] = beta;
      addon.gemm(f32('gemm', 'A', A, M * K), f32('gemm', 'B', B, K * N), f32('gemm', 'C', C, M * N));
    },
    denseForward(act: ActCode, W, X, b, Z, A, n, k, m, alpha) {
      use();
      const name = 'denseForward';
      dims(name, n, k, m, act);
      if (act > 4) bad(name, `unknown activation code ${act}`);
      args[0] = act;
      args[1] = n;
      args[2] = k;
      args[3] = m;
      args[4] = alpha;
      addon.denseForward(f32(name, 'W', W, n * k), f32(name, 'X', X, k * m), f32(name, 'b', b, n), f32(name, 'Z', Z, n * m), f32(name, 'A', A, act === 0 ? 0 : n * m));
    },
    denseBackward(act: ActCode, W, X, Z, A, dA, dZ, dW, db, dX, n, k, m, alpha, scale) {
      use();
      const name = 'denseBackward';
      dims(name, n, k, m, act);
      if (act > 4) bad(name, `unknown activation code ${act}`);
      args[0] = act;
      args[1] = n;
      args[2] = k;
      args[3] = m;
      args[4] = alpha;
      args[5] = scale;
      args[6] = dX ? 1 : 0;
      // The derivative reads Z for relu / leaky relu and A for sigmoid / tanh.
      const nm = n * m;
      addon.denseBackward(
        f32(name, 'W', W, n * k),
        f32(name, 'X', X, k * m),
        f32(name, 'Z', Z, act === 3 || act === 4 ? nm : 0),
        f32(name, 'A', A, act === 1 || act === 2 ? nm : 0),
        f32(name, 'dA', dA, nm),
        f32(name, 'dZ', dZ, nm),
        f32(name, 'dW', dW, n * k),
        f32(name, 'db', db, n),
        dX ? f32(name, 'dX', dX, k * m) : noGradient,
      );
    },
    addBiasRows(Z, bias, rows, cols) {
      use();
      dims('addBiasRows', rows, cols);
      args[0] = rows;
      args[1] = cols;
      addon.addBiasRows(f32('addBiasRows', 'Z', Z, rows * cols), f32('addBiasRows', 'bias', bias, rows));
    },
    addBiasCols(Z, bias, rows, cols) {
      use();
      dims('addBiasCols', rows, cols);
      args[0] = rows;
      args[1] = cols;
      addon.addBiasCols(f32('addBiasCols', 'Z', Z, rows * cols), f32('addBiasCols', 'bias', bias, cols));
    },
    sumRows(X, rows, cols, scale, out, beta) {
      use();
      dims('sumRows', rows, cols);
      args[0] = rows;
      args[1] = cols;
      args[2] = scale;
      args[3] = beta;
      addon.sumRows(f32('sumRows', 'X', X, rows * cols), f32('sumRows', 'out', out, rows));
    },
    sumCols(X, rows, cols, scale, out, beta) {
      use();
      dims('sumCols', rows, cols);
      args[0] = rows;
      args[1] = cols;
      args[2] = scale;
      args[3] = beta;
      addon.sumCols(f32('sumCols', 'X', X, rows * cols), f32('sumCols', 'out', out, cols));
    },
    activationForward(act: ActCode, Z, A, n, alpha) {
      use();
      dims('activationForward', n, act);
      args[0] = act;
      args[1] = n;
      args[2] = alpha;
      addon.actForward(f32('activationForward', 'Z', Z, n), f32('activationForward', 'A', A, n));
    },
    activationBackward(act: ActCode, Z, A, dA, dZ, n, alpha) {
      use();
      dims('activationBackward', n, act);
      args[0] = act;
      args[1] = n;
      args[2] = alpha;
      // Only the operand the derivative needs must be full size (Z for relu, A for sigmoid/tanh).
      const nz = act === 3 || act === 4 ? n : 0;
      const na = act === 1 || act === 2 ? n : 0;
      addon.actBackward(
        f32('activationBackward', 'Z', Z, nz),
        f32('activationBackward', 'A', A, na),
        f32('activationBackward', 'dA', dA, n),
        f32('activationBackward', 'dZ', dZ, n),
      );
    },
    softmaxCols(Z, A, rows, cols) {
      use();
      dims('softmaxCols', rows, cols);
      args[0] = rows;
      args[1] = cols;
      addon.softmaxCols(f32('softmaxCols', 'Z', Z, rows * cols), f32('softmaxCols', 'A', A, rows * cols));
    },
    lossSum(loss, Z, A, Y, n, m) {
      return lossCall('lossSum', loss, Z, A, Y, null, n, m);
    },
    lossGradient(loss, Z, A, Y, dZ, n, m) {
      return lossCall('lossGradient', loss, Z, A, Y, dZ, n, m);
    },
    copyBlock,
    taskLossSum,
    taskLossGradient,
    transpose(X, rows, cols, out) {
      use();
      dims('transpose', rows, cols);
      if (X === out && rows * cols > 0) bad('transpose', 'out must not alias X');
      args[0] = rows;
      args[1] = cols;
      addon.transpose(f32('transpose', 'X', X, rows * cols), f32('transpose', 'out', out, rows * cols));
    },
    gatherColumns(x, indices, start, m, n, out) {
      use();
      const name = 'gatherColumns';
      dims(name, start, m, n);
      if (!(indices instanceof Int32Array) || indices.length < start + m) bad(name, `indices must be an Int32Array of at least ${start + m}`);
      // Native code reads x at indices[i]·n … + n − 1: every index must name an example of x.
      const examples = n > 0 ? Math.floor(x.length / n) : 0;
      for (let i = start; i < start + m; i++) {
        const e = indices[i];
        if (!(e >= 0 && e < examples)) bad(name, `index ${e} at ${i} is outside the ${examples} examples of x`);
      }
      if (m === 0 || n === 0) return;
      args[0] = start;
      args[1] = m;
      args[2] = n;
      addon.gatherColumns(f32(name, 'x', x, n), indices, f32(name, 'out', out, n * m));
    },
    mul(a, b, out, n) {
      use();
      dims('mul', n);
      args[0] = n;
      addon.mul(f32('mul', 'a', a, n), f32('mul', 'b', b, n), f32('mul', 'out', out, n));
    },
    axpby(alpha, x, beta, y, n) {
      use();
      dims('axpby', n);
      args[0] = alpha;
      args[1] = beta;
      args[2] = n;
      addon.axpby(f32('axpby', 'x', x, n), f32('axpby', 'y', y, n));
    },
    sumSquares(x, n) {
      use();
      dims('sumSquares', n);
      args[0] = n;
      return addon.sumSquares(f32('sumSquares', 'x', x, n));
    },
    conv2dForward(X, W, b, Z, d) {
      use();
      convCheck('conv2dForward', d);
      convArgs(d);
      args[11] = b.length >= d.cOut && d.cOut > 0 ? 1 : 0;
      addon.convForward(
        f32('conv2dForward', 'X', X, d.m * d.hIn * d.wIn * d.cIn),
        f32('conv2dForward', 'W', W, d.f * d.f * d.cIn * d.cOut),
        f32('conv2dForward', 'b', b, 0),
        f32('conv2dForward', 'Z', Z, d.m * d.hOut * d.wOut * d.cOut),
      );
    },
    conv2dBackwardData(dZ, W, dX, d) {
      use();
      convCheck('conv2dBackwardData', d);
      convArgs(d);
      addon.convBackwardData(
        f32('conv2dBackwardData', 'dZ', dZ, d.m * d.hOut * d.wOut * d.cOut),
        f32('conv2dBackwardData', 'W', W, d.f * d.f * d.cIn * d.cOut),
        f32('conv2dBackwardData', 'dX', dX, d.m * d.hIn * d.wIn * d.cIn),
      );
    },
    conv2dBackwardFilter(X, dZ, dW, db, d, scale) {
      use();
      convCheck('conv2dBackwardFilter', d);
      convArgs(d);
      args[11] = scale;
      args[12] = db.length >= d.cOut && d.cOut > 0 ? 1 : 0;
      addon.convBackwardFilter(
        f32('conv2dBackwardFilter', 'X', X, d.m * d.hIn * d.wIn * d.cIn),
        f32('conv2dBackwardFilter', 'dZ', dZ, d.m * d.hOut * d.wOut * d.cOut),
        f32('conv2dBackwardFilter', 'dW', dW, d.f * d.f * d.cIn * d.cOut),
        f32('conv2dBackwardFilter', 'db', db, 0),
      );
    },
    maxPoolForward(X, A, argmax, d) {
      use();
      poolCheck('maxPoolForward', d);
      poolArgs(d);
      const nOut = d.m * d.hOut * d.wOut * d.c;
      if (!(argmax instanceof Int32Array) || argmax.length < nOut) bad('maxPoolForward', `argmax must be an Int32Array of ${nOut}`);
      if (d.m * d.hIn * d.wIn * d.c > 0x7fffffff) bad('maxPoolForward', 'input too large for Int32 argmax');
      addon.maxPoolForward(
        f32('maxPoolForward', 'X', X, d.m * d.hIn * d.wIn * d.c),
        f32('maxPoolForward', 'A', A, nOut),
        argmax,
      );
    },
    maxPoolBackward(dA, argmax, dX, d) {
      use();
      poolCheck('maxPoolBackward', d);
      poolArgs(d);
      const nOut = d.m * d.hOut * d.wOut * d.c;
      if (!(argmax instanceof Int32Array) || argmax.length < nOut) bad('maxPoolBackward', `argmax must be an Int32Array of ${nOut}`);
      addon.maxPoolBackward(
        f32('maxPoolBackward', 'dA', dA, nOut),
        argmax,
        f32('maxPoolBackward', 'dX', dX, d.m * d.hIn * d.wIn * d.c),
      );
    },
    avgPoolForward(X, A, d) {
      use();
      poolCheck('avgPoolForward', d);
      poolArgs(d);
      addon.avgPoolForward(
        f32('avgPoolForward', 'X', X, d.m * d.hIn * d.wIn * d.c),
        f32('avgPoolForward', 'A', A, d.m * d.hOut * d.wOut * d.c),
      );
    },
    avgPoolBackward(dA, dX, d) {
      use();
      poolCheck('avgPoolBackward', d);
      poolArgs(d);
      addon.avgPoolBackward(
        f32('avgPoolBackward', 'dA', dA, d.m * d.hOut * d.wOut * d.c),
        f32('avgPoolBackward', 'dX', dX, d.m * d.hIn * d.wIn * d.c),
      );
    },
    batchNormForwardTrain(X, gamma, beta, Y, xHat, mean, variance, runMean, runVar, features, count, fs, is, epsilon, momentum) {
      use();
      const k = 'batchNormForwardTrain';
      const n = bnCheck(k, features, count, fs, is);
      args[0] = features;
      args[1] = count;
      args[2] = fs;
      args[3] = is;
      args[4] = epsilon;
      args[5] = momentum;
      addon.bnForwardTrain(
        f32(k, 'X', X, n),
        f32(k, 'gamma', gamma, features),
        f32(k, 'beta', beta, features),
        f32(k, 'Y', Y, n),
        f32(k, 'xHat', xHat, n),
        f32(k, 'mean', mean, features),
        f32(k, 'variance', variance, features),
        f32(k, 'runMean', runMean, features),
        f32(k, 'runVar', runVar, features),
      );
    },
    batchNormForwardInfer(X, gamma, beta, Y, runMean, runVar, features, count, fs, is, epsilon) {
      use();
      const k = 'batchNormForwardInfer';
      const n = bnCheck(k, features, count, fs, is);
      args[0] = features;
      args[1] = count;
      args[2] = fs;
      args[3] = is;
      args[4] = epsilon;
      addon.bnForwardInfer(
        f32(k, 'X', X, n),
        f32(k, 'gamma', gamma, features),
        f32(k, 'beta', beta, features),
        f32(k, 'Y', Y, n),
        f32(k, 'runMean', runMean, features),
        f32(k, 'runVar', runVar, features),
      );
    },
    batchNormBackward(dY, xHat, gamma, variance, dX, dGamma, dBeta, features, count, fs, is, epsilon) {
      use();
      const k = 'batchNormBackward';
      const n = bnCheck(k, features, count, fs, is);
      args[0] = features;
      args[1] = count;
      args[2] = fs;
      args[3] = is;
      args[4] = epsilon;
      addon.bnBackward(
        f32(k, 'dY', dY, n),
        f32(k, 'xHat', xHat, n),
        f32(k, 'gamma', gamma, features),
        f32(k, 'variance', variance, features),
        f32(k, 'dX', dX, n),
        f32(k, 'dGamma', dGamma, features),
        f32(k, 'dBeta', dBeta, features),
      );
    },
    optimizerUpdate(kind, W, dW, s1, s2, n, learningRate, beta1, beta2, epsilon, t, l2) {
      use();
      const k = 'optimizerUpdate';
      dims(k, n, kind);
      if (kind > 3) bad(k, `unknown optimizer kind ${kind}`);
      args[0] = kind;
      args[1] = n;
      args[2] = learningRate;
      args[3] = beta1;
      args[4] = beta2;
      args[5] = epsilon;
      args[6] = t;
      args[7] = l2;
      const n1 = kind === 1 || kind === 3 ? n : 0;
      const n2 = kind === 2 || kind === 3 ? n : 0;
      addon.optimizerUpdate(f32(k, 'W', W, n), f32(k, 'dW', dW, n), f32(k, 's1', s1, n1), f32(k, 's2', s2, n2));
    },
    planOptimizer(kind, tensors, beta1, beta2, epsilon): OptimizerProgram {
      use();
      const k = 'planOptimizer';
      dims(k, kind);
      if (kind > 3) bad(k, `unknown optimizer kind ${kind}`);
      const uses1 = kind === 1 || kind === 3;
      const uses2 = kind === 2 || kind === 3;
      const meta = new Float64Array(5 + 2 * tensors.length);
      meta.set([kind, beta1, beta2, epsilon, tensors.length]);
      const arrays: Float32Array[] = [];
      // Checked once here; each step re-checks only that no buffer shrank (a detached
      // ArrayBuffer reads as length 0), so native code can never write past one.
      const minLength = new Float64Array(4 * tensors.length);
      tensors.forEach((t, i) => {
        dims(k, t.n);
        const sizes = [t.n, t.n, uses1 ? t.n : 0, uses2 ? t.n : 0];
        ['W', 'dW', 's1', 's2'].forEach((name, j) => {
          arrays.push(f32(k, `tensor ${i} ${name}`, [t.W, t.dW, t.s1, t.s2][j], sizes[j]));
          minLength[4 * i + j] = sizes[j];
        });
        meta[5 + 2 * i] = t.n;
        meta[6 + 2 * i] = t.regularise ? 1 : 0;
      });
      const program = addon.optimizerPlan(arrays, meta);
      return {
        step(learningRate, l2, t) {
          use();
          for (let i = 0; i < arrays.length; i++) {
            if (arrays[i].length < minLength[i]) bad('optimizer step', `tensor ${i >> 2}'s buffers changed size since planning`);
          }
          args[0] = learningRate;
          args[1] = l2;
          args[2] = t;
          addon.optimizerRun(program);
        },
      };
    },
  };

  // An addon built before optimizer programs existed (e.g. an old DENDRITE_NATIVE_PATH) still
  // works: without planOptimizer, engine/optim falls back to one optimizerUpdate per tensor.
  if (typeof addon.optimizerPlan !== 'function' || typeof addon.optimizerRun !== 'function') delete kernels.planOptimizer;

  return {
    name: 'native',
    dtype: 'float32',
    threads,
    isa,
    kernels,
    info() {
      use();
      return { ...(addon.info() as Omit<NativeInfo, 'path'>), path: l.path };
    },
  };
}

/**
 * Test hook choosing the convolution algorithms, process-wide: 'auto' (default: direct
 * where it applies, pixel-vectorised filter gradient for few output channels), 'im2col'
 * (im2col + GEMM everywhere), 'band' (direct, but the band filter gradient for every cOut).
 */
export function setNativeConvAlgorithm(mode: 'auto' | 'im2col' | 'band'): void {
  const l = loadAddon();
  if (!('error' in l)) l.addon.setConvMode(mode === 'im2col' ? 1 : mode === 'band' ? 2 : 0);
}

/** Test hook: the ISA paths the loaded addon supports (empty if it cannot load). */
export function supportedNativeIsas(): NativeIsa[] {
  const l = loadAddon();
  return 'error' in l ? [] : l.addon.info().supported;
}

