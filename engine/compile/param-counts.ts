/** Parameter totals of a compiled network, trainable and frozen, as Keras' summary() gives them. */
import type { LayerShapeInfo } from './types';

export interface ParamCounts {
  total: number;
  trainable: number;
  frozen: number;
}

export function countParams(layers: readonly LayerShapeInfo[]): ParamCounts {
  let total = 0;
  let frozen = 0;
  for (const layer of layers) {
    total += layer.params;
    if (layer.frozen) frozen += layer.params;
  }
  return { total, trainable: total - frozen, frozen };
}
