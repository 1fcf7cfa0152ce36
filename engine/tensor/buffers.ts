/**
 * Buffer allocation: the only place the engine picks an array class, and where a backend with
 * its own memory provides the buffers (wasm: views on the module's linear memory, so kernels
 * use them in place). Every buffer starts zero-filled.
 */
import type { FloatArray } from '../kernels/kernels';

export type Dtype = 'float32' | 'float64';

/** A backend's own memory for float32 tensors and index buffers (e.g. max-pool argmax). */
export interface TensorMemory {
  f32(n: number): Float32Array;
  i32(n: number): Int32Array;
}

/** Where buffers come from: a float type, or a backend (or layer context) that may have a memory. */
export type BufferSource = Dtype | { readonly dtype: Dtype; readonly memory?: TensorMemory };

export function allocate(from: BufferSource, n: number): FloatArray {
  if (typeof from === 'string') return from === 'float64' ? new Float64Array(n) : new Float32Array(n);
  return from.memory && from.dtype === 'float32' ? from.memory.f32(n) : allocate(from.dtype, n);
}

/** Int32 indices that kernels read or write (max-pool argmax), in the backend's memory when it has one. */
export function allocateIndices(from: BufferSource, n: number): Int32Array {
  return typeof from !== 'string' && from.memory ? from.memory.i32(n) : new Int32Array(n);
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
