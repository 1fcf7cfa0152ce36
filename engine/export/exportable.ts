/**
 * What every exporter starts from: a model file validated in full (importModel: schema, spec,
 * every tensor present once with its shape, finite) and read into plain arrays — the layers in
 * topological order with their example shapes, each tensor in its course shape, the input
 * normalisation with one value per feature. A model whose weights do not fit its spec is refused
 * here, with importModel's one-line path, so no exporter ever writes a broken file.
 */
import { compileSpec } from '../compile';
import { createReferenceBackend } from '../kernels/reference';
import type { LayerSpec, ModelSpec, OutputLayer } from '../spec/types';
import type { TrainConfig } from '../protocol/train-config';
import type { FinalMetrics } from '../protocol/messages';
import { decodeFloat32 } from './base64';
import type { ModelFile, Provenance } from './format';
import { importModel } from './import';

export interface ExportLayer {
  spec: LayerSpec;
  /** One example's output: [n] or [n_H, n_W, n_C] (channels last). */
  outShape: number[];
  /** One example's shape for each of spec.inputs. */
  inShapes: number[][];
}

export interface ExportTensor {
  /** The course shape, exactly as in the model file (conv W is (f, f, n_C_prev, n_C)). */
  shape: number[];
  /** Row-major float32 values. */
  values: Float32Array;
}

export interface ExportableModel {
  /** The validated model file (for scripts that embed it). */
  file: ModelFile;
  spec: ModelSpec;
  layers: ExportLayer[];
  output: OutputLayer;
  inputShape: number[];
  /** Parameters (W, b, gamma, beta) and state (runningMean, runningVar) by layer id, then name. */
  tensors: Map<string, Map<string, ExportTensor>>;
  /** `none`, or x ← (x − shift) · scale per input feature (shift and scale have one value per feature). */
  normalisation: { kind: 'none' | 'standardise' | 'minmax'; shift: number[]; scale: number[] };
  numClasses: number;
  classNames?: string[];
  provenance: Provenance;
  metrics?: FinalMetrics;
  training?: TrainConfig;
}

export type ReadResult = { ok: true; model: ExportableModel } | { ok: false; error: string };

export function readExportable(input: string | unknown): ReadResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      const refused = importModel(input); // its one-line "not valid JSON" error
      return { ok: false, error: refused.ok ? 'not valid JSON' : refused.error };
    }
  }
  // Validation is importModel's (one place for what a valid model is); a batch of one keeps its buffers small.
  const imported = importModel(json, { backend: createReferenceBackend('float32'), capacity: 1 });
  if (!imported.ok) return imported;
  const file = json as ModelFile;
  const spec = imported.model.net.spec;

  const compiled = compileSpec(spec);
  const outShapes = new Map(compiled.layers.map((l) => [l.id, l.outShape]));
  const layers: ExportLayer[] = spec.layers.map((layer) => ({
    spec: layer,
    outShape: outShapes.get(layer.id)!,
    inShapes: layer.inputs.map((id) => outShapes.get(id)!),
  }));

  const tensors = new Map<string, Map<string, ExportTensor>>();
  for (const record of [...file.parameters, ...file.state]) {
    const values = decodeFloat32(record.data)!;
    if (!tensors.has(record.layer)) tensors.set(record.layer, new Map());
    tensors.get(record.layer)!.set(record.name, { shape: [...record.shape], values });
  }

  const { kind, shift, scale } = imported.model.normalisation;
  return {
    ok: true,
    model: {
      file,
      spec,
      layers,
      output: spec.layers.find((l): l is OutputLayer => l.kind === 'output')!,
      inputShape: [...imported.model.net.input.exampleShape],
      tensors,
      normalisation: { kind, shift: [...shift], scale: [...scale] },
      numClasses: file.numClasses,
      classNames: file.classNames,
      provenance: file.provenance,
      metrics: file.metrics,
      training: file.training,
    },
  };
}

/** A tensor the validated model is known to hold. */
export function tensorOf(model: ExportableModel, layerId: string, name: string): ExportTensor {
  const tensor = model.tensors.get(layerId)?.get(name);
  if (!tensor) throw new Error(`the model has no ${name} for layer ${layerId}`);
  return tensor;
}
