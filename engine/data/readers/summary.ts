/** What an import shows: class balance and per-feature statistics. */
import { exampleSize, type Dataset } from '../dataset';

export interface FeatureStats {
  min: number;
  max: number;
  mean: number;
  std: number;
}

export function classCounts(data: Dataset): number[] {
  if (data.numClasses < 2) return [];
  const counts = new Array<number>(data.numClasses).fill(0);
  for (let i = 0; i < data.m; i++) counts[data.y[i * data.targetWidth]]++;
  return counts;
}

/** Per-feature min, max, mean and population standard deviation (first `limit` features). */
export function featureStats(data: Dataset, limit = Infinity): FeatureStats[] {
  const n = exampleSize(data);
  const k = Math.min(n, limit);
  const out: FeatureStats[] = [];
  for (let f = 0; f < k; f++) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < data.m; i++) {
      const v = data.x[i * n + f];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / data.m;
    let sq = 0;
    for (let i = 0; i < data.m; i++) sq += (data.x[i * n + f] - mean) ** 2;
    out.push({ min, max, mean, std: Math.sqrt(sq / data.m) });
  }
  return out;
}

/** The course's default split: 60/20/20 for small sets, 98/1/1 above a million examples. */
export function defaultSplit(m: number): { train: number; dev: number } {
  return m > 1_000_000 ? { train: 0.98, dev: 0.01 } : { train: 0.6, dev: 0.2 };
}
