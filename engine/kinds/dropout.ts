/**
 * Inverted dropout: D = (rand < keep_prob) / keep_prob, A = A_prev ⊙ D, so the
 * expected activation is unchanged and nothing needs rescaling at test time.
 * Off (identity) at test time and during gradient checks.
 */
import { z } from 'zod';
import { assertGradSize, layerBase } from '../layers/common';
import { number } from '../spec/fields';
import { activationDims } from '../spec/notation';
import { allocate, product } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const params = z.object({
  keepProb: number({ label: 'keep_prob', help: 'The probability of keeping each unit; 1 turns dropout off.', min: 0, max: 1, exclusiveMin: true, step: 0.05 }),
});

export const dropout: KindDescriptor<'dropout', typeof params> = {
  kind: 'dropout',
  title: 'Dropout',
  category: 'Regularisation',
  description: 'Inverted dropout: keeps each unit with probability keep_prob, divides by keep_prob.',
  params,
  defaults: { keepProb: 0.8 },
  inputs: ['in'],
  shape: (_layer, rule) => rule.same({ D: activationDims(rule.input) }),
  summary: (p) => `keep_prob = ${show(p.keepProb)}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const exampleSize = product(inputShape);
    const keepProb = spec.keepProb;
    const A = allocate(ctx.dtype, exampleSize * ctx.capacity);
    const D = allocate(ctx.dtype, exampleSize * ctx.capacity);
    let masked = false;

    return {
      ...layerBase(spec, [...inputShape], A),
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
  },
};
