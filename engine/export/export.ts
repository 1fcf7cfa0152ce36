/** TrainedModel → model file (JSON-ready object). */
import { encodeFloat32 } from './base64';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './format';
import type { TrainedModel } from './model';

export function exportModel(model: TrainedModel): ModelFile {
  const { net } = model;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    spec: net.spec,
    parameters: net.params.map((p) => ({ layer: p.layerId, name: p.name, shape: [...p.shape], data: encodeFloat32(p.value, p.size) })),
    state: net.state.map((s) => ({ layer: s.layerId, name: s.name, shape: [...s.shape], data: encodeFloat32(s.value, s.size) })),
    normalisation: { kind: model.normalisation.kind, shift: [...model.normalisation.shift], scale: [...model.normalisation.scale] },
    numClasses: model.numClasses,
    provenance: model.provenance,
  };
  if (model.classNames) file.classNames = [...model.classNames];
  if (model.training) file.training = structuredClone(model.training);
  // Regression runs have no accuracy (NaN): stored as null, as JSON would anyway.
  if (model.metrics) {
    file.metrics = Object.fromEntries(
      Object.entries(model.metrics).map(([key, value]) => [key, typeof value === 'number' && !Number.isFinite(value) ? null : value]),
    ) as unknown as ModelFile['metrics'];
  }
  return file;
}

export function exportModelJson(model: TrainedModel): string {
  return JSON.stringify(exportModel(model), null, 1);
}
