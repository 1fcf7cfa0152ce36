/**
 * The exported scripts keep training the way Dendrite trains: from the same weights, on the same
 * examples, with the model's recorded optimizer, learning rate, decay, batch size and L2, a few
 * full-batch steps of the NumPy script (and of the PyTorch script) give Dendrite's weights — to
 * float32 rounding against Dendrite's float32 run, and to one float32 step against its float64 run.
 * The files the scripts write back (--out) are model files Dendrite imports.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFloat32 } from '../../engine/export/base64';
import { exportModel } from '../../engine/export/export';
import { exportAs } from '../../engine/export/formats';
import type { ModelFile } from '../../engine/export/format';
import { modelFromRun } from '../../engine/export/from-run';
import { importModel } from '../../engine/export/import';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { ModelSpec } from '../../engine/spec/types';
import type { OptimizerConfig, TrainConfig } from '../../engine/protocol/train-config';
import type { RunRequest } from '../../engine/protocol/messages';
import { trainModel } from '../../engine/train/loop';
import { createRng } from '../../engine/tensor/rng';
import { recorder, spec } from '../engine/helpers';
import { toCsv } from './fixtures';
import { missing, pythonWith, runPython } from './python';

const dir = mkdtempSync(join(tmpdir(), 'dendrite-train-step-'));
const numpyPython = pythonWith('numpy');
const torchPython = pythonWith('torch', 'numpy');

/** Dense layers, an activation layer, a standalone softmax and a residual add: all trainable in NumPy. */
const DENSE: ModelSpec = spec(
  { id: 'x', kind: 'input', shape: [4], inputs: [] },
  { id: 'h1', kind: 'dense', units: 6, activation: 'tanh', inputs: ['x'] },
  { id: 'h2', kind: 'dense', units: 6, activation: 'leaky_relu', alpha: 0.1, inputs: ['h1'] },
  { id: 'sum', kind: 'add', inputs: ['h1', 'h2'] },
  { id: 'act', kind: 'activation', fn: 'sigmoid', inputs: ['sum'] },
  { id: 'h3', kind: 'dense', units: 5, activation: 'relu', inputs: ['act'] },
  { id: 'soft', kind: 'softmax', inputs: ['h3'] },
  { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['soft'] },
);

/** Conv, both pools, batch norm on images and on vectors: the NumPy script's backward for them. */
const CONV: ModelSpec = spec(
  { id: 'x', kind: 'input', shape: [7, 7, 2], inputs: [] },
  { id: 'c', kind: 'conv2d', filters: 3, f: 3, s: 2, padding: 1, activation: 'relu', inputs: ['x'] },
  { id: 'bn', kind: 'batchnorm', inputs: ['c'] },
  { id: 'mp', kind: 'pool', mode: 'max', f: 2, s: 1, inputs: ['bn'] },
  { id: 'c2', kind: 'conv2d', filters: 2, f: 2, s: 1, padding: 'valid', activation: 'leaky_relu', inputs: ['mp'] },
  { id: 'ap', kind: 'pool', mode: 'avg', f: 2, s: 1, inputs: ['c2'] },
  { id: 'f', kind: 'flatten', inputs: ['ap'] },
  { id: 'h', kind: 'dense', units: 4, activation: 'tanh', inputs: ['f'] },
  { id: 'bn2', kind: 'batchnorm', inputs: ['h'] },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['bn2'] },
);

/** Concatenate along channels, max and average pool 'same', a frozen conv and a frozen batch norm. */
const BRANCHES: ModelSpec = spec(
  { id: 'x', kind: 'input', shape: [6, 5, 2], inputs: [] },
  { id: 'stem', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'relu', frozen: true, inputs: ['x'] },
  { id: 'bn', kind: 'batchnorm', frozen: true, inputs: ['stem'] },
  { id: 'one', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['bn'] },
  { id: 'three', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu', inputs: ['one'] },
  { id: 'mp', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['bn'] },
  { id: 'ap', kind: 'pool', mode: 'avg', f: 3, s: 2, padding: 'same', inputs: ['three'] },
  { id: 'cat', kind: 'concatenate', inputs: ['one', 'three', 'mp'] },
  { id: 'f', kind: 'flatten', inputs: ['cat'] },
  { id: 'f2', kind: 'flatten', inputs: ['ap'] },
  { id: 'join', kind: 'concatenate', inputs: ['f', 'f2'] },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['join'] },
);

