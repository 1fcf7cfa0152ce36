/**
 * Model file → TrainedModel, all or nothing: the JSON, its schema, the spec, the memory the
 * network needs, and every tensor (present once, right shape and length, decodable, finite,
 * variances ≥ 0) are checked before anything is returned, and errors name the path:
 * `parameters[3].shape: expected [4, 2] for W of layer h`. Declared sizes are checked against
 * engine/limits.ts before anything is allocated.
 */
import type { Backend } from '../kernels/kernels';
import { createReferenceBackend } from '../kernels/reference';
import { createNetwork } from '../model/network';
import { compileSpec, parseModelSpec } from '../compile';
import type { OutputLayer } from '../spec/types';
import { formatZodError } from '../spec/zod-format';
import { FLOAT32_MAX, MAX_JSON_DEPTH, MAX_NETWORK_BYTES, maxCapacity, nestingProblem, networkFootprint, networkMemoryProblem } from '../limits';
import { jsonSyntaxProblem, oneLine } from '../text';
import { decodeFloat32 } from './base64';
import { modelFileSchema, type ModelFile, type TensorRecord } from './format';
import type { TrainedModel } from './model';
import type { FinalMetrics } from '../protocol/messages';

export type ImportResult =
  /** warnings: legal but suspicious (say so to the user; the model is usable). */
  { ok: true; model: TrainedModel; warnings: string[] } | { ok: false; error: string };

export interface ImportOptions {
  backend?: Backend;
  /** Batch capacity of the planned network used for prediction (lowered, never refused, when memory is short). */
  capacity?: number;
}

/** Normalisation that multiplies inputs by more than this is legal but suspicious. */
const SUSPICIOUS_SCALE = 1e6;

const fail = (error: string): ImportResult => ({ ok: false, error: oneLine(error) });

export function importModel(input: string | unknown, options: ImportOptions = {}): ImportResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      return fail(`(root): not valid JSON (${jsonSyntaxProblem(error)})`);
    }
  }
  const tooDeep = nestingProblem(json, MAX_JSON_DEPTH);
  if (tooDeep) return fail(`(root): not a Dendrite model (${tooDeep})`);
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) return fail(formatZodError(parsed.error));
  const file = parsed.data as ModelFile;
  const spec = parseModelSpec(file.spec);
  if (!spec.ok) return fail(`spec.${spec.error}`);

  // Memory before anything is built: parameters, and activations for the batch capacity.
  const backend = options.backend ?? createReferenceBackend('float32');
  const footprint = networkFootprint(compileSpec(spec.spec).layers, backend.dtype === 'float64' ? 8 : 4);
  const capacity = Math.min(options.capacity ?? 256, maxCapacity(footprint, MAX_NETWORK_BYTES));
  if (capacity < 1) return fail(`spec: ${networkMemoryProblem(footprint, 1, MAX_NETWORK_BYTES)}`);

  const output = spec.spec.layers.find((l): l is OutputLayer => l.kind === 'output');
  const classesError = output ? classesProblem(file.numClasses, output) : null;
  if (classesError) return fail(classesError);
  const normalisationError = normalisationProblem(file.normalisation);
  if (normalisationError) return fail(normalisationError);
  if (file.classNames && file.numClasses >= 2 && file.classNames.length !== file.numClasses) {
    return fail(`classNames: expected ${file.numClasses} names, got ${file.classNames.length}`);
  }

  const net = createNetwork(spec.spec, backend, { capacity, seed: 0, skipInit: true });

  const fill = (
    records: TensorRecord[],
    field: 'parameters' | 'state',
    targets: { layerId: string; name: string; shape: number[]; size: number; value: Float32Array | Float64Array }[],
  ): string | null => {
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
      // Never decode more than the tensor can hold (the text's length says how much it would be).
      const declared = base64Values(record.data);
      if (declared > target.size) return `${field}[${i}].data: expected ${target.size} values, got ${declared}`;
      const values = decodeFloat32(record.data);
      if (!values) return `${field}[${i}].data: not base64 of little-endian float32 values`;
      if (values.length !== target.size) return `${field}[${i}].data: expected ${target.size} values, got ${values.length}`;
      for (let j = 0; j < values.length; j++) {
        if (!Number.isFinite(values[j])) return `${field}[${i}].data: value ${j} is not finite (${values[j]})`;
      }
      if (target.name === 'runningVar') {
        for (let j = 0; j < values.length; j++) {
          if (values[j] < 0) return `${field}[${i}].data: running variance ${j} of layer ${target.layerId} is negative (${values[j]}); a variance is ≥ 0`;
        }
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
  if (paramError) return fail(paramError);
  const stateError = fill(file.state, 'state', net.state);
  if (stateError) return fail(stateError);

  const inputSize = net.input.exampleSize;
  const { normalisation } = file;
  if (normalisation.shift.length !== inputSize || normalisation.scale.length !== inputSize) {
    if (!(normalisation.kind === 'none' && normalisation.shift.length === 0 && normalisation.scale.length === 0)) {
      return fail(
        `normalisation.shift: expected ${inputSize} values (one per input feature), got ${normalisation.shift.length} and ${normalisation.scale.length}`,
      );
    }
  }
  const normalised =
    normalisation.shift.length === inputSize
      ? normalisation
      : { kind: normalisation.kind, shift: new Array<number>(inputSize).fill(0), scale: new Array<number>(inputSize).fill(1) };

  const warnings: string[] = [];
  const largestScale = normalisation.scale.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  if (largestScale > SUSPICIOUS_SCALE) {
    warnings.push(`normalisation.scale: inputs are multiplied by up to ${largestScale.toPrecision(3)}; predictions on ordinary inputs may saturate`);
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
    warnings,
  };
}

/**
 * The output layer decides what numClasses can be: 0 (linear), 2 (sigmoid units: one yes/no, or
 * one per task of a multi-task output; or two softmax units) or its softmax units.
 */
function classesProblem(numClasses: number, output: OutputLayer): string | null {
  const units = `${output.units} ${output.activation} unit${output.units === 1 ? '' : 's'}`;
  const fits =
    output.activation === 'linear' ? numClasses === 0 : output.activation === 'sigmoid' ? numClasses === 2 : numClasses === output.units && numClasses >= 2;
  if (fits) return null;
  const expected =
    output.activation === 'linear'
      ? '0 (regression)'
      : output.activation === 'sigmoid'
        ? output.units === 1
          ? '2 (binary)'
          : '2 (yes/no per task)'
        : String(output.units);
  return `numClasses: the file says ${numClasses} but the output layer has ${units}; expected ${expected}`;
}

/** Shift and scale are applied in float32: each must be a float32, and a scale of 0 erases its feature. */
function normalisationProblem(normalisation: ModelFile['normalisation']): string | null {
  for (const field of ['shift', 'scale'] as const) {
    const values = normalisation[field];
    for (let i = 0; i < values.length; i++) {
      if (Math.abs(values[i]) > FLOAT32_MAX) return `normalisation.${field}[${i}]: ${values[i]} is beyond float32's range (±3.4e38)`;
      if (field === 'scale' && values[i] === 0) return `normalisation.scale[${i}]: 0 would erase that input feature`;
    }
  }
  return null;
}

/** How many float32 values a base64 text would decode to, from its length alone. */
function base64Values(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((Math.floor(data.length / 4) * 3 - padding) / 4);
}
