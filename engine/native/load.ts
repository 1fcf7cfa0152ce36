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
 * - DENDRITE_ISA=avx512|avx2|neon|portable  force an instruction-set path (must be supported)
 * - DENDRITE_THREADS=<n>         thread count when `opts.threads` is not given
 *
 * Calling convention (engine/kernels/table.ts): scalar arguments are written into one
 * Float64Array of slots registered with the addon once; each kernel call then passes only its
 * typed arrays. The wrappers are generated from the kernel table (engine/kernels/glue.gen.ts)
 * and check shapes and typed-array kinds (cheap in JIT-compiled JS), so native code never
 * reads out of bounds.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findInstalledFile } from './find';
import type { Backend, Kernels, OptimizerProgram, StepProgram } from '../kernels/kernels';
import { bad, checkEnum, checkF32, checkI32, dims } from '../kernels/checks';
import type { CompiledHost } from '../kernels/compiled';
import { bindKernels } from '../kernels/glue.gen';
import { REFERENCE_ONLY_KERNELS } from '../kernels/reference-only';
import { ENUM_NOUNS, KERNEL_NAMES, SLOT_COUNT } from '../kernels/table';

export const NATIVE_ADDON_RELATIVE_PATH = ['engine', 'native', 'build', 'Release', 'dendrite_native.node'];

export type NativeIsa = 'avx512' | 'avx2' | 'neon' | 'portable';

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
  init(slots: Float64Array): void;
  setThreads(n: number): number;
  setIsa(name: string): boolean;
  setConvMode(mode: number): void;
  info(): Omit<NativeInfo, 'path'>;
  /** Plans an optimizer program (opaque handle); meta = [kind, β1, β2, ε, count, n₀, reg₀, …]. */
  optimizerPlan(arrays: Float32Array[], meta: Float64Array): object;
  /** One step of a planned program, slots = [learningRate, l2, t]. */
  optimizerRun(program: object): void;
  /** Starts recording a step program (every kernel call and optimizer step until programEnd). */
  programBegin(): void;
  /** Stops recording: the program, or null when it could not be recorded. */
  programEnd(): object | null;
  /** Kernel ids (table order) of the recorded calls that return a value. */
  programReturns(program: object): number[];
  /** Runs steps of a program, slots = [steps, t0]; returns the steps completed. */
  programRun(program: object, learningRates: Float64Array, out: Float64Array): number;
}

/** The addon's kernel functions (glue_napi.gen.inc), one per kernel of the table. */
type AddonKernels = CompiledHost<NativeBuffer>['call'];

