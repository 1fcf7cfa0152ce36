/**
 * Benchmark workloads. W1–W4 train through the engine's real training loop
 * (`trainModel`, the function `runTraining` wraps) on a Backend; GEMM calls the kernel.
 *
 * Timing: the backend handed to the engine is the real one with its optimizer updates
 * (the planned multi-tensor step, or each `optimizerUpdate` call) wrapped to timestamp
 * them, so the timed window runs from the end of iteration 1 (its last optimizer update;
 * the first iteration is untimed) to the end of the last iteration. It includes everything
 * the engine does per step (batch loading, cost, progress events, and the live views —
 * decision boundary, layer health, weight histograms, epoch evaluations — which trainModel
 * always computes for the panels, within its time budget; the bench does not switch them
 * off, since a user's run pays for them too) and excludes setup and the final evaluation
 * passes.
 *
 * Each workload is also stepped through the engine's plan API (`planLoop`: the loop's batch loader →
 * forward → cost → backward → optimizer step, the same network, data order and maths,
 * without the host-facing events): `planItPerSec` / `planSamplesPerSec`. The gap between
 * the two is the training loop's own overhead.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parseIdx } from '../engine/data/idx';
import { identityOrder } from '../engine/data/batcher';
import type { Dataset } from '../engine/data/dataset';
import type { Backend, Kernels } from '../engine/kernels/kernels';
import type { FromTrainer, RunRequest } from '../engine/protocol/messages';
import type { LayerSpec, ModelSpec } from '../engine/spec/types';
import type { TrainConfig } from '../engine/protocol/train-config';
import { evaluate } from '../engine/train/evaluate';
import type { RunHooks } from '../engine/train/hooks';
import { trainModel } from '../engine/train/loop';
import { loadSource } from '../engine/data/load';
import { createRng, deriveSeed, shuffleInPlace } from '../engine/tensor/rng';
import { createOptimizer } from '../engine/optim';
import { RNG_STREAM } from '../engine/model/network';
import { prepareRun } from '../engine/train/prepare';
import { createBatchLoader } from '../engine/train/resident-batch';
import { allocate } from '../engine/tensor/buffers';
import { SWEEP, sweepData, sweepSpec } from './sweep';

export const FASHION_DIR = process.env.DENDRITE_FASHION_DIR ?? '/usr/share/datasets/fashion-mnist';

export interface WorkloadResult {
  workload: string;
  /** Iterations per second (W1, W2) or samples per second (W3, W4). */
  itPerSec?: number;
  samplesPerSec?: number;
  iterations: number;
  seconds: number;
  finalCost?: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  gflops?: number;
  [key: string]: unknown;
}

type LayerFields = { id: string; kind: string; [k: string]: unknown };

function chain(...layers: LayerFields[]): ModelSpec {
  return {
    format: 'dendrite.spec',
    version: 1,
    layers: layers.map((l, i) => ({ ...l, inputs: i === 0 ? [] : [layers[i - 1].id] }) as unknown as LayerSpec),
  };
}

