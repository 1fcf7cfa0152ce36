/** activation: A = g(Z) elementwise, for any layout. Backward dZ = dA ⊙ g'(Z). */
import { z } from 'zod';
import { actCode, assertGradSize, layerBase } from '../layers/common';
import { activationDims } from '../spec/notation';
import { activationField, alphaField, LEAKY_RELU_SLOPE } from '../spec/vocabulary';
import { allocate, product } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const params = z.object({ fn: activationField('Function g'), alpha: alphaField() });

export const activation: KindDescriptor<'activation', typeof params> = {
  kind: 'activation',
  title: 'Activation',
  category: 'Activations',
  description: 'A = g(Z), elementwise.',
  params,
  defaults: { fn: 'relu' },
  inputs: ['in'],
  shape: (_layer, rule) => rule.same({ Z: activationDims(rule.input) }),
  summary: (p) => show(p.fn),
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const exampleSize = product(inputShape);
    const act = actCode(spec.fn);
    const alpha = spec.alpha ?? LEAKY_RELU_SLOPE;
    const A = allocate(ctx.dtype, exampleSize * ctx.capacity);

    return {
      ...layerBase(spec, [...inputShape], A),
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
  },
};
