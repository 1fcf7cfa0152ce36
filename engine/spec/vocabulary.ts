/**
 * The course's words that several kinds share, each with the field people set it with:
 * activation functions g, the output's losses, and weight initialisers.
 */
import { z } from 'zod';
import { choice, described, number, numberIn, oneOf, toggle, type NumberInfo } from './fields';
import { MAX_INIT_SCALE } from './limits';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear'] as const;
export type ActivationFn = (typeof ACTIVATIONS)[number];

export const activationField = (label: string) => choice(ACTIVATIONS, { label, labels: { relu: 'ReLU', leaky_relu: 'leaky ReLU' } });

/** Leaky ReLU's slope for z < 0 when a layer gives none. */
export const LEAKY_RELU_SLOPE = 0.01;
export const alphaField = () =>
  number({
    label: 'Leaky ReLU slope α',
    help: `g(z) = max(αz, z); ${LEAKY_RELU_SLOPE} when not given.`,
    min: 0,
    max: 1,
    step: 0.01,
    advanced: true,
  }).optional();

/** bce: binary cross-entropy (sigmoid output); cross_entropy: softmax categorical CE; mse: mean squared error. */
export const LOSSES = ['bce', 'cross_entropy', 'mse'] as const;
export type LossKind = (typeof LOSSES)[number];
export const LOSS_LABELS: Record<LossKind, string> = { bce: 'binary cross-entropy', cross_entropy: 'cross-entropy', mse: 'mean squared error' };

export const OUTPUT_ACTIVATIONS = ['sigmoid', 'softmax', 'linear'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

/** The loss each output activation is fused with (so dZ[L] = A[L] − Y). */
export const FUSED_LOSS: Record<OutputActivation, LossKind> = { sigmoid: 'bce', softmax: 'cross_entropy', linear: 'mse' };

export const INIT_KINDS = ['zeros', 'random', 'xavier', 'he'] as const;
export type InitKind = (typeof INIT_KINDS)[number];
/** W = randn · scale for `random` when no scale is given (the course's 0.01). */
export const RANDOM_INIT_SCALE = 0.01;

const initSchema = z.object({ kind: oneOf(INIT_KINDS), scale: numberIn(0, MAX_INIT_SCALE).optional() }, { error: 'expected { kind, scale? }' }).strict();
/** `scale` applies to `random` (W = randn · scale, default 0.01). */
export type InitSpec = z.infer<typeof initSchema>;

const initScale: NumberInfo = { type: 'number', label: 'Scale', min: 0, max: MAX_INIT_SCALE, step: 0.01 };

/** Absent means automatic: He before ReLU-family activations, Xavier otherwise (engine/init). */
export const initField = () =>
  described(initSchema, {
    type: 'init',
    label: 'Initialisation',
    help: 'auto: He for ReLU, Xavier otherwise.',
    hint: 'Pick zeros, random, xavier or he.',
    choices: [
      { value: 'he', label: 'He √(2/n[l−1])' },
      { value: 'xavier', label: 'Xavier √(1/n[l−1])' },
      { value: 'random', label: 'random × scale' },
      { value: 'zeros', label: 'zeros' },
    ],
    parts: { scale: initScale },
  }).optional();

/**
 * Transfer learning's freeze (Keras' `trainable = False`): the layer's parameters are not updated
 * while training, and a frozen batch norm normalises with its running averages and leaves them
 * as they are. Absent means trainable.
 */
export const frozenField = () =>
  toggle({ label: 'Frozen', help: 'Keep these weights as they are while training (transfer learning); batch norm keeps its running averages too.' }).optional();

/** Whether a spec layer is frozen (only kinds with parameters have the field). */
export const isFrozen = (layer: object): boolean => (layer as { frozen?: unknown }).frozen === true;
