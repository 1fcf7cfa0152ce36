/**
 * output: a dense layer whose activation is fused with its loss (sigmoid + BCE,
 * softmax + cross-entropy, linear + ½·MSE), so backward starts from dZ[L] = A[L] − Y.
 * That first step also returns Σ 𝓛 from the same pass (lossGradient), kept as `lossSum`
 * so the network reads the iteration's cost without another walk over Z and Y.
 */
import { ACT, LOSS } from '../kernels/kernels';
import type { OutputLayer } from '../spec/types';
import { allocate } from '../tensor/buffers';
import { assertGradSize, param } from './common';
import type { Layer, LayerContext } from './types';

export interface OutputLayerInstance extends Layer {
  /** Z[L], kept for numerically stable costs (log-sum-exp, log(1 + e^−z)). */
  readonly Z: Float32Array | Float64Array;
  readonly units: number;
  /** Σ 𝓛 over the batch, computed by the last backward (with dZ = A − Y). */
  readonly lossSum: number;
}

export function createOutput(spec: OutputLayer, [inputShape]: number[][], ctx: LayerContext): OutputLayerInstance {
  const k = ctx.kernels;
  const n = spec.units;
  const nPrev = inputShape[0];
  const W = param(ctx, spec.id, 'W', [n, nPrev], true, { kind: 'weights', fanIn: nPrev });
  const b = param(ctx, spec.id, 'b', [n, 1], false, { kind: 'constant', value: 0 });
  const Z = allocate(ctx, n * ctx.capacity);
  const A = spec.activation === 'linear' ? Z : allocate(ctx, n * ctx.capacity);
  const dZ = allocate(ctx, n * ctx.capacity);
  const lossCode = LOSS[spec.loss];
  let lossSum = NaN;

  return {
    id: spec.id,
    spec,
    units: n,
    Z,
    exampleShape: [n],
    exampleSize: n,
    A,
    params: [W, b],
    state: [],
    forward([X], m) {
      k.denseForward(spec.activation === 'sigmoid' ? ACT.sigmoid : ACT.linear, W.value, X, b.value, Z, A, n, nPrev, m, 0);
      if (spec.activation === 'softmax') k.softmaxCols(Z, A, n, m);
    },
    backward([X], Y, [dX], m) {
      assertGradSize(spec.id, 'output', 'Y', Y.length, n * m);
      // dZ[L] = A[L] − Y, and Σ 𝓛 from the same pass.
      lossSum = k.lossGradient(lossCode, Z, A, Y, dZ, n, m);
      if (dX) assertGradSize(spec.id, 'output', 'dA_prev', dX.length, nPrev * m);
      // dW, db and dX from dZ[L] in one call (linear: dZ is already the gradient).
      k.denseBackward(ACT.linear, W.value, X, Z, A, dZ, dZ, W.grad, b.grad, dX, n, nPrev, m, 0, 1 / m);
    },
    shapes: (m) => ({ W: [n, nPrev], b: [n, 1], Z: [n, m], A: [n, m], dW: [n, nPrev], db: [n, 1] }),
    get lossSum() {
      return lossSum;
    },
  };
}
