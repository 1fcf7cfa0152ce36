/**
 * dense: Z[l] = W[l] A[l−1] + b[l], A[l] = g(Z[l]).
 * W[l] (n[l], n[l−1]), b[l] (n[l], 1), Z[l] and A[l] (n[l], m).
 * Backward: dZ = dA ⊙ g'(Z), dW = 1/m dZ A[l−1]ᵀ, db = 1/m Σ dZ, dA[l−1] = W[l]ᵀ dZ.
 */
import { z } from 'zod';
import { ACT } from '../kernels/kernels';
import { actCode, assertGradSize, layerBase, param } from '../layers/common';
import { int } from '../spec/fields';
import { MAX_UNITS } from '../spec/limits';
import { activationField, alphaField, initField, frozenField, LEAKY_RELU_SLOPE } from '../spec/vocabulary';
import { allocate } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';
import type { ShapeResult, ShapeRule } from './shape-rule';

export const unitsField = (help: string) => int({ label: 'Units n[l]', help, min: 1, max: MAX_UNITS });

/** The shapes of a fully connected layer of n units (dense, and output). */
export function fullyConnected(what: string, n: number, rule: ShapeRule): ShapeResult {
  const bad = rule.needVector(what);
  if (bad) return bad;
  const nPrev = rule.input[0];
  return {
    ok: true,
    outShape: [n],
    shapes: { W: [n, nPrev], b: [n, 1], Z: [n, 'm'], A: [n, 'm'], dW: [n, nPrev], db: [n, 1] },
    params: n * nPrev + n,
    // W[l] A[l−1]: n[l]·n[l−1] per example.
    multiplies: n * nPrev,
  };
}

const params = z.object({
  units: unitsField('Number of hidden units in this layer.'),
  activation: activationField('Activation g').default('linear'),
  alpha: alphaField(),
  init: initField(),
  frozen: frozenField(),
});

export const dense: KindDescriptor<'dense', typeof params> = {
  kind: 'dense',
  title: 'Dense',
  category: 'Layers',
  description: 'Z[l] = W[l] A[l−1] + b[l], then A[l] = g(Z[l]).',
  params,
  defaults: { units: 8, activation: 'relu' },
  inputs: ['in'],
  numbered: true,
  shape: (layer, rule) => fullyConnected('A dense layer', layer.units, rule),
  summary: (p) => `${show(p.units)} unit${p.units === 1 ? '' : 's'} · ${show(p.activation)}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const n = spec.units;
    const nPrev = inputShape[0];
    const act = actCode(spec.activation);
    const alpha = spec.alpha ?? LEAKY_RELU_SLOPE;
    const W = param(ctx, spec.id, 'W', [n, nPrev], true, { kind: 'weights', fanIn: nPrev });
    const b = param(ctx, spec.id, 'b', [n, 1], false, { kind: 'constant', value: 0 });
    const Z = allocate(ctx, n * ctx.capacity);
    // A linear layer's A is its Z; otherwise its own buffer.
    const A = act === ACT.linear ? Z : allocate(ctx, n * ctx.capacity);
    const dZ = allocate(ctx, n * ctx.capacity);

    return {
      ...layerBase(spec, [n], A, [W, b]),
      internals: { Z, dZ },
      forward([X], m) {
        // gemm + bias + activation in one kernel call (small layers are call-bound: W1).
        k.denseForward(act, W.value, X, b.value, Z, A, n, nPrev, m, alpha);
      },
      backward([X], dA, [dX], m) {
        assertGradSize(spec.id, 'dense', 'dA', dA.length, n * m);
        if (dX) assertGradSize(spec.id, 'dense', 'dA_prev', dX.length, nPrev * m);
        // dZ = dA ⊙ g'(Z), dW = 1/m dZ Xᵀ, db = 1/m Σ dZ, dX = Wᵀ dZ: one kernel call.
        k.denseBackward(act, W.value, X, Z, A, dA, dZ, W.grad, b.grad, dX, n, nPrev, m, alpha, 1 / m);
      },
      shapes: (m) => ({ W: [n, nPrev], b: [n, 1], Z: [n, m], A: [n, m], dW: [n, nPrev], db: [n, 1] }),
    };
  },
};