export const SPECS = {
  w1: () =>
    chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'h', kind: 'dense', units: 4, activation: 'tanh', init: { kind: 'random', scale: 0.01 } },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init: { kind: 'random', scale: 0.01 } },
    ),
  w2: () =>
    chain(
      { id: 'x', kind: 'input', shape: [12288] },
      { id: 'h1', kind: 'dense', units: 20, activation: 'relu', init: { kind: 'xavier' } },
      { id: 'h2', kind: 'dense', units: 7, activation: 'relu', init: { kind: 'xavier' } },
      { id: 'h3', kind: 'dense', units: 5, activation: 'relu', init: { kind: 'xavier' } },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init: { kind: 'xavier' } },
    ),
  w3: () =>
    chain(
      { id: 'x', kind: 'input', shape: [784] },
      { id: 'h1', kind: 'dense', units: 256, activation: 'relu' },
      { id: 'h2', kind: 'dense', units: 128, activation: 'relu' },
      { id: 'y', kind: 'output', units: 10, activation: 'softmax', loss: 'cross_entropy' },
    ),
  w4: () =>
    chain(
      { id: 'x', kind: 'input', shape: [28, 28, 1] },
      { id: 'c1', kind: 'conv2d', filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu' },
      { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2 },
      { id: 'c2', kind: 'conv2d', filters: 16, f: 5, s: 1, padding: 'valid', activation: 'relu' },
      { id: 'p2', kind: 'pool', mode: 'max', f: 2, s: 2 },
      { id: 'fl', kind: 'flatten' },
      { id: 'd1', kind: 'dense', units: 120, activation: 'relu' },
      { id: 'd2', kind: 'dense', units: 84, activation: 'relu' },
      { id: 'y', kind: 'output', units: 10, activation: 'softmax', loss: 'cross_entropy' },
    ),
};

/** Fashion-MNIST as float32 in [0, 1] (examples-major) with class-index labels. */
export function loadFashion(split: 'train' | 't10k', exampleShape: number[]): Dataset {
  const images = parseIdx(gunzipSync(readFileSync(`${FASHION_DIR}/${split}-images-idx3-ubyte.gz`)));
  const labels = parseIdx(gunzipSync(readFileSync(`${FASHION_DIR}/${split}-labels-idx1-ubyte.gz`)));
  const m = images.dims[0];
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / 255;
  const y = Float32Array.from(labels.data);
  return { x, y, m, exampleShape, numClasses: 10, targetWidth: 1 };
}

/** W2's data: 209 "images" of 64×64×3 values uniform in [0, 1), random 0/1 labels (fixed seed). */
export function w2Data(): Dataset {
  const rng = createRng(209);
  const m = 209;
  const n = 12288;
  const x = new Float32Array(m * n);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  const y = Float32Array.from({ length: m }, () => (rng.uniform() < 0.35 ? 1 : 0));
  return { x, y, m, exampleShape: [n], numClasses: 2, targetWidth: 1 };
}

/** W1's data: the engine's flower generator (400 points). */
export function w1Data(): Dataset {
  return loadSource({ kind: 'generator', name: 'flower', m: 400, seed: 1 });
}

/**
 * The backend with every optimizer update timestamped: each planned multi-tensor step (one
 * stamp per iteration) or, on backends without planOptimizer, each per-tensor call; replayed
 * steps are stamped when their call returns.
 */
