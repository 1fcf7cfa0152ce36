/**
 * What does not scale: W3 or W4 steps through the plan API (the loop's gather → forward → cost →
 * backward → optimizer step) on one two-thread backend, alternating one thread and two every
 * 8 steps (setActiveThreads), every kernel and phase timed. Per kernel (and GEMM shape) and per
 * phase it prints the lower quartile of its times at 1 and at 2 threads and their ratio: on a
 * shared machine a neighbour's burst lands on a few calls of both counts alike, and the lower
 * quartile is what the step costs when it does not.
 *
 *   npx tsx bench/thread-profile.ts [w3|w4] [steps]      (BACKEND=wasm for the wasm backend)
 *
 * A diagnostic, not a benchmark: the timers add ~0.1 µs per kernel call.
 */
import { identityOrder } from '../engine/data/batcher';
import { gatherBatch } from '../engine/train/resident-batch';
import type { Backend, Kernels } from '../engine/kernels/kernels';
import { loadNativeBackend } from '../engine/native/load';
import { loadWasmBackend } from '../engine/node/wasm';
import { createOptimizer } from '../engine/optim';
import { prepareRun } from '../engine/train/prepare';
import { SPECS, loadFashion } from './workloads';

const w = (process.argv[2] ?? 'w3') as 'w3' | 'w4';
const totalSteps = Number(process.argv[3] ?? 600);
const loaded = process.env.BACKEND === 'wasm' ? loadWasmBackend({ threads: 2 }) : loadNativeBackend({ threads: 2 });
if ('error' in loaded) throw new Error(loaded.error);
const inner = loaded.backend;
if (!inner.setActiveThreads) throw new Error('this backend cannot switch threads');

let active = 2;
/** Times (ms) per key and thread count. */
const times = new Map<string, [number[], number[]]>();
const book = (key: string, ms: number) => {
  let t = times.get(key);
  if (!t) times.set(key, (t = [[], []]));
  t[active - 1].push(ms);
};
const wrapped: Record<string, unknown> = {};
for (const [name, fn] of Object.entries(inner.kernels) as [string, (...a: unknown[]) => unknown][]) {
  wrapped[name] = (...args: unknown[]) => {
    const t0 = performance.now();
    const result = fn(...args);
    let key = name;
    if (name === 'gemm') key += ` ${args[2]}×${args[3]}×${args[4]} t${+!!args[0]}${+!!args[1]}`;
    if (name === 'denseForward') key += ` ${args[6]}×${args[7]}×${args[8]}`;
    if (name === 'denseBackward') key += ` ${args[10]}×${args[11]}×${args[12]}`;
    const dims = args.find((a) => typeof a === 'object' && a !== null && 'cOut' in a) as { cIn: number; cOut: number } | undefined;
    if (dims) key += ` ${dims.cIn}→${dims.cOut}`;
    book(`  ${key}`, performance.now() - t0);
    return result;
  };
}
const backend: Backend = { ...inner, kernels: wrapped as unknown as Kernels };

const shape = w === 'w3' ? [784] : [28, 28, 1];
const fashion = loadFashion('t10k', shape);
const batch = w === 'w3' ? 128 : 64;
const opt = { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
const prepared = prepareRun(
  {
    runId: 'thread-profile',
    spec: SPECS[w](),
    data: { kind: 'inline', x: fashion.x, y: fashion.y, exampleShape: shape, numClasses: 10 },
    config: { epochs: 1, batchSize: batch, learningRate: 1e-3, optimizer: opt, seed: 1 },
  },
  backend,
);
const { net, train } = prepared;
const optimizer = createOptimizer(net, opt);
const order = identityOrder(train.m);
for (let it = 0; it < totalSteps; it++) {
  if (it === Math.floor(totalSteps / 5)) times.clear(); // warm-up
  // Blocks of 8 steps per count: a step right after the other count finds its data in the other core's cache.
  active = Math.floor(it / 8) % 2 === 0 ? 1 : 2;
  inner.setActiveThreads(active);
  const start = (it * batch) % (train.m - batch);
  const s0 = performance.now();
  let t0 = s0;
  const phase = (name: string) => {
    const t = performance.now();
    book(name, t - t0);
    t0 = t;
  };
  gatherBatch(net, train, order, start, batch);
  phase('gather');
  net.forward(batch, 'train');
  phase('forward');
  net.backward(batch);
  net.cost(batch);
  phase('backward + cost');
  optimizer.step(1e-3, 0);
  phase('optimizer');
  book('step', performance.now() - s0);
}

const quartile = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 4)];
};
console.log(`${w} on ${inner.name}, 2-thread backend alternating 1 and 2 threads every 8 steps; lower quartile per call, µs`);
console.log(`${'what'.padEnd(38)} ${'calls/step'.padStart(10)} ${'1 thread'.padStart(9)} ${'2 threads'.padStart(9)} ${'1/2'.padStart(6)}`);
const steps = times.get('step')![0].length;
const rows = [...times.entries()].sort((a, b) => quartile(b[1][0]) * b[1][0].length - quartile(a[1][0]) * a[1][0].length);
for (const [key, [one, two]] of rows) {
  const q1 = quartile(one) * 1000;
  const q2 = quartile(two) * 1000;
  console.log(
    `${key.padEnd(38)} ${(one.length / steps).toFixed(0).padStart(10)} ${q1.toFixed(1).padStart(9)} ${q2.toFixed(1).padStart(9)} ${(q1 / q2).toFixed(2).padStart(6)}`,
  );
}
