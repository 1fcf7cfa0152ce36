/**
 * Measures how long Fashion-MNIST train (60,000 × 784, Debian's dataset-fashion-mnist) takes
 * from gzipped bytes to a split, normalised dataset ready to train, and its memory.
 * Run: npx tsx scripts/time-fashion-mnist.ts [--copy]
 *   default: the trainer's path for data it owns (splits reordered in place, views, normalised in place)
 *   --copy:  one copy of the data for all the splits (the path when the caller keeps its arrays)
 *   --run:   the trainer's own path, prepareRun on an inline RunRequest (validation, split, fit, network), in place
 *            as the trainer does with data it received (add --copy for a caller that keeps its data)
 * The bound in issue 8: ready in ≤ 2 s, and ≤ 2× the float32 size (2 × 188 MB = 376 MB) in memory.
 */
import { readFileSync } from 'node:fs';
import { readIdxPair } from '../engine/data/readers/idx';
import { splitIndices } from '../engine/data/split';
import { fitNormalisation } from '../engine/data/normalise';
import { gatherSplits } from '../engine/data/split-views';
import { prepareRun } from '../engine/train/prepare';
import { createReferenceBackend } from '../engine/kernels/reference';

const inPlace = !process.argv.includes('--copy');
const viaRun = process.argv.includes('--run');
const dir = '/usr/share/datasets/fashion-mnist';
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
// Reading the files is part of "loads": the gzipped bytes are dropped once decoded.
const { dataset } = readIdxPair(
  { name: 'train-images-idx3-ubyte.gz', bytes: new Uint8Array(readFileSync(`${dir}/train-images-idx3-ubyte.gz`)) },
  { name: 'train-labels-idx1-ubyte.gz', bytes: new Uint8Array(readFileSync(`${dir}/train-labels-idx1-ubyte.gz`)) },
);
const t1 = performance.now();
const split = { train: 0.98, dev: 0.01, seed: 1, stratify: true, trainDev: 0.01 };
let views: { train: { m: number }; trainDev: { m: number } | null; dev: { m: number } | null; test: { m: number } | null };
if (viaRun) {
  const spec = {
    format: 'dendrite.spec' as const,
    version: 1 as const,
    layers: [
      { id: 'x', kind: 'input' as const, inputs: [], shape: [28, 28, 1] },
      { id: 'f', kind: 'flatten' as const, inputs: ['x'] },
      { id: 'y', kind: 'output' as const, inputs: ['f'], units: 10, activation: 'softmax' as const, loss: 'cross_entropy' as const },
    ],
  };
  const data = { kind: 'inline' as const, x: dataset.x, y: dataset.y, exampleShape: dataset.exampleShape, numClasses: 10 };
  const config = { batchSize: 128, learningRate: 0.01, optimizer: { kind: 'adam' as const }, seed: 1, epochs: 1 };
  // As the trainer does: it owns the data it received (--copy: as a caller that keeps it).
  views = prepareRun({ runId: 'time', spec, data, split, normalisation: 'standardise', config } as never, createReferenceBackend(), { ownsData: inPlace });
} else {
  const ix = splitIndices(dataset, split);
  const params = fitNormalisation('standardise', dataset, ix.train);
  views = gatherSplits(dataset, ix, params, { inPlace });
}
const t2 = performance.now();
const f32 = dataset.m * 785 * 4;
const usage = process.memoryUsage();
console.log(
  `m=${dataset.m} shape=${dataset.exampleShape.join('×')} (${viaRun ? 'prepareRun' : inPlace ? 'in place' : 'one copy'}): read+decode ${(t1 - t0).toFixed(0)} ms; ` +
    `stratified split (train-dev 1 %) + standardise ${(t2 - t1).toFixed(0)} ms; total ${(t2 - t0).toFixed(0)} ms (bound 2000 ms)`,
);
console.log(
  `float32 size ${mb(f32)} (bound 2× = ${mb(2 * f32)}); train ${views.train.m}, train-dev ${views.trainDev?.m ?? 0}, dev ${views.dev?.m ?? 0}, test ${views.test?.m ?? 0}; ` +
    `array buffers ${mb(usage.arrayBuffers)}; rss ${mb(usage.rss)} (${mb(usage.rss - rssBefore)} above start-up)`,
);
