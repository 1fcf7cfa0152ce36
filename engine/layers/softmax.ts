/**
 * Standalone softmax down each column of (n, m). Backward is the full Jacobian-vector
 * product: dZ = A ⊙ (dA − Σ_rows(A ⊙ dA)), built from primitive kernels.
 */
import type { SoftmaxLayer } from '../spec/types';
import { allocate } from '../tensor/buffers';
import { assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createSoftmax: LayerFactory<SoftmaxLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const n = inputShape[0];
  const A = allocate(ctx, n * ctx.capacity);
  const tmp = allocate(ctx, n * ctx.capacity);
  const negDot = allocate(ctx, ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [n],
    exampleSize: n,
    A,
    params: [],
    state: [],
    forward([Z], m) {
      k.softmaxCols(Z, A, n, m);
    },
    backward(_inputs, dA, [dZ], m) {
      if (!dZ) return;
      assertGradSize(spec.id, 'softmax', 'dZ', dZ.length, n * m);
      k.mul(A, dA, tmp, n * m);
      k.sumCols(tmp, n, m, -1, negDot, 0); // −Σ_i a_i da_i per example
      k.axpby(1, dA, 0, tmp, n * m);
      k.addBiasCols(tmp, negDot, n, m); // da_j − Σ_i a_i da_i
      k.mul(A, tmp, dZ, n * m);
    },
    shapes: (m) => ({ Z: [n, m], A: [n, m] }),
  };
};
