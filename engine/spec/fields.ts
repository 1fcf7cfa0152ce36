/**
 * What a layer kind's params are made of: zod schemas that also carry what people see of them
 * (label, help, range, step, the words for each choice). A field's range is written once, in
 * its builder call; the spec schema enforces it, the compiler turns a breach into a diagnostic
 * with a hint and a fix, and the inspector reads it back through `fieldsOf`.
 */
import { z } from 'zod';
import { quote } from '../text';

/** A value in an error message: 2.5, "ReLU", nothing, null, an array, object. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return value === null ? 'null' : 'nothing';
  if (typeof value === 'number' || typeof value === 'string') return typeof value === 'string' ? quote(value) : String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

export const intIn = (min: number, max: number) => {
  const message = (input: unknown) =>
    input === undefined
      ? `is required (an integer ≥ ${min})`
      : `expected integer ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${describeValue(input)}`;
  return z
    .number({ error: (issue) => message(issue.input) })
    .int({ error: (issue) => message(issue.input) })
    .min(min, { error: (issue) => message(issue.input) })
    .max(max, { error: (issue) => message(issue.input) });
};

export const numberIn = (min: number, max: number, { exclusiveMin = false } = {}) => {
  const message = (input: unknown) =>
    input === undefined ? 'is required (a number)' : `expected a number ${exclusiveMin ? '>' : '≥'} ${min} and ≤ ${max}, got ${describeValue(input)}`;
  const base = z.number({ error: (issue) => message(issue.input) }).max(max, { error: (issue) => message(issue.input) });
  return exclusiveMin ? base.gt(min, { error: (issue) => message(issue.input) }) : base.min(min, { error: (issue) => message(issue.input) });
};

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `expected one of ${values.join(', ')}, got ${describeValue(issue.input)}` });

interface Described {
  label: string;
  help?: string;
  /** Set in spec files only: the inspector leaves it out. */
  advanced?: boolean;
}
export interface NumberInfo extends Described {
  type: 'int' | 'number';
  min: number;
  max: number;
  /** The minimum itself is not allowed (keep_prob > 0). */
  exclusiveMin?: boolean;
  /** What one click of the inspector's stepper adds. */
  step: number;
}
export type Choice = { value: string; label: string };
export interface ChoiceInfo extends Described {
  type: 'choice';
  choices: readonly Choice[];
}
/** A value the inspector edits with its own control (the input shape, the initialiser). */
export interface CompoundInfo extends Described {
  type: 'shape' | 'init';
  /** What to do when the value is wrong. */
  hint: string;
  /** The ranges of its parts, by name (shape: features, height, width, channels; init: scale). */
  parts: Readonly<Record<string, NumberInfo>>;
  choices?: readonly Choice[];
}
/** A yes/no switch (a layer's "frozen"); absent means no. */
export interface ToggleInfo extends Described {
  type: 'toggle';
}
export type FieldInfo = NumberInfo | ChoiceInfo | CompoundInfo | ToggleInfo;

/** A param of a kind as the compiler and the inspector see it; `default` is what the compiler writes when it is absent. */
export type Field = FieldInfo & { param: string; default?: unknown };

const FIELDS = z.registry<FieldInfo>();

/** Attaches a description to a schema; `fieldsOf` reads it back. */
export function described<S extends z.ZodType>(schema: S, info: FieldInfo): S {
  FIELDS.add(schema, info);
  return schema;
}

export function int(info: Described & { min: number; max: number; step?: number }) {
  return described(intIn(info.min, info.max), { ...info, type: 'int', step: info.step ?? 1 });
}

export function number(info: Described & { min: number; max: number; exclusiveMin?: boolean; step: number }) {
  return described(numberIn(info.min, info.max, { exclusiveMin: info.exclusiveMin }), { ...info, type: 'number' });
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, info: Described & { labels?: Partial<Record<T[number], string>> }) {
  const { labels, ...rest } = info;
  return described(oneOf(values), { ...rest, type: 'choice', choices: values.map((value: T[number]) => ({ value, label: labels?.[value] ?? value })) });
}

export function toggle(info: Described) {
  return described(z.boolean({ error: (issue) => `expected true or false, got ${describeValue(issue.input)}` }), { ...info, type: 'toggle' });
}

/** The fields of a kind's params, in the order the inspector shows them. */
export function fieldsOf(params: z.ZodObject): Field[] {
  return Object.entries(params.shape).map(([param, schema]) => {
    const fallback = schema instanceof z.ZodDefault ? { default: schema.def.defaultValue } : {};
    let inner: z.core.$ZodType = schema;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap();
    const info = FIELDS.get(inner);
    if (!info) throw new Error(`The param "${param}" has no description: build it with int(), number(), choice() or described().`);
    return { ...info, param, ...fallback };
  });
}

/** The params a kind fills in when they are absent (its fields' defaults). */
export function defaultsOf(params: z.ZodObject): Record<string, unknown> {
  return Object.fromEntries(fieldsOf(params).flatMap((field) => ('default' in field ? [[field.param, field.default]] : [])));
}
