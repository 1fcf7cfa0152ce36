/**
 * Standalone softmax down each column of (n, m): A = e^Z / Σ e^Z. Backward is the full
 * Jacobian-vector product: dZ = A ⊙ (dA − Σ_rows(A ⊙ dA)), built from primitive kernels.
 */
import { z } from 'zod';
import { assertGradSize, layerBase } from '../layers/common';
import { activationDims } from '../spec/notation';
import { allocate } from '../tensor/buffers';
import type { KindDescriptor } from './kind';

const params = z.object({});

export const softmax: KindDescriptor<'softmax', typeof params> = {
  kind: 'softmax',
  title: 'Softmax',
  category: 'Activations',
  description: 'A = e^Z / Σ e^Z down each column.',
  params,
  defaults: {},
  inputs: ['in'],
  shape: (_layer, rule) => rule.needVector('softmax') ?? rule.same({ Z: activationDims(rule.input) }),
  summary: () => 'e^Z / Σ e^Z',
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const n = inputShape[0];
    const A = allocate(ctx.dtype, n * ctx.capacity);
    const tmp = allocate(ctx.dtype, n * ctx.capacity);
    const negDot = allocate(ctx.dtype, ctx.capacity);

    return {
      ...layerBase(spec, [n], A),
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
  },
};
