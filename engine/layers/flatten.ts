/**
 * flatten: (m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), a transpose from examples-major to
 * the course's examples-as-columns: a transpose (kernel), not arithmetic.
 */
import type { FlattenLayer } from '../spec/types';
import { allocate, product } from '../tensor/buffers';
import { assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createFlatten: LayerFactory<FlattenLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const n = product(inputShape);
  const image = inputShape.length === 3;
  const A = allocate(ctx, n * ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [n],
    exampleSize: n,
    A,
    params: [],
    state: [],
    forward([X], m) {
      if (!image) {
        k.axpby(1, X, 0, A, n * m);
        return;
      }
      k.transpose(X, m, n, A);
    },
    backward(_inputs, dA, [dX], m) {
      if (!dX) return;
      assertGradSize(spec.id, 'flatten', 'dA_prev', dX.length, n * m);
      if (!image) {
        k.axpby(1, dA, 0, dX, n * m);
        return;
      }
      k.transpose(dA, n, m, dX);
    },
    shapes: (m) => ({ A: [n, m] }),
  };
};
