/**
 * Model file → TrainedModel, all or nothing: the JSON, its schema, the spec, and every
 * tensor (present once, right shape, decodable, finite) are checked before anything is
 * returned, and errors name the path: `parameters[3].shape: expected [4, 2] for W of layer h`.
 */
import type { Backend } from '../kernels/kernels';
import { createReferenceBackend } from '../kernels/reference';
import { createNetwork } from '../model/network';
import { parseModelSpec } from '../compile';
import { formatZodError } from '../spec/zod-format';
import { decodeFloat32 } from './base64';
import { modelFileSchema, type ModelFile, type TensorRecord } from './format';
import type { TrainedModel } from './model';
import type { FinalMetrics } from '../protocol/messages';

export type ImportResult = { ok: true; model: TrainedModel } | { ok: false; error: string };

export interface ImportOptions {
  backend?: Backend;
  /** Batch capacity of the planned network used for prediction. */
  capacity?: number;
}

export function importModel(input: string | unknown, options: ImportOptions = {}): ImportResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      // V8 quotes the file in its message; keep the error to one short line.
      const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 120);
      return { ok: false, error: `(root): not valid JSON (${reason})` };
    }
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: formatZodError(parsed.error) };
  const file = parsed.data as ModelFile;
  const spec = parseModelSpec(file.spec);
  if (!spec.ok) return { ok: false, error: `spec.${spec.error}` };

  const backend = options.backend ?? createReferenceBackend('float32');
  const net = createNetwork(spec.spec, backend, { capacity: options.capacity ?? 256, seed: 0, skipInit: true });

  const fill = (records: TensorRecord[], field: 'parameters' | 'state', targets: { layerId: string; name: string; shape: number[]; size: number; value: Float32Array | Float64Array }[]): string | null => {
    const byKey = new Map<string, number>();
    for (const [i, r] of records.entries()) {
      const key = `${r.layer}/${r.name}`;
      if (byKey.has(key)) return `${field}[${i}]: duplicate ${r.name} for layer ${r.layer}`;
      byKey.set(key, i);
    }
    const decoded: Float32Array[] = [];
    for (const target of targets) {
      const i = byKey.get(`${target.layerId}/${target.name}`);
      if (i === undefined) return `${field}: missing ${target.name} for layer ${target.layerId}`;
      const record = records[i];
      if (record.shape.join(',') !== target.shape.join(',')) {
        return `${field}[${i}].shape: expected [${target.shape.join(', ')}] for ${target.name} of layer ${target.layerId}, got [${record.shape.join(', ')}]`;
      }
      const values = decodeFloat32(record.data);
      if (!values) return `${field}[${i}].data: not base64 of little-endian float32 values`;
      if (values.length !== target.size) return `${field}[${i}].data: expected ${target.size} values, got ${values.length}`;
      for (let j = 0; j < values.length; j++) {
        if (!Number.isFinite(values[j])) return `${field}[${i}].data: value ${j} is not finite (${values[j]})`;
      }
      decoded.push(values);
      byKey.delete(`${target.layerId}/${target.name}`);
    }
    const extra = [...byKey.values()][0];
    if (extra !== undefined) return `${field}[${extra}]: no ${records[extra].name} in layer ${records[extra].layer} of the spec`;
    // Only now, with every tensor valid, write them into the network.
    targets.forEach((t, k) => t.value.set(decoded[k]));
    return null;
  };

  const paramError = fill(file.parameters, 'parameters', net.params);
  if (paramError) return { ok: false, error: paramError };
  const stateError = fill(file.state, 'state', net.state);
  if (stateError) return { ok: false, error: stateError };

  const inputSize = net.input.exampleSize;
  const { normalisation } = file;
  if (normalisation.shift.length !== inputSize || normalisation.scale.length !== inputSize) {
    if (!(normalisation.kind === 'none' && normalisation.shift.length === 0 && normalisation.scale.length === 0)) {
      return { ok: false, error: `normalisation.shift: expected ${inputSize} values (one per input feature), got ${normalisation.shift.length} and ${normalisation.scale.length}` };
    }
  }
  const normalised =
    normalisation.shift.length === inputSize
      ? normalisation
      : { kind: normalisation.kind, shift: new Array<number>(inputSize).fill(0), scale: new Array<number>(inputSize).fill(1) };
  if (file.classNames && file.numClasses >= 2 && file.classNames.length !== file.numClasses) {
    return { ok: false, error: `classNames: expected ${file.numClasses} names, got ${file.classNames.length}` };
  }

  return {
    ok: true,
    model: {
      net,
      normalisation: normalised,
      numClasses: file.numClasses,
      classNames: file.classNames,
      metrics: file.metrics as FinalMetrics | undefined,
      provenance: file.provenance,
    },
  };
}
