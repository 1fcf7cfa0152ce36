/**
 * The templates gallery: the course's networks, ready to train. Each is written as layers and
 * wires (positions come from the layout when it is loaded) and opens with a bundled dataset of its
 * shape and a recipe that trains it from one click on Train, in seconds on the web host's
 * reference kernels (issue 13, item 8).
 */
import type { LayerKind, ModelSpec } from '../../../../engine/spec';
import type { DatasetShape } from '../../../../engine/compile';
import type { AppEdge, AppNode, GraphDoc, LayerParams } from './document';
import type { SettingsState } from '../run/settings-store';
import type { PrepState } from '../data/dataset-store';
import { edgeId } from './graph-store';
import { NODE_KINDS } from './node-kinds';
import { BASE_SPEC } from '../../../../engine/train';

/** How a template trains well from one click on Train: its hyperparameters and its data preparation. */
export interface TemplateRecipe {
  training: Pick<SettingsState, 'learningRate' | 'optimizer' | 'batchSize' | 'lengthUnit' | 'iterations' | 'epochs'>;
  /** Normalisation, and how many of the dataset's examples to use (0 = all) so a run takes seconds in a browser. */
  prep: Pick<PrepState, 'normalisation' | 'limit'>;
}

export interface Template {
  id: string;
  title: string;
  description: string;
  /** The examples and classes it is built for. */
  expects: DatasetShape;
  /** The built-in dataset of that shape it opens with (see run/datasets.ts). */
  datasetId: string;
  recipe: TemplateRecipe;
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
  return fromLayers(spec.layers.map(({ id, kind, inputs, ...params }) => ({ id, kind, params: params as LayerParams, from: inputs })));
}

const conv = (filters: number, f: number, padding: 'same' | 'valid', activation = 'relu') => ({ filters, f, s: 1, padding, activation });
const dense = (units: number, activation = 'relu') => ({ units, activation });
const output = (units: number, activation: 'sigmoid' | 'softmax') => ({
  units,
  activation,
  loss: activation === 'sigmoid' ? 'bce' : 'cross_entropy',
});

const gd = (learningRate: number, iterations: number): TemplateRecipe => ({
  training: { learningRate, optimizer: 'gd', batchSize: 'full', lengthUnit: 'iterations', iterations, epochs: 10 },
  prep: { normalisation: 'none', limit: 0 },
});
/**
 * Adam with the course's α = 0.001 for `epochs` passes over the default 60 % training split of the
 * `m` examples used, given in iterations like every other run length (the toolbar's default unit).
 */
const adam = (epochs: number, batchSize: number, m: number, prep: TemplateRecipe['prep']): TemplateRecipe => ({
  training: {
    learningRate: 0.001,
    optimizer: 'adam',
    batchSize,
    lengthUnit: 'iterations',
    iterations: epochs * Math.ceil(Math.round(m * 0.6) / batchSize),
    epochs,
  },
  prep,
});

