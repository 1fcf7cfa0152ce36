/**
 * Inverted dropout: D = (rand < keep_prob) / keep_prob, A = A_prev ⊙ D, so the
 * expected activation is unchanged and nothing needs rescaling at test time.
 * Off (identity) at test time and during gradient checks.
 */
import type { DropoutLayer } from '../spec/types';
import { allocate, product } from '../tensor/buffers';
import { assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createDropout: LayerFactory<DropoutLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const exampleSize = product(inputShape);
  const keepProb = spec.keepProb;
  const A = allocate(ctx, exampleSize * ctx.capacity);
  const D = allocate(ctx, exampleSize * ctx.capacity);
  let masked = false;

  return {
    id: spec.id,
    spec,
    exampleShape: [...inputShape],
    exampleSize,
    A,
    params: [],
    state: [],
    forward([X], m, mode) {
      const n = exampleSize * m;
      masked = mode === 'train' && keepProb < 1;
      if (!masked) {
        k.axpby(1, X, 0, A, n);
        return;
      }
      const scale = 1 / keepProb;
      for (let i = 0; i < n; i++) D[i] = ctx.rng.uniform() < keepProb ? scale : 0;
      k.mul(X, D, A, n);
    },
    backward(_inputs, dA, [dX], m) {
      if (!dX) return;
      const n = exampleSize * m;
      assertGradSize(spec.id, 'dropout', 'dA_prev', dX.length, n);
      if (masked) k.mul(dA, D, dX, n);
      else k.axpby(1, dA, 0, dX, n);
    },
    shapes: (m) => {
      const a = inputShape.length === 3 ? [m, ...inputShape] : [exampleSize, m];
      return { D: a, A: a };
    },
  };
};
