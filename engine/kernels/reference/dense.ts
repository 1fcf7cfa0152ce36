/**
 * Fused dense-layer kernels of the reference backend: the unfused kernels in turn. Called as
 * methods (`kernels.denseForward(…)`), they go through that kernels object, so a backend that
 * overrides one unfused kernel (instrumentation, a planted bug in a test) sees it used here too.
 */
import { ACT, type ActCode, type FloatArray, type Kernels } from '../kernels';
import { activationBackward, activationForward, addBiasRows, sumRows } from './elementwise';
import { gemm } from './gemm';

type Unfused = Pick<Kernels, 'gemm' | 'addBiasRows' | 'activationForward' | 'activationBackward' | 'sumRows'>;
const plain: Unfused = { gemm, addBiasRows, activationForward, activationBackward, sumRows };

function unfused(self: unknown): Unfused {
  const k = self as Partial<Unfused> | undefined;
  return k && typeof k.gemm === 'function' && typeof k.activationBackward === 'function' ? (k as Unfused) : plain;
}

export function denseForward(
  this: unknown,
  act: ActCode,
  W: FloatArray,
  X: FloatArray,
  b: FloatArray,
  Z: FloatArray,
  A: FloatArray,
  n: number,
  k: number,
  m: number,
  alpha: number,
): void {
  const kn = unfused(this);
  kn.gemm(false, false, n, m, k, 1, W, X, 0, Z);
  kn.addBiasRows(Z, b, n, m);
  if (act !== ACT.linear) kn.activationForward(act, Z, A, n * m, alpha);
}

export function denseBackward(
  this: unknown,
  act: ActCode,
  W: FloatArray,
  X: FloatArray,
  Z: FloatArray,
  A: FloatArray,
  dA: FloatArray,
  dZ: FloatArray,
  dW: FloatArray,
  db: FloatArray,
  dX: FloatArray | null,
  n: number,
  k: number,
  m: number,
  alpha: number,
  scale: number,
): void {
  const kn = unfused(this);
  if (act !== ACT.linear || dZ !== dA) kn.activationBackward(act, Z, A, dA, dZ, n * m, alpha);
  kn.gemm(false, true, n, k, m, scale, dZ, X, 0, dW);
  kn.sumRows(dZ, n, m, scale, db, 0);
  if (dX) kn.gemm(true, false, k, m, n, 1, W, dZ, 0, dX);
}
