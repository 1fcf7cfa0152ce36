/**
 * What every layer kind provides. Buffers are allocated once, for the largest batch
 * (`capacity` examples); a step passes the actual m and allocates nothing.
 *
 * Gradient convention (the course's): dA flowing backward is ∂𝓛/∂A per example
 * (dZ[L] = A[L] − Y, no 1/m), and parameter gradients carry the 1/m:
 * dW[l] = 1/m dZ[l] A[l−1]ᵀ, db[l] = 1/m Σ dZ[l]. So dW is ∂J/∂W for J = 1/m Σ 𝓛.
 */
import type { FloatArray, Kernels } from '../kernels/kernels';
import type { LayerSpec } from '../spec/types';
import type { Dtype } from '../tensor/buffers';
import type { Rng } from '../tensor/rng';

/** train: dropout on, batch statistics. test: dropout off, running averages. check: dropout off, batch statistics (gradient checking). */
export type Mode = 'train' | 'test' | 'check';

export interface ParamTensor {
  /** Course name: W, b, gamma, beta. */
  name: string;
  layerId: string;
  /** Course shape, e.g. W (n[l], n[l−1]), b (n[l], 1), conv W (f, f, n_C_prev, n_C). */
  shape: number[];
  size: number;
  value: FloatArray;
  grad: FloatArray;
  /** L2 applies to weights only (not biases, not γ/β), as in the course. */
  regularise: boolean;
  /** How to initialise: weights use the layer's init with fan-in; others a constant. */
  init: { kind: 'weights'; fanIn: number } | { kind: 'constant'; value: number };
}

/** Non-trainable state exported with the model (batch-norm running averages). */
export interface StateTensor {
  name: string;
  layerId: string;
  shape: number[];
  size: number;
  value: FloatArray;
  initial: number;
}

export interface LayerContext {
  kernels: Kernels;
  dtype: Dtype;
  /** Largest batch the buffers must hold. */
  capacity: number;
  /** Stream for dropout masks. */
  rng: Rng;
}

export interface Layer {
  readonly id: string;
  readonly spec: LayerSpec;
  /** Shape of one example's output: [n] or [n_H, n_W, n_C]. */
  readonly exampleShape: number[];
  /** Values per example of the output. */
  readonly exampleSize: number;
  /** Output activations A, capacity · exampleSize values. */
  readonly A: FloatArray;
  readonly params: ParamTensor[];
  readonly state: StateTensor[];
  /**
   * Buffers besides A that a step-through shows, by course name (Z, dZ): the values of the
   * last forward and backward, capacity · exampleSize each. Read only; absent when the kind has none.
   */
  readonly internals?: Readonly<Record<string, FloatArray>>;
  forward(inputs: FloatArray[], m: number, mode: Mode): void;
  /**
   * dA is ∂𝓛/∂A of this layer's output — except for the output layer, whose loss is
   * fused: it receives Y and forms dZ = A − Y itself. Writes (overwrites) each
   * non-null dInputs[i]; null means nobody needs that gradient (the input X).
   */
  backward(inputs: FloatArray[], dA: FloatArray, dInputs: (FloatArray | null)[], m: number): void;
  /** Actual buffer shapes in course notation for a batch of m (W, b, Z, A, dW, db, …). */
  shapes(m: number): Record<string, number[]>;
}
