/**
 * The templates gallery: the course's networks, ready to train. Each is written as
 * layers and wires; positions come from the auto-layout when it is loaded.
 */
import type { LayerKind } from '../../../../engine/spec/types';
import type { DatasetShape } from '../../../../engine/compile/types';
import type { AppEdge, AppNode, GraphDoc, LayerParams } from './document';
import { edgeId } from './graph-store';
import { NODE_KINDS } from './node-kinds';
import type { ModelSpec } from '../../../../engine/spec/types';
import { BASE_SPEC } from '../../../../engine/transfer/example';

export interface Template {
  id: string;
  title: string;
  description: string;
  /** The examples and classes it is built for. */
  expects: DatasetShape;
  /** A built-in dataset of that shape to select with it, when there is one (see run/datasets.ts). */
  datasetId?: string;
  /** False for a design to read rather than train (no dataset has its shape: the course's Inception module). */
  trainable?: false;
  /** A walk-through shown with it (transfer/TemplateGuide.tsx). */
  guide?: 'transfer-example';
  build(): GraphDoc;
}

interface LayerLine {
  id: string;
  kind: LayerKind;
  params?: LayerParams;
  /** Ids this layer reads; defaults to the previous line. */
  from?: string[];
}

/** Builds a document from a list of layers; each reads the previous one unless it says otherwise. */
export function fromLayers(lines: LayerLine[]): GraphDoc {
  const nodes: AppNode[] = lines.map((line, i) => ({
    id: line.id,
    type: line.kind,
    position: { x: i * 240, y: 0 },
    data: line.params ?? {},
  }));
  const edges: AppEdge[] = [];
  lines.forEach((line, i) => {
    const sources = line.from ?? (i > 0 ? [lines[i - 1]!.id] : []);
    const handles = NODE_KINDS[line.kind].inputs;
    sources.forEach((source, j) => {
      const targetHandle = handles[j] ?? 'in';
      edges.push({ id: edgeId(source, line.id, targetHandle), source, target: line.id, targetHandle });
    });
  });
  return { nodes, edges };
}

/** A spec's layers as template lines (each reads its spec inputs). */
export function fromSpec(spec: ModelSpec): GraphDoc {
  return fromLayers(
    spec.layers.map(({ id, kind, inputs, ...params }) => ({ id, kind, params: params as LayerParams, from: inputs })),
  );
}

const conv = (filters: number, f: number, padding: 'same' | 'valid', activation = 'relu') => ({ filters, f, s: 1, padding, activation });
const dense = (units: number, activation = 'relu') => ({ units, activation });
const output = (units: number, activation: 'sigmoid' | 'softmax') => ({
  units,
  activation,
  loss: activation === 'sigmoid' ? 'bce' : 'cross_entropy',
});

