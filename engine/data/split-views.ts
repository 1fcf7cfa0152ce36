/**
 * The splits of a dataset laid out one after another in a single buffer — train, train-dev,
 * dev, test — each a view (subarray) of it, normalised on the way. One float32 copy of the
 * data in all (none with `inPlace`), instead of one per split plus one per normalisation:
 * Fashion-MNIST's 60,000 × 784 is 188 MB as float32, so every copy counts.
 */
import { exampleSize, type Dataset } from './dataset';
import { applyNormalisation, type NormalisationParams } from './normalise';
import type { SplitIndices } from './split';

export interface SplitViews {
  train: Dataset;
  trainDev: Dataset | null;
  dev: Dataset | null;
  test: Dataset | null;
}

export interface GatherOptions {
  /**
   * Reorder and normalise `data`'s own buffers instead of copying them (the caller gives the
   * data up: a trainer that received it in a message). Only when every example is in some split.
   */
  inPlace?: boolean;
}

export function gatherSplits(data: Dataset, ix: SplitIndices, normalisation: NormalisationParams, options: GatherOptions = {}): SplitViews {
  const n = exampleSize(data);
  const w = data.targetWidth;
  const parts = [ix.train, ix.trainDev, ix.dev, ix.test];
  const m = parts.reduce((sum, p) => sum + p.length, 0);
  let x: Float32Array;
  let y: Float32Array;
  if (options.inPlace && m === data.m) {
    const order = new Int32Array(m);
    let at = 0;
    for (const p of parts) {
      order.set(p, at);
      at += p.length;
    }
    permuteRows(data.x, n, order);
    permuteRows(data.y, w, order);
    x = data.x;
    y = data.y;
  } else {
    x = new Float32Array(m * n);
    y = new Float32Array(m * w);
    let at = 0;
    for (const p of parts) {
      for (let i = 0; i < p.length; i++, at++) {
        const from = p[i];
        x.set(data.x.subarray(from * n, from * n + n), at * n);
        y.set(data.y.subarray(from * w, from * w + w), at * w);
      }
    }
  }
  applyNormalisation(normalisation, x, n);
  const views: (Dataset | null)[] = [];
  let start = 0;
  for (const p of parts) {
    const k = p.length;
    views.push(k > 0 ? { ...data, x: x.subarray(start * n, (start + k) * n), y: y.subarray(start * w, (start + k) * w), m: k } : null);
    start += k;
  }
  return { train: views[0]!, trainDev: views[1], dev: views[2], test: views[3] };
}

/**
 * rows[p] ← rows[order[p]] for every p, in place: follow each cycle of the permutation with
 * one row of scratch, so no second copy of the data is ever made.
 */
export function permuteRows(values: Float32Array, width: number, order: Int32Array): void {
  const done = new Uint8Array(order.length);
  const scratch = new Float32Array(width);
  for (let start = 0; start < order.length; start++) {
    if (done[start] || order[start] === start) {
      done[start] = 1;
      continue;
    }
    scratch.set(values.subarray(start * width, start * width + width));
    let q = start;
    for (;;) {
      done[q] = 1;
      const from = order[q];
      if (from === start) {
        values.set(scratch, q * width);
        break;
      }
      values.copyWithin(q * width, from * width, from * width + width);
      q = from;
    }
  }
}
