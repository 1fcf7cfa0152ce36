/** Buffer allocation in the backend's float type; the only place the engine picks an array class. */
import type { FloatArray } from '../kernels/kernels';

export type Dtype = 'float32' | 'float64';

export function allocate(dtype: Dtype, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
