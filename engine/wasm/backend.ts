/**
 * The wasm backend: the kernels of engine/native/src/kernels_impl.inc compiled for WebAssembly
 * simd128 (scripts/build-wasm.mjs), for hosts without the native addon — and every browser.
 *
 * This file is environment-neutral (Node, Electron's utility process, browser workers): the
 * host compiles the module and, for threads, starts workers (engine/node/wasm.ts,
 * src/trainer/wasm-web.ts).
 *
 * Memory. Tensors live in the module's linear memory: the backend is the allocator of
 * engine/tensor/buffers.ts (`memory`), so a network's buffers are views on that memory and a
 * kernel call passes their addresses — nothing is copied. A buffer from elsewhere (a data
 * set, a test's array) is staged: copied in for the call and, if written, back.
 * Growing a wasm memory detaches every typed array on a plain (non-shared) memory, so:
 * - the threaded build uses a shared memory, which never detaches (views keep working after
 *   growth; new views are made on the grown buffer);
 * - the single-threaded build gets a memory of fixed size up front (`memoryBytes`) that never
 *   grows: an allocation that does not fit fails with a clear error instead.
 * Freed views return their memory through a FinalizationRegistry: keep the view you
 * allocated for as long as anything derived from it (a subarray) is used.
 */
import type { Backend, Kernels, OptimizerProgram, StepProgram } from '../kernels/kernels';
import { bad, checkEnum, checkF32, checkGatherIndices, checkI32, dims } from '../kernels/checks';
import type { CompiledHost } from '../kernels/compiled';
import { bindKernels } from '../kernels/glue.gen';
import { ENUM_NOUNS, KERNEL_NAMES, SLOT_COUNT, type KernelName } from '../kernels/table';
import { REFERENCE_ONLY_KERNELS } from '../kernels/reference-only';
import type { TensorMemory } from '../tensor/buffers';
import { wasmApi, type WasmMemory, type WasmModule } from './js-api';

export type WasmBuild = 'mt' | 'st';

/** What a worker thread of the pool is started with. */
export interface WasmWorkerInit {
  module: WasmModule;
  memory: WasmMemory;
  tid: number;
  /** Top of this thread's stack (a block of the module's heap). */
  stackTop: number;
}

/**
 * What a worker thread runs (a function's source; each host adds how it receives `d` — Node's
 * workerData, a browser worker's first message): instantiate the module on the shared memory,
 * take its own stack, say ready, then run the pool loop (after returning to the event loop
 * once, so the ready message is delivered). A trap in the loop is flagged to the calling
 * thread, which would otherwise wait for this thread's tasks forever.
 */
export const WASM_WORKER_FUNCTION = `function dendriteWasmWorker(d, ready, fail) {
  try {
    const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory, log: Math.log, pow: Math.pow, sin: Math.sin, cos: Math.cos } });
    inst.exports.__stack_pointer.value = d.stackTop;
    ready();
    setTimeout(() => {
      try { inst.exports.dn_worker(d.tid); } catch (e) { inst.exports.dn_worker_failed(); fail(String((e && e.message) || e)); }
    }, 0);
  } catch (e) { fail(String((e && e.message) || e)); }
}`;

/** How a host starts worker threads running WASM_WORKER_FUNCTION with `init`. */
export interface WasmPlatform {
  startWorker(init: WasmWorkerInit, onReady: () => void, onError: (message: string) => void): { terminate(): void };
}

export interface WasmRuntimeOptions {
  /** Compiled dendrite-mt.wasm (threads) or dendrite-st.wasm. */
  module: WasmModule;
  build: WasmBuild;
  /** st: the memory's fixed size in bytes (default 1 GiB, halved until it can be reserved). */
  memoryBytes?: number;
  /** mt: starts worker threads (without it the runtime has one thread). */
  platform?: WasmPlatform;
  /** Worker threads never exceed this many threads in total (default 64). */
  maxThreads?: number;
}

export interface WasmInfo {
  isa: 'simd128';
  build: WasmBuild;
  threads: number;
  /** Worker threads started / ready (the calling thread is not counted). */
  workers: number;
  workersReady: number;
  /** Bytes of the module's memory, of allocated blocks, and of kernel scratch. */
  memoryBytes: number;
  heapBytes: number;
  scratchBytes: number;
  /** Buffers that were not in the module's memory and had to be copied (since start). */
  stagedBuffers: number;
  /** Why a worker thread failed, if one did. */
  workerError?: string;
}

