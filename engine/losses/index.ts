/**
 * Costs J = 1/m Σ 𝓛, computed from Z[L] for numerical stability (no log(0)):
 * - bce: 𝓛 = −(y log a + (1 − y) log(1 − a)) = max(z, 0) − z·y + log(1 + e^−|z|)
 * - cross_entropy: 𝓛 = −Σ_k y_k log a_k = Σ_k y_k (logsumexp(z) − z_k)
 * - mse: 𝓛 = ½ ‖a − y‖² (the ½ makes dZ = A − Y)
 * Matrices are (n, m) with examples as columns.
 */
import type { FloatArray } from '../kernels/kernels';
import type { LossKind } from '../spec/types';

export function lossSum(loss: LossKind, Z: FloatArray, A: FloatArray, Y: FloatArray, n: number, m: number): number {
  let total = 0;
  switch (loss) {
    case 'bce':
      for (let i = 0; i < n * m; i++) {
        const z = Z[i];
        total += Math.max(z, 0) - z * Y[i] + Math.log1p(Math.exp(-Math.abs(z)));
      }
      return total;
    case 'cross_entropy':
      for (let c = 0; c < m; c++) {
        let max = -Infinity;
        for (let r = 0; r < n; r++) max = Math.max(max, Z[r * m + c]);
        let sumExp = 0;
        for (let r = 0; r < n; r++) sumExp += Math.exp(Z[r * m + c] - max);
        const logSumExp = max + Math.log(sumExp);
        for (let r = 0; r < n; r++) {
          const y = Y[r * m + c];
          if (y !== 0) total += y * (logSumExp - Z[r * m + c]);
        }
      }
      return total;
    case 'mse':
      for (let i = 0; i < n * m; i++) {
        const diff = A[i] - Y[i];
        total += 0.5 * diff * diff;
      }
      return total;
  }
}

/** J = 1/m Σ 𝓛 */
export function cost(loss: LossKind, Z: FloatArray, A: FloatArray, Y: FloatArray, n: number, m: number): number {
  return lossSum(loss, Z, A, Y, n, m) / m;
}
