/**
 * Where W1's and W2's time goes outside the kernels (not part of `npm run bench`): the same
 * training (1) through trainModel — events, live views, epoch evaluations — and (2) as a
 * bare plan-API loop (forward, backward, cost, optimizer step; the batch loaded once), in the
 * same process after a warm-up run, so the difference is the training loop's own overhead.
 *
 *   npx tsx bench/engine-overhead.ts
 */
import { identityOrder, loadBatch } from '../engine/data/batcher';
import { loadNativeBackend } from '../engine/native/load';
import { createOptimizer } from '../engine/optim';
import type { RunRequest } from '../engine/protocol/messages';
import { trainModel } from '../engine/train/loop';
import { prepareRun } from '../engine/train/prepare';
import { SPECS, w1Data, w2Data } from './workloads';

const r = loadNativeBackend({ threads: 1 });
if ('error' in r) throw new Error(r.error);
const backend = r.backend;
const workloads = [
  ['w1', SPECS.w1(), w1Data(), 1.2, 50_000],
  ['w2', SPECS.w2(), w2Data(), 0.0075, 300],
] as const;

async function main(): Promise<void> {
  for (const [name, spec, data, lr, iterations] of workloads) {
    const request: RunRequest = {
      runId: name,
      spec,
      data: { kind: 'inline', x: data.x, y: data.y, exampleShape: data.exampleShape, numClasses: data.numClasses },
      config: { iterations, batchSize: 'full', learningRate: lr, optimizer: { kind: 'gd' }, seed: 2 },
    };
    for (let round = 0; round < 2; round++) {
      let t0 = performance.now();
      await trainModel(request, backend, { emit() {}, checkpoint: async () => 'continue', now: () => performance.now() });
      const loopUs = ((performance.now() - t0) / iterations) * 1000;
      const { net, train } = prepareRun(request, backend);
      const opt = createOptimizer(net, { kind: 'gd' });
      loadBatch(net, train, identityOrder(train.m), 0, train.m);
      t0 = performance.now();
      for (let it = 0; it < iterations; it++) {
        net.forward(train.m, 'train');
        net.backward(train.m);
        net.cost(train.m);
        opt.step(lr, 0);
      }
      const bareUs = ((performance.now() - t0) / iterations) * 1000;
      if (round === 1)
        console.log(
          `${name}: trainModel ${loopUs.toFixed(2)} µs/it, bare plan loop ${bareUs.toFixed(2)} µs/it (loop overhead ${(loopUs - bareUs).toFixed(2)} µs)`,
        );
    }
  }
}
void main();