export const TEMPLATES: readonly Template[] = [
  {
    id: 'logistic',
    title: 'Logistic regression',
    description: 'One sigmoid unit: a straight decision boundary (week 2). On the flower it stays near chance.',
    expects: { exampleShape: [2], numClasses: 2 },
    datasetId: 'flower',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [2] } },
        { id: 'output-1', kind: 'output', params: output(1, 'sigmoid') },
      ]),
  },
  {
    id: 'planar',
    title: 'Planar shallow network',
    description: '2 → 4 tanh → 1 sigmoid (week 3): about 90 % on the flower.',
    expects: { exampleShape: [2], numClasses: 2 },
    datasetId: 'flower',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [2] } },
        { id: 'dense-1', kind: 'dense', params: dense(4, 'tanh') },
        { id: 'output-1', kind: 'output', params: output(1, 'sigmoid') },
      ]),
  },
  {
    id: 'deep',
    title: 'Deep L-layer network',
    description: '[12288, 20, 7, 5, 1] with ReLU and a sigmoid output (week 4): 64×64×3 images, flattened.',
    expects: { exampleShape: [12288], numClasses: 2 },
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [12288] } },
        { id: 'dense-1', kind: 'dense', params: dense(20) },
        { id: 'dense-2', kind: 'dense', params: dense(7) },
        { id: 'dense-3', kind: 'dense', params: dense(5) },
        { id: 'output-1', kind: 'output', params: output(1, 'sigmoid') },
      ]),
  },
  {
    id: 'mlp',
    title: 'MLP for 28×28 images',
    description: 'Flatten → 128 ReLU → 64 ReLU → 10 softmax, for MNIST-sized digits.',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
        { id: 'flatten-1', kind: 'flatten' },
        { id: 'dense-1', kind: 'dense', params: dense(128) },
        { id: 'dense-2', kind: 'dense', params: dense(64) },
        { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
      ]),
  },
  {
    id: 'lenet5',
    title: 'LeNet-5',
    description: 'conv 6@5×5 same → pool → conv 16@5×5 → pool → 120 → 84 → 10 softmax (course 4, week 2).',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
        { id: 'conv2d-1', kind: 'conv2d', params: conv(6, 5, 'same') },
        { id: 'pool-1', kind: 'pool', params: { mode: 'max', f: 2, s: 2 } },
        { id: 'conv2d-2', kind: 'conv2d', params: conv(16, 5, 'valid') },
        { id: 'pool-2', kind: 'pool', params: { mode: 'max', f: 2, s: 2 } },
        { id: 'flatten-1', kind: 'flatten' },
        { id: 'dense-1', kind: 'dense', params: dense(120) },
        { id: 'dense-2', kind: 'dense', params: dense(84) },
        { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
      ]),
  },
  {
    id: 'resnet-block',
    title: 'CNN with a residual block',
    description: 'A stem conv, then conv-bn-relu-conv-bn added to its input (a skip connection), relu, pool, softmax.',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
        { id: 'conv2d-1', kind: 'conv2d', params: conv(8, 3, 'same') },
        { id: 'conv2d-2', kind: 'conv2d', params: conv(8, 3, 'same', 'linear') },
        { id: 'batchnorm-1', kind: 'batchnorm', params: { momentum: 0.9 } },
        { id: 'activation-1', kind: 'activation', params: { fn: 'relu' } },
        { id: 'conv2d-3', kind: 'conv2d', params: conv(8, 3, 'same', 'linear') },
        { id: 'batchnorm-2', kind: 'batchnorm', params: { momentum: 0.9 } },
        { id: 'add-1', kind: 'add', from: ['conv2d-1', 'batchnorm-2'] },
        { id: 'activation-2', kind: 'activation', params: { fn: 'relu' } },
        { id: 'pool-1', kind: 'pool', params: { mode: 'max', f: 2, s: 2 } },
        { id: 'flatten-1', kind: 'flatten' },
        { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
      ]),
  },
  {
    id: 'inception-module',
    title: 'Inception module (the course’s cost example)',
    description: '28×28×192 through 1×1, 1×1→3×3, 1×1→5×5 and pool→1×1 branches, concatenated to 28×28×256; the Dimensions table compares each bottleneck with the plain conv (120 M vs 12.4 M multiplications for the 5×5).',
    expects: { exampleShape: [28, 28, 192], numClasses: 10 },
    trainable: false,
    build: () =>
      inception([{ id: 'input-1', kind: 'input', params: { shape: [28, 28, 192] } }], { one: 64, reduce3: 96, three: 128, reduce5: 16, five: 32, pool: 32 }, (join) => [
        { id: 'pool-avg', kind: 'pool', params: { mode: 'avg', f: 28, s: 28, padding: 'valid' }, from: [join] },
        { id: 'flatten-1', kind: 'flatten' },
        { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
      ]),
  },
  {
    id: 'mini-inception',
    title: 'Inception-style CNN for digits',
    description: 'A stem conv, then one Inception module (1×1, 1×1→3×3, 1×1→5×5, pool→1×1, concatenated along n_C), pool, softmax: trains on MNIST.',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    build: () =>
      inception(
        [
          { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
          { id: 'conv2d-stem', kind: 'conv2d', params: conv(8, 3, 'same') },
          { id: 'pool-1', kind: 'pool', params: { mode: 'max', f: 2, s: 2, padding: 'valid' } },
        ],
        { one: 8, reduce3: 4, three: 8, reduce5: 2, five: 4, pool: 4 },
        (join) => [
          { id: 'pool-2', kind: 'pool', params: { mode: 'max', f: 2, s: 2, padding: 'valid' }, from: [join] },
          { id: 'flatten-1', kind: 'flatten' },
          { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
        ],
      ),
  },
  {
    id: 'transfer-digits',
    title: 'Transfer learning: digits 0–4 → 5–9',
    description: 'A LeNet-style net for digits 0–4, with a worked example: keep its convolutions (frozen), replace the last layer, and compare with training from scratch on 50 images of 5–9.',
    expects: { exampleShape: [28, 28, 1], numClasses: 5 },
    datasetId: 'mnist-0-4',
    guide: 'transfer-example',
    build: () => fromSpec(BASE_SPEC),
  },
  {
    id: 'multi-task',
    title: 'Multi-task: three yes/no outputs',
    description: 'One network, three sigmoid outputs trained together (the cost summed over the tasks, a missing label skipped): is the point right, up, near the centre?',
    expects: { exampleShape: [2], numClasses: 2, tasks: 3 },
    datasetId: 'tasks',
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [2] } },
        { id: 'dense-1', kind: 'dense', params: dense(16, 'tanh') },
        { id: 'dense-2', kind: 'dense', params: dense(8, 'tanh') },
        { id: 'output-1', kind: 'output', params: output(3, 'sigmoid') },
      ]),
  },
];

interface InceptionWidths {
  one: number;
  reduce3: number;
  three: number;
  reduce5: number;
  five: number;
  pool: number;
}

/** `before`, then an Inception module reading its last layer (four branches joined along n_C), then `after` (which reads the join). */
function inception(before: LayerLine[], w: InceptionWidths, after: (join: string) => LayerLine[]): GraphDoc {
  const from = before.at(-1)!.id;
  return fromLayers([
    ...before,
    { id: 'conv-1x1', kind: 'conv2d', params: conv(w.one, 1, 'valid'), from: [from] },
    { id: 'reduce-3x3', kind: 'conv2d', params: conv(w.reduce3, 1, 'valid'), from: [from] },
    { id: 'conv-3x3', kind: 'conv2d', params: conv(w.three, 3, 'same'), from: ['reduce-3x3'] },
    { id: 'reduce-5x5', kind: 'conv2d', params: conv(w.reduce5, 1, 'valid'), from: [from] },
    { id: 'conv-5x5', kind: 'conv2d', params: conv(w.five, 5, 'same'), from: ['reduce-5x5'] },
    { id: 'pool-3x3', kind: 'pool', params: { mode: 'max', f: 3, s: 1, padding: 'same' }, from: [from] },
    { id: 'pool-proj', kind: 'conv2d', params: conv(w.pool, 1, 'valid'), from: ['pool-3x3'] },
    { id: 'concatenate-1', kind: 'concatenate', from: ['conv-1x1', 'conv-3x3', 'conv-5x5', 'pool-proj'] },
    ...after('concatenate-1'),
  ]);
}
