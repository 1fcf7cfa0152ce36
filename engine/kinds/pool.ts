/**
 * pool: max or average over f × f windows with stride s; no parameters.
 * n_H = ⌊(n_H_prev − f)/s⌋ + 1, n_C unchanged. Max remembers the winner for backward.
 */
import { z } from 'zod';
import type { Pool2dDims } from '../kernels/kernels';
import { assertGradSize, layerBase } from '../layers/common';
import { choice, int } from '../spec/fields';
import { convOutputSize } from '../spec/geometry';
import { MAX_FILTER_SIZE } from '../spec/limits';
import { allocate } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const params = z.object({
  mode: choice(['max', 'avg'], { label: 'Mode', labels: { avg: 'average' } }),
  f: int({ label: 'Window f', min: 1, max: MAX_FILTER_SIZE }),
  s: int({ label: 'Stride s', min: 1, max: MAX_FILTER_SIZE }),
});

export const pool: KindDescriptor<'pool', typeof params> = {
  kind: 'pool',
  title: 'Pool',
  category: 'Layers',
  description: 'Max or average over f × f windows with stride s; no parameters.',
  params,
  defaults: { mode: 'max', f: 2, s: 2 },
  inputs: ['in'],
  shape: (layer, rule) => {
    const bad = rule.needImages('pool', 'Put pooling after a conv layer.');
    if (bad) return bad;
    const [hPrev, wPrev, c] = rule.input;
    const { f, s } = layer;
    const h = convOutputSize(hPrev, f, s, 0);
    const w = convOutputSize(wPrev, f, s, 0);
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
  summary: (p) => `${p.mode === 'avg' ? 'average' : 'max'} ${show(p.f)}×${show(p.f)} · s=${show(p.s)}`,
  create: (spec, [inputShape], ctx) => {
    const k = ctx.kernels;
    const [hIn, wIn, c] = inputShape;
    const { f, s } = spec;
    const hOut = convOutputSize(hIn, f, s, 0);
    const wOut = convOutputSize(wIn, f, s, 0);
    const outSize = hOut * wOut * c;
    const A = allocate(ctx.dtype, outSize * ctx.capacity);
    const argmax = spec.mode === 'max' ? new Int32Array(outSize * ctx.capacity) : new Int32Array(0);
    const dims: Pool2dDims = { m: 0, hIn, wIn, c, f, s, hOut, wOut };

    return {
      ...layerBase(spec, [hOut, wOut, c], A),
      forward([X], m) {
        dims.m = m;
        if (spec.mode === 'max') k.maxPoolForward(X, A, argmax, dims);
        else k.avgPoolForward(X, A, dims);
      },
      backward(_inputs, dA, [dX], m) {
        if (!dX) return;
        assertGradSize(spec.id, 'pool', 'dA_prev', dX.length, hIn * wIn * c * m);
        dims.m = m;
        if (spec.mode === 'max') k.maxPoolBackward(dA, argmax, dX, dims);
        else k.avgPoolBackward(dA, dX, dims);
      },
      shapes: (m) => ({ A: [m, hOut, wOut, c] }),
    };
  },
};
