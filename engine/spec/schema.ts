/**
 * Validation of model specs at every boundary (files, CLI, imports), with zod.
 * Structure and per-field ranges first (errors name the path:
 * `layers[2].units: expected integer ≥ 1`), then the compiler's graph checks
 * (wiring, shapes, sizes) reported against the same layer paths.
 */
import { z } from 'zod';
import { compileSpec } from '../compile';
import { MAX_FILTER_SIZE } from '../compile/params';
import { MAX_LAYERS, MAX_TOTAL_PARAMS, MAX_UNITS } from './limits';
import { ACTIVATIONS, INIT_KINDS, LAYER_KINDS, LOSSES, OUTPUT_ACTIVATIONS, SPEC_FORMAT, SPEC_VERSION, type ModelSpec } from './types';
import { formatZodError } from './zod-format';
import { quote } from '../text';

const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value === 'string' ? quote(value) : Array.isArray(value) ? 'an array' : typeof value;

export const intIn = (min: number, max: number) => {
  const message = (input: unknown) =>
    input === undefined ? `is required (an integer ≥ ${min})` : `expected integer ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${describe(input)}`;
  return z
    .number({ error: (issue) => message(issue.input) })
    .int({ error: (issue) => message(issue.input) })
    .min(min, { error: (issue) => message(issue.input) })
    .max(max, { error: (issue) => message(issue.input) });
};

export const numberIn = (min: number, max: number, { exclusiveMin = false } = {}) => {
  const message = (input: unknown) =>
    input === undefined ? 'is required (a number)' : `expected a number ${exclusiveMin ? '>' : '≥'} ${min} and ≤ ${max}, got ${describe(input)}`;
  const base = z.number({ error: (issue) => message(issue.input) }).max(max, { error: (issue) => message(issue.input) });
  return exclusiveMin ? base.gt(min, { error: (issue) => message(issue.input) }) : base.min(min, { error: (issue) => message(issue.input) });
};

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: (issue) => `expected one of ${values.join(', ')}, got ${describe(issue.input)}` });

const id = z.string({ error: 'expected a string id' }).min(1, { error: 'expected a non-empty id' }).max(200, { error: 'expected an id of at most 200 characters' });
const base = { id, inputs: z.array(id, { error: 'expected an array of layer ids' }).max(2, { error: 'expected at most 2 inputs' }) };
const init = z
  .object({ kind: oneOf(INIT_KINDS as unknown as [string, ...string[]]), scale: numberIn(0, 1000).optional() }, { error: 'expected { kind, scale? }' })
  .strict();
const activation = oneOf(ACTIVATIONS as unknown as [string, ...string[]]);
const alpha = numberIn(0, 1);
const size = intIn(1, MAX_FILTER_SIZE);

const layerSchemas = {
  input: z.object({ ...base, kind: z.literal('input'), shape: z.array(intIn(1, 10_000_000), { error: 'expected [n_x] or [n_H, n_W, n_C]' }).min(1).max(3) }).strict(),
  dense: z.object({ ...base, kind: z.literal('dense'), units: intIn(1, MAX_UNITS), activation: activation.optional(), alpha: alpha.optional(), init: init.optional() }).strict(),
  conv2d: z
    .object({
      ...base,
      kind: z.literal('conv2d'),
      filters: intIn(1, MAX_UNITS),
      f: size,
      s: size,
      padding: z.union([z.literal('valid'), z.literal('same'), intIn(0, MAX_FILTER_SIZE)], { error: "expected 'valid', 'same' or an integer p ≥ 0" }),
      activation: activation.optional(),
      alpha: alpha.optional(),
      init: init.optional(),
    })
    .strict(),
  pool: z.object({ ...base, kind: z.literal('pool'), mode: oneOf(['max', 'avg']), f: size, s: size }).strict(),
  batchnorm: z.object({ ...base, kind: z.literal('batchnorm'), momentum: numberIn(0, 0.9999).optional(), epsilon: numberIn(0, 1, { exclusiveMin: true }).optional() }).strict(),
  dropout: z.object({ ...base, kind: z.literal('dropout'), keepProb: numberIn(0, 1, { exclusiveMin: true }) }).strict(),
  activation: z.object({ ...base, kind: z.literal('activation'), fn: activation, alpha: alpha.optional() }).strict(),
  softmax: z.object({ ...base, kind: z.literal('softmax') }).strict(),
  flatten: z.object({ ...base, kind: z.literal('flatten') }).strict(),
  add: z.object({ ...base, kind: z.literal('add') }).strict(),
  output: z
    .object({
      ...base,
      kind: z.literal('output'),
      units: intIn(1, MAX_UNITS),
      activation: oneOf(OUTPUT_ACTIVATIONS as unknown as [string, ...string[]]),
      loss: oneOf(LOSSES as unknown as [string, ...string[]]),
      init: init.optional(),
    })
    .strict(),
} as const;

