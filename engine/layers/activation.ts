/** activation: A = g(Z) elementwise, for any layout. Backward dZ = dA ⊙ g'(Z). */
import type { ActivationLayer } from '../spec/types';
import { allocate, product } from '../tensor/buffers';
import { actCode, assertGradSize } from './common';
import type { LayerFactory } from './types';

export const createActivation: LayerFactory<ActivationLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const exampleSize = product(inputShape);
  const act = actCode(spec.fn);
  const alpha = spec.alpha ?? 0.01;
  const A = allocate(ctx, exampleSize * ctx.capacity);

  return {
    id: spec.id,
    spec,
    exampleShape: [...inputShape],
    exampleSize,
    A,
    params: [],
    state: [],
    forward([Z], m) {
      k.activationForward(act, Z, A, exampleSize * m, alpha);
    },
    backward([Z], dA, [dZ], m) {
      if (!dZ) return;
      assertGradSize(spec.id, 'activation', 'dZ', dZ.length, exampleSize * m);
      k.activationBackward(act, Z, A, dA, dZ, exampleSize * m, alpha);
    },
    shapes: (m) => {
      const a = inputShape.length === 3 ? [m, ...inputShape] : [exampleSize, m];
      return { Z: a, A: a };
    },
  };
};
