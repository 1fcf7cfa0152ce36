/**
 * Weight initialisation from a seeded stream, in the course's formulas:
 * zeros (breaks nothing but symmetry: every hidden unit stays identical), random
 * (randn · scale, default 0.01), Xavier (randn · √(1/n[l−1])), He (randn · √(2/n[l−1])).
 * Biases and β start at 0, γ at 1.
 */
import type { Kernels } from '../kernels/kernels';
import type { ParamTensor } from '../layers/types';
import type { LayerSpec } from '../spec/types';
import { RANDOM_INIT_SCALE, type InitSpec } from '../spec/vocabulary';
import { RNG_STATE_LENGTH, type Rng } from '../tensor/rng';

/** Default when a layer gives none: He before ReLU-family activations, Xavier otherwise. */
export function defaultInit(layer: LayerSpec): InitSpec {
  const activation = 'activation' in layer ? layer.activation : undefined;
  return activation === 'relu' || activation === 'leaky_relu' ? { kind: 'he' } : { kind: 'xavier' };
}

export function weightScale(init: InitSpec, fanIn: number): number {
  switch (init.kind) {
    case 'zeros':
      return 0;
    case 'random':
      return init.scale ?? RANDOM_INIT_SCALE;
    case 'xavier':
      return Math.sqrt(1 / fanIn);
    case 'he':
      return Math.sqrt(2 / fanIn);
  }
}

/**
 * Initialises one tensor. Weights are drawn by the backend's randn kernel from `rng`'s stream
 * (the same values as rng.randn() · scale in turn; a width-4096 layer's 16.8 M draws took half a
 * second in JavaScript), and `rng` continues after them. `rngState`: where the stream's position is
 * handed to the kernel and back (in the backend's memory when it has one, so nothing is staged).
 */
export function initialiseParam(param: ParamTensor, init: InitSpec, rng: Rng, kernels: Kernels, rngState: Int32Array = new Int32Array(RNG_STATE_LENGTH)): void {
  if (param.init.kind === 'constant') {
    param.value.fill(param.init.value);
    return;
  }
  rng.save(rngState);
  kernels.randn(rngState, param.size, weightScale(init, param.init.fanIn), param.value);
  rng.restore(rngState);
}
