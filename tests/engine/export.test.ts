/** Export → import → predict is exact, for every layer kind; bad files are refused whole, with the path. */
import { describe, expect, it } from 'vitest';
import { exportModel, exportModelJson } from '../../engine/export/export';
import { modelFromRun } from '../../engine/export/from-run';
import { importModel } from '../../engine/export/import';
import { predict } from '../../engine/export/predict';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { ModelSpec } from '../../engine/spec/types';
import type { DataSource } from '../../engine/data/source';
import { trainModel } from '../../engine/train/loop';
import { chain, randomData, recorder, request, spec } from './helpers';

async function trained(model: ModelSpec, data: DataSource, normalisation: 'none' | 'standardise' = 'standardise') {
  const req = request(
    model,
    data,
    { iterations: 3, batchSize: 4, learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
    { normalisation },
  );
  const outcome = await trainModel(req, createReferenceBackend('float32'), recorder());
  if (outcome.status !== 'finished') throw new Error(outcome.message);
  return modelFromRun(outcome.prepared, req, outcome.metrics, 'reference');
}

const inline = (m: number, shape: number[], k: number): DataSource => {
  const d = randomData(m, shape, k, 9);
  return { kind: 'inline', x: d.x, y: d.y, exampleShape: shape, numClasses: k };
};

const models: [string, ModelSpec, DataSource][] = [
  [
    'dense, batchnorm, dropout, activation, softmax',
    chain(
      { id: 'x', kind: 'input', shape: [2] },
      { id: 'd', kind: 'dense', units: 5, activation: 'relu' },
      { id: 'bn', kind: 'batchnorm' },
      { id: 'drop', kind: 'dropout', keepProb: 0.8 },
      { id: 'd2', kind: 'dense', units: 4 },
      { id: 'a', kind: 'activation', fn: 'leaky_relu' },
      { id: 's', kind: 'softmax' },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
    ),
    { kind: 'generator', name: 'blobs', m: 30, seed: 1 },
  ],
  [
    'conv2d, pool (max, avg), batchnorm on images, add, flatten',
    spec(
      { id: 'x', kind: 'input', shape: [6, 6, 1], inputs: [] },
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu', inputs: ['x'] },
      { id: 'bn', kind: 'batchnorm', inputs: ['c'] },
      { id: 'c2', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', inputs: ['bn'] },
      { id: 'sum', kind: 'add', inputs: ['bn', 'c2'] },
      { id: 'mp', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['sum'] },
      { id: 'ap', kind: 'pool', mode: 'avg', f: 2, s: 1, inputs: ['mp'] },
      { id: 'f', kind: 'flatten', inputs: ['ap'] },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['f'] },
    ),
    inline(12, [6, 6, 1], 2),
  ],
  [
    'linear output (regression)',
    chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'd', kind: 'dense', units: 3, activation: 'tanh' },
      { id: 'y', kind: 'output', units: 2, activation: 'linear', loss: 'mse' },
    ),
    (() => {
      const d = randomData(10, [3], 0, 5, 2);
      return { kind: 'inline', x: d.x, y: d.y, exampleShape: [3], numClasses: 0 } as DataSource;
    })(),
  ],
];

describe('model export / import', () => {
  for (const [name, model, data] of models) {
    it(`round-trips exactly: ${name}`, async () => {
      const original = await trained(model, data);
      const text = exportModelJson(original);
      const imported = importModel(text);
      if (!imported.ok) throw new Error(imported.error);
      const x = randomData(9, original.net.input.exampleShape, 0, 11).x;
      const before = predict(original, x);
      const after = predict(imported.model, x);
      let maxDiff = 0;
      before.forEach((p, i) => p.output.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - after[i].output[j])))));
      expect(maxDiff).toBe(0);
      expect(after.map((p) => p.class)).toEqual(before.map((p) => p.class));
      // Parameters and running statistics come back bit for bit.
      original.net.params.forEach((p, i) => expect(Array.from(imported.model.net.params[i].value)).toEqual(Array.from(p.value)));
      original.net.state.forEach((s, i) => expect(Array.from(imported.model.net.state[i].value)).toEqual(Array.from(s.value)));
    });
  }

  it('refuses bad files with a message naming the path, loading nothing', async () => {
    const original = await trained(models[2][1], models[2][2], 'none');
    const good = exportModel(original);
    const mutate = (f: (file: any) => void) => {
      const copy = JSON.parse(JSON.stringify(good));
      f(copy);
      return importModel(copy);
    };
    const cases: [(file: any) => void, RegExp][] = [
      [(f) => (f.spec.layers[1].units = 0), /^spec\.layers\[1\]\.units: expected integer ≥ 1/],
      [(f) => (f.spec.layers[1].kind = 'lstm'), /^spec\.layers\[1\]\.kind: unknown layer kind "lstm"/],
      [(f) => (f.spec.layers[1].units = 1e9), /^spec\.layers\[1\]\.units: expected integer ≥ 1 and ≤ 65536/],
      [(f) => (f.parameters[0].shape = [2, 3]), /^parameters\[0\]\.shape: expected \[3, 3\] for W of layer d/],
      [(f) => (f.parameters[0].data = 'abc'), /^parameters\[0\]\.data: not base64/],
      [(f) => (f.parameters[0].data = f.parameters[1].data), /^parameters\[0\]\.data: expected 9 values, got 3/],
      [(f) => f.parameters.pop(), /^parameters: missing b for layer y/],
      [(f) => (f.version = 7), /^version: expected 1/],
      [(f) => delete f.format, /^format: expected "dendrite.model"/],
      [(f) => (f.numClasses = -1), /^numClasses: expected integer ≥ 0/],
      [(f) => (f.normalisation.shift = [NaN]), /^normalisation\.shift\[0\]: expected a finite number/],
    ];
    for (const [change, message] of cases) {
      const result = mutate(change);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(importModel('{ not json')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    const nan = exportModel(original);
    nan.parameters[1].data = 'AADAfwAAwH8AAMB/'; // three float32 NaNs (0x7fc00000, little-endian)
    expect(importModel(nan)).toMatchObject({ ok: false, error: expect.stringMatching(/parameters\[1\]\.data: value 0 is not finite/) });
  });
});
