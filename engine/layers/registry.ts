/** The layer registry: one factory per kind string, the same strings as the spec and the canvas. */
import type { LayerKind, LayerSpec } from '../spec/types';
import { createActivation } from './activation';
import { createAdd } from './add';
import { createBatchNorm } from './batchnorm';
import { createConv2d } from './conv2d';
import { createDense } from './dense';
import { createDropout } from './dropout';
import { createFlatten } from './flatten';
import { createInput } from './input';
import { createOutput } from './output';
import { createPool } from './pool';
import { createSoftmax } from './softmax';
import type { Layer, LayerContext, LayerFactory } from './types';

const registry: { [K in LayerKind]: LayerFactory<Extract<LayerSpec, { kind: K }>> } = {
  input: createInput,
  dense: createDense,
  conv2d: createConv2d,
  pool: createPool,
  batchnorm: createBatchNorm,
  dropout: createDropout,
  activation: createActivation,
  softmax: createSoftmax,
  flatten: createFlatten,
  add: createAdd,
  output: createOutput,
};

export function createLayer(spec: LayerSpec, inputShapes: number[][], ctx: LayerContext): Layer {
  const factory = registry[spec.kind] as LayerFactory | undefined;
  if (!factory) throw new Error(`Unknown layer kind "${spec.kind}" (layer ${spec.id}).`);
  return factory(spec, inputShapes, ctx);
}
