/**
 * Measures how long Fashion-MNIST train (60,000 × 784, Debian's dataset-fashion-mnist) takes
 * from gzipped bytes to a split, normalised dataset ready to train, and its memory.
 * Run: npx tsx scripts/time-fashion-mnist.ts
 */
import { readFileSync } from 'node:fs';
import { readIdxPair } from '../engine/data/readers/idx';
import { splitDataset } from '../engine/data/split';
import { fitNormalisation, normaliseDataset } from '../engine/data/normalise';

const dir = '/usr/share/datasets/fashion-mnist';
const images = new Uint8Array(readFileSync(`${dir}/train-images-idx3-ubyte.gz`));
const labels = new Uint8Array(readFileSync(`${dir}/train-labels-idx1-ubyte.gz`));
const t0 = performance.now();
const { dataset } = readIdxPair({ name: 'train-images-idx3-ubyte.gz', bytes: images }, { name: 'train-labels-idx1-ubyte.gz', bytes: labels });
const t1 = performance.now();
const s = splitDataset(dataset, { train: 0.98, dev: 0.01, seed: 1, stratify: true });
const p = fitNormalisation('standardise', s.train);
const train = normaliseDataset(p, s.train);
const t2 = performance.now();
const f32 = dataset.x.byteLength + dataset.y.byteLength;
console.log(`m=${dataset.m} shape=${dataset.exampleShape.join('×')} read+decode ${(t1 - t0).toFixed(0)} ms; + stratified split + standardise ${(t2 - t1).toFixed(0)} ms; total ${(t2 - t0).toFixed(0)} ms`);
console.log(`dataset float32 ${(f32 / 1e6).toFixed(1)} MB; train ${train.m} examples; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