/** A layer: first its kind (so an unknown kind gets its own message), then that kind's fields. */
const layerSchema = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a layer object, got ${describe(value)}` });
    return;
  }
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(LAYER_KINDS as readonly string[]).includes(kind)) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `unknown layer kind ${describe(kind)} (expected one of ${LAYER_KINDS.join(', ')})` });
    return;
  }
  const result = layerSchemas[kind as keyof typeof layerSchemas].safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => quote(k)).join(', ')} for a ${kind} layer` : issue.message;
      ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message });
    }
  }
});

export const modelSpecSchema = z
  .object(
    {
      format: z.literal(SPEC_FORMAT, { error: `expected "${SPEC_FORMAT}"` }),
      version: z.literal(SPEC_VERSION, { error: (issue) => `expected ${SPEC_VERSION} (this Dendrite reads spec version ${SPEC_VERSION}), got ${describe(issue.input)}` }),
      name: z.string().max(200).optional(),
      layers: z.array(layerSchema, { error: 'expected an array of layers' }).min(2, { error: 'expected at least an input and an output layer' }).max(MAX_LAYERS, { error: `expected at most ${MAX_LAYERS} layers` }),
    },
    { error: (issue) => `expected a model spec object, got ${describe(issue.input)}` },
  )
  .strict();

export type ParseResult = { ok: true; spec: ModelSpec } | { ok: false; error: string };

export function parseModelSpec(json: unknown): ParseResult {
  const parsed = modelSpecSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: formatZodError(parsed.error) };
  const spec = parsed.data as ModelSpec;

  const index = new Map<string, number>();
  for (const [i, layer] of spec.layers.entries()) {
    if (index.has(layer.id)) return { ok: false, error: `layers[${i}].id: duplicate id ${quote(layer.id)} (also layers[${index.get(layer.id)}])` };
    index.set(layer.id, i);
  }
  for (const [i, layer] of spec.layers.entries()) {
    for (const [j, source] of layer.inputs.entries()) {
      const at = index.get(source);
      if (at === undefined) return { ok: false, error: `layers[${i}].inputs[${j}]: no layer has id ${quote(source)}` };
      if (at >= i) return { ok: false, error: `layers[${i}].inputs[${j}]: ${quote(source)} comes later; layers must be in topological order` };
    }
  }

  const compiled = compileSpec(spec);
  const error = compiled.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    const where = error.nodeId !== undefined && index.has(error.nodeId) ? `layers[${index.get(error.nodeId)}]` : 'layers';
    // Parameter messages start with the field name ("units: …"): join it to the path.
    const field = /^([A-Za-z_][\w.]*): (.*)$/.exec(error.message);
    return { ok: false, error: field && where !== 'layers' ? `${where}.${field[1]}: ${field[2]}` : `${where}: ${error.message}` };
  }
  const totalParams = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  if (totalParams > MAX_TOTAL_PARAMS) {
    return { ok: false, error: `layers: the model has ${totalParams.toLocaleString('en')} parameters; the limit is ${MAX_TOTAL_PARAMS.toLocaleString('en')}` };
  }
  return { ok: true, spec };
}
