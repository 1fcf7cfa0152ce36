/**
 * input: A[0] = X, the examples. [n_x] for feature vectors, [n_H, n_W, n_C] for images.
 * The batcher writes the examples straight into A (dense: (n_x, m); images: (m, n_H, n_W, n_C)).
 */
import { z } from 'zod';
import { described, describeValue, type NumberInfo } from '../spec/fields';
import { MAX_FEATURES, MAX_IMAGE_DIM } from '../spec/limits';
import { activationDims } from '../spec/notation';
import { allocate, product } from '../tensor/buffers';
import { show, type KindDescriptor } from './kind';

const side = (label: string): NumberInfo => ({ type: 'int', label, min: 1, max: MAX_IMAGE_DIM, step: 1 });
const parts = {
  features: { type: 'int', label: 'Features n[0]', min: 1, max: MAX_FEATURES, step: 1 },
  height: side('Height n_H'),
  width: side('Width n_W'),
  channels: side('Channels n_C'),
} as const satisfies Record<string, NumberInfo>;

const fits = (shape: number[]): boolean => {
  const dims = shape.length === 1 ? [parts.features] : shape.length === 3 ? [parts.height, parts.width, parts.channels] : null;
  return dims !== null && shape.every((d, i) => Number.isInteger(d) && d >= dims[i].min && d <= dims[i].max);
};

const preview = (value: unknown): string => {
  const text = JSON.stringify(value) ?? describeValue(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};

const shapeField = described(
  z.custom<number[]>((value) => Array.isArray(value) && value.every((d) => typeof d === 'number') && fits(value), {
    error: (issue) =>
      `expected [n_x] (n_x ≤ ${MAX_FEATURES.toLocaleString('en')}) or [n_H, n_W, n_C] (each ≤ ${MAX_IMAGE_DIM.toLocaleString('en')}) of positive integers, got ${preview(issue.input)}`,
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
    const A = allocate(ctx.dtype, exampleSize * ctx.capacity);
    const image = spec.shape.length === 3;
    return {
      id: spec.id,
      spec,
      exampleShape: [...spec.shape],
      exampleSize,
      A,
      params: [],
      state: [],
      forward() {},
      backward() {},
      shapes: (m) => ({ A: image ? [m, ...spec.shape] : [exampleSize, m] }),
    };
  },
};
