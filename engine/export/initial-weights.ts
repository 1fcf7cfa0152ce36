/**
 * Starting a run from a model file's weights (continue training an imported model,
 * or gradient-check a trained one). All or nothing: the file is validated in full by
 * importModel, then every parameter and state tensor of the planned network must find
 * its twin (same layer id, same name, same shape) before any value is written.
 */
import type { NormalisationParams } from '../data/normalise';
import { createReferenceBackend } from '../kernels/reference';
import type { Network } from '../model/network';
import type { ModelFile } from './format';
import { importModel } from './import';

export type InitialWeightsResult = { ok: true; normalisation: NormalisationParams } | { ok: false; error: string };

interface Tensor {
  layerId: string;
  name: string;
  shape: number[];
  value: Float32Array | Float64Array;
}

/**
 * Copies `file`'s parameters and state into `net` and returns the normalisation the
 * weights were trained with (a continued run must see its inputs the same way).
 */
export function loadInitialWeights(net: Network, file: ModelFile): InitialWeightsResult {
  const imported = importModel(file, { backend: createReferenceBackend('float32'), capacity: 1 });
  if (!imported.ok) return { ok: false, error: `The starting model is invalid: ${imported.error}` };
  const source = imported.model.net;

  const pairs: [Tensor, Tensor][] = [];
  for (const [targets, sources, what] of [
    [net.params, source.params, 'parameter'],
    [net.state, source.state, 'running average'],
  ] as const) {
    const byKey = new Map<string, Tensor>(sources.map((t) => [`${t.layerId}/${t.name}`, t]));
    for (const target of targets) {
      const key = `${target.layerId}/${target.name}`;
      const from = byKey.get(key);
      if (!from) {
        return { ok: false, error: `The starting model has no ${target.name} for layer ${target.layerId}: it was trained on a different network.` };
      }
      if (from.shape.join(',') !== target.shape.join(',')) {
        return {
          ok: false,
          error: `${target.name} of layer ${target.layerId} is (${from.shape.join(', ')}) in the starting model but (${target.shape.join(', ')}) in this network.`,
        };
      }
      byKey.delete(key);
      pairs.push([target, from]);
    }
    const extra = [...byKey.values()][0];
    if (extra) {
      return { ok: false, error: `The starting model has a ${what} ${extra.name} for layer ${extra.layerId}, which this network does not have.` };
    }
  }
  if (imported.model.net.input.exampleSize !== net.input.exampleSize) {
    return {
      ok: false,
      error: `The starting model takes ${imported.model.net.input.exampleSize} input features; this network takes ${net.input.exampleSize}.`,
    };
  }
  // Every tensor matched: only now write.
  for (const [target, from] of pairs) target.value.set(from.value);
  const { kind, shift, scale } = imported.model.normalisation;
  return { ok: true, normalisation: { kind, shift: [...shift], scale: [...scale] } };
}
