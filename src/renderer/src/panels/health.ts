/** Vanishing / exploding gradient alarms from layer-health samples (pure, unit-tested). */
import type { LayerHealth } from '../../../../engine/protocol';

export interface HealthAlarm {
  kind: 'vanishing' | 'exploding';
  layerId: string;
  message: string;
  advice: string[];
}

/** ‖dW‖ below this counts as vanished. */
export const VANISH_NORM = 1e-7;
/** ‖dW‖ above this, or a first/last-layer ratio beyond 1e4, counts as exploded. */
export const EXPLODE_NORM = 1e3;
const RATIO = 1e4;

const EXPLODING_ADVICE = [
  'Lower the learning rate α.',
  'Initialise with He (ReLU) or Xavier (tanh) scaling: Var(W[l]) = 2/n[l−1] or 1/n[l−1].',
  'Add batch norm between layers, and normalise the inputs.',
];
const VANISHING_ADVICE = [
  'Initialise with He (ReLU) or Xavier (tanh) scaling instead of small random or zero weights.',
  'Prefer ReLU in hidden layers: sigmoid and tanh saturate and pass tiny gradients back.',
  'Add batch norm, or use a shallower network or residual (add) connections.',
];

export function healthAlarms(layers: readonly LayerHealth[]): HealthAlarm[] {
  const alarms: HealthAlarm[] = [];
  for (const layer of layers) {
    if (!Number.isFinite(layer.gradNorm) || layer.gradNorm > EXPLODE_NORM) {
      alarms.push({
        kind: 'exploding',
        layerId: layer.id,
        message: `Exploding gradients: ‖dW‖ of ${layer.id} is ${Number.isFinite(layer.gradNorm) ? layer.gradNorm.toExponential(2) : 'not finite'}.`,
        advice: EXPLODING_ADVICE,
      });
    } else if (layer.gradNorm < VANISH_NORM && layer.weightNorm > 0) {
      alarms.push({
        kind: 'vanishing',
        layerId: layer.id,
        message: `Vanishing gradients: ‖dW‖ of ${layer.id} is ${layer.gradNorm.toExponential(2)}, so its weights barely change.`,
        advice: VANISHING_ADVICE,
      });
    }
  }
  if (alarms.length === 0 && layers.length >= 3) {
    const first = layers[0].gradNorm;
    const last = layers[layers.length - 1].gradNorm;
    if (last > 0 && first / last < 1 / RATIO) {
      alarms.push({
        kind: 'vanishing',
        layerId: layers[0].id,
        message: `Vanishing gradients: the first layer's ‖dW‖ is ${(last / Math.max(first, 1e-300)).toExponential(1)}× smaller than the last layer's.`,
        advice: VANISHING_ADVICE,
      });
    } else if (first > 0 && last > 0 && first / last > RATIO) {
      alarms.push({
        kind: 'exploding',
        layerId: layers[0].id,
        message: `Exploding gradients: the first layer's ‖dW‖ is ${(first / last).toExponential(1)}× larger than the last layer's.`,
        advice: EXPLODING_ADVICE,
      });
    }
  }
  return alarms;
}
