/**
 * Contract changes (engine, clarifications only, no signature changed):
 * - `beta = 0` in gemm / axpby / sumRows / sumCols means "overwrite": the output is
 *   not read first (as in BLAS), so stale NaN/Inf in it cannot leak through 0 · NaN.
 * - batchNormBackward: dGamma[j] = (1/count) Σ dY·x̂ and dBeta[j] = (1/count) Σ dY
 *   (averaged over the `count` normalised values); dX is the usual
 *   γ/√(σ²+ε) · (dY − mean(dY) − x̂ · mean(dY·x̂)). The conv layer rescales by n_H·n_W.
 * - optimizerUpdate: momentum uses s1 (v, β = beta1); rmsprop uses s2 (s, β₂ = beta2);
 *   adam uses both.
 *
 * The kernel contract. Layers call kernels by these names; a backend supplies them.
 * A faster backend adds kernels, never layers.
 *
 * Conventions (all kernels):
 * - Buffers are typed-array *views* planned once per run (no allocation per step).
 *   The reference backend accepts Float32Array or Float64Array (float64 for gradient
 *   checks); the compiled backends (native, wasm) accept Float32Array only.
 * - Matrices are row-major. Dense activations are (n, m): n features (rows) by m
 *   examples (columns), as in the course. Conv activations are (m, n_H, n_W, n_C)
 *   (channels last); conv filters are (f, f, n_C_prev, n_C).
 * - Kernels overwrite their output unless a `beta`/`accumulate` argument says otherwise.
 * - Every dimension argument is a plain integer; kernels never read `.length` to infer shapes.
 */

import { ENUMS } from './table';
import type { TensorMemory } from '../tensor/buffers';

export type FloatArray = Float32Array | Float64Array;

/** Activation codes shared with compiled code (stable integers; engine/kernels/table.ts). */
export const ACT = ENUMS.ACT;
export type ActCode = (typeof ACT)[keyof typeof ACT];

/** Loss codes shared with compiled code (stable integers); see engine/losses for the formulas. */
export const LOSS = ENUMS.LOSS;
export type LossCode = (typeof LOSS)[keyof typeof LOSS];

export interface Conv2dDims {
  m: number;
  hIn: number;
  wIn: number;
  cIn: number;
  f: number;
  s: number;
  /** Padding before the first row / column (after is implied by hOut/wOut). */
  padTop: number;
  padLeft: number;
  hOut: number;
  wOut: number;
  cOut: number;
}

export interface Pool2dDims {
  m: number;
  hIn: number;
  wIn: number;
  c: number;
  f: number;
  s: number;
  hOut: number;
  wOut: number;
}

export interface Kernels {
  /** C = alpha · op(A) · op(B) + beta · C, op(X) = Xᵀ when trans is set; op(A) is M×K, op(B) is K×N. */
  gemm(transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number, A: FloatArray, B: FloatArray, beta: number, C: FloatArray): void;

  /**
   * A dense layer's forward in one call: Z = W·X + b (W n×k, X k×m, b n×1 broadcast over the
   * m columns), then A = g(Z) unless act is linear (A may be Z). The same as gemm, addBiasRows
   * and activationForward in turn — one boundary crossing instead of three.
   */
  denseForward(act: ActCode, W: FloatArray, X: FloatArray, b: FloatArray, Z: FloatArray, A: FloatArray, n: number, k: number, m: number, alpha: number): void;
  /**
   * A dense layer's backward in one call: dZ = dA ⊙ g'(Z) (dZ may be dA when act is linear),
   * dW = scale·dZ·Xᵀ, db = scale·Σ_columns dZ, and dX = Wᵀ·dZ unless dX is null. The same as
   * activationBackward, gemm, sumRows and gemm in turn.
   */
  denseBackward(
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
  ): void;

