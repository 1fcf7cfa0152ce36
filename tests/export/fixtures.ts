/**
 * Trained models for the export tests: every template, a network that uses every layer kind and
 * variant (activations, paddings, strides, both pools, batch norm on vectors and images, dropout,
 * add, softmax, flatten), regression, odd layer ids and class names. Each is trained a few steps
 * on random data (so batch-norm running averages and weights are not their initial values) and
 * comes with a few hundred raw inputs on the scale of the data it was trained on.
 */
import { compileGraph } from '../../engine/compile';
import type { DataSource } from '../../engine/data/source';
import { exportModel } from '../../engine/export/export';
import type { ModelFile } from '../../engine/export/format';
import { modelFromRun } from '../../engine/export/from-run';
import { importModel } from '../../engine/export/import';
import { predict, type Prediction } from '../../engine/export/predict';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { LayerSpec, ModelSpec } from '../../engine/spec/types';
import type { TrainConfig } from '../../engine/protocol/train-config';
import { trainModel } from '../../engine/train/loop';
import { createRng } from '../../engine/tensor/rng';
import { toGraphInput } from '../../src/renderer/src/graph/document';
import { TEMPLATES } from '../../src/renderer/src/graph/templates';
import { chain, recorder } from '../engine/helpers';

export interface Fixture {
  name: string;
  file: ModelFile;
  /** Raw examples, examples-major. */
  x: Float32Array;
  exampleShape: number[];
  m: number;
  /** What `dendrite predict` prints for x (reference backend): the lines, and their outputs. */
  lines: Prediction[];
  expected: number[][];
}

interface Recipe {
  name: string;
  spec: ModelSpec;
  exampleShape: number[];
  numClasses: number;
  classNames?: string[];
  /** Raw inputs are offset + spread · N(0, 1), so normalisation has work to do. */
  offset?: number;
  spread?: number;
  normalisation?: 'none' | 'standardise' | 'minmax';
  config?: Partial<TrainConfig>;
  targets?: number;
  /** Multi-task: this many yes/no labels per example, a fifth of them missing (NaN). */
  tasks?: number;
}

const graph = (...layers: LayerSpec[]): ModelSpec => ({ format: 'dendrite.spec', version: 1, layers });

/** Every kind and variant in one network on 12×12×3 images. */
export const EVERY_KIND: ModelSpec = graph(
  { id: 'x', kind: 'input', shape: [12, 12, 3], inputs: [] },
  { id: 'c1', kind: 'conv2d', filters: 4, f: 3, s: 1, padding: 'same', activation: 'leaky_relu', alpha: 0.2, inputs: ['x'] },
  { id: 'bn1', kind: 'batchnorm', epsilon: 0.001, momentum: 0.8, inputs: ['c1'] },
  { id: 'd1', kind: 'dropout', keepProb: 0.9, inputs: ['bn1'] },
  { id: 'c2', kind: 'conv2d', filters: 4, f: 3, s: 1, padding: 1, activation: 'linear', inputs: ['d1'] },
  { id: 'sum1', kind: 'add', inputs: ['d1', 'c2'] },
  { id: 'r1', kind: 'activation', fn: 'relu', inputs: ['sum1'] },
  { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['r1'] },
  { id: 'c3', kind: 'conv2d', filters: 5, f: 3, s: 2, padding: 2, activation: 'tanh', inputs: ['p1'] },
  { id: 'p2', kind: 'pool', mode: 'avg', f: 3, s: 1, inputs: ['c3'] },
  { id: 'c4', kind: 'conv2d', filters: 3, f: 1, s: 1, padding: 'valid', activation: 'sigmoid', inputs: ['p2'] },
  { id: 'a1', kind: 'activation', fn: 'leaky_relu', inputs: ['c4'] },
  { id: 'flat', kind: 'flatten', inputs: ['a1'] },
  { id: 'h1', kind: 'dense', units: 6, activation: 'tanh', inputs: ['flat'] },
  { id: 'bn2', kind: 'batchnorm', inputs: ['h1'] },
  { id: 'h2', kind: 'dense', units: 6, inputs: ['bn2'] },
  { id: 'sum2', kind: 'add', inputs: ['bn2', 'h2'] },
  { id: 'a2', kind: 'activation', fn: 'sigmoid', inputs: ['sum2'] },
  { id: 'd2', kind: 'dropout', keepProb: 0.7, inputs: ['a2'] },
  { id: 'h3', kind: 'dense', units: 5, activation: 'relu', inputs: ['d2'] },
  { id: 'flat2', kind: 'flatten', inputs: ['h3'] },
  { id: 'a3', kind: 'activation', fn: 'tanh', inputs: ['flat2'] },
  { id: 's1', kind: 'softmax', inputs: ['a3'] },
  { id: 'h4', kind: 'dense', units: 4, activation: 'leaky_relu', inputs: ['s1'] },
  { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['h4'] },
);

/** Vectors: every kind that takes them, odd ids (quotes, a newline, a comment) and class names. */
export const VECTOR_KINDS: ModelSpec = graph(
  { id: 'in "put"', kind: 'input', shape: [5], inputs: [] },
  { id: 'flat\n# import os', kind: 'flatten', inputs: ['in "put"'] },
  { id: 'h\\1', kind: 'dense', units: 7, activation: 'relu', init: { kind: 'random', scale: 0.5 }, inputs: ['flat\n# import os'] },
  { id: 'bn', kind: 'batchnorm', epsilon: 0.01, inputs: ['h\\1'] },
  { id: 'skip', kind: 'dense', units: 7, activation: 'leaky_relu', alpha: 0.05, inputs: ['in "put"'] },
  { id: 'sum', kind: 'add', inputs: ['bn', 'skip'] },
  { id: 'drop', kind: 'dropout', keepProb: 0.8, inputs: ['sum'] },
  { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['drop'] },
);

