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
  const Z = allocate(ctx.dtype, n * ctx.capacity);
  // A linear layer's A is its Z; otherwise its own buffer.
  const A = act === ACT.linear ? Z : allocate(ctx.dtype, n * ctx.capacity);
  const dZ = allocate(ctx.dtype, n * ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [n],
    exampleSize: n,
    A,
    params: [W, b],
    state: [],
    forward([X], m) {
      k.gemm(false, false, n, m, nPrev, 1, W.value, X, 0, Z);
      k.addBiasRows(Z, b.value, n, m);
      if (act !== ACT.linear) k.activationForward(act, Z, A, n * m, alpha);
    },
    backward([X], dA, [dX], m) {
      assertGradSize(spec.id, 'dense', 'dA', dA.length, n * m);
      k.activationBackward(act, Z, A, dA, dZ, n * m, alpha);
      k.gemm(false, true, n, nPrev, m, 1 / m, dZ, X, 0, W.grad);
      k.sumRows(dZ, n, m, 1 / m, b.grad, 0);
      if (dX) {
        assertGradSize(spec.id, 'dense', 'dA_prev', dX.length, nPrev * m);
        k.gemm(true, false, nPrev, m, n, 1, W.value, dZ, 0, dX);
      }
    },
    shapes: (m) => ({ W: [n, nPrev], b: [n, 1], Z: [n, m], A: [n, m], dW: [n, nPrev], db: [n, 1] }),
  };
};
