/** The course's layer index l of each layer with parameters (input 0), as the compiler numbers them. */
import { compileSpec } from '../compile';
import type { ModelSpec } from '../spec/types';

export function layerIndices(spec: ModelSpec): Map<string, number> {
  const indices = new Map<string, number>();
  for (const layer of compileSpec(spec).layers) if (layer.l !== null) indices.set(layer.id, layer.l);
  return indices;
}
