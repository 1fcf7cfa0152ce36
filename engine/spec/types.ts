/**
 * The model spec: the typed, versioned contract between the canvas, the trainer,
 * the CLI and exported model files. Kind strings are shared with the canvas node
 * registry and the engine's layer registry.
 *
 * Layers are listed in topological order; each names the ids of the layers it reads.
 * Shapes follow the course: a feature vector input has shape [n_x]; an image input
 * has shape [n_H, n_W, n_C].
 */

export const SPEC_FORMAT = 'dendrite.spec' as const;
export const SPEC_VERSION = 1 as const;

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear'] as const;
export type ActivationFn = (typeof ACTIVATIONS)[number];

export const INIT_KINDS = ['zeros', 'random', 'xavier', 'he'] as const;
export type InitKind = (typeof INIT_KINDS)[number];
/** `scale` applies to `random` (W = randn · scale, default 0.01). */
export interface InitSpec {
  kind: InitKind;
  scale?: number;
}

export const LOSSES = ['bce', 'cross_entropy', 'mse'] as const;
/** bce: binary cross-entropy (sigmoid output); cross_entropy: softmax categorical CE; mse: mean squared error. */
export type LossKind = (typeof LOSSES)[number];

export const OUTPUT_ACTIVATIONS = ['sigmoid', 'softmax', 'linear'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

export type Padding = 'valid' | 'same' | number;

interface LayerBase {
  /** Stable id; on the canvas it is the node id, so diagnostics can point at nodes. */
  id: string;
  /** Ids of the layers whose activations this layer reads (empty for `input`, two for `add`). */
  inputs: string[];
}

export interface InputLayer extends LayerBase {
  kind: 'input';
  /** [n_x] for feature vectors, [n_H, n_W, n_C] for images. */
  shape: number[];
}
export interface DenseLayer extends LayerBase {
  kind: 'dense';
  units: number;
  /** Applied after Z = W·A + b; default `linear` (no activation). */
  activation?: ActivationFn;
  /** Slope for leaky_relu, default 0.01. */
  alpha?: number;
  init?: InitSpec;
}
export interface Conv2dLayer extends LayerBase {
  kind: 'conv2d';
  /** n_C: the number of filters. */
  filters: number;
  /** f: filter size (f × f). */
  f: number;
  /** s: stride. */
  s: number;
  /** 'valid' = 0, 'same' = (f − 1)/2 (needs s = 1 and odd f to keep n_H), or an explicit p. */
  padding: Padding;
  activation?: ActivationFn;
  alpha?: number;
  init?: InitSpec;
}
export interface PoolLayer extends LayerBase {
  kind: 'pool';
  mode: 'max' | 'avg';
  f: number;
  s: number;
}
export interface BatchNormLayer extends LayerBase {
  kind: 'batchnorm';
  /** β of the exponentially weighted running averages used at test time; default 0.9. */
  momentum?: number;
  /** ε in √(σ² + ε); default 1e-5. */
  epsilon?: number;
}
export interface DropoutLayer extends LayerBase {
  kind: 'dropout';
  /** keep_prob of inverted dropout (0 < keep_prob ≤ 1). */
  keepProb: number;
}
export interface ActivationLayer extends LayerBase {
  kind: 'activation';
  fn: ActivationFn;
  alpha?: number;
}
export interface SoftmaxLayer extends LayerBase {
  kind: 'softmax';
}
export interface FlattenLayer extends LayerBase {
  kind: 'flatten';
}
export interface AddLayer extends LayerBase {
  kind: 'add';
}
/**
 * The output layer: a dense layer whose activation is fused with the loss, so that
 * dZ[L] = A[L] − Y for sigmoid+BCE and softmax+cross-entropy, as in the course.
 */
export interface OutputLayer extends LayerBase {
  kind: 'output';
  units: number;
  activation: OutputActivation;
  loss: LossKind;
  init?: InitSpec;
}

export type LayerSpec =
  | InputLayer
  | DenseLayer
  | Conv2dLayer
  | PoolLayer
  | BatchNormLayer
  | DropoutLayer
  | ActivationLayer
  | SoftmaxLayer
  | FlattenLayer
  | AddLayer
  | OutputLayer;

export type LayerKind = LayerSpec['kind'];

export const LAYER_KINDS: readonly LayerKind[] = [
  'input',
  'dense',
  'conv2d',
  'pool',
  'batchnorm',
  'dropout',
  'activation',
  'softmax',
  'flatten',
  'add',
  'output',
] as const;

export interface ModelSpec {
  format: typeof SPEC_FORMAT;
  version: typeof SPEC_VERSION;
  name?: string;
  /** Topologically ordered; exactly one `input` first and exactly one `output` last. */
  layers: LayerSpec[];
}
