/**
 * Views inside a convolutional network, computed by the trainer on request from the
 * engine's own network (prepareRun plans it as a run does, at the request's weights):
 * - the filters of the first conv layer, as f × f images (one per filter and input channel);
 * - the feature maps A[l] of any conv layer for one example (n_H × n_W per channel);
 * - a saliency map: |∂ score / ∂ X| per pixel (the largest over the input channels), where the
 *   score is the predicted class's Z[L] (its logit), found by one backward pass.
 */
import { loadBatch } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import type { Backend } from '../kernels/kernels';
import type { RunRequest } from '../protocol/messages';
import type { OutputLayer } from '../spec/types';
import { layerIndices } from './layer-index';
import { prepareRun, type Prepared } from './prepare';
import { InspectInputError } from './step-through';

export type ExampleSet = 'train' | 'dev';

export interface ConvFilters {
  layerId: string;
  l: number;
  f: number;
  channelsIn: number;
  filters: number;
  /** W[l] as trained, (f, f, n_C_prev, n_C) row-major. */
  values: Float32Array;
}

export interface FeatureMaps {
  layerId: string;
  l: number | null;
  kind: string;
  /** n_H, n_W, n_C of A[l] for one example. */
  shape: [number, number, number];
  /** A[l] of the example, (n_H, n_W, n_C) row-major (channels last). */
  values: Float32Array;
  example: ExampleInfo;
}

export interface Saliency {
  /** |∂ Z[L]_c / ∂ X|, max over input channels: n_H × n_W row-major. */
  values: Float32Array;
  shape: [number, number];
  /** The input image the map explains (n_H, n_W, n_C), after normalisation. */
  input: Float32Array;
  inputShape: [number, number, number];
  predicted: number;
  predictedName?: string;
  /** The score differentiated: the predicted class's logit Z[L]_c (± z for a single sigmoid unit). */
  score: number;
  example: ExampleInfo;
}

export interface ExampleInfo {
  set: ExampleSet;
  index: number;
  size: number;
  label: number;
  className?: string;
}

function prepare(request: RunRequest, backend: Backend, inputGradient = false): Prepared {
  return prepareRun({ ...request, config: { ...request.config, batchSize: 1 } }, backend, { inputGradient });
}

function requireImages(prepared: Prepared): void {
  if (prepared.train.exampleShape.length !== 3) {
    throw new InspectInputError('These views need image inputs (n_H × n_W × n_C), such as the bundled MNIST digits.');
  }
}

function pick(prepared: Prepared, set: ExampleSet, index: number): { data: Dataset; info: ExampleInfo } {
  const data = set === 'dev' ? prepared.dev : prepared.train;
  if (!data) throw new InspectInputError('There is no dev set: split the data (Data ▸ Split) or choose a training example.');
  if (!Number.isInteger(index) || index < 0 || index >= data.m) {
    throw new InspectInputError(`Example ${index} does not exist: the ${set} set has examples 0 to ${data.m - 1}.`);
  }
  const label = data.numClasses > 0 ? data.y[index] : NaN;
  return {
    data,
    info: { set, index, size: data.m, label, ...(data.classNames && label >= 0 ? { className: data.classNames[label] } : {}) },
  };
}

/** The first conv layer's filters (or the named conv layer's). */
export function convFilters(request: RunRequest, backend: Backend, layerId?: string): ConvFilters {
  const prepared = prepare(request, backend);
  const layer = prepared.net.layers.find((l) => l.spec.kind === 'conv2d' && (layerId === undefined || l.id === layerId));
  if (!layer || layer.spec.kind !== 'conv2d') {
    throw new InspectInputError(layerId ? `Layer ${layerId} is not a conv layer.` : 'The network has no conv layer.');
  }
  const W = layer.params.find((p) => p.name === 'W')!;
  const [f, , channelsIn, filters] = W.shape;
  return {
    layerId: layer.id,
    l: layerIndices(prepared.spec).get(layer.id) ?? 1,
    f,
    channelsIn,
    filters,
    values: Float32Array.from(W.value.subarray(0, W.size)),
  };
}

/** A[l] of an image-shaped layer (conv, pool, batch norm, activation…) for one example, in test mode. */
export function featureMaps(request: RunRequest, backend: Backend, layerId: string, set: ExampleSet, index: number): FeatureMaps {
  const prepared = prepare(request, backend);
  requireImages(prepared);
  const layer = prepared.net.layers.find((l) => l.id === layerId);
  if (!layer) throw new InspectInputError(`The network has no layer ${layerId}.`);
  if (layer.exampleShape.length !== 3) throw new InspectInputError(`Layer ${layerId} is not image-shaped (its output is a vector of ${layer.exampleSize}).`);
  const { data, info } = pick(prepared, set, index);
  loadBatch(prepared.net, data, [index], 0, 1);
  prepared.net.forward(1, 'test');
  const [h, w, c] = layer.exampleShape;
  return {
    layerId,
    l: layerIndices(prepared.spec).get(layerId) ?? null,
    kind: layer.spec.kind,
    shape: [h, w, c],
    values: Float32Array.from(layer.A.subarray(0, layer.exampleSize)),
    example: info,
  };
}

/** The saliency map of one example for the class the network predicts. */
export function saliencyMap(request: RunRequest, backend: Backend, set: ExampleSet, index: number): Saliency {
  const prepared = prepare(request, backend, true);
  requireImages(prepared);
  const { net } = prepared;
  if (net.layers.some((l) => l.spec.kind === 'batchnorm')) {
    // Batch norm's backward is written for batch statistics; the test-time network's gradient differs.
    throw new InspectInputError(
      'Saliency maps are not available for networks with batch norm yet (its backward uses batch statistics, not the running averages).',
    );
  }
  const { data, info } = pick(prepared, set, index);
  loadBatch(net, data, [index], 0, 1);
  // 'check': no dropout and (without batch norm) the same function as at test time.
  net.forward(1, 'check');
  const output = net.output;
  const units = output.units;
  const activation = (output.spec as OutputLayer).activation;
  const A = output.A;
  let predicted = 0;
  let sign = 1;
  if (activation === 'sigmoid' && units === 1) {
    predicted = A[0] > 0.5 ? 1 : 0;
    sign = predicted === 1 ? 1 : -1; // class 0's score is −z
  } else {
    for (let r = 1; r < units; r++) if (A[r] > A[predicted]) predicted = r;
  }
  const unit = units === 1 ? 0 : predicted;
  const score = sign * output.Z[unit];
  // The fused output starts backward from dZ[L] = A[L] − Y: Y = A − sign·e_c makes dZ[L] = sign·e_c,
  // so backward computes ∂(sign · Z[L]_c)/∂θ and, with the input gradient planned, ∂/∂X.
  for (let r = 0; r < units; r++) net.Y[r] = A[r] - (r === unit ? sign : 0);
  net.backward(1);
  const dX = net.gradientOf(net.input.id);
  if (!dX) throw new Error('The input gradient was not planned.');
  const [h, w, c] = net.input.exampleShape;
  const values = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++) {
    let best = 0;
    for (let ch = 0; ch < c; ch++) best = Math.max(best, Math.abs(dX[p * c + ch]));
    values[p] = best;
  }
  return {
    values,
    shape: [h, w],
    input: Float32Array.from(net.input.A.subarray(0, h * w * c)),
    inputShape: [h, w, c],
    predicted,
    ...(data.classNames ? { predictedName: data.classNames[predicted] } : {}),
    score,
    example: info,
  };
}
