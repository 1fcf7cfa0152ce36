/**
 * dense: Z[l] = W[l] A[l−1] + b[l], A[l] = g(Z[l]).
 * Backward: dZ = dA ⊙ g'(Z), dW = 1/m dZ A[l−1]ᵀ, db = 1/m Σ dZ, dA[l−1] = W[l]ᵀ dZ.
 */
import type { DenseLayer } from '../spec/types';
import { ACT } from '../kernels/kernels';
import { allocate } from '../tensor/buffers';
import { actCode, assertGradSize, param } from './common';
import type { LayerFactory } from './types';

export const createDense: LayerFactory<DenseLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const n = spec.units;
  const nPrev = inputShape[0];
  const act = actCode(spec.activation);
  const alpha = spec.alpha ?? 0.01;
  const W = param(ctx, spec.id, 'W', [n, nPrev], true, { kind: 'weights', fanIn: nPrev });
  const b = param(ctx, spec.id, 'b', [n, 1], false, { kind: 'constant', value: 0 });
  const Z = allocate(ctx, n * ctx.capacity);
  // A linear layer's A is its Z; otherwise its own buffer.
  const A = act === ACT.linear ? Z : allocate(ctx, n * ctx.capacity);
  const dZ = allocate(ctx, n * ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [n],
    exampleSize: n,
    A,
    params: [W, b],
    state: [],
    forward([X], m) {
      // gemm + bias + activation in one kernel call (small layers are call-bound: W1).
      k.denseForward(act, W.value, X, b.value, Z, A, n, nPrev, m, alpha);
    },
    backward([X], dA, [dX], m) {
      assertGradSize(spec.id, 'dense', 'dA', dA.length, n * m);
      if (dX) assertGradSize(spec.id, 'dense', 'dA_prev', dX.length, nPrev * m);
      // dZ = dA ⊙ g'(Z), dW = 1/m dZ Xᵀ, db = 1/m Σ dZ, dX = Wᵀ dZ: one kernel call.
      k.denseBackward(act, W.value, X, Z, A, dA, dZ, W.grad, b.grad, dX, n, nPrev, m, alpha, 1 / m);
    },
    shapes: (m) => ({ W: [n, nPrev], b: [n, 1], Z: [n, m], A: [n, m], dW: [n, nPrev], db: [n, 1] }),
  };
};
