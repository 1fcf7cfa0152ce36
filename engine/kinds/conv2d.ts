/**
 * conv2d: Z = W ∗ A_prev + b over channels-last tensors, A = g(Z).
 * A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C),
 * n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1, parameters (f·f·n_C_prev + 1)·n_C.
 */
import { z } from 'zod';
import type { Conv2dDims } from '../kernels/kernels';
import { ACT } from '../kernels/kernels';
import { actCode, assertGradSize, layerBase, param } from '../layers/common';
import { described, int, intIn } from '../spec/fields';
import { convOutputSize, paddingAmount } from '../spec/geometry';
import { MAX_FILTER_SIZE, MAX_UNITS } from '../spec/limits';
import { activationField, alphaField, initField, frozenField, isFrozen, LEAKY_RELU_SLOPE } from '../spec/vocabulary';
import { allocate } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

/** 'valid' = 0, 'same' = (f − 1)/2 (needs s = 1 and odd f to keep n_H), or an explicit p (spec files). */
const padding = described(
  z.union([z.literal('valid'), z.literal('same'), intIn(0, MAX_FILTER_SIZE)], { error: "expected 'valid', 'same' or an integer p ≥ 0" }),
  {
    type: 'choice',
    label: 'Padding p',
    choices: [
      { value: 'valid', label: 'valid (p = 0)' },
      { value: 'same', label: 'same' },
    ],
  },
);

const params = z.object({
  filters: int({ label: 'Filters n_C', min: 1, max: MAX_UNITS }),
  f: int({ label: 'Filter size f', min: 1, max: MAX_FILTER_SIZE }),
  s: int({ label: 'Stride s', min: 1, max: MAX_FILTER_SIZE }),
  padding,
  activation: activationField('Activation g').default('linear'),
  alpha: alphaField(),
  init: initField(),
  frozen: frozenField(),
});

export const conv2d: KindDescriptor<'conv2d', typeof params> = {
  kind: 'conv2d',
  title: 'Conv 2D',
  category: 'Layers',
  description: 'n_C filters of f × f × n_C_prev; n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1.',
  params,
  defaults: { filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu' },
  inputs: ['in'],
  numbered: true,
  check: ({ id, f, padding }) => {
    if (padding !== 'same' || f % 2 === 1) return [];
    const message = `padding: 'same' needs an odd f: p = (f − 1)/2 = (${f} − 1)/2 = ${(f - 1) / 2} is not an integer`;
    return [{ nodeId: id, severity: 'error', message, hint: `Use f = ${f + 1} (or ${f - 1}), or padding 'valid'.` }];
  },
  shape: (layer, rule) => {
    const bad = rule.needImages('conv2d', 'Feed it from an image input, a conv or a pool layer (choose an image dataset).');
    if (bad) return bad;
    const [hPrev, wPrev, cPrev] = rule.input;
    const { f, s, filters } = layer;
    const p = paddingAmount(layer.padding, f);
    const h = convOutputSize(hPrev, f, s, p);
    const w = convOutputSize(wPrev, f, s, p);
    if (h < 1 || w < 1) {
      const side = h < 1 ? hPrev : wPrev;
      const name = h < 1 ? 'n_H' : 'n_W';
      return rule.fail(
        `${name} = ⌊(${name}_prev + 2p − f)/s⌋ + 1 = ⌊(${side} + 2·${p} − ${f})/${s}⌋ + 1 = ${Math.min(h, w)} < 1: the ${f}×${f} filter does not fit the ${hPrev}×${wPrev} input`,
        `Use f ≤ ${side + 2 * p}, or padding 'same'.`,
        { fix: { kind: 'set-param', nodeId: layer.id, param: 'padding', value: 'same', label: "Set padding to 'same'" } },
      );
    }
    const W = [f, f, cPrev, filters];
    const b = [1, 1, 1, filters];
    return {
      ok: true,
      outShape: [h, w, filters],
      shapes: { W, b, Z: ['m', h, w, filters], A: ['m', h, w, filters], dW: W, db: b },
      params: (f * f * cPrev + 1) * filters,
      // Each of the n_H·n_W·n_C outputs is an f·f·n_C_prev dot product (the course's cost count).
      multiplies: h * w * filters * f * f * cPrev,
    };
  },
  summary: (p) => `${show(p.filters)} filters ${show(p.f)}×${show(p.f)} · s=${show(p.s)} · ${show(p.padding)} · ${show(p.activation)}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const [hIn, wIn, cIn] = inputShape;
    const { f, s, filters: cOut } = spec;
    const p = paddingAmount(spec.padding, f);
    const hOut = convOutputSize(hIn, f, s, p);
    const wOut = convOutputSize(wIn, f, s, p);
    const act = actCode(spec.activation);
    const frozen = isFrozen(spec);
    const alpha = spec.alpha ?? LEAKY_RELU_SLOPE;
    const W = param(ctx, spec.id, 'W', [f, f, cIn, cOut], true, { kind: 'weights', fanIn: f * f * cIn });
    const b = param(ctx, spec.id, 'b', [1, 1, 1, cOut], false, { kind: 'constant', value: 0 });
    const outSize = hOut * wOut * cOut;
    const Z = allocate(ctx, outSize * ctx.capacity);
    const A = act === ACT.linear ? Z : allocate(ctx, outSize * ctx.capacity);
    const dZ = allocate(ctx, outSize * ctx.capacity);
    // One dims record, updated in place with the batch's m (no allocation per step).
    const dims: Conv2dDims = { m: 0, hIn, wIn, cIn, f, s, padTop: p, padLeft: p, hOut, wOut, cOut };

    return {
      ...layerBase(spec, [hOut, wOut, cOut], A, [W, b]),
      internals: { Z, dZ },
      forward([X], m) {
        dims.m = m;
        k.conv2dForward(X, W.value, b.value, Z, dims);
        if (act !== ACT.linear) k.activationForward(act, Z, A, outSize * m, alpha);
      },
      backward([X], dA, [dX], m) {
        assertGradSize(spec.id, 'conv2d', 'dA', dA.length, outSize * m);
        dims.m = m;
        k.activationBackward(act, Z, A, dA, dZ, outSize * m, alpha);
        // A frozen layer's dW and db would never be used: only dA_prev flows on.
        if (!frozen) k.conv2dBackwardFilter(X, dZ, W.grad, b.grad, dims, 1 / m);
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
  },
};