export const RECIPES: Recipe[] = [
  // The course's Inception cost example (192 channels at 28×28, about 0.1 GFLOP an example) is left
  // out: a few hundred predictions on the reference kernels would take minutes, and the smaller
  // mini-inception template exports the same kinds and wiring.
  ...TEMPLATES.filter((t) => t.id !== 'inception-module').map((t): Recipe => {
    const { spec } = compileGraph(toGraphInput(t.build(), t.expects));
    const image = t.expects.exampleShape.length === 3;
    return {
      name: `template ${t.id}`,
      spec: spec!,
      exampleShape: t.expects.exampleShape,
      numClasses: t.expects.numClasses,
      tasks: t.expects.tasks,
      offset: image ? 120 : 0.5,
      spread: image ? 60 : 1.5,
      normalisation: image ? 'minmax' : 'standardise',
    };
  }),
  {
    name: 'every layer kind (images)',
    spec: EVERY_KIND,
    exampleShape: [12, 12, 3],
    numClasses: 3,
    classNames: ['cat', 'dog', 'bird "quoted"'],
    offset: 10,
    spread: 4,
    normalisation: 'standardise',
  },
  {
    name: 'vector kinds, odd ids',
    spec: VECTOR_KINDS,
    exampleShape: [5],
    numClasses: 3,
    classNames: ['a', 'b', 'c'],
    offset: -2,
    spread: 3,
    normalisation: 'minmax',
  },
  {
    name: 'regression (linear output, no normalisation)',
    spec: chain(
      { id: 'x', kind: 'input', shape: [3] },
      { id: 'h', kind: 'dense', units: 5, activation: 'tanh' },
      { id: 'y', kind: 'output', units: 2, activation: 'linear', loss: 'mse' },
    ),
    exampleShape: [3],
    numClasses: 0,
    targets: 2,
    normalisation: 'none',
  },
];

const DEFAULT_CONFIG: Partial<TrainConfig> = {
  iterations: 6,
  batchSize: 16,
  learningRate: 0.01,
  optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  l2: 0.1,
  decay: { kind: 'inverse', decayRate: 0.5 },
};

export async function trainFixture(recipe: Recipe, m = 300, seed = 7): Promise<Fixture> {
  const rng = createRng(seed);
  const n = recipe.exampleShape.reduce((a, b) => a * b, 1);
  const { offset = 0, spread = 1 } = recipe;
  const x = Float32Array.from({ length: m * n }, () => offset + spread * rng.randn());
  const width = recipe.tasks ?? (recipe.numClasses >= 2 ? 1 : (recipe.targets ?? 1));
  const label = () => (recipe.tasks ? (rng.uniform() < 0.2 ? NaN : rng.int(2)) : recipe.numClasses >= 2 ? rng.int(recipe.numClasses) : rng.randn());
  const y = Float32Array.from({ length: m * width }, label);
  const data: DataSource = { kind: 'inline', x, y, exampleShape: recipe.exampleShape, numClasses: recipe.numClasses, classNames: recipe.classNames };
  const request = {
    runId: recipe.name,
    spec: recipe.spec,
    data,
    normalisation: recipe.normalisation ?? 'none',
    config: { seed: 3, ...DEFAULT_CONFIG, ...recipe.config } as TrainConfig,
  };
  const outcome = await trainModel(request, createReferenceBackend('float32'), recorder());
  if (outcome.status !== 'finished') throw new Error(`${recipe.name}: ${outcome.message}`);
  const file = exportModel(modelFromRun(outcome.prepared, request, outcome.metrics, 'reference'));
  // Fresh inputs from the same distribution (not the training examples).
  const test = Float32Array.from({ length: m * n }, () => offset + spread * rng.randn());
  const imported = importModel(file);
  if (!imported.ok) throw new Error(imported.error);
  const lines = predict(imported.model, test);
  return {
    name: recipe.name,
    file: JSON.parse(JSON.stringify(file)) as ModelFile,
    x: test,
    exampleShape: recipe.exampleShape,
    m,
    lines,
    expected: lines.map((p) => p.output),
  };
}

/** CSV text `dendrite predict --data` reads: one example per row, a (dummy) label last. */
export function toCsv(x: Float32Array, m: number, label = (i: number) => String(i % 2)): string {
  const n = x.length / m;
  const rows: string[] = [];
  for (let i = 0; i < m; i++) rows.push(`${Array.from(x.subarray(i * n, (i + 1) * n), String).join(',')},${label(i)}`);
  return `${rows.join('\n')}\n`;
}

export function maxAbsDifference(a: number[][], b: number[][]): number {
  if (a.length !== b.length) throw new Error(`${a.length} predictions, expected ${b.length}`);
  let max = 0;
  a.forEach((row, i) => {
    if (row.length !== b[i].length) throw new Error(`example ${i}: ${row.length} outputs, expected ${b[i].length}`);
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j]))));
  });
  return max;
}
