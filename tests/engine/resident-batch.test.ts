/** The full-batch copy the training loop restores after evaluation passes. */
import { describe, expect, it } from 'vitest';
import { identityOrder, loadBatch } from '../../engine/data/batcher';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { prepareRun } from '../../engine/train/prepare';
import { createBatchLoader, gatherBatch } from '../../engine/train/resident-batch';
import { loadNativeBackend } from '../../engine/native/load';
import { wasmBackend } from '../native/helpers';
import type { Backend } from '../../engine/kernels/kernels';
import type { ModelSpec } from '../../engine/spec/types';
import { createRng, shuffleInPlace } from '../../engine/tensor/rng';
import { chain, randomData, request } from './helpers';

function setup() {
  const data = randomData(30, [5], 3, 7);
  const spec = chain({ id: 'x', kind: 'input', shape: [5] }, { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' });
  const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: [5], numClasses: 3 } as never;
  const { net, train } = prepareRun(request(spec, inline, { batchSize: 'full' }), createReferenceBackend('float32'));
  return { net, train, order: identityOrder(train.m) };
}

describe('resident full batch', () => {
  it('restores exactly what loadBatch gathers, after the buffers were overwritten', () => {
    const { net, train, order } = setup();
    const loader = createBatchLoader(net, train);
    loader.load(order, 0, train.m, true);
    const X = net.input.A.slice();
    const Y = net.Y.slice();
    net.input.A.fill(Number.NaN); // an evaluation pass used the buffers
    net.Y.fill(7);
    loader.load(order, 0, train.m, true);
    expect(net.input.A).toEqual(X);
    expect(net.Y).toEqual(Y);
    loadBatch(net, train, order, 0, train.m);
    expect(net.input.A).toEqual(X);
    expect(net.Y).toEqual(Y);
  });

  it('restores from the copy (not the dataset) only for full batches within the size limit', () => {
    const { net, train, order } = setup();
    const loader = createBatchLoader(net, train);
    loader.load(order, 0, train.m, true);
    const first = net.input.A[0];
    train.x[0] += 1; // a change the copy does not see: shows where the values came from
    loader.load(order, 0, train.m, true);
    expect(net.input.A[0]).toBe(first);
    loader.load(order, 0, 10, false); // a mini-batch: always gathered from the dataset
    expect(net.input.A[0]).toBe(Math.fround(first + 1));

    const { net: net2, train: train2, order: order2 } = setup();
    const uncopied = createBatchLoader(net2, train2, 10); // limit below the batch: no copy kept
    uncopied.load(order2, 0, train2.m, true);
    train2.x[0] += 1;
    uncopied.load(order2, 0, train2.m, true);
    expect(net2.input.A[0]).toBe(train2.x[0]);
  });
});

describe("mini-batch gather (the loop's loader) equals loadBatch", () => {
  const native = loadNativeBackend({ threads: 2 });
  const backends: [string, Backend][] = [
    ['reference float32', createReferenceBackend('float32')],
    ['reference float64', createReferenceBackend('float64')],
    ...('backend' in native ? ([['native', native.backend]] as [string, Backend][]) : []),
    ['wasm', wasmBackend(2)],
  ];
  const dense = (units: number, activation: string, loss: string): ModelSpec =>
    chain({ id: 'x', kind: 'input', shape: [19] }, { id: 'y', kind: 'output', units, activation, loss } as never);
  const cases: [string, ModelSpec, number[], number, number][] = [
    ['softmax, feature vectors', dense(4, 'softmax', 'cross_entropy'), [19], 4, 1],
    ['sigmoid, feature vectors', dense(1, 'sigmoid', 'bce'), [19], 2, 1],
    ['regression, 2 targets', dense(2, 'linear', 'mse'), [19], 0, 2],
    [
      'images (examples-major)',
      chain(
        { id: 'x', kind: 'input', shape: [5, 4, 3] },
        { id: 'f', kind: 'flatten' },
        { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
      ),
      [5, 4, 3],
      3,
      1,
    ],
  ];
  for (const [backendName, backend] of backends) {
    for (const [name, model, shape, classes, targets] of cases) {
      it(`${name} (${backendName})`, () => {
        const data = randomData(70, shape, classes, 5, targets);
        const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: shape, numClasses: classes } as never;
        const { net, train } = prepareRun(request(model, inline, { batchSize: 32 }), backend);
        const order = identityOrder(train.m);
        shuffleInPlace(order, createRng(3));
        for (const [start, m] of [
          [0, 32],
          [32, 32],
          [64, train.m - 64],
        ]) {
          gatherBatch(net, train, order, start, m);
          const nX = net.input.exampleSize * m;
          const nY = net.output.units * m;
          const X = net.input.A.slice(0, nX);
          const Y = net.Y.slice(0, nY);
          net.input.A.fill(Number.NaN);
          net.Y.fill(Number.NaN);
          loadBatch(net, train, order, start, m);
          expect(X).toEqual(net.input.A.subarray(0, nX));
          expect(Y).toEqual(net.Y.subarray(0, nY));
          expect(X.some(Number.isNaN)).toBe(false);
        }
      });
    }
  }
});
