/**
 * Weight initialisation from a seeded stream, in the course's formulas:
 * zeros (breaks nothing but symmetry: every hidden unit stays identical), random
 * (randn · scale, default 0.01), Xavier (randn · √(1/n[l−1])), He (randn · √(2/n[l−1])).
 * Biases and β start at 0, γ at 1.
 */
import type { ParamTensor } from '../layers/types';
import type { LayerSpec } from '../spec/types';
import { RANDOM_INIT_SCALE, type InitSpec } from '../spec/vocabulary';
import type { Rng } from '../tensor/rng';

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

export function initialiseParam(param: ParamTensor, init: InitSpec, rng: Rng): void {
  if (param.init.kind === 'constant') {
    param.value.fill(param.init.value);
    return;
  }
  const scale = weightScale(init, param.init.fanIn);
  for (let i = 0; i < param.size; i++) param.value[i] = scale === 0 ? 0 : rng.randn() * scale;
}
