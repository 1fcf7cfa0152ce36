/**
 * Where a training step's time goes: runs W3 or W4 steps through the engine's plan API
 * (the loop's batch gather → forward → cost → backward → optimizer step) on the native backend, with
 * every kernel wrapped in a timer, and prints per-phase and per-kernel microseconds per step.
 *
 *   npx tsx bench/profile-kernels.ts [w1|w2|w3|w4] [threads]      (CONV=im2col to force im2col;
 *                                                                 BACKEND=wasm for the wasm backend)
 *
 * W1/W2 are full-batch GD: the batch is loaded once (as trainModel does), so loadBatch is ~0.
 *
 * A diagnostic, not a benchmark: the timers add ~0.1 µs per kernel call.
 */
import { identityOrder } from '../engine/data/batcher';
import { gatherBatch } from '../engine/train/resident-batch';
import type { Backend, Kernels } from '../engine/kernels/kernels';
import { loadNativeBackend, setNativeConvAlgorithm } from '../engine/native/load';
import { loadWasmBackend } from '../engine/node/wasm';
import { createOptimizer } from '../engine/optim';
import { prepareRun } from '../engine/train/prepare';
import { SPECS, loadFashion, w1Data, w2Data } from './workloads';

const w = (process.argv[2] ?? 'w4') as 'w1' | 'w2' | 'w3' | 'w4';
const fullBatch = w === 'w1' || w === 'w2';
const threads = Number(process.argv[3] ?? 1);
const wasm = process.env.BACKEND === 'wasm';
const loaded = wasm ? loadWasmBackend({ threads }) : loadNativeBackend({ threads });
if ('error' in loaded) throw new Error(loaded.error);
if (process.env.CONV === 'im2col') setNativeConvAlgorithm('im2col');

const spent = new Map<string, number>();
const wrapped: Record<string, unknown> = {};
for (const [name, fn] of Object.entries(loaded.backend.kernels) as [string, (...a: unknown[]) => unknown][]) {
  wrapped[name] = (...args: unknown[]) => {
    const t0 = performance.now();
    const result = fn(...args);
    let key = name;
    if (name === 'gemm') key += ` ${args[2]}×${args[3]}×${args[4]} t${+!!args[0]}${+!!args[1]}`;
    const dims = args.find((a) => typeof a === 'object' && a !== null && 'cOut' in a) as { cIn: number; cOut: number } | undefined;
    if (dims) key += ` ${dims.cIn}→${dims.cOut}`;
    spent.set(key, (spent.get(key) ?? 0) + performance.now() - t0);
    return result;
  };
}
const backend: Backend = { ...loaded.backend, kernels: wrapped as unknown as Kernels };

const fashion = w === 'w3' || w === 'w4' ? loadFashion('t10k', w === 'w3' ? [784] : [28, 28, 1]) : null;
const data = fashion ? { ...fashion, exampleShape: w === 'w3' ? [784] : [28, 28, 1], numClasses: 10 } : w === 'w1' ? w1Data() : w2Data();
const opt = fullBatch ? ({ kind: 'gd' } as const) : ({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const);
const lr = w === 'w1' ? 1.2 : w === 'w2' ? 0.0075 : 1e-3;
const prepared = prepareRun(
  {
    runId: 'profile',
    spec: SPECS[w](),
    data: { kind: 'inline', x: data.x, y: data.y, exampleShape: data.exampleShape, numClasses: data.numClasses },
    config: { epochs: 1, batchSize: fullBatch ? 'full' : w === 'w3' ? 128 : 64, learningRate: lr, optimizer: opt, seed: 1 },
  },
  backend,
);
const { net, train } = prepared;
const optimizer = createOptimizer(net, opt);
const batch = fullBatch ? train.m : w === 'w3' ? 128 : 64;
const steps0 = w === 'w1' ? 3000 : 150;
const order = identityOrder(train.m);
const phases = { loadBatch: 0, forward: 0, cost: 0, backward: 0, optimizer: 0 };
let steps = 0;
for (let it = 0; it < steps0; it++) {
  if (it === Math.floor(steps0 / 5)) {
    spent.clear();
    steps = 0;
    for (const k of Object.keys(phases)) phases[k as keyof typeof phases] = 0;
  }
  const start = fullBatch ? 0 : (it * batch) % (train.m - batch);
  let t0 = performance.now();
  if (!fullBatch || it === 0) gatherBatch(net, train, order, start, batch);
  phases.loadBatch += performance.now() - t0;
  t0 = performance.now();
  net.forward(batch, 'train');
  phases.forward += performance.now() - t0;
  t0 = performance.now();
  net.cost(batch);
  phases.cost += performance.now() - t0;
  t0 = performance.now();
  net.backward(batch);
  phases.backward += performance.now() - t0;
  t0 = performance.now();
  optimizer.step(lr, 0);
  phases.optimizer += performance.now() - t0;
  steps++;
}
const us = (ms: number) => ((ms / steps) * 1000).toFixed(0);
const total = Object.values(phases).reduce((a, b) => a + b, 0);
const inKernels = [...spent.values()].reduce((a, b) => a + b, 0);
console.log(
  `${w}, ${threads} thread(s), µs per step: ${Object.entries(phases)
    .map(([k, v]) => `${k} ${us(v)}`)
    .join(', ')}; total ${us(total)}`,
);
console.log(`in ${loaded.backend.name} kernels ${us(inKernels)} µs, in engine JS ${us(total - inKernels)} µs`);
for (const [k, v] of [...spent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${k.padEnd(36)} ${us(v)}`);
