/**
 * Multi-task loss kernels (course 3, week 2): k independent sigmoid units, each with binary
 * cross-entropy, summed over the tasks; a label that is missing (NaN) adds nothing and sends
 * no gradient — "sum only over the values of j with a 0 or 1 label". From Z, like bce:
 * 𝓛 = max(z, 0) − z·y + log(1 + e^−|z|). Accumulated in float64.
 */
import type { FloatArray } from '../kernels';

export function taskLossSum(Z: FloatArray, Y: FloatArray, n: number, m: number): number {
  let total = 0;
  for (let i = 0; i < n * m; i++) {
    const y = Y[i];
    if (y !== y) continue; // NaN: no label for this task and example
    const z = Z[i];
    total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return total;
}

/** dZ = A − Y where the label is present, 0 where it is missing; returns taskLossSum. */
export function taskLossGradient(Z: FloatArray, A: FloatArray, Y: FloatArray, dZ: FloatArray, n: number, m: number): number {
  for (let i = 0; i < n * m; i++) {
    const y = Y[i];
    dZ[i] = y === y ? A[i] - y : 0;
  }
  return taskLossSum(Z, Y, n, m);
}
