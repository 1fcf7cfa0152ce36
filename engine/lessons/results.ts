/**
 * The results file a completed lesson writes (`*.results.json`, format "dendrite.lesson-results",
 * version 1): for every step, its goal, whether it was met, what the app reported, and the
 * evidence — the network, and for training goals the whole run (data generator, split, settings,
 * seed) with its metrics. `dendrite verify` re-runs that evidence; nothing here is trusted as is.
 */
import { z } from 'zod';
import { formatZodError } from '../spec/zod-format';
import type { Evidence } from './evidence';
import type { Goal, Lesson } from './format';
import type { ConditionReport } from './goals';
import { goalSchema } from './schema';

export const RESULTS_FORMAT = 'dendrite.lesson-results' as const;
export const RESULTS_VERSION = 1 as const;
/** Results files above this size are refused before parsing. */
export const MAX_RESULTS_BYTES = 10 * 1024 * 1024;

export interface StepResult {
  step: string;
  goal: Goal;
  met: boolean;
  checkedAt: string;
  /** What the app showed the student when the goal was checked. */
  reports: ConditionReport[];
  evidence: Evidence;
}

export interface LessonResults {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  lesson: { id: string; revision: number; title: string };
  app: string;
  completedAt: string;
  steps: StepResult[];
}

export function buildResults(lesson: Lesson, steps: StepResult[], app: string, now = new Date()): LessonResults {
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    lesson: { id: lesson.id, revision: lesson.revision, title: lesson.title },
    app,
    completedAt: now.toISOString(),
    steps,
  };
}

export function serialiseResults(results: LessonResults): string {
  return `${JSON.stringify(results, null, 1)}\n`;
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const datasetShape = z.object({ exampleShape: z.array(z.number().int().min(1)).min(1).max(3), numClasses: z.number().int().min(0).max(100_000) }).strict();
// Specs and runs are checked in depth when verify re-runs them (parseModelSpec, parseRunRequest).
const spec = z.object({ format: z.literal('dendrite.spec'), layers: z.array(z.unknown()).min(1) }).passthrough();
const recordedRun = z
  .object({
    spec,
    data: z.object({ kind: z.literal('generator') }).passthrough(),
    split: z.unknown().optional(),
    normalisation: z.unknown().optional(),
    config: z.object({}).passthrough(),
    backend: z.literal('reference'),
  })
  .strict();
const metrics = z
  .object({
    iterations: z.number().int().min(0),
    epochs: z.number().int().min(0),
    trainCost: z.number(),
    trainAccuracy: z.number(),
    devAccuracy: z.number().optional(),
    testAccuracy: z.number().optional(),
  })
  .strict();

const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('read') }).strict(),
  z.object({ kind: z.literal('compile'), spec, dataset: datasetShape }).strict(),
  z.object({ kind: z.literal('run'), run: recordedRun, metrics }).strict(),
  z.object({ kind: z.literal('gradcheck'), run: recordedRun, difference: finite }).strict(),
  z
    .object({
      kind: z.literal('predict'),
      spec,
      dataset: datasetShape,
      answers: z.array(z.object({ layer: z.string().max(200), quantity: z.string().max(20), typed: z.string().max(200) }).strict()).max(50),
    })
    .strict(),
]);

const resultsSchema = z
  .object({
    format: z.literal(RESULTS_FORMAT),
    version: z.literal(RESULTS_VERSION),
    lesson: z.object({ id: z.string().min(1).max(100), revision: z.number().int().min(1), title: z.string().max(200) }).strict(),
    app: z.string().max(100),
    completedAt: z.string().max(100),
    steps: z
      .array(
        z
          .object({
            step: z.string().min(1).max(200),
            goal: goalSchema,
            met: z.boolean(),
            checkedAt: z.string().max(100),
            reports: z.array(z.object({ text: z.string().max(500), actual: z.string().max(500), met: z.boolean() }).strict()).max(50),
            evidence: evidenceSchema,
          })
          .strict(),
      )
      .max(50),
  })
  .strict();

export type ParsedResults = { ok: true; results: LessonResults } | { ok: false; error: string };

export function parseResultsText(text: string): ParsedResults {
  if (text.length > MAX_RESULTS_BYTES) return { ok: false, error: 'The file is too large to be a lesson results file.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The results file is not valid JSON (${(error instanceof Error ? error.message : String(error)).slice(0, 120)}).` };
  }
  if ((json as { format?: unknown } | null)?.format !== RESULTS_FORMAT) {
    return { ok: false, error: `This is not a lesson results file (format should be "${RESULTS_FORMAT}").` };
  }
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `The results file is malformed: ${formatZodError(parsed.error)}.` };
  return { ok: true, results: parsed.data as unknown as LessonResults };
}
