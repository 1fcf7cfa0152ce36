/**
 * The registry of canvas node kinds: the same kind strings as the model spec and
 * the engine's layer registry, with what the palette, the nodes and the inspector
 * need to know about each. Adding a kind here is all the canvas needs.
 */
import { ACTIVATIONS, type LayerKind } from '../../../../engine/spec/types';

export type FieldSpec =
  | { param: string; label: string; type: 'int'; min: number; max: number; step?: number; help?: string }
  | { param: string; label: string; type: 'number'; min: number; max: number; step: number; help?: string }
  | { param: string; label: string; type: 'choice'; choices: readonly { value: string; label: string }[]; help?: string };

export interface NodeKindInfo {
  kind: LayerKind;
  title: string;
  category: 'Data' | 'Layers' | 'Activations' | 'Regularisation' | 'Structure' | 'Output';
  description: string;
  defaults: Record<string, unknown>;
  /** Target handles: one 'in', or two ('a', 'b') for add; none for input. */
  inputs: readonly string[];
  hasOutput: boolean;
  fields: readonly FieldSpec[];
}

const activationChoices = ACTIVATIONS.map((value) => ({
  value,
  label: value === 'leaky_relu' ? 'leaky ReLU' : value === 'relu' ? 'ReLU' : value,
}));

const units = (help: string): FieldSpec => ({ param: 'units', label: 'Units n[l]', type: 'int', min: 1, max: 4096, help });

export const NODE_KINDS: Record<LayerKind, NodeKindInfo> = {
  input: {
    kind: 'input',
    title: 'Input',
    category: 'Data',
    description: 'The examples X: n[0] features (or n_H × n_W × n_C pixels) by m examples.',
    defaults: { shape: [2] },
    inputs: [],
    hasOutput: true,
    fields: [],
  },
  dense: {
    kind: 'dense',
    title: 'Dense',
    category: 'Layers',
    description: 'Z[l] = W[l] A[l−1] + b[l], then A[l] = g(Z[l]).',
    defaults: { units: 8, activation: 'relu' },
    inputs: ['in'],
    hasOutput: true,
    fields: [
      units('Number of hidden units in this layer.'),
      { param: 'activation', label: 'Activation g', type: 'choice', choices: activationChoices },
    ],
  },
  conv2d: {
    kind: 'conv2d',
    title: 'Conv 2D',
    category: 'Layers',
    description: 'n_C filters of f × f × n_C_prev; n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1.',
    defaults: { filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu' },
    inputs: ['in'],
    hasOutput: true,
    fields: [
      { param: 'filters', label: 'Filters n_C', type: 'int', min: 1, max: 1024 },
      { param: 'f', label: 'Filter size f', type: 'int', min: 1, max: 31 },
      { param: 's', label: 'Stride s', type: 'int', min: 1, max: 16 },
      {
        param: 'padding',
        label: 'Padding p',
        type: 'choice',
        choices: [
          { value: 'valid', label: 'valid (p = 0)' },
          { value: 'same', label: 'same' },
        ],
      },
      { param: 'activation', label: 'Activation g', type: 'choice', choices: activationChoices },
    ],
  },
  pool: {
    kind: 'pool',
    title: 'Pool',
    category: 'Layers',
    description: 'Max or average over f × f windows with stride s; no parameters.',
    defaults: { mode: 'max', f: 2, s: 2 },
    inputs: ['in'],
    hasOutput: true,
    fields: [
      {
        param: 'mode',
        label: 'Mode',
        type: 'choice',
        choices: [
          { value: 'max', label: 'max' },
          { value: 'avg', label: 'average' },
        ],
      },
      { param: 'f', label: 'Window f', type: 'int', min: 1, max: 16 },
      { param: 's', label: 'Stride s', type: 'int', min: 1, max: 16 },
    ],
  },
  batchnorm: {
    kind: 'batchnorm',
    title: 'Batch norm',
    category: 'Regularisation',
    description: 'Normalises Z per mini-batch, then γ Z_norm + β; running averages at test time.',
    defaults: { momentum: 0.9 },
    inputs: ['in'],
    hasOutput: true,
    fields: [{ param: 'momentum', label: 'Running-average β', type: 'number', min: 0, max: 0.999, step: 0.01 }],
  },
  dropout: {
    kind: 'dropout',
    title: 'Dropout',
    category: 'Regularisation',
    description: 'Inverted dropout: keeps each unit with probability keep_prob, divides by keep_prob.',
    defaults: { keepProb: 0.8 },
    inputs: ['in'],
    hasOutput: true,
    fields: [{ param: 'keepProb', label: 'keep_prob', type: 'number', min: 0.05, max: 1, step: 0.05 }],
  },
  activation: {
    kind: 'activation',
    title: 'Activation',
    category: 'Activations',
    description: 'A = g(Z), elementwise.',
    defaults: { fn: 'relu' },
    inputs: ['in'],
    hasOutput: true,
    fields: [{ param: 'fn', label: 'Function g', type: 'choice', choices: activationChoices }],
  },
  softmax: {
    kind: 'softmax',
    title: 'Softmax',
    category: 'Activations',
    description: 'A = e^Z / Σ e^Z down each column.',
    defaults: {},
    inputs: ['in'],
    hasOutput: true,
    fields: [],
  },
  flatten: {
    kind: 'flatten',
    title: 'Flatten',
    category: 'Structure',
    description: '(m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), so dense layers can follow a conv.',
    defaults: {},
    inputs: ['in'],
    hasOutput: true,
    fields: [],
  },
  add: {
    kind: 'add',
    title: 'Add',
    category: 'Structure',
    description: 'Residual connection: A = A_a + A_b (shapes must match).',
    defaults: {},
    inputs: ['a', 'b'],
    hasOutput: true,
    fields: [],
  },
  output: {
    kind: 'output',
    title: 'Output',
    category: 'Output',
    description: 'The last layer ŷ = A[L] and the cost J that training minimises.',
    defaults: { units: 1, activation: 'sigmoid', loss: 'bce' },
    inputs: ['in'],
    hasOutput: false,
    fields: [
      units('1 for yes/no (sigmoid); one per class for softmax.'),
      {
        param: 'activation',
        label: 'Output activation',
        type: 'choice',
        choices: [
          { value: 'sigmoid', label: 'sigmoid' },
          { value: 'softmax', label: 'softmax' },
          { value: 'linear', label: 'linear' },
        ],
      },
      {
        param: 'loss',
        label: 'Loss',
        type: 'choice',
        choices: [
          { value: 'bce', label: 'binary cross-entropy' },
          { value: 'cross_entropy', label: 'cross-entropy' },
          { value: 'mse', label: 'mean squared error' },
        ],
      },
    ],
  },
};

export const PALETTE_ORDER: readonly LayerKind[] = [
  'input',
  'dense',
  'conv2d',
  'pool',
  'flatten',
  'batchnorm',
  'dropout',
  'activation',
  'softmax',
  'add',
  'output',
];
