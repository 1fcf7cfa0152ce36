/**
 * The templates gallery: the course's networks, ready to train. Each is written as layers and
 * wires (positions come from the layout when it is loaded) and opens with a bundled dataset of its
 * shape and a recipe that trains it from one click on Train, in seconds on the web host's
 * reference kernels (issue 13, item 8).
 */
import type { LayerKind } from '../../../../engine/spec/types';
import type { DatasetShape } from '../../../../engine/compile/types';
import type { AppEdge, AppNode, GraphDoc, LayerParams } from './document';
import type { SettingsState } from '../run/settings-store';
import type { PrepState } from '../data/dataset-store';
import { edgeId } from './graph-store';

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
    const handles = line.kind === 'add' ? ['a', 'b'] : ['in'];
    sources.forEach((source, j) => {
      const targetHandle = handles[j] ?? 'in';
      edges.push({ id: edgeId(source, line.id, targetHandle), source, target: line.id, targetHandle });
    });
  });
  return { nodes, edges };
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
];

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