interface Loaded {
  addon: Addon & AddonKernels;
  slots: Float64Array;
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

/** Locate the addon file, or explain where it was looked for. */
export function findNativeAddon(): { path: string } | { error: string } {
  const found = findInstalledFile(NATIVE_ADDON_RELATIVE_PATH, process.env.DENDRITE_NATIVE_PATH, 'DENDRITE_NATIVE_PATH', '; run npm run build:native');
  return 'error' in found && !process.env.DENDRITE_NATIVE_PATH ? { error: `addon ${found.error}` } : found;
}

function loadAddon(): Loaded | { error: string } {
  if (loaded) return loaded;
  const found = findNativeAddon();
  if ('error' in found) return found;
  let addon: Addon & AddonKernels;
  try {
    const req = createRequire(join(process.cwd(), 'noop.js'));
    addon = req(found.path) as Addon & AddonKernels;
  } catch (e) {
    return { error: `could not load ${found.path}: ${errorMessage(e)}` };
  }
  if (typeof addon?.init !== 'function') return { error: `${found.path} is not the Dendrite native addon` };
  const missing = KERNEL_NAMES.filter((k) => typeof addon[k] !== 'function');
  if (missing.length > 0) return { error: `${found.path} is an older build without ${missing.join(', ')} (run npm run build:native)` };
  const slots = new Float64Array(Math.max(32, SLOT_COUNT));
  try {
    addon.init(slots);
  } catch (e) {
    return { error: `native init failed: ${errorMessage(e)}` };
  }
  const info = addon.info();
  loaded = { addon, slots, path: found.path, threads: info.threads, isa: info.isa };
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

/** How the addon takes a buffer: the typed array itself (its data is borrowed for the call), null when absent. */
type NativeBuffer = Float32Array | Int32Array | null;

function makeBackend(l: Loaded, threads: number, isa: NativeIsa): NativeBackend {
  const { addon, slots } = l;
  /** Threads taking part now (setActiveThreads); the pool keeps `threads`, so switching is cheap. */
  let active = threads;
  // All backends share one addon instance; re-apply this backend's settings when another
  // backend (different threads / ISA) used it last. One comparison per call otherwise.
  const use = (): void => {
    if (l.threads !== active) l.threads = addon.setThreads(active);
    if (l.isa !== isa) {
      if (!addon.setIsa(isa)) throw new Error(`native: cannot select ISA ${isa}`);
      l.isa = isa;
    }
  };
  use();

  // While a step program is recorded: every buffer it will use, with its length then (a step
  // checks that none changed: a detached ArrayBuffer reads as length 0).
  let recorded: (Float32Array | Int32Array)[] | null = null;
  const host: CompiledHost<NativeBuffer> = {
    label: 'native',
    slots,
    call: addon,
    none: null,
    use,
    f32: (kernel, name, a, n) => {
      const array = checkF32(kernel, name, a, n);
      if (recorded !== null) recorded.push(array);
      return array;
    },
    i32: (kernel, name, a, n) => {
      const array = checkI32(kernel, name, a, n);
      if (recorded !== null) recorded.push(array);
      return array;
    },
  };
  const kernels: Kernels = {
    ...bindKernels(host),
    ...REFERENCE_ONLY_KERNELS,
    planOptimizer(kind, tensors, beta1, beta2, epsilon): OptimizerProgram {
      use();
      const k = 'native planOptimizer';
      dims(k, kind);
      checkEnum(k, ENUM_NOUNS.OPTIMIZER, kind, 4);
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
          arrays.push(checkF32(k, `tensor ${i} ${name}`, [t.W, t.dW, t.s1, t.s2][j], sizes[j]));
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
            if (arrays[i].length < minLength[i]) bad('native optimizer step', `tensor ${i >> 2}'s buffers changed size since planning`);
          }
          slots[0] = learningRate;
          slots[1] = l2;
          slots[2] = t;
          if (recorded !== null) recorded.push(...arrays);
          addon.optimizerRun(program);
        },
      };
    },
    recordProgram() {
      use();
      addon.programBegin();
      const arrays: (Float32Array | Int32Array)[] = [];
      recorded = arrays;
      return {
        finish(): StepProgram | null {
          recorded = null;
          const program = addon.programEnd();
          if (program === null) return null;
          const lengths = arrays.map((a) => a.length);
          const returns = addon.programReturns(program).map((id) => KERNEL_NAMES[id]);
          return {
            returns,
            run(steps, learningRates, t0, out) {
              use();
              const k = 'native step program';
              dims(k, steps);
              if (!(learningRates instanceof Float64Array) || learningRates.length < steps) bad(k, `needs ${steps} learning rates in a Float64Array`);
              if (!(out instanceof Float64Array) || out.length < steps * returns.length)
                bad(k, `needs a Float64Array of ${steps * returns.length} values for its results`);
              for (let i = 0; i < arrays.length; i++) if (arrays[i].length !== lengths[i]) bad(k, 'a buffer changed size since it was recorded');
              slots[0] = steps;
              slots[1] = t0;
              return addon.programRun(program, learningRates, out);
            },
          };
        },
      };
    },
  };

  return {
    name: 'native',
    dtype: 'float32',
    threads,
    isa,
    kernels,
    ...(threads > 1
      ? {
          setActiveThreads(n: number) {
            active = Math.max(1, Math.min(threads, Math.floor(n) || 1));
          },
        }
      : {}),
    info() {
      use();
      return { ...(addon.info() as Omit<NativeInfo, 'path'>), path: l.path };
    },
  };
}

/**
 * Test hook choosing the convolution algorithms, process-wide: 'auto' (default: direct where
 * it applies, pixel-vectorised forward for few output channels, the data gradient's form by
 * cost), 'im2col' (im2col + GEMM everywhere), 'band' (direct, without the pixelwise forward).
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
