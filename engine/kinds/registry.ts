/** The layer registry: a spec layer becomes its kind's layer, read through the kind's schema so every default is filled in. */
import { kindOf } from './lookup';
import type { LayerSpec } from '../spec/types';
import type { Layer, LayerContext } from '../layers/types';

export function createLayer(spec: LayerSpec, inputShapes: number[][], ctx: LayerContext): Layer {
  const kind = kindOf(spec.kind);
  if (!kind) throw new Error(`Unknown layer kind "${spec.kind}" (layer ${spec.id}).`);
  return kind.create({ ...spec, ...kind.params.parse(spec) }, inputShapes, ctx);
}