export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  readonly dtype: 'float32';
  readonly memory: TensorMemory;
  info(): WasmInfo;
}

interface Exports {
  dn_init(): number;
  dn_threaded(): number;
  dn_alloc(bytes: number, zero: number): number;
  dn_free(ptr: number): void;
  dn_heap_in_use(): number;
  dn_set_threads(n: number): number;
  dn_set_conv_mode(mode: number): void;
  dn_scratch_bytes(): number;
  dn_stop(): void;
  dn_error(): number;
  dn_optimizer_step(tensors: number, count: number, kind: number): void;
  dn_program_begin(): void;
  dn_program_end(): number;
  dn_program_free(program: number): void;
  dn_program_returns(program: number): number;
  dn_program_return_kernel(program: number, i: number): number;
  dn_program_run(program: number, steps: number, learningRates: number, t0: number, out: number): number;
}

export interface WasmRuntime {
  readonly build: WasmBuild;
  /** A backend with this many threads (the mt build; others get 1). Backends share the runtime. */
  backend(threads?: number): WasmBackend;
  /** Test hook: convolution algorithms as setNativeConvAlgorithm. */
  setConvAlgorithm(mode: 'auto' | 'im2col' | 'band'): void;
  /** Stops the worker threads. */
  dispose(): void;
}

