/**
 * Runtime validation of the trainer protocol, used at every boundary a message
 * crosses (main's IPC handlers, the trainer entry). The model spec inside a run
 * request is checked structurally here and in depth by the engine when it plans
 * the run, so a bad spec is reported as a run failure with the spec's own path.
 */
import { z } from 'zod';
import { GENERATORS } from '../data/source';
import { MAX_LAYERS } from '../spec/limits';
import type { RunRequest, ToTrainer } from './messages';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const positiveInt = z.number().int().min(1);
const runId = z.string().min(1).max(100);

const layerShape = z.object({ id: z.string().min(1).max(200), kind: z.string().min(1).max(40), inputs: z.array(z.string()).max(8) }).passthrough();

const specShape = z.object({
  format: z.literal('dendrite.spec'),
  version: z.literal(1),
  name: z.string().max(200).optional(),
  layers: z.array(layerShape).min(1).max(MAX_LAYERS),
});

const generatorSource = z.object({
  kind: z.literal('generator'),
  name: z.enum(GENERATORS),
  m: positiveInt.max(1_000_000),
  noise: finite.min(0).max(10).optional(),
  classes: positiveInt.max(100).optional(),
  seed: z.number().int(),
});

const inlineSource = z.object({
  kind: z.literal('inline'),
  x: z.instanceof(Float32Array),
  y: z.instanceof(Float32Array),
  exampleShape: z.array(positiveInt).min(1).max(3),
  numClasses: z.number().int().min(0).max(100_000),
  classNames: z.array(z.string()).optional(),
  taskNames: z.array(z.string().max(200)).max(1000).optional(),
});

const optimizer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gd') }),
  z.object({ kind: z.literal('momentum'), beta: finite.min(0).max(1) }),
  z.object({ kind: z.literal('rmsprop'), beta2: finite.min(0).max(1), epsilon: finite.min(0) }),
  z.object({
    kind: z.literal('adam'),
    beta1: finite.min(0).max(1),
    beta2: finite.min(0).max(1),
    epsilon: finite.min(0),
  }),
]);

/** Learning-rate decay (also read by the project file, which saves the schedule). */
export const decaySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('inverse'), decayRate: finite.min(0) }),
  z.object({ kind: z.literal('exponential'), base: finite.min(0).max(1) }),
  z.object({ kind: z.literal('sqrt'), k: finite.min(0) }),
  z.object({ kind: z.literal('staircase'), factor: finite.min(0).max(1), interval: positiveInt }),
]);

/** Also the `training` record of exported model files (engine/export/format.ts). */
export const trainConfig = z.object({
  epochs: positiveInt.max(1_000_000).optional(),
  // 0 evaluates the starting weights without training (needs initialModel, checked below).
  iterations: z.number().int().min(0).max(100_000_000).optional(),
  batchSize: z.union([positiveInt.max(1_000_000), z.literal('full')]),
  learningRate: finite.min(0).max(1000),
  optimizer,
  decay: decaySchema.optional(),
  l2: finite.min(0).optional(),
  seed: z.number().int(),
  earlyStopping: z.object({ patience: positiveInt }).optional(),
});

export const runRequestSchema = z
  .object({
    runId,
    spec: specShape,
    data: z.discriminatedUnion('kind', [generatorSource, inlineSource]),
    split: z
      .object({
        train: finite.min(0).max(1),
        dev: finite.min(0).max(1),
        seed: z.number().int(),
        stratify: z.boolean().optional(),
        trainDev: finite.min(0).max(0.5).optional(),
      })
      .refine((s) => s.train + s.dev <= 1 + 1e-9, 'train + dev must not exceed 1')
      .optional(),
    normalisation: z.enum(['none', 'standardise', 'minmax']).optional(),
    config: trainConfig,
    backend: z.enum(['native', 'wasm', 'reference']).optional(),
    threads: positiveInt.max(256).optional(),
    // Checked in depth (spec match, tensor sizes) by the engine when it plans the run.
    initialModel: z
      .object({ format: z.literal('dendrite.model') })
      .passthrough()
      .optional(),
    transfer: z
      .object({
        model: z.object({ format: z.literal('dendrite.model') }).passthrough(),
        layers: z.record(z.string().min(1).max(200), z.string().min(1).max(200)),
        name: z.string().max(300).optional(),
      })
      .strict()
      .optional(),
    augmentation: z
      .object({ flipHorizontal: z.boolean().optional(), maxShift: z.number().int().min(0).max(8).optional() })
      .strict()
      .optional(),
    trainLimit: positiveInt.optional(),
  })
  .refine((r) => r.config.iterations !== 0 || r.initialModel !== undefined, {
    message: 'iterations = 0 evaluates a model, so it needs initialModel',
    path: ['config', 'iterations'],
  })
  .refine((r) => !(r.transfer && r.initialModel), { message: 'a run starts from initialModel or from a transfer, not both', path: ['transfer'] });

const exampleIndex = z.number().int().min(0).max(100_000_000);
const exampleSet = z.enum(['train', 'dev']);
const inspectView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step-through'), example: exampleIndex }),
  z.object({ kind: z.literal('conv-filters'), layerId: z.string().min(1).max(200).optional() }),
  z.object({ kind: z.literal('feature-maps'), layerId: z.string().min(1).max(200), set: exampleSet, example: exampleIndex }),
  z.object({ kind: z.literal('saliency'), set: exampleSet, example: exampleIndex }),
]);

export const toTrainerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start-run'), request: runRequestSchema }),
  z.object({ type: z.literal('stop-run'), runId }),
  z.object({ type: z.literal('pause-run'), runId }),
  z.object({ type: z.literal('resume-run'), runId }),
  z.object({ type: z.literal('inspect'), inspectId: runId, run: runRequestSchema, view: inspectView }),
]);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Formats the first zod issue as `path.to.field: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseRunRequest(value: unknown): Parsed<RunRequest> {
  const result = runRequestSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data as unknown as RunRequest } : { ok: false, error: describeIssue(result.error) };
}

export function parseToTrainer(value: unknown): Parsed<ToTrainer> {
  const result = toTrainerSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data as unknown as ToTrainer } : { ok: false, error: describeIssue(result.error) };
}

export function parseRunId(value: unknown): Parsed<string> {
  const result = runId.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssue(result.error) };
}
