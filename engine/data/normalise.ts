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

export function fitNormalisation(kind: Normalisation, train: Dataset): NormalisationParams {
  const n = exampleSize(train);
  const shift = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(1);
  if (kind === 'none' || train.m === 0) return { kind, shift, scale };
  for (let f = 0; f < n; f++) {
    if (kind === 'standardise') {
      let sum = 0;
      for (let i = 0; i < train.m; i++) sum += train.x[i * n + f];
      const mu = sum / train.m;
      let sq = 0;
      for (let i = 0; i < train.m; i++) sq += (train.x[i * n + f] - mu) ** 2;
      const sigma2 = sq / train.m;
      shift[f] = mu;
      // A constant feature stays centred rather than dividing by zero.
      scale[f] = sigma2 > 1e-12 ? 1 / Math.sqrt(sigma2) : 1;
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < train.m; i++) {
        const v = train.x[i * n + f];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      shift[f] = lo;
      scale[f] = hi - lo > 1e-12 ? 1 / (hi - lo) : 1;
    }
  }
  return { kind, shift, scale };
}

/** x ← (x − shift) · scale, per feature, in place on examples-major data. */
export function applyNormalisation(params: NormalisationParams, x: Float32Array, n: number): void {
  if (params.kind === 'none') return;
  const m = x.length / n;
  for (let i = 0; i < m; i++) for (let f = 0; f < n; f++) x[i * n + f] = (x[i * n + f] - params.shift[f]) * params.scale[f];
}

export function normaliseDataset(params: NormalisationParams, data: Dataset): Dataset {
  const x = new Float32Array(data.x);
  applyNormalisation(params, x, exampleSize(data));
  return { ...data, x };
}