  /** Z[r, c] += bias[r] for a rows×cols matrix (dense: b[l] broadcast across examples). */
  addBiasRows(Z: FloatArray, bias: FloatArray, rows: number, cols: number): void;
  /** Z[r, c] += bias[c] for a rows×cols matrix (conv, channels last: rows = m·n_H·n_W). */
  addBiasCols(Z: FloatArray, bias: FloatArray, rows: number, cols: number): void;

  /** out[r] = scale · Σ_c X[r, c] (+ beta · out[r]). Dense db = 1/m Σ dZ. */
  sumRows(X: FloatArray, rows: number, cols: number, scale: number, out: FloatArray, beta: number): void;
  /** out[c] = scale · Σ_r X[r, c] (+ beta · out[c]). Conv db. */
  sumCols(X: FloatArray, rows: number, cols: number, scale: number, out: FloatArray, beta: number): void;

  /** A = g(Z) elementwise over n values; alpha is leaky_relu's slope. */
  activationForward(act: ActCode, Z: FloatArray, A: FloatArray, n: number, alpha: number): void;
  /** dZ = dA ⊙ g'(Z) (Z and A both given so sigmoid/tanh can use A). */
  activationBackward(act: ActCode, Z: FloatArray, A: FloatArray, dA: FloatArray, dZ: FloatArray, n: number, alpha: number): void;

  /** Column-wise softmax of a rows×cols matrix (each column is one example), numerically stable. */
  softmaxCols(Z: FloatArray, A: FloatArray, rows: number, cols: number): void;

  /**
   * Σ 𝓛 over the m examples (columns) of the output layer's n×m Z, A, Y (not divided by
   * m), by the stable formulas of engine/losses (from Z for bce and cross-entropy),
   * accumulated in float64.
   */
  lossSum(loss: LossCode, Z: FloatArray, A: FloatArray, Y: FloatArray, n: number, m: number): number;
  /**
   * The output layer's backward start fused with its cost: writes dZ = A − Y (sigmoid + BCE,
   * softmax + cross-entropy, linear + ½·MSE) and returns the same Σ 𝓛 as lossSum, from one
   * pass over Z, A and Y — so the cost of every iteration is exact and nearly free.
   */
  lossGradient(loss: LossCode, Z: FloatArray, A: FloatArray, Y: FloatArray, dZ: FloatArray, n: number, m: number): number;

  /**
   * Multi-task output (k sigmoid units): Σ over tasks and examples of binary cross-entropy from
   * Z, skipping missing labels (NaN in Y). Reference only so far (engine/native/load.ts).
   */
  taskLossSum(Z: FloatArray, Y: FloatArray, n: number, m: number): number;
  /** dZ = A − Y where Y has a label and 0 where it is missing (NaN); returns taskLossSum. */
  taskLossGradient(Z: FloatArray, A: FloatArray, Y: FloatArray, dZ: FloatArray, n: number, m: number): number;

