/**
 * Evidence for two engine changes (not part of `npm run bench`): W1 and W2 stepped through
 * the engine's plan API on the native backend, (1) as trainModel does it (reload the batch
 * and compute the cost in JS every iteration), (2) without reloading an unchanged full
 * batch, (3) also computing the cost only every 100th iteration.
 *
 *   npx tsx bench/engine-overhead.ts
 */
import { loadNativeBackend } from '../engine/native/load';
import { prepareRun } from '../engine/train/prepare';
import { createOptimizer } from '../engine/optim';
import { loadBatch, identityOrder } from '../engine/data/batcher';
import { SPECS, w1Data, w2Data } from './workloads';
const r = loadNativeBackend({ threads: 1 }); if ('error' in r) throw new Error(r.error);
const workloads = [
  ['w1', SPECS.w1(), w1Data(), 1.2, 10000],
  ['w2', SPECS.w2(), w2Data(), 0.0075, 300],
] as const;
for (const [name, spec, data, lr, iters] of workloads) {
  for (const variant of ['engine-like', 'no-reload', 'no-reload+cost/100']) {
    const p = prepareRun({ runId: 'x', spec, data: { kind: 'inline', x: data.x, y: data.y, exampleShape: data.exampleShape, numClasses: data.numClasses }, config: { iterations: iters, batchSize: 'full', learningRate: lr, optimizer: { kind: 'gd' }, seed: 2 } }, r.backend);
    const { net, train } = p; const m = train.m; const order = identityOrder(m);
    const opt = createOptimizer(net, { kind: 'gd' });
    loadBatch(net, train, order, 0, m);
    let t0 = 0; let J = 0;
    for (let it = 0; it < iters; it++) {
      if (it === 1) t0 = performance.now();
      if (variant === 'engine-like') loadBatch(net, train, order, 0, m);
      net.forward(m, 'train');
      if (variant !== 'no-reload+cost/100' || it % 100 === 0) J = net.cost(m);
      net.backward(m);
      opt.step(lr, 0);
    }
    const dt = (performance.now() - t0) / 1000;
    console.log(name, variant.padEnd(20), Math.round((iters - 1) / dt), 'it/s', 'J', J.toFixed(4));
  }
}