export const TEMPLATES: readonly Template[] = [
  {
    id: 'logistic',
    title: 'Logistic regression',
    description: 'One sigmoid unit: a straight decision boundary (week 2). On the flower it stays near chance.',
    expects: { exampleShape: [2], numClasses: 2 },
    datasetId: 'flower',
    recipe: gd(1.2, 2000),
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
    recipe: gd(1.2, 10000),
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
    description:
      '[12288, 20, 7, 5, 1] with ReLU and a sigmoid output (week 4): 64×64×3 pictures flattened to 12,288 features — generated circles and squares stand in for the course\u2019s cats.',
    expects: { exampleShape: [64, 64, 3], numClasses: 2 },
    datasetId: 'shapes',
    // Standardised pixels: unnormalised, this ReLU stack stays at chance (measured).
    recipe: adam(10, 32, 400, { normalisation: 'standardise', limit: 0 }),
    build: () =>
      fromLayers([
        { id: 'input-1', kind: 'input', params: { shape: [64, 64, 3] } },
        { id: 'flatten-1', kind: 'flatten' },
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
    recipe: adam(2, 64, 5000, { normalisation: 'none', limit: 5000 }),
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
    // 2,000 digits: two epochs take seconds on any backend; use more in the Data tab.
    recipe: adam(2, 64, 2000, { normalisation: 'none', limit: 2000 }),
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
    recipe: adam(2, 64, 1000, { normalisation: 'none', limit: 1000 }),
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
    description:
      'A 1×1 stem makes each digit the course’s 28×28×192 volume; 1×1, 1×1→3×3, 1×1→5×5 and pool→1×1 branches concatenate it to 28×28×256. The Dimensions table compares each bottleneck with the plain conv (120 M vs 12.4 M multiplications for the 5×5). Big: it trains slowly.',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    // 192 channels at 28×28 cost about 0.4 GFLOP per example and step: a short run on a few digits.
    recipe: adam(2, 16, 300, { normalisation: 'none', limit: 300 }),
    build: () =>
      inception(
        [
          { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
          // A 1×1 stem turns a digit into the course's 28×28×192 volume, so the module trains on MNIST.
          { id: 'conv2d-stem', kind: 'conv2d', params: conv(192, 1, 'valid') },
        ],
        { one: 64, reduce3: 96, three: 128, reduce5: 16, five: 32, pool: 32 },
        (join) => [
          // Max-pooling to 4×4 keeps where each feature fired; a global average (1×1×256) learns
          // nothing in the few steps this big module gets (measured: 11 % vs 58 % after 24 steps).
          { id: 'pool-max', kind: 'pool', params: { mode: 'max', f: 7, s: 7, padding: 'valid' }, from: [join] },
          { id: 'flatten-1', kind: 'flatten' },
          { id: 'output-1', kind: 'output', params: output(10, 'softmax') },
        ],
      ),
  },
  {
    id: 'mini-inception',
    title: 'Inception-style CNN for digits',
    description: 'A stride-2 stem conv, then one Inception module (1×1, 1×1→3×3, 1×1→5×5, pool→1×1, concatenated along n_C), pool, softmax: trains on MNIST.',
    expects: { exampleShape: [28, 28, 1], numClasses: 10 },
    datasetId: 'mnist',
    recipe: adam(2, 64, 2000, { normalisation: 'none', limit: 2000 }),
    build: () =>
      inception(
        [
          { id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } },
          // Stride 2 halves the digit to 14×14 in the stem itself, so the module works on a quarter of the pixels.
          { id: 'conv2d-stem', kind: 'conv2d', params: { ...conv(8, 3, 'valid'), s: 2, padding: 1 } },
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
    description:
      'A LeNet-style net for digits 0–4, with a worked example: keep its convolutions (frozen), replace the last layer, and compare with training from scratch on 50 images of 5–9.',
    expects: { exampleShape: [28, 28, 1], numClasses: 5 },
    datasetId: 'mnist-0-4',
    recipe: adam(2, 64, 2000, { normalisation: 'none', limit: 2000 }),
    guide: 'transfer-example',
    build: () => fromSpec(BASE_SPEC),
  },
  {
    id: 'multi-task',
    title: 'Multi-task: three yes/no outputs',
    description:
      'One network, three sigmoid outputs trained together (the cost summed over the tasks, a missing label skipped): is the point right, up, near the centre?',
    expects: { exampleShape: [2], numClasses: 2, tasks: 3 },
    datasetId: 'tasks',
    recipe: {
      training: { learningRate: 0.01, optimizer: 'adam', batchSize: 'full', lengthUnit: 'iterations', iterations: 1500, epochs: 1500 },
      prep: { normalisation: 'none', limit: 0 },
    },
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

/** What loading a template set, in a sentence for the banner. */
export function describeRecipe(recipe: TemplateRecipe, datasetLabel: string): string {
  const { training, prep } = recipe;
  const optimizer = training.optimizer === 'adam' ? 'Adam' : training.optimizer === 'gd' ? 'gradient descent' : training.optimizer;
  const batch = training.batchSize === 'full' ? 'full batch' : `mini-batches of ${training.batchSize}`;
  const length =
    training.lengthUnit === 'epochs'
      ? `${training.epochs} epochs`
      : `${training.iterations.toLocaleString('en')} iterations${training.batchSize === 'full' ? '' : ` (${training.epochs} epochs)`}`;
  const scaled = prep.normalisation === 'standardise' ? ', standardised' : prep.normalisation === 'minmax' ? ', scaled to [0, 1]' : '';
  const data = `${datasetLabel}${prep.limit > 0 ? `, ${prep.limit.toLocaleString('en')} examples used` : ''}${scaled}`;
  return `${data}; ${optimizer}, α = ${training.learningRate}, ${batch}, ${length}. Press Train.`;
}
