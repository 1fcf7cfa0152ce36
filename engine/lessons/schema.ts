/**
 * Validation of lesson files: zod for the structure, then the checks zod cannot express
 * (unique ids, edges between existing nodes, the first step starts a network, goals that
 * name layers of that network). A bad lesson is refused with one line naming the path.
 */
import { z } from 'zod';
import { LAYER_KINDS } from '../kinds/lookup';
import type { LayerKind } from '../spec/types';
import { formatZodError } from '../spec/zod-format';
import { CONTROL_IDS, LESSON_FORMAT, LESSON_FORMAT_VERSION, METRICS, QUANTITIES, SETTINGS, type Goal, type Lesson } from './format';

/** Lesson files above this size are refused before parsing (a lesson holds text and small graphs). */
export const MAX_LESSON_BYTES = 2 * 1024 * 1024;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const id = z.string().min(1).max(200);
const kind = z.enum(LAYER_KINDS as [LayerKind, ...LayerKind[]]);
const comparison = z.enum(['<', '<=', '>', '>=', '=', '!=']);

export const conditionSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('metric'), metric: z.enum(METRICS), op: comparison, value: finite }).strict(),
  z.object({ on: z.literal('count'), what: z.enum(['hiddenUnits', 'params', 'layers']), kind: kind.optional(), op: comparison, value: finite }).strict(),
  z
    .object({
      on: z.literal('layers'),
      kind,
      param: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/, 'expected a field name such as "units" or "init.kind"'),
      op: comparison,
      value: z.union([finite, z.string().max(100)]),
      quantifier: z.enum(['every', 'some']).optional(),
    })
    .strict(),
  z.object({ on: z.literal('setting'), setting: z.enum(SETTINGS), op: comparison, value: z.union([finite, z.string().max(100)]) }).strict(),
  z.object({ on: z.literal('shape'), layer: id, equals: z.array(z.number().int().min(1)).min(1).max(3) }).strict(),
]);

export const goalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('read') }).strict(),
  z.object({ kind: z.literal('compile'), conditions: z.array(conditionSchema).max(20).optional() }).strict(),
  z.object({ kind: z.literal('run'), conditions: z.array(conditionSchema).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('gradcheck') }).strict(),
  z
    .object({
      kind: z.literal('predict'),
      targets: z
        .array(z.object({ layer: id, quantity: z.enum(QUANTITIES) }).strict())
        .min(1)
        .max(20),
    })
    .strict(),
]);

const startSchema = z
  .object({
    graph: z
      .object({
        nodes: z
          .array(z.object({ id, kind, position: z.object({ x: finite, y: finite }).strict(), params: z.record(z.string(), z.unknown()) }).strict())
          .min(1)
          .max(500),
        edges: z.array(z.object({ id, source: id, target: id, targetHandle: z.string().max(20).nullable().optional() }).strict()).max(2000),
      })
      .strict(),
    dataset: z
      .object({
        id: z.string().min(1).max(100),
        seed: z.number().int(),
        m: z.number().int().min(2).max(1_000_000).optional(),
        noise: finite.min(0).max(10).optional(),
        split: z
          .object({ train: finite.min(0).max(1), dev: finite.min(0).max(1), seed: z.number().int(), stratify: z.boolean().optional() })
          .strict()
          .refine((s) => s.train + s.dev <= 1 + 1e-9, 'train + dev must not exceed 1')
          .optional(),
        normalisation: z.enum(['none', 'standardise', 'minmax']).optional(),
      })
      .strict(),
    training: z
      .object({
        learningRate: finite.min(0).max(1000),
        iterations: z.number().int().min(1).max(100_000_000),
        seed: z.number().int(),
        batchSize: z.union([z.literal('full'), z.number().int().min(1).max(1_000_000)]),
        optimizer: z.enum(['gd', 'momentum', 'rmsprop', 'adam']),
      })
      .strict(),
  })
  .strict();

const stepSchema = z
  .object({
    id,
    title: z.string().min(1).max(200),
    text: z.string().min(1).max(20_000),
    start: startSchema.optional(),
    controls: z
      .object({
        hidden: z.array(z.enum(CONTROL_IDS)).max(CONTROL_IDS.length).optional(),
        locked: z.array(z.enum(CONTROL_IDS)).max(CONTROL_IDS.length).optional(),
      })
      .strict()
      .optional(),
    goal: goalSchema,
    hints: z.array(z.string().min(1).max(2000)).max(10).optional(),
  })
  .strict();

export const lessonSchema = z
  .object({
    format: z.literal(LESSON_FORMAT),
    version: z.literal(LESSON_FORMAT_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'expected lower-case letters, digits and dashes'),
    revision: z.number().int().min(1),
    title: z.string().min(1).max(200),
    summary: z.string().min(1).max(500),
    steps: z.array(stepSchema).min(1).max(50),
  })
  .strict();

export type ParsedLesson = { ok: true; lesson: Lesson } | { ok: false; error: string };

/** Validates a lesson already parsed from JSON. */
export function parseLesson(json: unknown): ParsedLesson {
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== LESSON_FORMAT) return { ok: false, error: `This is not a Dendrite lesson (format should be "${LESSON_FORMAT}").` };
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > LESSON_FORMAT_VERSION) {
    return { ok: false, error: `This lesson was written for a newer Dendrite (lesson format ${version}); update Dendrite to open it.` };
  }
  const result = lessonSchema.safeParse(json);
  if (!result.success) return { ok: false, error: `The lesson is malformed: ${formatZodError(result.error)}.` };
  const lesson = result.data as Lesson;
  const problem = crossCheck(lesson);
  return problem ? { ok: false, error: `The lesson is malformed: ${problem}.` } : { ok: true, lesson };
}

/** Parses lesson text (a file the user chose, or a shipped lesson). */
export function parseLessonText(text: string): ParsedLesson {
  if (text.length > MAX_LESSON_BYTES) return { ok: false, error: 'The file is too large to be a Dendrite lesson.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 120);
    return { ok: false, error: `The file is not valid JSON (${why}).` };
  }
  return parseLesson(json);
}

function crossCheck(lesson: Lesson): string | null {
  const stepIds = new Set<string>();
  let nodeIds: Set<string> | null = null;
  for (const [i, step] of lesson.steps.entries()) {
    const at = `steps[${i}]`;
    if (stepIds.has(step.id)) return `${at}.id: "${step.id}" appears twice`;
    stepIds.add(step.id);
    if (step.start) {
      nodeIds = new Set();
      for (const node of step.start.graph.nodes) {
        if (nodeIds.has(node.id)) return `${at}.start.graph: node id "${node.id}" appears twice`;
        nodeIds.add(node.id);
      }
      for (const [e, edge] of step.start.graph.edges.entries()) {
        if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) return `${at}.start.graph.edges[${e}] connects a node that does not exist`;
      }
    } else if (i === 0) {
      return `${at}.start: the first step must give the starting network`;
    }
    const named = layersNamed(step.goal);
    const unknown = nodeIds ? named.find((layer) => !nodeIds!.has(layer)) : undefined;
    if (unknown) return `${at}.goal names layer "${unknown}", which the step's network does not have`;
  }
  return null;
}

function layersNamed(goal: Goal): string[] {
  if (goal.kind === 'predict') return goal.targets.map((t) => t.layer);
  if (goal.kind === 'compile' || goal.kind === 'run') return (goal.conditions ?? []).flatMap((c) => (c.on === 'shape' ? [c.layer] : []));
  return [];
}
