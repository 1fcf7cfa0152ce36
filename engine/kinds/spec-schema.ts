/**
 * Validation of model specs at every boundary (files, CLI, imports), with zod: the structure,
 * then each layer through its kind's params schema (errors name the path:
 * `layers[2].units: expected integer ≥ 1`). The graph checks (wiring, shapes, sizes) are the
 * compiler's: `parseModelSpec` in engine/compile runs both.
 */
import { z } from 'zod';
import { KINDS } from '.';
import { describeValue } from '../spec/fields';
import { quote } from '../text';
import { MAX_LAYERS } from '../spec/limits';
import { SPEC_FORMAT, SPEC_VERSION, type LayerKind, type LayerSpec } from '../spec/types';
import { LAYER_KINDS } from './lookup';

/** export/format.ts builds its own fields with this. */
export { intIn } from '../spec/fields';

const id = z
  .string({ error: 'expected a string id' })
  .min(1, { error: 'expected a non-empty id' })
  .max(200, { error: 'expected an id of at most 200 characters' });
/** The most inputs any kind takes (concatenate's handles). */
const MOST_INPUTS = Math.max(...Object.values(KINDS).map((kind) => kind.inputs.length));
const wiring = { id, inputs: z.array(id, { error: 'expected an array of layer ids' }).max(MOST_INPUTS, { error: `expected at most ${MOST_INPUTS} inputs` }) };

/** One strict schema per kind: its params plus the wiring; an unknown field is named. */
const layerSchemas = new Map(
  Object.values(KINDS).map(({ kind, params }) => [
    kind,
    z.strictObject(
      { ...params.shape, ...wiring, kind: z.literal(kind) },
      {
        error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => quote(k)).join(', ')} for a ${kind} layer` : undefined),
      },
    ),
  ]),
);

/** A layer: first its kind (so an unknown kind gets its own message), then that kind's fields. */
const layerSchema = z.custom<LayerSpec>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a layer object, got ${describeValue(value)}` });
    return;
  }
  const kind = (value as { kind?: unknown }).kind;
  const schema = typeof kind === 'string' ? layerSchemas.get(kind as LayerKind) : undefined;
  if (!schema) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `unknown layer kind ${describeValue(kind)} (expected one of ${LAYER_KINDS.join(', ')})` });
    return;
  }
  const result = schema.safeParse(value);
  if (!result.success)
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message: issue.message });
});

export const modelSpecSchema = z
  .object(
    {
      format: z.literal(SPEC_FORMAT, { error: `expected "${SPEC_FORMAT}"` }),
      version: z.literal(SPEC_VERSION, {
        error: (issue) => `expected ${SPEC_VERSION} (this Dendrite reads spec version ${SPEC_VERSION}), got ${describeValue(issue.input)}`,
      }),
      name: z.string().max(200).optional(),
      layers: z
        .array(layerSchema, { error: 'expected an array of layers' })
        .min(2, { error: 'expected at least an input and an output layer' })
        .max(MAX_LAYERS, { error: `expected at most ${MAX_LAYERS} layers` }),
    },
    { error: (issue) => `expected a model spec object, got ${describeValue(issue.input)}` },
  )
  .strict();
export type ModelSpecSchema = typeof modelSpecSchema;
