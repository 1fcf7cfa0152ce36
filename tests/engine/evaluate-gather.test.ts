/**
 * evaluate() loads its chunks with the training loop's gather (gatherColumns kernel, whole-
 * example copies for images); it must give exactly what the same pass through loadBatch
 * gives — cost, predictions and error — on every backend, with a shuffled order and a
 * last chunk shorter than the batch.
 */
import { describe, expect, it } from 'vitest';
import { identityOrder, loadBatch } from '../../engine/data/batcher';
import type { Dataset } from '../../engine/data/dataset';
import type { Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { Network } from '../../engine/model/network';
import { loadNativeBackend } from '../../engine/native/load';
import { wasmBackend } from '../native/helpers';
import type { ModelSpec } from '../../engine/spec/types';
import { createRng, shuffleInPlace } from '../../engine/tensor/rng';
import { evaluate, predictedClass } from '../../engine/train/evaluate';
import { evaluationReport } from '../../engine/train/live';
import { prepareRun } from '../../engine/train/prepare';
import { chain, randomData, request } from './helpers';

/** evaluate() as it was, through loadBatch's JS copy: the independent reference. */
function evaluateThroughLoadBatch(net: Network, data: Dataset, order: Int32Array, l2: number) {
  const predictions = new Int32Array(data.m);
  let lossTotal = 0;
  let wrong = 0;
  for (let start = 0; start < data.m; start += net.capacity) {
    const m = Math.min(net.capacity, data.m - start);
    loadBatch(net, data, order, start, m);
    net.forward(m, 'test');
    lossTotal += net.cost(m) * m;
    for (let i = 0; i < m; i++) {
      predictions[start + i] = predictedClass(net, m, i);
      if (predictions[start + i] !== data.y[order[start + i]]) wrong++;
    }
  }
  const l2Term = l2 > 0 ? (l2 / (2 * data.m)) * net.weightSquares() : 0;
  return { cost: lossTotal / data.m + l2Term, predictions, error: wrong / data.m };
}

describe('evaluate uses the gather kernel and equals the loadBatch pass', () => {
  const native = loadNativeBackend({ threads: 2 });
  const backends: [string, Backend][] = [
    ['reference float32', createReferenceBackend('float32')],
    ['reference float64', createReferenceBackend('float64')],
    ...('backend' in native ? ([['native', native.backend]] as [string, Backend][]) : []),
    ['wasm', wasmBackend(2)],
  ];
  const cases: [string, ModelSpec, number[], number][] = [
    [
      'softmax MLP, feature vectors',
      chain(
        { id: 'x', kind: 'input', shape: [19] },
        { id: 'h', kind: 'dense', units: 7, activation: 'relu' },
        { id: 'y', kind: 'output', units: 4, activation: 'softmax', loss: 'cross_entropy' },
      ),
      [19],
      4,
    ],
    [
      'sigmoid unit, feature vectors',
      chain(
        { id: 'x', kind: 'input', shape: [13] },
        { id: 'h', kind: 'dense', units: 5, activation: 'tanh' },
        { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
      ),
      [13],
      2,
    ],
    [
      'images',
      chain(
        { id: 'x', kind: 'input', shape: [5, 4, 3] },
        { id: 'f', kind: 'flatten' },
        { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
      ),
      [5, 4, 3],
      3,
    ],
  ];
  for (const [backendName, backend] of backends) {
    for (const [name, model, shape, classes] of cases) {
      it(`${name} (${backendName})`, () => {
        const data = randomData(71, shape, classes, 11);
        const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: shape, numClasses: classes } as never;
        // Batch 16 over 71 examples: chunks of 16 and a last one of 7.
        const { net, train } = prepareRun(request(model, inline, { batchSize: 16 }), backend);
        const order = identityOrder(train.m);
        shuffleInPlace(order, createRng(5));
        for (const l2 of [0, 0.7]) {
          const got = evaluate(net, train, order, l2);
          const want = evaluateThroughLoadBatch(net, train, order, l2);
          expect(got.cost).toBe(want.cost);
          expect(Number.isFinite(got.cost)).toBe(true);
          expect(got.error).toBe(want.error);
          expect(Array.from(got.predictions)).toEqual(Array.from(want.predictions));
        }
      });
    }
  }

  it('a pass over an already-loaded full batch skips the copy, gives the same result and leaves X and Y as they were', () => {
    const data = randomData(37, [11], 3, 13);
    const model = chain(
      { id: 'x', kind: 'input', shape: [11] },
      { id: 'h', kind: 'dense', units: 6, activation: 'relu' },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
    );
    const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: [11], numClasses: 3 } as never;
    const { net, train } = prepareRun(request(model, inline, { batchSize: 'full' }), backends[backends.length - 1][1]);
    const order = identityOrder(train.m);
    const copied = evaluate(net, train, order, 0.3);
    const X = net.input.A.slice();
    const Y = net.Y.slice();
    train.x.fill(0); // were the copy made, it would now read zeros
    const skipped = evaluate(net, train, order, 0.3, true);
    expect(skipped.cost).toBe(copied.cost);
    expect(skipped.error).toBe(copied.error);
    expect(Array.from(skipped.predictions)).toEqual(Array.from(copied.predictions));
    expect(net.input.A).toEqual(X);
    expect(net.Y).toEqual(Y);
    // Without the hint the pass copies again, and sees the zeroed inputs.
    expect(evaluate(net, train, order, 0.3).cost).not.toBe(copied.cost);
  });
});

describe("the live views' predictions (evaluation report) gather with the kernel too", () => {
  it('calls gatherColumns once per chunk, and predicts what evaluate() predicts', () => {
    const data = randomData(71, [19], 4, 17);
    const model = chain(
      { id: 'x', kind: 'input', shape: [19] },
      { id: 'h', kind: 'dense', units: 7, activation: 'relu' },
      { id: 'y', kind: 'output', units: 4, activation: 'softmax', loss: 'cross_entropy' },
    );
    const inner = createReferenceBackend('float32');
    let gathers = 0;
    const counting: Backend = {
      ...inner,
      kernels: {
        ...inner.kernels,
        gatherColumns(...args: Parameters<Backend['kernels']['gatherColumns']>) {
          gathers++;
          inner.kernels.gatherColumns(...args);
        },
      },
    };
    const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: [19], numClasses: 4 } as never;
    const { net, train } = prepareRun(request(model, inline, { batchSize: 16 }), counting);
    gathers = 0;
    const report = evaluationReport(net, train, 'train', false)!;
    expect(gathers, 'chunks of 16 over 71 examples').toBe(5);
    expect(report.predicted).toEqual(Array.from(evaluate(net, train, identityOrder(train.m)).predictions));
  });
});
