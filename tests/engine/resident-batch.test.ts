/** The full-batch copy the training loop restores after evaluation passes. */
import { describe, expect, it } from 'vitest';
import { identityOrder, loadBatch } from '../../engine/data/batcher';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { prepareRun } from '../../engine/train/prepare';
import { createBatchLoader } from '../../engine/train/resident-batch';
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
