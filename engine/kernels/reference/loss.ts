/** Loss kernels of the reference backend: the formulas of engine/losses, in float64. */
import { lossSum as lossSumOf } from '../../losses';
import type { LossKind } from '../../spec/types';
import type { FloatArray, LossCode } from '../kernels';

const KIND: readonly LossKind[] = ['bce', 'cross_entropy', 'mse'];

function kindOf(loss: LossCode): LossKind {
  const kind = KIND[loss];
  if (kind === undefined) throw new RangeError(`lossSum: unknown loss code ${loss}`);
  return kind;
}

export function lossSum(loss: LossCode, Z: FloatArray, A: FloatArray, Y: FloatArray, n: number, m: number): number {
  return lossSumOf(kindOf(loss), Z, A, Y, n, m);
}

export function lossGradient(loss: LossCode, Z: FloatArray, A: FloatArray, Y: FloatArray, dZ: FloatArray, n: number, m: number): number {
  const total = lossSumOf(kindOf(loss), Z, A, Y, n, m);
  for (let i = 0; i < n * m; i++) dZ[i] = A[i] - Y[i];
  return total;
}
