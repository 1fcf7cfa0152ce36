/** input: A[0] = X. The batcher writes the examples straight into A (dense: (n_x, m); images: (m, n_H, n_W, n_C)). */
import type { InputLayer } from '../spec/types';
import { allocate, product } from '../tensor/buffers';
import type { LayerFactory } from './types';

export const createInput: LayerFactory<InputLayer> = (spec, _inputShapes, ctx) => {
  const exampleSize = product(spec.shape);
  const A = allocate(ctx, exampleSize * ctx.capacity);
  const image = spec.shape.length === 3;
  return {
    id: spec.id,
    spec,
    exampleShape: [...spec.shape],
    exampleSize,
    A,
    params: [],
    state: [],
    forward() {},
    backward() {},
    shapes: (m) => ({ A: image ? [m, ...spec.shape] : [exampleSize, m] }),
  };
};
