/** pool: max or average over f × f windows with stride s; no parameters. Max remembers the winner for backward. */
import type { Pool2dDims } from '../kernels/kernels';
import { convOutputSize } from '../spec/geometry';
import type { PoolLayer } from '../spec/types';
import { allocate, allocateIndices } from '../tensor/buffers';
import { assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createPool: LayerFactory<PoolLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const [hIn, wIn, c] = inputShape;
  const { f, s } = spec;
  const hOut = convOutputSize(hIn, f, s, 0);
  const wOut = convOutputSize(wIn, f, s, 0);
  const outSize = hOut * wOut * c;
  const A = allocate(ctx, outSize * ctx.capacity);
  const argmax = allocateIndices(ctx, spec.mode === 'max' ? outSize * ctx.capacity : 0);
  const dims: Pool2dDims = { m: 0, hIn, wIn, c, f, s, hOut, wOut };

  return {
    id: spec.id,
    spec,
    exampleShape: [hOut, wOut, c],
    exampleSize: outSize,
    A,
    params: [],
    state: [],
    forward([X], m) {
      dims.m = m;
      if (spec.mode === 'max') k.maxPoolForward(X, A, argmax, dims);
      else k.avgPoolForward(X, A, dims);
    },
    backward(_inputs, dA, [dX], m) {
      if (!dX) return;
      assertGradSize(spec.id, 'pool', 'dA_prev', dX.length, hIn * wIn * c * m);
      dims.m = m;
      if (spec.mode === 'max') k.maxPoolBackward(dA, argmax, dX, dims);
      else k.avgPoolBackward(dA, dX, dims);
    },
    shapes: (m) => ({ A: [m, hOut, wOut, c] }),
  };
};
