/** Learning-rate decay, pure functions of the epoch (counted from 0), in the course's formulas. */
import type { DecayConfig } from '../protocol/train-config';

export function learningRateAt(alpha0: number, decay: DecayConfig | undefined, epoch: number): number {
  if (!decay) return alpha0;
  switch (decay.kind) {
    case 'none':
      return alpha0;
    case 'inverse':
      // α = α₀ / (1 + decay_rate · epoch_num)
      return alpha0 / (1 + decay.decayRate * epoch);
    case 'exponential':
      // α = 0.95^epoch_num · α₀
      return Math.pow(decay.base, epoch) * alpha0;
    case 'sqrt':
      // α = k / √epoch_num · α₀, with epoch_num counted from 1 so the first epoch is finite
      return (decay.k / Math.sqrt(epoch + 1)) * alpha0;
    case 'staircase':
      // discrete staircase: α₀ · factor^⌊epoch / interval⌋
      return alpha0 * Math.pow(decay.factor, Math.floor(epoch / decay.interval));
  }
}