const MB = (bytes: number): string => `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
const WASM_PAGE = 65536;
const MAX_MEMORY_PAGES = 65536;
const STACK_BYTES = 1 << 20;
const OPT_RECORD_INTS = 6;

/** A memory for the build: shared and growable (mt), or plain of a fixed size reserved now (st). */
function createMemory(build: WasmBuild, module: WasmModule, memoryBytes: number | undefined): WasmMemory {
  const WA = wasmApi();
  const declared = WA.Module.imports(module).find((i) => i.kind === 'memory');
  if (!declared) throw new Error('not the Dendrite wasm module (it imports no memory)');
  const minimum = 64; // 4 MB: the stack (1 MB), data and a first heap
  if (build === 'mt') return new WA.Memory({ initial: minimum, maximum: MAX_MEMORY_PAGES, shared: true });
  let pages = Math.min(MAX_MEMORY_PAGES, Math.ceil((memoryBytes ?? 1 << 30) / WASM_PAGE));
  for (;;) {
    try {
      return new WA.Memory({ initial: pages, maximum: pages });
    } catch (e) {
      if (memoryBytes !== undefined || pages <= 4096) throw e;
      pages >>= 1; // could not reserve it: try half
    }
  }
}

export function createWasmRuntime(opts: WasmRuntimeOptions): WasmRuntime {
  const { module, build } = opts;
  const memory = createMemory(build, module, opts.memoryBytes);
  const WA = wasmApi();
  const instance = new WA.Instance(module, { env: { memory, log: Math.log, pow: Math.pow, sin: Math.sin, cos: Math.cos } });
  const ex = instance.exports as unknown as Exports & Record<KernelName, (...args: number[]) => number | undefined>;
  const missing = KERNEL_NAMES.filter((k) => typeof ex[k] !== 'function');
  if (missing.length > 0 || typeof ex.dn_init !== 'function') throw new Error(`not the Dendrite wasm module (missing ${missing.join(', ') || 'dn_init'})`);
  if ((ex.dn_threaded() === 1) !== (build === 'mt')) throw new Error(`the module is not the ${build} build`);
  const slotsAt = ex.dn_init();

  // A kernel traps when its scratch memory cannot grow or a worker thread died (dn_error says
  // which): say so instead of "unreachable".
  const failure = (e: unknown): Error => {
    const code = e instanceof WA.RuntimeError ? ex.dn_error() : 0;
    if (code === 1)
      return new RangeError(`wasm backend: out of memory for kernel scratch (${MB(ex.dn_heap_in_use())} in use of ${MB(memory.buffer.byteLength)})`);
    if (code === 2) return new Error(`wasm backend: ${workerError || 'a worker thread failed'}`);
    return e instanceof Error ? e : new Error(String(e));
  };
  type Export = (...args: number[]) => number | undefined;
  const guarded = (fn: Export): Export =>
    function (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number) {
      try {
        return fn(a, b, c, d, e, f, g, h, i);
      } catch (error) {
        throw failure(error);
      }
    } as Export;
  const calls = Object.fromEntries(KERNEL_NAMES.map((k) => [k, guarded(ex[k])])) as Record<KernelName, Export>;

  // Views are made on the latest buffer; every buffer the memory has had is "resident" (a
  // shared memory's old buffers stay valid after growth, they are just shorter).
  let buffer: ArrayBufferLike = memory.buffer;
  const buffers = new Set<ArrayBufferLike>([buffer]);
  const current = (): ArrayBufferLike => {
    const b = memory.buffer;
    if (b !== buffer) {
      buffer = b;
      buffers.add(b);
    }
    return b;
  };
  const slots = new Float64Array(current(), slotsAt, SLOT_COUNT);

  const outOfMemory = (what: string, bytes: number): never => {
    const limit = build === 'mt' ? `at most ${MB(MAX_MEMORY_PAGES * WASM_PAGE)} (wasm32)` : `a fixed ${MB(memory.buffer.byteLength)} (single-threaded build)`;
    throw new RangeError(`wasm backend: out of memory for ${what} of ${MB(bytes)} (${MB(ex.dn_heap_in_use())} in use; the module's memory holds ${limit})`);
  };
  const alloc = (bytes: number, zero: boolean, what: string): number => {
    const ptr = ex.dn_alloc(bytes, zero ? 1 : 0);
    if (ptr === 0) outOfMemory(what, bytes);
    return ptr;
  };

  const registry = new FinalizationRegistry<number>((ptr) => ex.dn_free(ptr));
  const memoryApi: TensorMemory = {
    // Allocate first, then view the (possibly grown) memory.
    f32(n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`wasm backend: cannot allocate ${n} floats`);
      const ptr = alloc(n * 4, true, 'a tensor');
      const view = new Float32Array(current(), ptr, n);
      registry.register(view, ptr);
      return view;
    },
    i32(n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`wasm backend: cannot allocate ${n} indices`);
      const ptr = alloc(n * 4, true, 'an index buffer');
      const view = new Int32Array(current(), ptr, n);
      registry.register(view, ptr);
      return view;
    },
  };

  // --- staging of buffers that are not in the module's memory ------------------------------
  interface Staged {
    array: Float32Array | Int32Array;
    ptr: number;
    n: number;
    written: boolean;
  }
  const staged: Staged[] = [];
  let stagedTotal = 0;
  const resident = (a: Float32Array | Int32Array): boolean => a.buffer === buffer || buffers.has(a.buffer);
  // The whole array is staged (not only the n values this argument needs): the same array
  // may be passed again, needing more of it (dZ as Z, A and dA of a linear layer's backward).
  const stage = (a: Float32Array | Int32Array, written: boolean): number => {
    for (const s of staged) {
      if (s.array === a) {
        s.written ||= written;
        return s.ptr;
      }
    }
    const n = a.length;
    const ptr = alloc(n * 4, false, 'a staged buffer');
    const into = a instanceof Float32Array ? new Float32Array(current(), ptr, n) : new Int32Array(current(), ptr, n);
    into.set(a);
    staged.push({ array: a, ptr, n, written });
    stagedTotal++;
    return ptr;
  };
  const unstage = (copyBack: boolean): void => {
    for (const s of staged) {
      if (copyBack && s.written) {
        const from = s.array instanceof Float32Array ? new Float32Array(current(), s.ptr, s.n) : new Int32Array(current(), s.ptr, s.n);
        s.array.set(from);
      }
      ex.dn_free(s.ptr);
    }
    staged.length = 0;
  };

  // --- threads ---------------------------------------------------------------------------
  const maxThreads = build === 'mt' && opts.platform ? Math.min(64, opts.maxThreads ?? 64) : 1;
  const workers: { terminate(): void }[] = [];
  let workersReady = 0;
  let workerError = '';
  let activeThreads = 1;
  const ensureWorkers = (threads: number): void => {
    while (workers.length + 1 < threads) {
      const tid = workers.length + 1;
      const stack = alloc(STACK_BYTES, false, `thread ${tid}'s stack`);
      workers.push(
        opts.platform!.startWorker(
          { module, memory, tid, stackTop: (stack + STACK_BYTES) & ~15 },
          () => workersReady++,
          (message) => (workerError ||= `wasm worker ${tid}: ${message}`),
        ),
      );
    }
  };
  const setThreads = (threads: number): void => {
    const n = Math.max(1, Math.min(maxThreads, Math.floor(threads)));
    if (n > 1) ensureWorkers(n);
    activeThreads = ex.dn_set_threads(n);
  };

  const backends = new Map<number, WasmBackend>();
  const runtime: WasmRuntime = {
    build,
    backend(requested = maxThreads) {
      const threads = Math.max(1, Math.min(maxThreads, Number.isFinite(requested) ? Math.floor(requested) : 1));
      let b = backends.get(threads);
      if (!b) {
        b = makeBackend(threads);
        backends.set(threads, b);
      }
      return b;
    },
    setConvAlgorithm(mode) {
      ex.dn_set_conv_mode(mode === 'im2col' ? 1 : mode === 'band' ? 2 : 0);
    },
    dispose() {
      ex.dn_stop();
      for (const w of workers) w.terminate();
      workers.length = 0;
    },
  };

  function makeBackend(threads: number): WasmBackend {
    // A worker that never started costs nothing (the calling thread steals its tasks); one that
    // trapped makes every later parallel kernel fail with the reason (the pool's failed flag).
    /** Threads taking part now (setActiveThreads): workers outside it park, none is stopped. */
    let active = threads;
    const use = (): void => {
      if (staged.length > 0) unstage(false); // a call that threw half-way
      if (activeThreads !== active) setThreads(active);
    };
    // While a step program is recorded: the views it uses (the program keeps them, so their
    // memory is not freed while it may still run).
    let recorded: (Float32Array | Int32Array)[] | null = null;
    const host: CompiledHost<number> = {
      label: 'wasm',
      slots,
      call: calls,
      none: 0,
      use,
      f32(kernel, name, a, n, written) {
        const arr = checkF32(kernel, name, a, n);
        if (recorded !== null) recorded.push(arr);
        return resident(arr) ? arr.byteOffset : stage(arr, written);
      },
      i32(kernel, name, a, n, written) {
        const arr = checkI32(kernel, name, a, n);
        if (recorded !== null) recorded.push(arr);
        return resident(arr) ? arr.byteOffset : stage(arr, written);
      },
      done() {
        if (staged.length > 0) unstage(true);
      },
    };
    const bound = bindKernels(host);
    // The loop's mini-batches come from a data set in JS memory: stage only the m examples
    // picked (whole rows, one copy each) rather than the data set.
    let gatherRows: Float32Array | null = null;
    let gatherOrder: Int32Array | null = null;
    const kernels: Kernels = {
      ...bound,
      ...REFERENCE_ONLY_KERNELS,
      gatherColumns(x, indices, start, m, n, out) {
        if (!(x instanceof Float32Array) || resident(x)) return bound.gatherColumns(x, indices, start, m, n, out);
        const K = 'wasm gatherColumns';
        dims(K, start, m, n);
        checkGatherIndices(K, x, indices, start, m, n);
        if (!gatherRows || gatherRows.length < m * n) gatherRows = memoryApi.f32(m * n);
        if (!gatherOrder || gatherOrder.length < m) gatherOrder = memoryApi.i32(m);
        for (let i = 0; i < m; i++) {
          const from = indices[start + i] * n;
          gatherRows.set(x.subarray(from, from + n), i * n);
          gatherOrder[i] = i;
        }
        bound.gatherColumns(gatherRows, gatherOrder, 0, m, n, out);
      },
      planOptimizer(kind, tensors, beta1, beta2, epsilon): OptimizerProgram {
        use();
        const K = 'wasm planOptimizer';
        dims(K, kind);
        checkEnum(K, ENUM_NOUNS.OPTIMIZER, kind, 4);
        const uses1 = kind === 1 || kind === 3;
        const uses2 = kind === 2 || kind === 3;
        // Records {W, dW, s1, s2, n, regularise} in the module's memory, one crossing per step.
        const records = memoryApi.i32(Math.max(1, OPT_RECORD_INTS * tensors.length));
        let foreign = false;
        tensors.forEach((t, i) => {
          dims(K, t.n);
          const sizes = [t.n, t.n, uses1 ? t.n : 0, uses2 ? t.n : 0];
          [t.W, t.dW, t.s1, t.s2].forEach((a, j) => {
            const arr = checkF32(K, `tensor ${i} ${['W', 'dW', 's1', 's2'][j]}`, a, sizes[j]);
            foreign ||= !resident(arr);
            records[OPT_RECORD_INTS * i + j] = arr.byteOffset;
          });
          records[OPT_RECORD_INTS * i + 4] = t.n;
          records[OPT_RECORD_INTS * i + 5] = t.regularise ? 1 : 0;
        });
        if (foreign) {
          // Buffers outside the module's memory (not allocated through the backend): the
          // per-tensor kernel, which stages them.
          return {
            step(learningRate, l2, t) {
              for (const x of tensors) kernels.optimizerUpdate(kind, x.W, x.dW, x.s1, x.s2, x.n, learningRate, beta1, beta2, epsilon, t, x.regularise ? l2 : 0);
            },
          };
        }
        return {
          step(learningRate, l2, t) {
            use();
            slots[0] = learningRate;
            slots[1] = l2;
            slots[2] = t;
            slots[3] = beta1;
            slots[4] = beta2;
            slots[5] = epsilon;
            for (let i = 0; i < tensors.length; i++) {
              const x = tensors[i];
              if (x.W.length < x.n || x.dW.length < x.n) bad('wasm optimizer step', `tensor ${i}'s buffers changed size since planning`);
            }
            try {
              ex.dn_optimizer_step(records.byteOffset, tensors.length, kind);
            } catch (error) {
              throw failure(error);
            }
          },
        };
      },
    };
    // Step programs: recorded in the module (every export adds its call while recording). A
    // buffer that had to be staged has no lasting address, so a recording that staged one is
    // dropped. Programs are freed with the view that owns them.
    const programs = new FinalizationRegistry<number>((ptr) => ex.dn_program_free(ptr));
    // Float64 scratch in the module's memory for the learning rates and results: views on f32
    // blocks of twice the length (kept, so the blocks are not freed under the views).
    let rates: { block: Float32Array; view: Float64Array } | null = null;
    let results: { block: Float32Array; view: Float64Array } | null = null;
    const float64s = (n: number) => {
      const block = memoryApi.f32(2 * n);
      return { block, view: new Float64Array(block.buffer, block.byteOffset, n) };
    };
    kernels.recordProgram = () => {
      use();
      ex.dn_program_begin();
      const stagedBefore = stagedTotal;
      const views: (Float32Array | Int32Array)[] = [];
      recorded = views;
      return {
        finish(): StepProgram | null {
          recorded = null;
          const ptr = ex.dn_program_end();
          if (ptr === 0) return null;
          if (stagedTotal !== stagedBefore) {
            ex.dn_program_free(ptr);
            return null;
          }
          const returns = Array.from({ length: ex.dn_program_returns(ptr) }, (_, i) => KERNEL_NAMES[ex.dn_program_return_kernel(ptr, i)]);
          const program: StepProgram & { views: unknown } = {
            returns,
            views,
            run(steps, learningRates, t0, out) {
              use();
              const K = 'wasm step program';
              dims(K, steps);
              if (!(learningRates instanceof Float64Array) || learningRates.length < steps) bad(K, `needs ${steps} learning rates in a Float64Array`);
              if (!(out instanceof Float64Array) || out.length < steps * returns.length)
                bad(K, `needs a Float64Array of ${steps * returns.length} values for its results`);
              if (!rates || rates.view.length < steps) rates = float64s(steps);
              const need = Math.max(1, steps * returns.length);
              if (!results || results.view.length < need) results = float64s(need);
              rates.view.set(learningRates.subarray(0, steps));
              let done: number;
              try {
                done = ex.dn_program_run(ptr, steps, rates.view.byteOffset, t0, results.view.byteOffset);
              } catch (error) {
                throw failure(error);
              }
              out.set(results.view.subarray(0, Math.min(steps, done + 1) * returns.length));
              return done;
            },
          };
          programs.register(program, ptr);
          return program;
        },
      };
    };
    return {
      name: 'wasm',
      dtype: 'float32',
      threads,
      kernels,
      memory: memoryApi,
      ...(threads > 1
        ? {
            setActiveThreads(n: number) {
              active = Math.max(1, Math.min(threads, Math.floor(n) || 1));
            },
          }
        : {}),
      info() {
        return {
          isa: 'simd128',
          build,
          threads,
          workers: workers.length,
          workersReady,
          memoryBytes: memory.buffer.byteLength,
          heapBytes: ex.dn_heap_in_use(),
          scratchBytes: ex.dn_scratch_bytes(),
          stagedBuffers: stagedTotal,
          ...(workerError ? { workerError } : {}),
        };
      },
    };
  }

  return runtime;
}
