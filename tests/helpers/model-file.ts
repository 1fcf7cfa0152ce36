/** A model file with chosen weights (for hand-worked cases): "layer/name" → shape and values. */
import { encodeFloat32 } from '../../engine/export/base64';
import type { ModelFile } from '../../engine/export/format';
import type { ModelSpec } from '../../engine/spec/types';

export function modelWith(spec: ModelSpec, weights: Record<string, { shape: number[]; values: number[] }>, numClasses: number): ModelFile {
  return {
    format: 'dendrite.model',
    version: 1,
    spec,
    parameters: Object.entries(weights).map(([key, { shape, values }]) => {
      const [layer, name] = key.split('/');
      return { layer, name, shape, data: encodeFloat32(Float32Array.from(values)) };
    }),
    state: [],
    normalisation: { kind: 'none', shift: [], scale: [] },
    numClasses,
    provenance: { createdAt: '2024-01-01T00:00:00.000Z', app: 'test' },
  };
}