const OPTIMIZERS: OptimizerConfig[] = [
  { kind: 'gd' },
  { kind: 'momentum', beta: 0.9 },
  { kind: 'rmsprop', beta2: 0.999, epsilon: 1e-8 },
  { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
];

interface Setup {
  start: ModelFile;
  csv: string;
  data: RunRequest['data'];
}

/** A model trained a little with `config` (so its training record is `config`), and 40 labelled examples. */
async function setup(model: ModelSpec, config: TrainConfig, numClasses: number): Promise<Setup> {
  const rng = createRng(11);
  const shape = (model.layers[0] as { shape: number[] }).shape;
  const n = shape.reduce((a, b) => a * b, 1);
  const m = 40;
  const x = Float32Array.from({ length: m * n }, () => 3 + 2 * rng.randn());
  const y = Float32Array.from({ length: m }, () => rng.int(numClasses));
  const data: RunRequest['data'] = { kind: 'inline', x, y, exampleShape: shape, numClasses };
  const request: RunRequest = { runId: 'start', spec: model, data, normalisation: 'standardise', config: { ...config, iterations: 2 } };
  const outcome = await trainModel(request, createReferenceBackend('float32'), recorder());
  if (outcome.status !== 'finished') throw new Error(outcome.message);
  const start = exportModel(modelFromRun(outcome.prepared, request, outcome.metrics, 'reference'));
  start.training = config;
  const csv = join(dir, `data-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(
    csv,
    toCsv(x, m, (i) => String(y[i])),
  );
  return { start: JSON.parse(JSON.stringify(start)) as ModelFile, csv, data };
}

/** Dendrite continuing from `start` for `iterations` steps on `data`, with the start's training settings. */
async function dendriteSteps({ start, data }: Setup, iterations: number, dtype: 'float32' | 'float64'): Promise<ModelFile> {
  const request: RunRequest = { runId: 'steps', spec: start.spec, data, initialModel: start, config: { ...start.training!, iterations } };
  const outcome = await trainModel(request, createReferenceBackend(dtype), recorder());
  if (outcome.status !== 'finished') throw new Error(outcome.message);
  return exportModel(modelFromRun(outcome.prepared, request, outcome.metrics, 'reference'));
}

function scriptSteps(python: string, format: 'numpy' | 'pytorch', { start, csv }: Setup, iterations: number, extra: string[] = []): ModelFile {
  const result = exportAs(format, start, `${format}-steps.py`);
  if (!result.ok) throw new Error(result.error);
  const script = join(dir, `${format}-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(script, result.bytes);
  const out = `${script}.model.json`;
  const run = runPython(python, [script, '--train', csv, '--iterations', String(iterations), '--out', out, ...extra]);
  expect(run.stderr.split('\n').filter((l) => l && !/^epoch \d+, iteration \d+: cost/.test(l))).toEqual([]);
  expect(run.status).toBe(0);
  const text = readFileSync(out, 'utf8');
  const imported = importModel(text);
  expect(imported.ok ? 'imports' : imported.error).toBe('imports');
  return JSON.parse(text) as ModelFile;
}

/** Largest difference between two files' tensors, in units of float32's relative precision (2^-24) of the larger magnitude in the tensor. */
function ulpsApart(a: ModelFile, b: ModelFile): { worst: number; where: string } {
  let worst = 0;
  let where = '';
  for (const group of ['parameters', 'state'] as const) {
    for (const record of a[group]) {
      const other = b[group].find((r) => r.layer === record.layer && r.name === record.name);
      if (!other) throw new Error(`${record.name} of ${record.layer} missing`);
      const va = decodeFloat32(record.data)!;
      const vb = decodeFloat32(other.data)!;
      const scale = Math.max(...va.map(Math.abs), 1e-30);
      for (let i = 0; i < va.length; i++) {
        const ulps = Math.abs(va[i] - vb[i]) / (scale * 2 ** -24);
        if (ulps > worst) [worst, where] = [ulps, `${record.layer}/${record.name}[${i}]: ${va[i]} vs ${vb[i]}`];
      }
    }
  }
  return { worst, where };
}

/** The weights actually moved (a check that compares unchanged files would prove nothing). */
function moved(before: ModelFile, after: ModelFile): number {
  return ulpsApart(before, after).worst;
}

describe.skipIf(!numpyPython)(`the NumPy script's training loop${numpyPython ? '' : missing('numpy', 'python3-numpy')}`, () => {
  it('one step of gradient descent on a dense network gives Dendrite’s step, to float32 rounding', async () => {
    const s = await setup(DENSE, { batchSize: 'full', learningRate: 0.5, optimizer: { kind: 'gd' }, seed: 5, iterations: 1, l2: 0.7 }, 3);
    const numpy = scriptSteps(numpyPython!, 'numpy', s, 1);
    const dendrite32 = await dendriteSteps(s, 1, 'float32');
    const dendrite64 = await dendriteSteps(s, 1, 'float64');
    expect(moved(s.start, numpy)).toBeGreaterThan(1000);
    expect(ulpsApart(numpy, dendrite64).worst).toBeLessThanOrEqual(1);
    expect(ulpsApart(numpy, dendrite32).worst).toBeLessThanOrEqual(8);
  });

  it.each(OPTIMIZERS.map((o) => [o.kind, o] as const))('%s with L2 and decay: three steps give Dendrite’s, to float32 rounding', async (_kind, optimizer) => {
    const s = await setup(
      DENSE,
      {
        batchSize: 'full',
        learningRate: optimizer.kind === 'gd' || optimizer.kind === 'momentum' ? 0.5 : 0.01,
        optimizer,
        seed: 5,
        iterations: 3,
        l2: 0.2,
        decay: { kind: 'exponential', base: 0.9 },
      },
      3,
    );
    const numpy = scriptSteps(numpyPython!, 'numpy', s, 3);
    expect(moved(s.start, numpy)).toBeGreaterThan(1000);
    expect(ulpsApart(numpy, await dendriteSteps(s, 3, 'float64')).worst).toBeLessThanOrEqual(1);
    expect(ulpsApart(numpy, await dendriteSteps(s, 3, 'float32')).worst).toBeLessThanOrEqual(16);
  });

  it('conv, max and average pool and batch norm train step for step too', async () => {
    const s = await setup(
      CONV,
      { batchSize: 'full', learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 5, iterations: 2, l2: 0.1 },
      2,
    );
    const numpy = scriptSteps(numpyPython!, 'numpy', s, 2, ['--shape', '7x7x2']);
    expect(moved(s.start, numpy)).toBeGreaterThan(1000);
    expect(ulpsApart(numpy, await dendriteSteps(s, 2, 'float64')).worst).toBeLessThanOrEqual(1);
  });
});

describe.skipIf(!numpyPython)(`the NumPy script's training loop with the course's later layers${numpyPython ? '' : missing('numpy', 'python3-numpy')}`, () => {
  it('concatenate, pools with padding same and frozen layers (a frozen batch norm keeps its running averages) train step for step', async () => {
    const s = await setup(
      BRANCHES,
      { batchSize: 'full', learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 5, iterations: 2, l2: 0.1 },
      2,
    );
    const numpy = scriptSteps(numpyPython!, 'numpy', s, 2, ['--shape', '6x5x2']);
    expect(moved(s.start, numpy)).toBeGreaterThan(1000);
    expect(ulpsApart(numpy, await dendriteSteps(s, 2, 'float64')).worst).toBeLessThanOrEqual(1);
    // The frozen layers did not move.
    const frozen = (file: ModelFile) => [...file.parameters, ...file.state].filter((t) => t.layer === 'stem' || t.layer === 'bn').map((t) => t.data);
    expect(frozen(numpy)).toEqual(frozen(s.start));
  });
});

describe.skipIf(!torchPython)(`the PyTorch script's train() with the course's later layers${torchPython ? '' : missing('torch', 'python3-torch')}`, () => {
  it('concatenate, pools with padding same and frozen layers give Dendrite’s steps (float32 arithmetic on both sides)', async () => {
    const s = await setup(
      BRANCHES,
      { batchSize: 'full', learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 5, iterations: 2, l2: 0.1 },
      2,
    );
    const torch = scriptSteps(torchPython!, 'pytorch', s, 2, ['--shape', '6x5x2']);
    expect(moved(s.start, torch)).toBeGreaterThan(1000);
    expect(ulpsApart(torch, await dendriteSteps(s, 2, 'float64')).worst).toBeLessThanOrEqual(64);
    const frozen = (file: ModelFile) => [...file.parameters, ...file.state].filter((t) => t.layer === 'stem' || t.layer === 'bn').map((t) => t.data);
    expect(frozen(torch)).toEqual(frozen(s.start));
  });
});

describe.skipIf(!torchPython)(`the PyTorch script's train()${torchPython ? '' : missing('torch', 'python3-torch')}`, () => {
  it.each(OPTIMIZERS.map((o) => [o.kind, o] as const))(
    '%s with L2 and decay: three steps give Dendrite’s (float32 arithmetic on both sides)',
    async (_kind, optimizer) => {
      const s = await setup(
        DENSE,
        {
          batchSize: 'full',
          learningRate: optimizer.kind === 'gd' || optimizer.kind === 'momentum' ? 0.5 : 0.01,
          optimizer,
          seed: 5,
          iterations: 3,
          l2: 0.2,
          decay: { kind: 'exponential', base: 0.9 },
        },
        3,
      );
      const torch = scriptSteps(torchPython!, 'pytorch', s, 3);
      expect(moved(s.start, torch)).toBeGreaterThan(1000);
      expect(ulpsApart(torch, await dendriteSteps(s, 3, 'float64')).worst).toBeLessThanOrEqual(64);
    },
  );
});
