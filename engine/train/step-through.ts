/**
 * One training example, stepped through: forward propagation layer by layer, the cost, backward
 * propagation, then the parameter update — the course's hand computation, with every number
 * read from the engine's own buffers after the engine's own forward, backward and optimizer
 * step (prepareRun plans the network exactly as a training run does, with a batch of one).
 *
 * The step is a real training step of batch size 1 ('train' mode): dropout draws its masks from
 * the run's dropout stream, and batch norm normalises the one example against itself (so its
 * output is β — said in the notes).
 */
import { loadBatch } from '../data/batcher';
import type { Backend, FloatArray } from '../kernels/kernels';
import type { Layer } from '../layers/types';
import { createOptimizer } from '../optim';
import type { RunRequest } from '../protocol/messages';
import { learningRateAt } from '../schedules';
import { layerIndices } from './layer-index';
import { prepareRun } from './prepare';

/** Tensors larger than this are not copied into a step-through (a student reads small layers). */
export const MAX_TRACE_VALUES = 1 << 18;

export interface TraceTensor {
  /** Course notation with the layer index, e.g. "Z[1]", "dW[2]", "A[0] = X". */
  name: string;
  /** Z, A, W, b, dZ, dA, dW, db, X, Y. */
  symbol: string;
  /** Course shape for this batch of one, e.g. (4, 1) or (1, 28, 28, 6). */
  shape: number[];
  /** Row-major values; null when the tensor has more than MAX_TRACE_VALUES values. */
  values: Float32Array | null;
}

export interface TraceLayer {
  id: string;
  kind: string;
  /** Course layer index for layers with parameters (input 0); null otherwise. */
  l: number | null;
  tensors: TraceTensor[];
}

export interface ParameterUpdate {
  layerId: string;
  /** "W[1]", "b[1]", … */
  name: string;
  shape: number[];
  before: Float32Array | null;
  gradient: Float32Array | null;
  after: Float32Array | null;
}

export interface StepThrough {
  example: { index: number; trainSize: number; label: number[]; className?: string };
  /** Layers in forward order (the input first: A[0] = X). */
  forward: TraceLayer[];
  cost: { J: number; loss: string; l2Term: number };
  /** Layers in backward order (the output first: dZ[L] = A[L] − Y). */
  backward: TraceLayer[];
  update: { optimizer: string; learningRate: number; l2: number; tensors: ParameterUpdate[] };
  notes: string[];
}

export class InspectInputError extends Error {}

function copyOf(buffer: FloatArray, size: number): Float32Array | null {
  return size > MAX_TRACE_VALUES ? null : Float32Array.from(buffer.subarray(0, size));
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function tensor(symbol: string, l: number | null, shape: number[], buffer: FloatArray, suffix = ''): TraceTensor {
  return { name: `${symbol}${l === null ? '' : `[${l}]`}${suffix}`, symbol, shape, values: copyOf(buffer, sizeOf(shape)) };
}

/** Shape of a layer's output for one example, in the course's layout: (n, 1) or (1, n_H, n_W, n_C). */
function activationShape(layer: Layer): number[] {
  return layer.exampleShape.length === 1 ? [layer.exampleShape[0], 1] : [1, ...layer.exampleShape];
}

/**
 * Steps through training example `exampleIndex` (of the training split, after the request's
 * split and normalisation) at the request's starting weights: its initialModel, or the
 * initialisation its seed gives.
 */
export function stepThrough(request: RunRequest, exampleIndex: number, backend: Backend): StepThrough {
  const prepared = prepareRun({ ...request, config: { ...request.config, batchSize: 1 } }, backend);
  const { net, train } = prepared;
  if (!Number.isInteger(exampleIndex) || exampleIndex < 0 || exampleIndex >= train.m) {
    throw new InspectInputError(`Example ${exampleIndex} does not exist: the training set has examples 0 to ${train.m - 1}.`);
  }
  const indices = layerIndices(prepared.spec);
  loadBatch(net, train, [exampleIndex], 0, 1);

  net.forward(1, 'train');
  const forward: TraceLayer[] = net.layers.map((layer) => {
    const l = indices.get(layer.id) ?? null;
    const shape = activationShape(layer);
    if (layer === net.input) return { id: layer.id, kind: layer.spec.kind, l: 0, tensors: [tensor('A', 0, shape, layer.A, ' = X')] };
    const tensors: TraceTensor[] = [];
    const shapes = layer.shapes(1);
    for (const p of layer.params) tensors.push(tensor(p.name, l, p.shape, p.value));
    if (layer.internals?.Z) tensors.push(tensor('Z', l, shapes.Z ?? shape, layer.internals.Z));
    tensors.push(tensor('A', l, shapes.A ?? shape, layer.A));
    return { id: layer.id, kind: layer.spec.kind, l, tensors };
  });
  forward[forward.length - 1]?.tensors.push(tensor('Y', null, [net.output.units, 1], net.Y));

  net.backward(1);
  const l2 = request.config.l2 ?? 0;
  const data = net.cost(1);
  const l2Term = l2 > 0 ? (l2 / 2) * net.weightSquares() : 0;

  const backward: TraceLayer[] = [...net.layers].reverse().flatMap((layer) => {
    if (layer === net.input) return [];
    const l = indices.get(layer.id) ?? null;
    const tensors: TraceTensor[] = [];
    const dA = net.gradientOf(layer.id);
    if (dA) tensors.push(tensor('dA', l, activationShape(layer), dA));
    const shapes = layer.shapes(1);
    if (layer.internals?.dZ) tensors.push(tensor('dZ', l, shapes.Z ?? activationShape(layer), layer.internals.dZ));
    for (const p of layer.params) tensors.push(tensor(`d${p.name}`, l, p.shape, p.grad));
    return tensors.length ? [{ id: layer.id, kind: layer.spec.kind, l, tensors }] : [];
  });

  const learningRate = learningRateAt(request.config.learningRate, request.config.decay, 0);
  const before = net.params.map((p) => copyOf(p.value, p.size));
  const gradients = net.params.map((p) => copyOf(p.grad, p.size));
  createOptimizer(net, request.config.optimizer).step(learningRate, l2 / 1);
  const update = net.params.map((p, i) => ({
    layerId: p.layerId,
    name: `${p.name}${indices.has(p.layerId) ? `[${indices.get(p.layerId)}]` : ''}`,
    shape: [...p.shape],
    before: before[i],
    gradient: gradients[i],
    after: copyOf(p.value, p.size),
  }));

  const notes: string[] = [];
  if (net.layers.some((layer) => layer.spec.kind === 'batchnorm')) {
    notes.push('Batch norm normalises over the batch; with one example, μ is the example itself, so Z̃ = β.');
  }
  if (net.layers.some((layer) => layer.spec.kind === 'dropout')) {
    notes.push('Dropout is on, as in training: its mask comes from the run’s seed.');
  }
  if (l2 > 0) notes.push(`L2 adds λ/(2m) Σ‖W‖² = ${l2Term.toPrecision(4)} to J and λ/m · W to each dW in the update.`);
  const label = Array.from(net.Y.subarray(0, net.output.units));
  const classIndex = train.numClasses > 0 ? train.y[exampleIndex] : -1;
  return {
    example: {
      index: exampleIndex,
      trainSize: train.m,
      label,
      ...(train.classNames && classIndex >= 0 ? { className: train.classNames[classIndex] } : {}),
    },
    forward,
    cost: { J: data + l2Term, loss: net.loss, l2Term },
    backward,
    update: { optimizer: request.config.optimizer.kind, learningRate, l2, tensors: update },
    notes,
  };
}
