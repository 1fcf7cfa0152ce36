/**
 * pool: max or average over f × f windows with stride s; no parameters.
 * n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1, n_C unchanged. Max remembers the winner for backward.
 * Padding 'same' (p = (f − 1)/2, Inception's pool branch) pads max pooling with −∞ (a pad never
 * wins) and average pooling with zeros that count in the average (PyTorch's count_include_pad).
 */
import { z } from 'zod';
import type { Pool2dDims } from '../kernels/kernels';
import { assertGradSize, layerBase } from '../layers/common';
import { choice, int } from '../spec/fields';
import { convOutputSize, paddingAmount } from '../spec/geometry';
import { MAX_FILTER_SIZE } from '../spec/limits';
import { allocate, allocateIndices } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const params = z.object({
  mode: choice(['max', 'avg'], { label: 'Mode', labels: { avg: 'average' } }),
  f: int({ label: 'Window f', min: 1, max: MAX_FILTER_SIZE }),
  s: int({ label: 'Stride s', min: 1, max: MAX_FILTER_SIZE }),
  padding: choice(['valid', 'same'], { label: 'Padding p', labels: { valid: 'valid (p = 0)', same: 'same' } }).default('valid'),
});

export const pool: KindDescriptor<'pool', typeof params> = {
  kind: 'pool',
  title: 'Pool',
  category: 'Layers',
  description: 'Max or average over f × f windows with stride s; no parameters.',
  params,
  defaults: { mode: 'max', f: 2, s: 2, padding: 'valid' },
  inputs: ['in'],
  check: ({ id, f, padding }) => {
    if (padding !== 'same' || f % 2 === 1) return [];
    const message = `padding: 'same' needs an odd f: p = (f − 1)/2 = (${f} − 1)/2 = ${(f - 1) / 2} is not an integer`;
    return [{ nodeId: id, severity: 'error', message, hint: `Use f = ${f + 1} (or ${f - 1}), or padding 'valid'.` }];
  },
  shape: (layer, rule) => {
    const bad = rule.needImages('pool', 'Put pooling after a conv layer.');
    if (bad) return bad;
    const [hPrev, wPrev, c] = rule.input;
    const { f, s } = layer;
    const p = paddingAmount(layer.padding, f);
    const h = convOutputSize(hPrev, f, s, p);
    const w = convOutputSize(wPrev, f, s, p);
    if (h < 1 || w < 1) {
      const side = h < 1 ? hPrev : wPrev;
      const name = h < 1 ? 'n_H' : 'n_W';
      const fit = Math.min(hPrev, wPrev);
      return rule.fail(
        `${name} = ⌊(${name}_prev − f)/s⌋ + 1 = ⌊(${side} − ${f})/${s}⌋ + 1 = ${Math.min(h, w)} < 1: the ${f}×${f} window does not fit the ${hPrev}×${wPrev} input`,
        `Use f ≤ ${fit}.`,
        { fix: { kind: 'set-param', nodeId: layer.id, param: 'f', value: fit, label: `Set f to ${fit}` } },
      );
    }
    return { ok: true, outShape: [h, w, c], shapes: { A: ['m', h, w, c] }, params: 0 };
  },
  summary: (p) => `${p.mode === 'avg' ? 'average' : 'max'} ${show(p.f)}×${show(p.f)} · s=${show(p.s)}${p.padding === 'same' ? ' · same' : ''}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const [hIn, wIn, c] = inputShape;
    const { f, s } = spec;
    const p = paddingAmount(spec.padding, f);
    const hOut = convOutputSize(hIn, f, s, p);
    const wOut = convOutputSize(wIn, f, s, p);
    const outSize = hOut * wOut * c;
    const A = allocate(ctx, outSize * ctx.capacity);
    const argmax = allocateIndices(ctx, spec.mode === 'max' ? outSize * ctx.capacity : 0);
    // The pool kernels never pad: a padded layer pools a bordered copy of X (the border is
    // written once) and hands back the gradient of its interior.
    const hPad = hIn + 2 * p;
    const wPad = wIn + 2 * p;
    const padded = p > 0 ? allocate(ctx, hPad * wPad * c * ctx.capacity).fill(spec.mode === 'max' ? -Infinity : 0) : null;
    const dPadded = p > 0 ? allocate(ctx, hPad * wPad * c * ctx.capacity) : null;
    const dims: Pool2dDims = { m: 0, hIn: hPad, wIn: wPad, c, f, s, hOut, wOut };
    // Example i's n_H_prev rows of n_W_prev·n_C values start at i·exampleIn in X and at
    // bordered(i) (row p, column p) in the bordered copy.
    const exampleIn = hIn * wIn * c;
    const bordered = (i: number) => ((i * hPad + p) * wPad + p) * c;

    return {
      ...layerBase(spec, [hOut, wOut, c], A),
      forward([X], m) {
        dims.m = m;
        let input = X;
        if (padded) {
          for (let i = 0; i < m; i++) k.copyBlock(X, i * exampleIn, wIn * c, padded, bordered(i), wPad * c, hIn, wIn * c);
          input = padded;
        }
        if (spec.mode === 'max') k.maxPoolForward(input, A, argmax, dims);
        else k.avgPoolForward(input, A, dims);
      },
      backward(_inputs, dA, [dX], m) {
        if (!dX) return;
        assertGradSize(spec.id, 'pool', 'dA_prev', dX.length, hIn * wIn * c * m);
        dims.m = m;
        const target = dPadded ?? dX;
        if (spec.mode === 'max') k.maxPoolBackward(dA, argmax, target, dims);
        else k.avgPoolBackward(dA, target, dims);
        if (dPadded) for (let i = 0; i < m; i++) k.copyBlock(dPadded, bordered(i), wPad * c, dX, i * exampleIn, wIn * c, hIn, wIn * c);
      },
      shapes: (m) => ({ A: [m, hOut, wOut, c] }),
    };
  },
};
