/**
 * concatenate (Inception's join): images (m, n_H, n_W, n_C_k) stack along channels into
 * (m, n_H, n_W, Σ n_C_k), so every branch needs the same n_H and n_W ("same" padding);
 * feature vectors (n_k, m) stack along features into (Σ n_k, m). No parameters; backward hands
 * each branch its own slice of dA.
 */
import { z } from 'zod';
import { assertGradSize, layerBase } from '../layers/common';
import { activationDims, formatActivation } from '../spec/notation';
import { allocate, product } from '../tensor/buffers';
import type { KindDescriptor } from './kind';
import { isImage } from './shape-rule';

const params = z.object({});

export const concatenate: KindDescriptor<'concatenate', typeof params> = {
  kind: 'concatenate',
  title: 'Concatenate',
  category: 'Structure',
  description: 'Joins 2–4 branches: images along n_C (equal n_H × n_W), feature vectors along n.',
  params,
  defaults: {},
  inputs: ['a', 'b', 'c', 'd'],
  minInputs: 2,
  shape: (_layer, rule) => {
    const shapes = rule.inputs.map((input) => input.shape);
    const image = rule.inputs.find((input) => isImage(input.shape));
    const vector = rule.inputs.find((input) => !isImage(input.shape));
    if (image && vector) {
      return rule.fail(
        `concatenate joins images along n_C or feature vectors along n, not both: it receives ${formatActivation(image.shape)} and ${formatActivation(vector.shape)}`,
        'Flatten the image branch first, so every branch is a feature vector (n, m).',
        { fix: { kind: 'insert-flatten', beforeNodeId: rule.nodeId, edgeId: image.edgeId } },
      );
    }
    if (!image) {
      const n = shapes.reduce((sum, [units]) => sum + units, 0);
      return { ok: true, outShape: [n], shapes: { A: [n, 'm'] }, params: 0 };
    }
    const [h, w] = shapes[0];
    const odd = rule.inputs.findIndex((input) => input.shape[0] !== h || input.shape[1] !== w);
    if (odd !== -1) {
      const [oh, ow] = shapes[odd];
      const name = oh !== h ? 'n_H' : 'n_W';
      return rule.fail(
        `concatenate stacks channels, so every branch needs the same n_H × n_W: branch 1 is ${h}×${w}×${shapes[0][2]} but branch ${odd + 1} is ${oh}×${ow}×${shapes[odd][2]} (${name} differs)`,
        `Give every conv and pool in the branches padding 'same' and stride 1, so n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1 = n_H_prev (p = (f − 1)/2).`,
        { edgeId: rule.inputs[odd].edgeId },
      );
    }
    const channels = shapes.reduce((sum, shape) => sum + shape[2], 0);
    const out = [h, w, channels];
    return { ok: true, outShape: out, shapes: { A: activationDims(out) }, params: 0 };
  },
  summary: () => 'along n_C (images) or n (vectors)',
  create: (spec, inputShapes, ctx) => {
    const k = ctx.kernels;
    const image = inputShapes[0].length === 3;
    // The stacked axis: n_C for images (the last, fastest-varying), n for vectors (rows of (n, m)).
    const widths = inputShapes.map((shape) => (image ? shape[2] : shape[0]));
    const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
    const total = widths.reduce((a, b) => a + b, 0);
    const outShape = image ? [inputShapes[0][0], inputShapes[0][1], total] : [total];
    const pixels = image ? inputShapes[0][0] * inputShapes[0][1] : 1;
    const A = allocate(ctx, product(outShape) * ctx.capacity);

    return {
      ...layerBase(spec, outShape, A),
      forward(X, m) {
        for (let i = 0; i < X.length; i++) {
          // Images: each pixel's n_C_i channels land at columns offset…offset + n_C_i of its Σ n_C.
          // Vectors: the n_i rows (each m wide) land at rows offset…offset + n_i.
          if (image) k.copyBlock(X[i], 0, widths[i], A, offsets[i], total, m * pixels, widths[i]);
          else k.copyBlock(X[i], 0, m, A, offsets[i] * m, m, widths[i], m);
        }
      },
      backward(_inputs, dA, dInputs, m) {
        for (let i = 0; i < dInputs.length; i++) {
          const dX = dInputs[i];
          if (!dX) continue;
          assertGradSize(spec.id, 'concatenate', 'dA_prev', dX.length, widths[i] * pixels * m);
          if (image) k.copyBlock(dA, offsets[i], total, dX, 0, widths[i], m * pixels, widths[i]);
          else k.copyBlock(dA, offsets[i] * m, m, dX, 0, m, widths[i], m);
        }
      },
      shapes: (m) => ({ A: image ? [m, ...outShape] : [total, m] }),
    };
  },
};