  /**
   * A mini-batch in the course's layout: out[f, i] = x[indices[start + i]·n + f] for i < m,
   * f < n — examples (rows of n values in x) picked by index and written as the m columns of
   * the n×m matrix out. Indices must lie in [0, x.length / n).
   */
  gatherColumns(x: FloatArray, indices: Int32Array, start: number, m: number, n: number, out: FloatArray): void;
  /** out = Xᵀ: X is rows×cols, out is cols×rows (flatten's layout change; out must not alias X). */
  transpose(X: FloatArray, rows: number, cols: number, out: FloatArray): void;
  /**
   * dst[dstOffset + r·dstStride + c] = src[srcOffset + r·srcStride + c] for r < rows, c < cols
   * (concatenate's channel slices, a padded pool input). src and dst must not overlap.
   * Reference only so far: the native backend uses the reference loop (engine/native/load.ts).
   */
  copyBlock(src: FloatArray, srcOffset: number, srcStride: number, dst: FloatArray, dstOffset: number, dstStride: number, rows: number, cols: number): void;
  /** out = a ⊙ b over n values. */
  mul(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void;
  /** y = alpha · x + beta · y over n values. */
  axpby(alpha: number, x: FloatArray, beta: number, y: FloatArray, n: number): void;
  /** Σ x² over n values (for L2 cost and norms), accumulated in float64. */
  sumSquares(x: FloatArray, n: number): number;

  conv2dForward(X: FloatArray, W: FloatArray, b: FloatArray, Z: FloatArray, d: Conv2dDims): void;
  /** dX = conv-transpose of dZ with W (overwrites dX). */
  conv2dBackwardData(dZ: FloatArray, W: FloatArray, dX: FloatArray, d: Conv2dDims): void;
  /** dW = scale · Σ patches ⊗ dZ; db = scale · Σ dZ (both overwritten). */
  conv2dBackwardFilter(X: FloatArray, dZ: FloatArray, dW: FloatArray, db: FloatArray, d: Conv2dDims, scale: number): void;

  /** Max pooling; argmax (Int32Array, one per output) records the winning input index for backward. */
  maxPoolForward(X: FloatArray, A: FloatArray, argmax: Int32Array, d: Pool2dDims): void;
  maxPoolBackward(dA: FloatArray, argmax: Int32Array, dX: FloatArray, d: Pool2dDims): void;
  avgPoolForward(X: FloatArray, A: FloatArray, d: Pool2dDims): void;
  avgPoolBackward(dA: FloatArray, dX: FloatArray, d: Pool2dDims): void;

  /**
   * Batch norm in training mode over a features×batch layout given by strides:
   * for each feature j, normalise the `count` values X[j·featStride + i·itemStride].
   * Writes Y, the batch mean and variance, and xHat (kept for backward), and updates
   * the running averages: run = momentum · run + (1 − momentum) · batch.
   */
  batchNormForwardTrain(
    X: FloatArray,
    gamma: FloatArray,
    beta: FloatArray,
    Y: FloatArray,
    xHat: FloatArray,
    mean: FloatArray,
    variance: FloatArray,
    runMean: FloatArray,
    runVar: FloatArray,
    features: number,
    count: number,
    featStride: number,
    itemStride: number,
    epsilon: number,
    momentum: number,
  ): void;
  /** Test mode: normalise with the running averages. */
  batchNormForwardInfer(
    X: FloatArray,
    gamma: FloatArray,
    beta: FloatArray,
    Y: FloatArray,
    runMean: FloatArray,
    runVar: FloatArray,
    features: number,
    count: number,
    featStride: number,
    itemStride: number,
    epsilon: number,
  ): void;
  /** Writes dX, dGamma, dBeta (dGamma/dBeta overwritten, already averaged as the layer's convention). */
  batchNormBackward(
    dY: FloatArray,
    xHat: FloatArray,
    gamma: FloatArray,
    variance: FloatArray,
    dX: FloatArray,
    dGamma: FloatArray,
    dBeta: FloatArray,
    features: number,
    count: number,
    featStride: number,
    itemStride: number,
    epsilon: number,
  ): void;

  /**
   * Examples (columns of the n×m output) whose predicted class is wrong: for one unit, A > 0.5
   * predicts 1 and is compared with Y; otherwise the first largest row predicts, and it is right
   * only where the one-hot Y has its 1 (an all-zero column counts as wrong). As evaluate().
   */
  classErrors(A: FloatArray, Y: FloatArray, n: number, m: number): number;
  /**
   * Histogram of the finite values among x[0..n) in `bins` equal bins over [min, max] (the last
   * bin includes max; all-equal values fall in bin 0): counts overwritten, range = [min, max]
   * ([0, 0] when no value is finite). Bins are assigned in float64 as ⌊(x − min) / width⌋.
   */
  histogram(x: FloatArray, n: number, bins: number, counts: Int32Array, range: FloatArray): void;
  /**
   * out[i] = scale · N(0, 1) for i < n, drawn from the seeded stream of engine/tensor/rng.ts
   * whose position `state` holds (RngState: mulberry32's state, a pending normal and its float64
   * bits), which the kernel advances. scale 0 writes zeros and draws nothing (as the JS loop).
   */
  randn(state: Int32Array, n: number, scale: number, out: FloatArray): void;

  /**
   * Optimizer update of one parameter tensor of n values, with L2 folded in:
   * g = dW + l2 · W. kind: 0 gd, 1 momentum, 2 rmsprop, 3 adam. For Adam, `t` is the
   * step count from 1 and bias correction uses β^t. s1/s2 are the optimizer's state
   * (v and s in the course); unused ones may be empty arrays.
   */
  optimizerUpdate(
    kind: 0 | 1 | 2 | 3,
    W: FloatArray,
    dW: FloatArray,
    s1: FloatArray,
    s2: FloatArray,
    n: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    t: number,
    l2: number,
  ): void;

  /**
   * Optional: optimizerUpdate over a fixed list of tensors, planned once per run, so that a
   * step is one boundary crossing however many tensors the network has (native). A step
   * equals calling optimizerUpdate on each tensor in list order with l2 for tensors that
   * regularise and 0 for the others. Shapes are checked when planning; the buffers must stay
   * the same (and keep their sizes) for the program's life. Backends without it get the loop.
   */
  planOptimizer?(kind: 0 | 1 | 2 | 3, tensors: readonly OptimizerTensor[], beta1: number, beta2: number, epsilon: number): OptimizerProgram;

  /**
   * Optional: records a step program. Every kernel call and planned optimizer step made until
   * `finish()` runs as usual and is also recorded — its scalars and buffers as given — so that
   * the same step can be replayed many times in one boundary crossing (StepProgram.run). Only
   * for steps made of kernel calls on buffers that stay put (no JavaScript work on buffers in
   * between, no per-step arguments but the learning rate and Adam's t).
   */
  recordProgram?(): ProgramRecording;
}

export interface ProgramRecording {
  /** Stops recording: the program, or null when the calls could not be recorded (a buffer outside the backend's memory). */
  finish(): StepProgram | null;
}

export interface StepProgram {
  /** The kernels whose calls return a value, in recorded order: each step writes one value per entry. */
  readonly returns: readonly string[];
  /**
   * Runs up to `steps` steps: step j updates with learning rate learningRates[j] and Adam step
   * t0 + j, and writes its values to out[j · returns.length …]. A step with a value that is not
   * finite ends the run before its optimizer step (its values are written). Returns the steps
   * completed (< steps only then).
   */
  run(steps: number, learningRates: Float64Array, t0: number, out: Float64Array): number;
}

/** One parameter tensor of an optimizer program: value, gradient, state (may be empty when unused). */
export interface OptimizerTensor {
  W: FloatArray;
  dW: FloatArray;
  s1: FloatArray;
  s2: FloatArray;
  n: number;
  /** Whether L2 applies (weights: yes; biases, batch-norm γ/β: no). */
  regularise: boolean;
}

export interface OptimizerProgram {
  /** One update of every tensor; l2 is λ/m, t the step count from 1 (Adam's bias correction). */
  step(learningRate: number, l2: number, t: number): void;
}

export interface Backend {
  readonly name: 'native' | 'wasm' | 'reference';
  readonly kernels: Kernels;
  /** Float type of the buffers this backend accepts. */
  readonly dtype: 'float32' | 'float64';
  readonly threads: number;
  /**
   * Kernels from now on run on n of the backend's `threads` (clamped to [1, threads]); cheap —
   * no thread starts or stops — so the training loop's thread governor (train/thread-governor.ts)
   * can drop to one thread while other processes hold the cores. Absent on one-thread backends.
   */
  setActiveThreads?(n: number): void;
  /**
   * Where the engine allocates this backend's buffers (engine/tensor/buffers.ts), when it has
   * a memory of its own (wasm: the module's linear memory, so kernels use them in place).
   */
  readonly memory?: TensorMemory;
}
