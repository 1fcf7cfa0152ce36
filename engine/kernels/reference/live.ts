/** Kernels of the reference backend behind the live views, evaluation and initialisation. */
import { createRng } from '../../tensor/rng';
import type { FloatArray } from '../kernels';

export function classErrors(A: FloatArray, Y: FloatArray, n: number, m: number): number {
  let wrong = 0;
  if (n === 1) {
    for (let i = 0; i < m; i++) if ((A[i] > 0.5 ? 1 : 0) !== Y[i]) wrong++;
    return wrong;
  }
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let r = 1; r < n; r++) if (A[r * m + i] > A[best * m + i]) best = r;
    if (Y[best * m + i] !== 1) wrong++;
  }
  return wrong;
}

export function histogram(x: FloatArray, n: number, bins: number, counts: Int32Array, range: FloatArray): void {
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  counts.fill(0, 0, bins);
  if (!(min <= max)) {
    range[0] = 0;
    range[1] = 0;
    return;
  }
  range[0] = min;
  range[1] = max;
  const width = (max - min) / bins;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    counts[width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0]++;
  }
}

export function randn(state: Int32Array, n: number, scale: number, out: FloatArray): void {
  if (scale === 0) {
    out.fill(0, 0, n);
    return;
  }
  const rng = createRng(0);
  rng.restore(state);
  for (let i = 0; i < n; i++) out[i] = rng.randn() * scale;
  rng.save(state);
}
