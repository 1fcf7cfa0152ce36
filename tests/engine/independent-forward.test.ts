/**
 * The independent check of the new layers, options and loss: a model trained and exported by
 * the engine, then run by a forward pass written apart from it (tests/python/forward.py, NumPy,
 * float64, from the course's formulas) — the same predictions. Covers concatenate (channels and
 * features), pool with padding 'same' (max and average), frozen and trained batch norm, and a
 * multi-task sigmoid output trained with missing labels.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../engine/data/source';
import { importModel } from '../../engine/export/import';
import { predict } from '../../engine/export/predict';
import type { ModelFile } from '../../engine/export/format';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import type { ModelSpec } from '../../engine/spec/types';
import { createRng } from '../../engine/tensor/rng';
import { runTraining } from '../../engine/train/run';
import { request } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'dendrite-forward-'));
const SCRIPT = join(__dirname, '..', 'python', 'forward.py');

async function exported(spec: ModelSpec, data: DataSource, iterations = 30): Promise<ModelFile> {
  const events: FromTrainer[] = [];
  await runTraining(
    request(
      spec,
      data,
      { iterations, batchSize: 8, learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
      { normalisation: 'standardise' },
    ),
    createReferenceBackend(),
    { emit: (e) => events.push(e), checkpoint: async () => 'continue', now: () => performance.now() },
  );
  const model = events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model');
  if (!model) throw new Error(JSON.stringify(events.find((e) => e.type === 'run-failed')));
  return model.model;
}

/** The engine's predictions and NumPy's for the same examples. */
function both(model: ModelFile, x: Float32Array, m: number): { engine: number[][]; numpy: number[][] } {
  const imported = importModel(model);
  if (!imported.ok) throw new Error(imported.error);
  const engine = predict(imported.model, x).map((p) => p.output);
  const modelPath = join(dir, 'model.json');
  const inputPath = join(dir, 'inputs.json');
  writeFileSync(modelPath, JSON.stringify(model));
  writeFileSync(inputPath, JSON.stringify({ x: Array.from(x), m }));
  const numpy = JSON.parse(execFileSync('python3', [SCRIPT, modelPath, inputPath], { encoding: 'utf8' })) as number[][];
  return { engine, numpy };
}

function expectSame({ engine, numpy }: { engine: number[][]; numpy: number[][] }) {
  expect(numpy.length).toBe(engine.length);
  let worst = 0;
  engine.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - numpy[i][j])))));
  // float32 engine against float64 NumPy.
  expect(worst).toBeLessThan(2e-5);
}

const images = (m: number, shape: number[], classes: number, seed: number): DataSource & { kind: 'inline' } => {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return {
    kind: 'inline',
    x: Float32Array.from({ length: m * n }, () => rng.randn() * 3 + 1),
    y: Float32Array.from({ length: m }, () => rng.int(classes)),
    exampleShape: shape,
    numClasses: classes,
  };
};

describe('exported model → NumPy forward pass (tests/python/forward.py) → the same predictions', () => {
  it('an Inception-style block: 1×1, 1×1 → 3×3, max pool same → 1×1, average pool same, concatenated; batch norm; softmax', async () => {
    const spec: ModelSpec = {
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [6, 5, 2], inputs: [] },
        { id: 'stem', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'relu', inputs: ['x'] },
        { id: 'one', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'tanh', inputs: ['stem'] },
        { id: 'reduce', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'relu', inputs: ['stem'] },
        { id: 'three', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'leaky_relu', alpha: 0.2, inputs: ['reduce'] },
        { id: 'maxp', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['one'] },
        { id: 'proj', kind: 'conv2d', filters: 1, f: 1, s: 1, padding: 'valid', activation: 'sigmoid', inputs: ['maxp'] },
        { id: 'avgp', kind: 'pool', mode: 'avg', f: 3, s: 1, padding: 'same', inputs: ['stem'] },
        { id: 'join', kind: 'concatenate', inputs: ['one', 'three', 'proj', 'avgp'] },
        { id: 'bn', kind: 'batchnorm', inputs: ['join'] },
        { id: 'down', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['bn'] },
        { id: 'flat', kind: 'flatten', inputs: ['down'] },
        { id: 'fc', kind: 'dense', units: 5, activation: 'relu', inputs: ['flat'] },
        { id: 'drop', kind: 'dropout', keepProb: 0.8, inputs: ['fc'] },
        { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['drop'] },
      ],
    };
    const data = images(40, [6, 5, 2], 3, 1);
    const model = await exported(spec, data);
    // Trained: the running averages have moved off their initial 0 and 1.
    expect(model.state.length).toBe(2);
    expectSame(both(model, data.x.subarray(0, 12 * 60), 12));
  });

  it('concatenated feature vectors, a frozen batch norm, and a multi-task sigmoid output trained with missing labels', async () => {
    const rng = createRng(4);
    const m = 60;
    const x = Float32Array.from({ length: m * 4 }, () => rng.randn());
    const y = Float32Array.from({ length: m * 3 }, (_, i) => (rng.uniform() < 0.2 ? NaN : x[Math.floor(i / 3) * 4 + (i % 3)] > 0 ? 1 : 0));
    const spec: ModelSpec = {
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [4], inputs: [] },
        { id: 'wide', kind: 'dense', units: 6, activation: 'tanh', inputs: ['x'] },
        { id: 'narrow', kind: 'dense', units: 3, activation: 'sigmoid', inputs: ['x'] },
        { id: 'join', kind: 'concatenate', inputs: ['wide', 'narrow', 'x'] },
        { id: 'bn', kind: 'batchnorm', frozen: true, inputs: ['join'] },
        { id: 'y', kind: 'output', units: 3, activation: 'sigmoid', loss: 'bce', inputs: ['bn'] },
      ],
    };
    const model = await exported(spec, { kind: 'inline', x, y, exampleShape: [4], numClasses: 2, taskNames: ['a', 'b', 'c'] }, 60);
    expectSame(both(model, x.subarray(0, 20 * 4), 20));
  });
});