/** Timestamps of optimizer updates; CPU time (user + system, this process) at the first and the latest. */
interface Stamps {
  t: Float64Array;
  n: number;
  cpuFirst: number;
  cpuLast: number;
  /** Stamps counted when cpuLast was read. */
  cpuLastAt: number;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function timedBackend(backend: Backend, stamps: Stamps): Backend {
  const inner = backend.kernels;
  // process.cpuUsage() costs ~0.8 µs, as much as a W1 step: it is read at the first stamp and
  // then at most every 0.5 ms of wall time (the window's CPU time is then short by ≤ 0.5 ms).
  let cpuAt = -Infinity;
  const stamp = (count = 1) => {
    const now = performance.now();
    for (let i = 0; i < count && stamps.n < stamps.t.length; i++) stamps.t[stamps.n++] = now;
    if (stamps.n === count || now - cpuAt >= 0.5) {
      cpuAt = now;
      stamps.cpuLast = cpuSeconds();
      stamps.cpuLastAt = stamps.n;
      if (stamps.n === 1) stamps.cpuFirst = stamps.cpuLast;
    }
  };
  const plan = inner.planOptimizer?.bind(inner);
  const record = inner.recordProgram?.bind(inner);
  const kernels: Kernels = {
    ...inner,
    // Replayed steps (a step program): each run stamps the steps it completed at its end.
    recordProgram: record
      ? () => {
          const recording = record();
          return {
            finish() {
              const program = recording.finish();
              if (!program) return null;
              return {
                returns: program.returns,
                run(steps: number, learningRates: Float64Array, t0: number, out: Float64Array) {
                  const done = program.run(steps, learningRates, t0, out);
                  stamp(done);
                  return done;
                },
              };
            },
          };
        }
      : undefined,
    optimizerUpdate(...args: Parameters<Kernels['optimizerUpdate']>) {
      inner.optimizerUpdate(...args);
      stamp();
    },
    planOptimizer: plan
      ? (...args: Parameters<NonNullable<Kernels['planOptimizer']>>) => {
          const program = plan(...args);
          return {
            step(learningRate: number, l2: number, t: number) {
              program.step(learningRate, l2, t);
              stamp();
            },
          };
        }
      : undefined,
  };
  return { ...backend, kernels };
}

const silentHooks = (failures: string[]): RunHooks => ({
  emit(msg: FromTrainer) {
    if (msg.type === 'run-failed') failures.push(msg.message);
  },
  checkpoint: async () => 'continue',
  now: () => performance.now(),
});

/** The same training as trainModel's inner loop, through the plan API, without events. */
export function planLoop(request: RunRequest, backend: Backend, iterations: number): { seconds: number; batch: number; cost: number } {
  const prepared = prepareRun(request, backend);
  const { net, train, batchSize } = prepared;
  const { config } = request;
  const optimizer = createOptimizer(net, config.optimizer);
  const rng = createRng(deriveSeed(config.seed, RNG_STREAM.shuffle));
  const order = Int32Array.from({ length: train.m }, (_, i) => i);
  // The loop's own batch loader (full batches loaded once, mini-batches by the gather kernel).
  const batches = createBatchLoader(net, train);
  let t0 = 0;
  let it = 0;
  let cost = NaN;
  while (it < iterations) {
    if (batchSize < train.m) shuffleInPlace(order, rng);
    for (let start = 0; start < train.m && it < iterations; start += batchSize) {
      const m = Math.min(batchSize, train.m - start);
      batches.load(order, start, m, m === train.m);
      net.forward(m, 'train');
      net.backward(m);
      cost = net.cost(m);
      optimizer.step(config.learningRate, 0);
      if (++it === 1) t0 = performance.now();
    }
  }
  return { seconds: (performance.now() - t0) / 1000, batch: batchSize, cost };
}

/** Train through the engine loop; returns timing of iterations 2..N and the outcome. */
export async function trainWorkload(
  name: string,
  spec: ModelSpec,
  train: Dataset,
  config: TrainConfig,
  backend: Backend,
  test?: Dataset,
  planPass = true,
): Promise<WorkloadResult> {
  const stamps: Stamps = { t: new Float64Array(1 << 20), n: 0, cpuFirst: 0, cpuLast: 0, cpuLastAt: 0 };
  const failures: string[] = [];
  const request: RunRequest = {
    runId: name,
    spec,
    data: { kind: 'inline', x: train.x, y: train.y, exampleShape: train.exampleShape, numClasses: train.numClasses },
    config,
  };
  const outcome = await trainModel(request, timedBackend(backend, stamps), silentHooks(failures));
  if (outcome.status !== 'finished') throw new Error(`${name}: training failed: ${outcome.message}`);
  const iterations = outcome.metrics.iterations;
  const perStep = backend.kernels.planOptimizer ? 1 : outcome.prepared.net.params.length;
  // Other optimizer updates (none today) would break the per-step bookkeeping: insist.
  if (stamps.n !== iterations * perStep) throw new Error(`${name}: expected ${iterations * perStep} optimizer updates, saw ${stamps.n}`);
  const seconds = (stamps.t[stamps.n - 1] - stamps.t[perStep - 1]) / 1000;
  const timedIterations = iterations - 1;
  const batch = outcome.prepared.batchSize;
  // The second half alone: the rate once V8 has compiled the loop (W1's 10,000 steps take
  // ~60 ms, so warm-up is a visible share of the whole-run rate).
  const half = Math.floor(iterations / 2);
  const secondHalf = (stamps.t[stamps.n - 1] - stamps.t[half * perStep - 1]) / 1000;
  // CPU time of the same window: on a shared machine, a one-thread run's rate per CPU second
  // is what it would be alone (neighbours take wall time, not this process's CPU time).
  const cpu = stamps.cpuLast - stamps.cpuFirst;
  const cpuIterations = Math.max(1, stamps.cpuLastAt / perStep - 1);
  const result: WorkloadResult = {
    workload: name,
    iterations,
    seconds: +seconds.toFixed(4),
    cpuSeconds: +cpu.toFixed(4),
    itPerSec: Math.round(timedIterations / seconds),
    itPerCpuSec: Math.round(cpuIterations / cpu),
    secondHalfItPerSec: Math.round((iterations - half) / secondHalf),
    samplesPerSec: Math.round((timedIterations * batch) / seconds),
    samplesPerCpuSec: Math.round((cpuIterations * batch) / cpu),
    batch,
    finalCost: +outcome.metrics.trainCost.toFixed(6),
    trainAccuracy: +outcome.metrics.trainAccuracy.toFixed(4),
    // The live views' share of the run's training time (target ≤ 5 %), and the steps replayed natively.
    liveViewShare: +(outcome.timing.liveViewMs / Math.max(1e-9, outcome.timing.trainingMs)).toFixed(4),
    replayedSteps: outcome.timing.replayedSteps,
    // Several threads: the share of steps the thread governor ran on one (engine/train/thread-governor.ts).
    ...(outcome.timing.threads ? { stepsAtOneThread: +(outcome.timing.threads.stepsAtOne / Math.max(1, outcome.timing.threads.steps)).toFixed(3) } : {}),
  };
  if (test) {
    const ev = evaluate(outcome.prepared.net, test, identityOrder(test.m));
    result.testAccuracy = +(1 - ev.error).toFixed(4);
  }
  // Peak resident memory of the training run itself (before planLoop plans a second copy).
  result.rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (planPass) {
    const plan = planLoop(request, backend, iterations);
    result.planItPerSec = Math.round(timedIterations / plan.seconds);
    result.planSamplesPerSec = Math.round((timedIterations * plan.batch) / plan.seconds);
  }
  return result;
}

export interface WorkloadOptions {
  /**
   * Stop after this many iterations (slow backends: the rate is per iteration, so it stays
   * comparable; final cost and accuracy are then not). Skips the plan-API pass.
   */
  maxIterations?: number;
}

export async function runWorkload(name: string, backend: Backend, opts: WorkloadOptions = {}): Promise<WorkloadResult> {
  const cap = opts.maxIterations;
  // One epoch, or `cap` iterations of it.
  const epoch = cap ? { iterations: cap } : { epochs: 1 };
  switch (name) {
    case 'w1': {
      const r = await trainWorkload(
        'w1',
        SPECS.w1(),
        w1Data(),
        { iterations: Math.min(10_000, cap ?? Infinity), batchSize: 'full', learningRate: 1.2, optimizer: { kind: 'gd' }, seed: 2 },
        backend,
        undefined,
        !cap,
      );
      delete r.samplesPerSec;
      delete r.samplesPerCpuSec;
      delete r.planSamplesPerSec;
      return r;
    }
    case 'w2': {
      const r = await trainWorkload(
        'w2',
        SPECS.w2(),
        w2Data(),
        { iterations: Math.min(300, cap ?? Infinity), batchSize: 'full', learningRate: 0.0075, optimizer: { kind: 'gd' }, seed: 1 },
        backend,
        undefined,
        !cap,
      );
      delete r.samplesPerSec;
      delete r.samplesPerCpuSec;
      delete r.planSamplesPerSec;
      return r;
    }
    case 'w3': {
      const r = await trainWorkload(
        'w3',
        SPECS.w3(),
        loadFashion('train', [784]),
        { ...epoch, batchSize: 128, learningRate: 1e-3, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 1 },
        backend,
        cap ? undefined : loadFashion('t10k', [784]),
        !cap,
      );
      delete r.itPerSec;
      delete r.itPerCpuSec;
      delete r.secondHalfItPerSec;
      delete r.planItPerSec;
      return r;
    }
    case 'w4': {
      const r = await trainWorkload(
        'w4',
        SPECS.w4(),
        loadFashion('train', [28, 28, 1]),
        { ...epoch, batchSize: 64, learningRate: 1e-3, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 1 },
        backend,
        cap ? undefined : loadFashion('t10k', [28, 28, 1]),
        !cap,
      );
      delete r.itPerSec;
      delete r.itPerCpuSec;
      delete r.secondHalfItPerSec;
      delete r.planItPerSec;
      return r;
    }
    default:
      if (SWEEP[name]) {
        const c = SWEEP[name];
        const data = sweepData(c, loadFashion('train', [784]));
        const iterations = Math.min(c.iterations, cap ?? Infinity);
        const config: TrainConfig = {
          iterations,
          batchSize: c.batch,
          learningRate: 1e-3,
          optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
          seed: 1,
        };
        const r = await trainWorkload(name, sweepSpec(c), data, config, backend, undefined, false);
        delete r.itPerSec;
        delete r.itPerCpuSec;
        delete r.secondHalfItPerSec;
        return r;
      }
      if (name.startsWith('gemm')) return gemmWorkload(name, backend);
      throw new Error(`unknown workload ${name}`);
  }
}

/** GEMM shapes are M×K×N: (M×K)·(K×N), row-major, no transposes. */
export const GEMM_SHAPES: Record<string, [number, number, number]> = {
  'gemm-512': [512, 512, 512],
  'gemm-128x784x256': [128, 784, 256],
  'gemm-64x400x120': [64, 400, 120],
};

export function gemmWorkload(name: string, backend: Backend): WorkloadResult {
  const [M, K, N] = GEMM_SHAPES[name];
  const rng = createRng(7);
  // Where the backend keeps its buffers (wasm: the module's memory), as a network's are.
  const A = allocate(backend, M * K);
  const B = allocate(backend, K * N);
  const C = allocate(backend, M * N);
  for (let i = 0; i < A.length; i++) A[i] = rng.uniform() - 0.5;
  for (let i = 0; i < B.length; i++) B[i] = rng.uniform() - 0.5;
  const k = backend.kernels;
  return timeGemm(name, M, N, K, () => k.gemm(false, false, M, N, K, 1, A, B, 0, C));
}

/**
 * A GEMM workload's result, whichever library runs `once` (one M×K · K×N product): repetitions
 * of ~50 ms, 15 rounds, the median rate (robust on a shared machine) and the rate per CPU second.
 */
export function timeGemm(name: string, M: number, N: number, K: number, once: () => void): WorkloadResult {
  once();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) once();
    if (performance.now() - t0 > 50) break;
    reps *= 2;
  }
  const rates: number[] = [];
  let total = 0;
  const cpu0 = cpuSeconds();
  for (let round = 0; round < 15; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) once();
    const dt = (performance.now() - t0) / 1000;
    total += dt;
    rates.push((2 * M * N * K * reps) / dt / 1e9);
  }
  const cpu = cpuSeconds() - cpu0;
  rates.sort((a, b) => a - b);
  return {
    workload: name,
    iterations: reps * 15,
    seconds: +total.toFixed(3),
    gflops: +rates[7].toFixed(1),
    gflopsPerCpu: +((2 * M * N * K * reps * 15) / cpu / 1e9).toFixed(1),
    shape: `${M}x${K}x${N}`,
  };
}
