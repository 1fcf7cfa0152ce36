/**
 * flatten: (m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), a transpose from examples-major to
 * the course's examples-as-columns: a transpose (kernel), not arithmetic.
 */
import { z } from 'zod';
import { assertGradSize, layerBase } from '../layers/common';
import { allocate, product } from '../tensor/buffers';
import type { KindDescriptor } from './kind';

const params = z.object({});

export const flatten: KindDescriptor<'flatten', typeof params> = {
  kind: 'flatten',
  title: 'Flatten',
  category: 'Structure',
  description: '(m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), so dense layers can follow a conv.',
  params,
  defaults: {},
  inputs: ['in'],
  shape: (_layer, rule) => {
    const n = product(rule.input);
    return { ok: true, outShape: [n], shapes: { A: [n, 'm'] }, params: 0 };
  },
  summary: () => 'to (n_H·n_W·n_C, m)',
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const n = product(inputShape);
    const image = inputShape.length === 3;
    const A = allocate(ctx.dtype, n * ctx.capacity);

    return {
      ...layerBase(spec, [n], A),
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
  },
};
