/** Views inside conv layers: filters as trained, feature maps by hand, saliency as ∂ logit / ∂ x. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { RunRequest } from '../../engine/protocol/messages';
import { convFilters, featureMaps, saliencyMap } from '../../engine/train/conv-views';
import { readIdxPair } from '../../engine/data/readers/idx';
import { chain } from './helpers';
import { modelWith as model } from '../helpers/model-file';

const backend = createReferenceBackend('float32');

// A 3×3 one-channel image, one 2×2 filter [[1, 0], [0, −1]] (a diagonal difference), bias 0.5, linear.
const convSpec = chain(
  { id: 'x', kind: 'input', shape: [3, 3, 1] },
  { id: 'c', kind: 'conv2d', filters: 1, f: 2, s: 1, padding: 'valid', activation: 'linear' },
  { id: 'flat', kind: 'flatten' },
  { id: 'y', kind: 'output', units: 2, activation: 'softmax', loss: 'cross_entropy' },
);
const image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const convModel = model(
  convSpec,
  {
    'c/W': { shape: [2, 2, 1, 1], values: [1, 0, 0, -1] },
    'c/b': { shape: [1, 1, 1, 1], values: [0.5] },
    'y/W': { shape: [2, 4], values: [1, 2, 3, 4, -1, -2, -3, -4] },
    'y/b': { shape: [2, 1], values: [0, 0] },
  },
  2,
);
const convRequest: RunRequest = {
  runId: 'views',
  spec: convSpec,
  data: { kind: 'inline', x: Float32Array.from([...image, ...image.map((v) => -v)]), y: Float32Array.from([0, 1]), exampleShape: [3, 3, 1], numClasses: 2 },
  config: { batchSize: 'full', learningRate: 0.1, optimizer: { kind: 'gd' }, seed: 1, iterations: 1 },
  initialModel: convModel,
};

describe('views inside conv layers', () => {
  it('filters: the first conv layer’s W as trained, (f, f, n_C_prev, n_C)', () => {
    const filters = convFilters(convRequest, backend);
    expect(filters).toMatchObject({ layerId: 'c', l: 1, f: 2, channelsIn: 1, filters: 1 });
    expect(Array.from(filters.values)).toEqual([1, 0, 0, -1]);
  });

  it('feature maps: A[1] = W ∗ x + b, worked by hand', () => {
    const maps = featureMaps(convRequest, backend, 'c', 'train', 0);
    // Each output pixel: x[i][j] − x[i+1][j+1] + 0.5 = −4 + 0.5 everywhere on this ramp.
    expect(maps.shape).toEqual([2, 2, 1]);
    expect(Array.from(maps.values)).toEqual([-3.5, -3.5, -3.5, -3.5]);
    expect(maps.example).toMatchObject({ set: 'train', index: 0, label: 0 });
    const second = featureMaps(convRequest, backend, 'c', 'train', 1);
    expect(Array.from(second.values)).toEqual([4.5, 4.5, 4.5, 4.5]);
  });

  it('saliency: |∂ Z[L]_c / ∂ x| for the predicted class, worked by hand', () => {
    const saliency = saliencyMap(convRequest, backend, 'train', 0);
    // Z[L]_0 = Σ_k w_k A_k with w = (1, 2, 3, 4) and A_k = x[k] − x[k + (1,1)] + 0.5 (A is −3.5 everywhere,
    // so Z_0 = −35 < Z_1 = 35: class 1 is predicted). ∂Z_1/∂x = −∂Z_0/∂x; per pixel, the filter's
    // +1 tap adds w of the output it feeds and its −1 tap subtracts: pixel (0,0) 1, (0,1) 2, (1,0) 3,
    // (1,1) 4 − 1 = 3, (1,2) −2, (2,1) −3, (2,2) −4, (0,2) 0, (2,0) 0.
    expect(saliency.predicted).toBe(1);
    expect(saliency.score).toBeCloseTo(35, 4);
    expect(saliency.shape).toEqual([3, 3]);
    expect(Array.from(saliency.values).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([1, 2, 0, 3, 3, 2, 0, 3, 4]);
    expect(Array.from(saliency.input)).toEqual(image);
  });

  it('names the problem: no conv layer, a vector layer, an example out of range, no dev set', () => {
    const dense = chain({ id: 'x', kind: 'input', shape: [2] }, { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' });
    const flowerRequest: RunRequest = { ...convRequest, spec: dense, data: { kind: 'generator', name: 'flower', m: 20, seed: 1 }, initialModel: undefined };
    expect(() => convFilters(flowerRequest, backend)).toThrow('The network has no conv layer.');
    expect(() => featureMaps(convRequest, backend, 'flat', 'train', 0)).toThrow(/not image-shaped/);
    expect(() => featureMaps(convRequest, backend, 'c', 'train', 2)).toThrow(/examples 0 to 1/);
    expect(() => saliencyMap(convRequest, backend, 'dev', 0)).toThrow(/no dev set/);
  });

  it('works on the bundled MNIST: LeNet-style filters, 24×24 feature maps and a 28×28 saliency map', () => {
    const dir = join(__dirname, '..', '..', 'resources', 'datasets');
    const { dataset } = readIdxPair(
      { name: 'images.gz', bytes: new Uint8Array(readFileSync(join(dir, 'mnist-10k-images-idx3-ubyte.gz'))) },
      { name: 'labels.gz', bytes: new Uint8Array(readFileSync(join(dir, 'mnist-10k-labels-idx1-ubyte.gz'))) },
    );
    const lenet = chain(
      { id: 'x', kind: 'input', shape: [28, 28, 1] },
      { id: 'c1', kind: 'conv2d', filters: 6, f: 5, s: 1, padding: 'valid', activation: 'relu' },
      { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2 },
      { id: 'flat', kind: 'flatten' },
      { id: 'y', kind: 'output', units: 10, activation: 'softmax', loss: 'cross_entropy' },
    );
    const mnist: RunRequest = {
      runId: 'mnist',
      spec: lenet,
      data: { kind: 'inline', x: dataset.x, y: dataset.y, exampleShape: dataset.exampleShape, numClasses: 10 },
      split: { train: 0.9, dev: 0.1, seed: 1 },
      normalisation: 'minmax',
      config: { batchSize: 64, learningRate: 0.01, optimizer: { kind: 'gd' }, seed: 4, iterations: 1 },
    };
    const filters = convFilters(mnist, backend);
    expect([filters.f, filters.channelsIn, filters.filters, filters.values.length]).toEqual([5, 1, 6, 150]);
    const maps = featureMaps(mnist, backend, 'c1', 'dev', 3);
    expect(maps.shape).toEqual([24, 24, 6]);
    expect(maps.values.some((v) => v > 0)).toBe(true);
    const saliency = saliencyMap(mnist, backend, 'dev', 3);
    expect(saliency.shape).toEqual([28, 28]);
    expect(saliency.values.some((v) => v > 0)).toBe(true);
    expect(saliency.predicted).toBeGreaterThanOrEqual(0);
  });
});
