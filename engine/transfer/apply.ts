/**
 * Transfer learning at the start of a run: the chosen layers of an exported model give their
 * parameters (and batch-norm running averages) to layers of the planned network; every other
 * layer keeps its fresh initialisation. All or nothing: the model is validated whole and every
 * pair checked (same kind, every tensor the same shape) before a value is written.
 */
import type { NormalisationParams } from '../data/normalise';
import { importModel } from '../export/import';
import type { ModelFile } from '../export/format';
import { createReferenceBackend } from '../kernels/reference';
import type { Network } from '../model/network';

/** What a run request carries: the model, and target layer id → source layer id. */
export interface TransferRequest {
  model: ModelFile;
  layers: Record<string, string>;
  /** The model's name, for messages and provenance (a file name). */
  name?: string;
}

export type TransferResult =
  | {
      ok: true;
      /** The source's input normalisation when the inputs have the same size (its early layers were learned on inputs seen that way), else null. */
      normalisation: NormalisationParams | null;
      transferred: string[];
    }
  | { ok: false; error: string };

export function applyTransfer(net: Network, transfer: TransferRequest): TransferResult {
  const imported = importModel(transfer.model, { backend: createReferenceBackend('float32'), capacity: 1 });
  const name = transfer.name ?? 'the transfer model';
  if (!imported.ok) return { ok: false, error: `${name} is not a valid model: ${imported.error}` };
  const source = imported.model.net;
  const writes: [to: Float32Array | Float64Array, from: Float32Array | Float64Array][] = [];
  for (const [targetId, sourceId] of Object.entries(transfer.layers)) {
    const target = net.layers.find((layer) => layer.id === targetId);
    if (!target) return { ok: false, error: `Transfer: this network has no layer ${targetId}.` };
    const from = source.layers.find((layer) => layer.id === sourceId);
    if (!from) return { ok: false, error: `Transfer: ${name} has no layer ${sourceId}.` };
    if (from.spec.kind !== target.spec.kind) {
      return { ok: false, error: `Transfer: layer ${targetId} is ${target.spec.kind} but ${sourceId} in ${name} is ${from.spec.kind}.` };
    }
    const targets = [...target.params, ...target.state];
    const sources = [...from.params, ...from.state];
    if (targets.length === 0) return { ok: false, error: `Transfer: layer ${targetId} has no weights to receive.` };
    for (const t of targets) {
      const s = sources.find((candidate) => candidate.name === t.name);
      if (!s || s.shape.join(',') !== t.shape.join(',')) {
        const have = s ? `(${s.shape.join(', ')})` : 'nothing';
        return { ok: false, error: `Transfer: ${t.name} of layer ${targetId} is (${t.shape.join(', ')}) but ${sourceId} in ${name} has ${have}.` };
      }
      writes.push([t.value, s.value]);
    }
  }
  // Every pair fits: only now write.
  for (const [to, from] of writes) to.set(from);
  const sameInput = source.input.exampleSize === net.input.exampleSize;
  const { kind, shift, scale } = imported.model.normalisation;
  return { ok: true, normalisation: sameInput ? { kind, shift: [...shift], scale: [...scale] } : null, transferred: Object.keys(transfer.layers) };
}
