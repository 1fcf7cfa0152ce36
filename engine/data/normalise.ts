/**
 * Input normalisation, as in the course: μ and σ² come from the training set only
 * and the same transform is applied to dev and test (and stored with the model).
 */
import { exampleSize, type Dataset } from './dataset';
import type { Normalisation } from './source';

export interface NormalisationParams {
  kind: Normalisation;
  /** Per feature: subtract `shift`, then multiply by `scale`. */
  shift: number[];
  scale: number[];
}

/**
 * Fits on `train`, or on only its examples at `rows` (the train split's indices into the whole
 * dataset, so the split need not be copied first).
 */
export function fitNormalisation(kind: Normalisation, train: Dataset, rows?: ArrayLike<number>): NormalisationParams {
  const n = exampleSize(train);
  const shift = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(1);
  const m = rows ? rows.length : train.m;
  if (kind === 'none' || m === 0) return { kind, shift, scale };
  // Examples-major passes (cache-friendly), accumulating per feature in float64.
  const x = train.x;
  const rowAt = rows ? (i: number) => rows[i] * n : (i: number) => i * n;
  if (kind === 'standardise') {
    const sum = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const row = rowAt(i);
      for (let f = 0; f < n; f++) sum[f] += x[row + f];
    }
    const mu = sum.map((v) => v / m);
    const sq = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const row = rowAt(i);
      for (let f = 0; f < n; f++) {
        const d = x[row + f] - mu[f];
        sq[f] += d * d;
      }
    }
    for (let f = 0; f < n; f++) {
      const sigma2 = sq[f] / m;
      shift[f] = mu[f];
      // A constant feature stays centred rather than dividing by zero.
      scale[f] = sigma2 > 1e-12 ? 1 / Math.sqrt(sigma2) : 1;
    }
  } else {
    const lo = new Float64Array(n).fill(Infinity);
    const hi = new Float64Array(n).fill(-Infinity);
    for (let i = 0; i < m; i++) {
      const row = rowAt(i);
      for (let f = 0; f < n; f++) {
        const v = x[row + f];
        if (v < lo[f]) lo[f] = v;
        if (v > hi[f]) hi[f] = v;
      }
    }
    for (let f = 0; f < n; f++) {
      shift[f] = lo[f];
      scale[f] = hi[f] - lo[f] > 1e-12 ? 1 / (hi[f] - lo[f]) : 1;
    }
  }
  return { kind, shift, scale };
}

/** x ← (x − shift) · scale, per feature, in place on examples-major data. */
export function applyNormalisation(params: NormalisationParams, x: Float32Array, n: number): void {
  if (params.kind === 'none') return;
  const m = x.length / n;
  const shift = Float64Array.from(params.shift);
  const scale = Float64Array.from(params.scale);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let f = 0; f < n; f++) x[row + f] = (x[row + f] - shift[f]) * scale[f];
  }
}
