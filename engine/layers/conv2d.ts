/**
 * conv2d: Z = W ∗ A_prev + b over channels-last tensors, A = g(Z).
 * A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C),
 * n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1.
 */
import type { Conv2dDims } from '../kernels/kernels';
import { ACT } from '../kernels/kernels';
import { convOutputSize, paddingAmount } from '../spec/geometry';
import type { Conv2dLayer } from '../spec/types';
import { allocate } from '../tensor/buffers';
import { actCode, assertGradSize, param } from './common';
import type { LayerFactory } from './types';

export const createConv2d: LayerFactory<Conv2dLayer> = (spec, [inputShape], ctx) => {
  const k = ctx.kernels;
  const [hIn, wIn, cIn] = inputShape;
  const { f, s, filters: cOut } = spec;
  const p = paddingAmount(spec.padding, f);
  const hOut = convOutputSize(hIn, f, s, p);
  const wOut = convOutputSize(wIn, f, s, p);
  const act = actCode(spec.activation);
  const alpha = spec.alpha ?? 0.01;
  const W = param(ctx, spec.id, 'W', [f, f, cIn, cOut], true, { kind: 'weights', fanIn: f * f * cIn });
  const b = param(ctx, spec.id, 'b', [1, 1, 1, cOut], false, { kind: 'constant', value: 0 });
  const outSize = hOut * wOut * cOut;
  const Z = allocate(ctx, outSize * ctx.capacity);
  const A = act === ACT.linear ? Z : allocate(ctx, outSize * ctx.capacity);
  const dZ = allocate(ctx, outSize * ctx.capacity);
  // One dims record, updated in place with the batch's m (no allocation per step).
  const dims: Conv2dDims = { m: 0, hIn, wIn, cIn, f, s, padTop: p, padLeft: p, hOut, wOut, cOut };

  return {
    id: spec.id,
    spec,
    exampleShape: [hOut, wOut, cOut],
    exampleSize: outSize,
    A,
    params: [W, b],
    state: [],
    forward([X], m) {
      dims.m = m;
      k.conv2dForward(X, W.value, b.value, Z, dims);
      if (act !== ACT.linear) k.activationForward(act, Z, A, outSize * m, alpha);
    },
    backward([X], dA, [dX], m) {
      assertGradSize(spec.id, 'conv2d', 'dA', dA.length, outSize * m);
      dims.m = m;
      k.activationBackward(act, Z, A, dA, dZ, outSize * m, alpha);
      k.conv2dBackwardFilter(X, dZ, W.grad, b.grad, dims, 1 / m);
      if (dX) {
        assertGradSize(spec.id, 'conv2d', 'dA_prev', dX.length, hIn * wIn * cIn * m);
        k.conv2dBackwardData(dZ, W.value, dX, dims);
      }
    },
    shapes: (m) => ({
      W: [f, f, cIn, cOut],
      b: [1, 1, 1, cOut],
      Z: [m, hOut, wOut, cOut],
      A: [m, hOut, wOut, cOut],
      dW: [f, f, cIn, cOut],
      db: [1, 1, 1, cOut],
    }),
  };
};
