/**
 * One small model per layer kind and variant (every activation; conv paddings, strides and filter
 * sizes; both pools with windows and strides of all proportions; batch norm, dropout, add and
 * flatten on vectors, on images and straight after the input; every output; every normalisation),
 * each exported three ways. ONNX Runtime runs in this process; the NumPy and PyTorch scripts run in
 * one Python process per framework (runpy, then the scripts' own read_csv, load and predict).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAs } from '../../engine/export/formats';
import type { ActivationFn, LayerSpec, ModelSpec } from '../../engine/spec/types';
import { maxAbsDifference, toCsv, trainFixture, type Fixture } from './fixtures';
import { missing, pythonWith, runPython } from './python';

const dir = mkdtempSync(join(tmpdir(), 'dendrite-variants-'));
const numpyPython = pythonWith('numpy');
const torchPython = pythonWith('torch', 'numpy');
ort.env.wasm.numThreads = 1;

/** A layer of any kind, its inputs optional. */
type Layer = LayerSpec extends infer L ? (L extends LayerSpec ? Omit<L, 'inputs'> & { inputs?: string[] } : never) : never;
/** Layers read the previous one unless they name their inputs. */
function net(...layers: Layer[]): ModelSpec {
  return {
    format: 'dendrite.spec',
    version: 1,
    layers: layers.map((l, i) => ({ ...l, inputs: l.inputs ?? (i === 0 ? [] : [layers[i - 1].id]) }) as LayerSpec),
  };
}
const vec = (n = 3): Layer => ({ id: 'x', kind: 'input', shape: [n] });
const img = (h = 6, w = 5, c = 2): Layer => ({ id: 'x', kind: 'input', shape: [h, w, c] });
const binary: Layer = { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' };
const flat: Layer = { id: 'flat', kind: 'flatten' };
const ACTIVATIONS: [ActivationFn, number | undefined][] = [
  ['sigmoid', undefined],
  ['tanh', undefined],
  ['relu', undefined],
  ['leaky_relu', undefined],
  ['leaky_relu', 0.3],
  ['linear', undefined],
];

interface Variant {
  name: string;
  spec: ModelSpec;
  numClasses?: number;
  targets?: number;
  /** Multi-task: this many yes/no labels per example, some missing. */
  tasks?: number;
  normalisation?: 'none' | 'standardise' | 'minmax';
}

const VARIANTS: Variant[] = [
  ...ACTIVATIONS.map(([fn, alpha]): Variant => ({
    name: `dense ${fn}${alpha ? ` α=${alpha}` : ''}`,
    spec: net(vec(), { id: 'd', kind: 'dense', units: 4, activation: fn, alpha }, binary),
  })),
  ...ACTIVATIONS.map(([fn, alpha]): Variant => ({
    name: `activation layer ${fn}${alpha ? ` α=${alpha}` : ''}`,
    spec: net(vec(), { id: 'd', kind: 'dense', units: 4 }, { id: 'a', kind: 'activation', fn, alpha }, binary),
  })),
  ...ACTIVATIONS.map(([fn, alpha]): Variant => ({
    name: `conv ${fn}${alpha ? ` α=${alpha}` : ''}`,
    spec: net(img(), { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: fn, alpha }, flat, binary),
  })),
  ...(
    [
      ['valid', 1, 3],
      ['valid', 2, 2],
      [1, 2, 3],
      [2, 3, 5],
      ['same', 1, 5],
      [0, 1, 1],
      [3, 1, 2],
    ] as const
  ).map(([padding, s, f]): Variant => ({
    name: `conv padding ${padding} s=${s} f=${f}`,
    spec: net(img(7, 8, 3), { id: 'c', kind: 'conv2d', filters: 4, f, s, padding, activation: 'relu' }, flat, binary),
  })),
  ...(['max', 'avg'] as const).flatMap((mode) =>
    (
      [
        [2, 2],
        [3, 1],
        [2, 3],
        [1, 1],
        [5, 5],
      ] as const
    ).map(([f, s]): Variant => ({ name: `${mode} pool f=${f} s=${s}`, spec: net(img(7, 6, 2), { id: 'p', kind: 'pool', mode, f, s }, flat, binary) })),
  ),
  {
    name: 'batchnorm on vectors (ε, β set)',
    spec: net(vec(), { id: 'd', kind: 'dense', units: 5, activation: 'relu' }, { id: 'bn', kind: 'batchnorm', epsilon: 0.1, momentum: 0.5 }, binary),
  },
  {
    name: 'batchnorm on images',
    spec: net(img(), { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'valid' }, { id: 'bn', kind: 'batchnorm' }, flat, binary),
  },
  { name: 'batchnorm on the input vector', spec: net(vec(4), { id: 'bn', kind: 'batchnorm' }, binary) },
  { name: 'batchnorm on the input image', spec: net(img(), { id: 'bn', kind: 'batchnorm', epsilon: 0.01 }, flat, binary) },
  {
    name: 'dropout on vectors',
    spec: net(vec(), { id: 'd', kind: 'dense', units: 5, activation: 'tanh' }, { id: 'drop', kind: 'dropout', keepProb: 0.5 }, binary),
  },
  { name: 'dropout on the input image', spec: net(img(), { id: 'drop', kind: 'dropout', keepProb: 0.8 }, flat, binary) },
  { name: 'softmax layer', spec: net(vec(), { id: 'd', kind: 'dense', units: 4 }, { id: 's', kind: 'softmax' }, binary) },
  { name: 'softmax layer on the input', spec: net(vec(4), { id: 's', kind: 'softmax' }, binary) },
  { name: 'flatten of a vector (identity)', spec: net(vec(), flat, binary) },
  {
    name: 'flatten of an image after pooling',
    spec: net(img(6, 6, 3), { id: 'p', kind: 'pool', mode: 'max', f: 2, s: 2 }, flat, { id: 'd', kind: 'dense', units: 3, activation: 'relu' }, binary),
  },
  {
    name: 'add on vectors, input read twice',
    spec: net(vec(), { id: 'd', kind: 'dense', units: 3, activation: 'tanh' }, { id: 'sum', kind: 'add', inputs: ['x', 'd'] }, binary),
  },
  {
    name: 'add of a layer to itself',
    spec: net(vec(), { id: 'd', kind: 'dense', units: 3, activation: 'tanh' }, { id: 'sum', kind: 'add', inputs: ['d', 'd'] }, binary),
  },
  {
    name: 'add on images',
    spec: net(
      img(),
      { id: 'c', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu' },
      { id: 'sum', kind: 'add', inputs: ['x', 'c'] },
      flat,
      binary,
    ),
  },
  {
    name: 'softmax output, 4 classes',
    spec: net(
      vec(),
      { id: 'd', kind: 'dense', units: 5, activation: 'relu' },
      { id: 'y', kind: 'output', units: 4, activation: 'softmax', loss: 'cross_entropy' },
    ),
    numClasses: 4,
  },
  { name: 'linear output, 3 targets', spec: net(vec(), { id: 'y', kind: 'output', units: 3, activation: 'linear', loss: 'mse' }), numClasses: 0, targets: 3 },
  { name: 'logistic regression, no normalisation', spec: net(vec(2), binary), normalisation: 'none' },
  { name: 'images, minmax normalisation', spec: net(img(4, 4, 1), flat, binary), normalisation: 'minmax' },
  {
    name: 'images, no normalisation',
    spec: net(img(4, 4, 3), { id: 'c', kind: 'conv2d', filters: 2, f: 2, s: 2, padding: 'valid', activation: 'sigmoid' }, flat, binary),
    normalisation: 'none',
  },
  ...(['max', 'avg'] as const).flatMap((mode) =>
    (
      [
        [3, 1],
        [3, 2],
        [5, 1],
      ] as const
    ).map(([f, s]): Variant => ({
      name: `${mode} pool same f=${f} s=${s}`,
      spec: net(
        img(7, 6, 2),
        { id: 'c', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh' },
        { id: 'p', kind: 'pool', mode, f, s, padding: 'same' },
        flat,
        binary,
      ),
    })),
  ),
  {
    name: 'concatenate images along n_C (an Inception-style block)',
    spec: net(
      img(6, 5, 3),
      { id: 'one', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'relu' },
      { id: 'reduce', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'relu', inputs: ['x'] },
      { id: 'three', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'tanh' },
      { id: 'pool', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['x'] },
      { id: 'cat', kind: 'concatenate', inputs: ['one', 'three', 'pool', 'x'] },
      flat,
      binary,
    ),
  },
  {
    name: 'concatenate vectors, the input read twice',
    spec: net(vec(), { id: 'd', kind: 'dense', units: 4, activation: 'tanh' }, { id: 'cat', kind: 'concatenate', inputs: ['x', 'd', 'x'] }, binary),
  },
  {
    name: 'frozen dense and batch norm',
    spec: net(
      vec(),
      { id: 'd', kind: 'dense', units: 4, activation: 'relu', frozen: true },
      { id: 'bn', kind: 'batchnorm', frozen: true },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', frozen: false },
    ),
  },
  {
    name: 'multi-task output: 3 sigmoid units, labels missing',
    spec: net(vec(4), { id: 'd', kind: 'dense', units: 5, activation: 'tanh' }, { id: 'y', kind: 'output', units: 3, activation: 'sigmoid', loss: 'bce' }),
    numClasses: 2,
    tasks: 3,
  },
];

interface Case {
  variant: Variant;
  fixture: Fixture;
  csv: string;
  shape: string | null;
}

const cases: Case[] = [];
beforeAll(async () => {
  for (const [i, variant] of VARIANTS.entries()) {
    const input = variant.spec.layers[0] as { shape: number[] };
    const fixture = await trainFixture(
      {
        name: variant.name,
        spec: variant.spec,
        exampleShape: input.shape,
        numClasses: variant.numClasses ?? 2,
        targets: variant.targets,
        tasks: variant.tasks,
        normalisation: variant.normalisation ?? 'standardise',
        offset: 2,
        spread: 3,
      },
      100,
      i + 1,
    );
    const csv = join(dir, `v${i}.csv`);
    writeFileSync(csv, toCsv(fixture.x, fixture.m));
    cases.push({ variant, fixture, csv, shape: input.shape.length === 3 ? input.shape.join('x') : null });
  }
});

/** Runs every case's script of one format in one Python process; returns each case's outputs. */
function runAll(python: string, format: 'numpy' | 'pytorch'): number[][][] {
  const jobs = cases.map((c, i) => {
    const result = exportAs(format, c.fixture.file, `v${i}_${format}.py`);
    if (!result.ok) throw new Error(result.error);
    const script = join(dir, `v${i}_${format}.py`);
    writeFileSync(script, result.bytes);
    return { script, csv: c.csv, shape: c.shape };
  });
  const harness = [
    'import json, runpy, sys',
    'for job in json.loads(sys.argv[1]):',
    '    ns = runpy.run_path(job["script"])',
    '    X, _ = ns["read_csv"](job["csv"], job["shape"])',
    '    model = ns["read_model"]()',
    format === 'numpy'
      ? '    out = ns["predict"](X, ns["load_parameters"](model), *ns["read_normalisation"](model))'
      : '    out = ns["predict"](ns["load_weights"](ns["Net"](), model), X)',
    '    print(json.dumps(out.tolist()))',
  ].join('\n');
  const run = runPython(python, ['-c', harness, JSON.stringify(jobs)]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as number[][]);
}

function expectAll(runtime: string, outputs: number[][][]) {
  const worst = cases.map((c, i) => ({ name: c.variant.name, maxAbs: maxAbsDifference(outputs[i], c.fixture.expected) }));
  const failing = worst.filter((w) => !(w.maxAbs < 1e-5));
  console.log(`${runtime}: worst max |Δ| ${Math.max(...worst.map((w) => w.maxAbs)).toExponential(2)} over ${cases.length} variants`);
  expect(failing).toEqual([]);
}

describe(`${VARIANTS.length} variants, one per layer kind and option`, () => {
  it('ONNX Runtime matches dendrite predict to 1e-5 for each', async () => {
    const outputs: number[][][] = [];
    for (const c of cases) {
      const result = exportAs('onnx', c.fixture.file);
      if (!result.ok) throw new Error(result.error);
      const session = await ort.InferenceSession.create(result.bytes);
      const output = (await session.run({ input: new ort.Tensor('float32', c.fixture.x, [c.fixture.m, ...c.fixture.exampleShape]) })).output;
      const units = output.dims[1];
      const data = output.data as Float32Array;
      outputs.push(Array.from({ length: c.fixture.m }, (_, i) => Array.from(data.subarray(i * units, (i + 1) * units))));
    }
    expectAll('onnxruntime-web', outputs);
  });

  it.skipIf(!numpyPython)(`the NumPy scripts match dendrite predict to 1e-5 for each${numpyPython ? '' : missing('numpy', 'python3-numpy')}`, () => {
    expectAll('numpy', runAll(numpyPython!, 'numpy'));
  });

  it.skipIf(!torchPython)(`the PyTorch scripts match dendrite predict to 1e-5 for each${torchPython ? '' : missing('torch', 'python3-torch')}`, () => {
    expectAll('pytorch', runAll(torchPython!, 'pytorch'));
  });
});
