/**
 * batchnorm: Z_norm = (Z − μ)/√(σ² + ε), Z̃ = γ Z_norm + β. Training uses the
 * mini-batch's μ, σ² and updates exponentially weighted running averages; test time
 * uses the running averages. Dense (n, m): one (γ, β) per unit; conv: one per channel.
 * Frozen (transfer learning, as Keras does): always the running averages, never updated, so
 * the layer is the fixed affine map Z̃ = γ/√(σ_run² + ε) · (Z − μ_run) + β and
 * dZ = γ/√(σ_run² + ε) · dZ̃.
 */
import { z } from 'zod';
import { assertGradSize, layerBase, param, state } from '../layers/common';
import { number } from '../spec/fields';
import { frozenField, isFrozen } from '../spec/vocabulary';
import { allocate, product } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';
import { isImage } from './shape-rule';

const params = z.object({
  // β = 0.9999 already averages over ~10,000 mini-batches; 1 would never update.
  momentum: number({ label: 'Running-average β', help: 'β of the running μ and σ² used at test time.', min: 0, max: 0.9999, step: 0.01 }).default(0.9),
  epsilon: number({ label: 'ε', help: 'ε in √(σ² + ε).', min: 0, max: 1, exclusiveMin: true, step: 1e-5, advanced: true }).default(1e-5),
  frozen: frozenField(),
});

export const batchnorm: KindDescriptor<'batchnorm', typeof params> = {
  kind: 'batchnorm',
  title: 'Batch norm',
  category: 'Regularisation',
  description: 'Normalises Z per mini-batch, then γ Z_norm + β; running averages at test time.',
  params,
  defaults: { momentum: 0.9 },
  inputs: ['in'],
  shape: (_layer, rule) => {
    const image = isImage(rule.input);
    const features = image ? rule.input[2] : rule.input[0];
    const dims = image ? [1, 1, 1, features] : [features, 1];
    return { ...rule.same({ gamma: dims, beta: dims, dgamma: dims, dbeta: dims }), params: 2 * features };
  },
  weightColumns: { W: ['gamma', 'γ'], b: ['beta', 'β'] },
  summary: (p) => `γ, β · running β = ${show(p.momentum)}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const image = inputShape.length === 3;
    const exampleSize = product(inputShape);
    const features = image ? inputShape[2] : inputShape[0];
    const pixels = image ? inputShape[0] * inputShape[1] : 1;
    const paramShape = image ? [1, 1, 1, features] : [features, 1];
    const { epsilon, momentum } = spec;
    const gamma = param(ctx, spec.id, 'gamma', paramShape, false, { kind: 'constant', value: 1 });
    const beta = param(ctx, spec.id, 'beta', paramShape, false, { kind: 'constant', value: 0 });
    const runMean = state(ctx, spec.id, 'runningMean', paramShape, 0);
    const runVar = state(ctx, spec.id, 'runningVar', paramShape, 1);
    const A = allocate(ctx, exampleSize * ctx.capacity);
    const xHat = allocate(ctx, exampleSize * ctx.capacity);
    const mean = allocate(ctx, features);
    const variance = allocate(ctx, features);
    // The kernel always writes dX; when nobody needs it (input X) it lands here.
    const scratch = allocate(ctx, exampleSize * ctx.capacity);
    const frozen = isFrozen(spec);
    // Frozen backward is the inference forward applied to dZ̃ with μ = 0 and β = 0 (no new kernel).
    const zeros = frozen ? allocate(ctx, features) : null;

    // Dense (n, m): feature j's values are a row. Conv (m·n_H·n_W, n_C): channel j is a column.
    const layout = (m: number) => (image ? { count: m * pixels, featStride: 1, itemStride: features } : { count: m, featStride: m, itemStride: 1 });

    return {
      ...layerBase(spec, [...inputShape], A, [gamma, beta], [runMean, runVar]),
      forward([X], m, mode) {
        const { count, featStride, itemStride } = layout(m);
        if (mode === 'test' || frozen) {
          k.batchNormForwardInfer(X, gamma.value, beta.value, A, runMean.value, runVar.value, features, count, featStride, itemStride, epsilon);
        } else {
          k.batchNormForwardTrain(
            X,
            gamma.value,
            beta.value,
            A,
            xHat,
            mean,
            variance,
            runMean.value,
            runVar.value,
            features,
            count,
            featStride,
            itemStride,
            epsilon,
            momentum,
          );
        }
      },
      backward(_inputs, dA, [dX], m) {
        assertGradSize(spec.id, 'batchnorm', 'dA', dA.length, exampleSize * m);
        const { count, featStride, itemStride } = layout(m);
        if (zeros) {
          if (dX) k.batchNormForwardInfer(dA, gamma.value, zeros, dX, zeros, runVar.value, features, count, featStride, itemStride, epsilon);
          return;
        }
        k.batchNormBackward(dA, xHat, gamma.value, variance, dX ?? scratch, gamma.grad, beta.grad, features, count, featStride, itemStride, epsilon);
        // The kernel averages over count = m·n_H·n_W; the cost averages over m examples.
        if (pixels !== 1) {
          k.axpby(pixels, gamma.grad, 0, gamma.grad, features);
          k.axpby(pixels, beta.grad, 0, beta.grad, features);
        }
      },
      shapes: (m) => {
        const a = image ? [m, ...inputShape] : [features, m];
        return { gamma: paramShape, beta: paramShape, A: a, dgamma: paramShape, dbeta: paramShape };
      },
    };
  },
};
