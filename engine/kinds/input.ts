/**
 * input: A[0] = X, the examples. [n_x] for feature vectors, [n_H, n_W, n_C] for images.
 * The batcher writes the examples straight into A (dense: (n_x, m); images: (m, n_H, n_W, n_C)).
 */
import { z } from 'zod';
import { described, describeValue, type NumberInfo } from '../spec/fields';
import { MAX_FEATURES, MAX_IMAGE_DIM } from '../spec/limits';
import { activationDims } from '../spec/notation';
import { layerBase } from '../layers/common';
import { allocate, product } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const int = (label: string, max: number): NumberInfo => ({ type: 'int', label, min: 1, max, step: 1 });
const parts = {
  features: int('Features n[0]', MAX_FEATURES),
  height: int('Height n_H', MAX_IMAGE_DIM),
  width: int('Width n_W', MAX_IMAGE_DIM),
  channels: int('Channels n_C', MAX_IMAGE_DIM),
};

/** [n_x], or [n_H, n_W, n_C], each dimension an integer in its part's range. */
function fits(value: unknown): value is number[] {
  const dims = !Array.isArray(value) ? null : value.length === 1 ? [parts.features] : value.length === 3 ? [parts.height, parts.width, parts.channels] : null;
  return dims !== null && (value as unknown[]).every((d, i) => Number.isInteger(d) && (d as number) >= dims[i].min && (d as number) <= dims[i].max);
}

const shapeField = described(
  z.custom<number[]>(fits, {
    error: (issue) =>
      `expected [n_x] (n_x ≤ ${MAX_FEATURES.toLocaleString('en')}) or [n_H, n_W, n_C] (each ≤ ${MAX_IMAGE_DIM.toLocaleString('en')}) of positive integers, got ${JSON.stringify(issue.input)?.slice(0, 40) ?? describeValue(issue.input)}`,
  }),
  {
    type: 'shape',
    label: 'Example shape',
    help: 'The chosen dataset sets this; change it to plan a network before you have data.',
    hint: 'Pick a dataset, or set the input shape, e.g. [2] or [28, 28, 1].',
    parts,
  },
);

const params = z.object({ shape: shapeField });

export const input: KindDescriptor<'input', typeof params> = {
  kind: 'input',
  title: 'Input',
  category: 'Data',
  description: 'The examples X: n[0] features (or n_H × n_W × n_C pixels) by m examples.',
  params,
  defaults: { shape: [2] },
  inputs: [],
  numbered: true,
  shape: (layer) => ({ ok: true, outShape: [...layer.shape], shapes: { A: activationDims(layer.shape) }, params: 0 }),
  summary: ({ shape }) => {
    const dims = Array.isArray(shape) ? (shape as unknown[]) : [];
    return dims.length === 3 ? `${dims.join(' × ')} image` : `n[0] = ${show(dims[0])} features`;
  },
  create: (spec, _inputShapes, ctx) => {
    const exampleSize = product(spec.shape);
    const A = allocate(ctx, exampleSize * ctx.capacity);
    const image = spec.shape.length === 3;
    return {
      ...layerBase(spec, [...spec.shape], A),
      forward() {},
      backward() {},
      shapes: (m) => ({ A: image ? [m, ...spec.shape] : [exampleSize, m] }),
    };
  },
};
