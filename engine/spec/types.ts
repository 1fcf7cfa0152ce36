/**
 * The model spec: the typed, versioned contract between the canvas, the trainer, the CLI and
 * exported model files. Every layer type here comes from its kind's params schema
 * (engine/kinds/<kind>.ts), so the schema and the type cannot disagree.
 *
 * Layers are listed in topological order; each names the ids of the layers it reads.
 * Shapes follow the course: a feature vector input has shape [n_x]; an image input
 * has shape [n_H, n_W, n_C].
 */
// Types only: the spec's vocabulary sits below the kinds, which build on it.
import type { KINDS } from '../kinds';
import type { SpecLayer } from '../kinds/kind';
import type { ModelSpecSchema } from '../kinds/spec-schema';
import type { z } from 'zod';

export { ACTIVATIONS, INIT_KINDS, LOSSES, OUTPUT_ACTIVATIONS } from './vocabulary';
export type { ActivationFn, InitKind, InitSpec, LossKind, OutputActivation } from './vocabulary';

export const SPEC_FORMAT = 'dendrite.spec' as const;
export const SPEC_VERSION = 1 as const;

type Kinds = typeof KINDS;
export type LayerKind = keyof Kinds;
/** A layer of kind K as a spec holds it (fields with defaults may be absent). */
export type LayerOf<K extends LayerKind> = Kinds[K] extends { kind: K; params: infer P extends z.ZodObject } ? SpecLayer<K, P> : never;
export type LayerSpec = { [K in LayerKind]: LayerOf<K> }[LayerKind];

export type InputLayer = LayerOf<'input'>;
export type DenseLayer = LayerOf<'dense'>;
export type Conv2dLayer = LayerOf<'conv2d'>;
export type PoolLayer = LayerOf<'pool'>;
export type BatchNormLayer = LayerOf<'batchnorm'>;
export type DropoutLayer = LayerOf<'dropout'>;
export type ActivationLayer = LayerOf<'activation'>;
export type SoftmaxLayer = LayerOf<'softmax'>;
export type FlattenLayer = LayerOf<'flatten'>;
export type AddLayer = LayerOf<'add'>;
export type ConcatenateLayer = LayerOf<'concatenate'>;
/**
 * The output layer: a dense layer whose activation is fused with the loss, so that
 * dZ[L] = A[L] − Y for sigmoid+BCE and softmax+cross-entropy, as in the course.
 */
export type OutputLayer = LayerOf<'output'>;
export type Padding = Conv2dLayer['padding'];

/** A layer spec without its wiring (the compiler fills `inputs` from the edges). */
export type LayerFields = LayerSpec extends infer L ? (L extends LayerSpec ? Omit<L, 'inputs'> : never) : never;

/** Topologically ordered layers; exactly one `input` first and exactly one `output` last. */
export type ModelSpec = z.output<ModelSpecSchema>;
