/** add (residual): A = A_a + A_b; the gradient flows unchanged to both inputs. */
import type { AddLayer } from '../spec/types';
import { allocate, product } from '../tensor/buffers';
import { assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createAdd: LayerFactory<AddLayer> = (spec, [shape], ctx) => {
  const k = ctx.kernels;
  const exampleSize = product(shape);
  const A = allocate(ctx, exampleSize * ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [...shape],
    exampleSize,
    A,
    params: [],
    state: [],
    forward([Xa, Xb], m) {
      k.axpby(1, Xa, 0, A, exampleSize * m);
      k.axpby(1, Xb, 1, A, exampleSize * m);
    },
    backward(_inputs, dA, dInputs, m) {
      for (const dX of dInputs) {
        if (!dX) continue;
        assertGradSize(spec.id, 'add', 'dA_prev', dX.length, exampleSize * m);
        k.axpby(1, dA, 0, dX, exampleSize * m);
      }
    },
    shapes: (m) => ({ A: shape.length === 3 ? [m, ...shape] : [exampleSize, m] }),
  };
};
