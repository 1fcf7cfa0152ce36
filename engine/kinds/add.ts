/** add (residual): A = A_a + A_b, two equal shapes; the gradient flows unchanged to both inputs. */
import { z } from 'zod';
import { assertGradSize, layerBase } from '../layers/common';
import { formatActivation } from '../spec/notation';
import { allocate, product } from '../tensor/buffers';
import type { KindDescriptor } from './kind';

const params = z.object({});

export const add: KindDescriptor<'add', typeof params> = {
  kind: 'add',
  title: 'Add',
  category: 'Structure',
  description: 'Residual connection: A = A_a + A_b (shapes must match).',
  params,
  defaults: {},
  inputs: ['a', 'b'],
  shape: (_layer, rule) => {
    const [a, b] = rule.inputs;
    if (a.shape.join(',') !== b.shape.join(',')) {
      return rule.fail(
        `add needs two equal shapes, got ${formatActivation(a.shape)} and ${formatActivation(b.shape)}`,
        'Make both branches produce the same shape (same units, or same n_H, n_W, n_C).',
      );
    }
    return rule.same();
  },
  summary: () => 'A_a + A_b',
  create: (spec, [shape], ctx) => {
    const k = ctx.kernels;
    const exampleSize = product(shape);
    const A = allocate(ctx.dtype, exampleSize * ctx.capacity);

    return {
      ...layerBase(spec, [...shape], A),
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
  },
};
