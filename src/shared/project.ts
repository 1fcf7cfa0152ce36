/**
 * The project file (`*.dendrite.json`): the canvas graph with positions, the
 * dataset choice and the training settings. Versioned, and validated on open so a
 * malformed file is refused with the path of the problem and nothing changes.
 */
import { z } from 'zod';
import { LAYER_KINDS } from '../../engine/compile';
import { jsonSyntaxProblem, type LayerKind, MAX_JSON_DEPTH, MAX_SEARCH_TRIALS, nestingProblem, oneLine, quote } from '../../engine/spec';
import { decaySchema, describeIssue } from '../../engine/protocol';
import { searchConfigSchema } from '../../engine/train';
import { datasetSourceSchema } from './dataset-files';

export const PROJECT_FORMAT = 'dendrite.project' as const;
export const PROJECT_VERSION = 1 as const;
/** Larger files are refused before parsing (a project holds a graph, not data). */
export const MAX_PROJECT_BYTES = 20 * 1024 * 1024;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const id = z.string().min(1).max(200);

/**
 * What a layer parameter can be, whatever its kind: a number, a choice, a flag, an input shape or
 * an initialiser — never deeper. (The compiler then checks each kind's fields and ranges.) An
 * untrusted file's params used to be `unknown`: a value nested 5,000 levels deep passed, then
 * blew the stack of the live compile and of Save, and the window went white.
 */
const paramValue = z.union(
  [finite, z.string().max(200), z.boolean(), z.null(), z.array(finite).max(8), z.object({ kind: z.string().max(40), scale: finite.optional() }).strict()],
  { error: 'expected a number, text, true/false, a shape [n, …] or { kind, scale }' },
);
// Typed as a plain record: the canvas reads each kind's fields itself (and the compiler checks them).
const params: z.ZodType<Record<string, unknown>> = z
  .record(z.string().max(40), paramValue)
  .refine((value) => Object.keys(value).length <= 32, 'expected at most 32 parameters');

/** Data preparation saved with a project (the renderer's PrepState). */
const datasetPrepSchema = z
  .object({
    splitOn: z.boolean(),
    train: finite.min(0).max(1),
    dev: finite.min(0).max(1),
    splitSeed: z.number().int(),
    stratify: z.boolean(),
    trainDev: finite.min(0).max(0.5),
    flipHorizontal: z.boolean(),
    maxShift: z.number().int().min(0).max(8),
    normalisation: z.enum(['none', 'standardise', 'minmax']),
    limit: z.number().int().min(0).max(1_000_000_000),
  })
  .partial()
  .refine((p) => (p.train ?? 0) + (p.dev ?? 0) <= 1 + 1e-9, 'train + dev must not exceed 1');

/** Run history kept in a project (issue 6): at most this many runs of at most this many cost points each. */
export const MAX_SAVED_RUNS = 20;
export const MAX_SAVED_COST_POINTS = 300;

/** One past run: its settings, final metrics and an LTTB-downsampled cost curve as [iteration, cost] pairs. */
function savedRunSchema() {
  return z
    .object({
      id,
      status: z.enum(['finished', 'failed']),
      settings: z.object({
        label: z.string().max(300),
        dataset: z.string().max(200),
        learningRate: finite,
        optimizer: z.string().max(40),
        iterations: z.number().int().min(0),
        batchSize: z.union([z.literal('full'), z.number().int().min(1)]),
        seed: z.number().int(),
        epochs: z.number().int().min(1).optional(),
        l2: finite.min(0).optional(),
        decay: z.string().max(100).optional(),
        patience: z.number().int().min(1).optional(),
        network: z.string().max(1000).optional(),
      }),
      final: z
        .object({
          iterations: z.number().int().min(0),
          epochs: z.number().int().min(0),
          trainCost: finite,
          // Absent for regression (no accuracy to speak of).
          trainAccuracy: finite.min(0).max(1).optional(),
          devAccuracy: finite.min(0).max(1).optional(),
          testAccuracy: finite.min(0).max(1).optional(),
        })
        .optional(),
      cost: z.array(z.tuple([z.number().int().min(0), finite])).max(MAX_SAVED_COST_POINTS),
    })
    .strict();
}

export type SavedRun = z.infer<ReturnType<typeof savedRunSchema>>;

const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().max(200).optional(),
  graph: z.object({
    nodes: z
      .array(
        z.object({
          id,
          kind: z.enum(LAYER_KINDS as [LayerKind, ...LayerKind[]]),
          position: z.object({ x: finite, y: finite }),
          params,
        }),
      )
      .max(5000),
    edges: z.array(z.object({ id, source: id, target: id, targetHandle: z.string().max(20).nullable().optional() })).max(20000),
  }),
  dataset: z.object({
    id: z.string().min(1).max(100),
    seed: z.number().int(),
    // Optional: projects saved before these fields open with the default preparation.
    prep: datasetPrepSchema.optional(),
    generator: z.object({ m: z.number().int().min(2).max(1_000_000).optional(), noise: finite.min(0).max(10).optional() }).optional(),
    // An imported dataset is referenced by its files' names, sizes, SHA-256 (and desktop paths), never copied in.
    source: datasetSourceSchema.optional(),
  }),
  training: z.object({
    learningRate: finite.min(0).max(1000),
    iterations: z.number().int().min(1).max(100_000_000),
    seed: z.number().int(),
    batchSize: z.union([z.literal('full'), z.number().int().min(1).max(1_000_000)]).optional(),
    optimizer: z.enum(['gd', 'momentum', 'rmsprop', 'adam']).optional(),
    // Course 2's controls (issue 13); optional, so older projects open with them off.
    lengthUnit: z.enum(['iterations', 'epochs']).optional(),
    epochs: z.number().int().min(1).max(1_000_000).optional(),
    l2: finite.min(0).max(1e6).optional(),
    decay: decaySchema.optional(),
    earlyStopping: z.object({ patience: z.number().int().min(1).max(1_000_000) }).optional(),
  }),
  // Optional: projects saved before the run history open with none.
  runs: z.array(savedRunSchema()).max(MAX_SAVED_RUNS).optional(),
  // Transfer learning: the model whose layers the runs start from (validated whole by the engine's importer before use).
  transfer: z
    .object({
      name: z.string().max(300),
      layers: z.record(id, id),
      model: z.object({ format: z.literal('dendrite.model') }).passthrough(),
    })
    .strict()
    .optional(),
  // Run ▸ Search…: the settings, and each trial's values and errors (not its weights).
  search: z
    .object({
      config: searchConfigSchema,
      trials: z
        .array(
          z
            .object({
              trial: z.number().int().min(1).max(MAX_SEARCH_TRIALS),
              values: z.record(z.string().max(300), finite),
              status: z.enum(['finished', 'failed', 'queued']),
              devError: finite.min(0).max(1).optional(),
              trainError: finite.min(0).max(1).optional(),
              trainCost: finite.optional(),
            })
            .strict(),
        )
        .max(MAX_SEARCH_TRIALS),
    })
    .strict()
    .optional(),
  // Error analysis (issue 13): the student's categories of mistakes and the examples tagged with them,
  // each named by its dataset (id, and a generator's settings) and its row in that dataset.
  errorAnalysis: z
    .object({
      categories: z.array(z.string().min(1).max(40)).max(30),
      tags: z
        .array(
          z.object({
            dataset: z.string().min(1).max(300),
            example: z.number().int().min(0).max(1_000_000_000),
            categories: z.array(z.string().min(1).max(40)).min(1).max(30),
          }),
        )
        .max(50_000),
    })
    .refine((a) => a.tags.every((t) => t.categories.every((c) => a.categories.includes(c))), 'a tag names a category the project does not list')
    .optional(),
});

export type ProjectFile = z.infer<typeof projectSchema>;

export type ParsedProject = { ok: true; project: ProjectFile } | { ok: false; error: string };

export function parseProject(text: string): ParsedProject {
  if (text.length > MAX_PROJECT_BYTES) return { ok: false, error: 'The file is too large to be a Dendrite project.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Never V8's message: it quotes the file (a dropped /etc/passwd.json would show its first line).
    return { ok: false, error: `The file is not valid JSON (${jsonSyntaxProblem(error)}).` };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== PROJECT_FORMAT) {
    return {
      ok: false,
      error:
        format === 'dendrite.model'
          ? 'This is an exported model, not a project: use Import Model.'
          : 'This is not a Dendrite project (format should be "dendrite.project").',
    };
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROJECT_VERSION) {
    return { ok: false, error: `This project was saved by a newer Dendrite (version ${version}); update Dendrite to open it.` };
  }
  const tooDeep = nestingProblem(json, MAX_JSON_DEPTH);
  if (tooDeep) return { ok: false, error: `The project file is malformed: ${tooDeep}.` };
  const result = projectSchema.safeParse(json);
  if (!result.success) return { ok: false, error: `The project file is malformed: ${oneLine(describeIssue(result.error), 240)}.` };
  const nodeIds = new Set<string>();
  for (const node of result.data.graph.nodes) {
    if (nodeIds.has(node.id)) return { ok: false, error: `The project file is malformed: node id ${quote(node.id)} appears twice.` };
    nodeIds.add(node.id);
  }
  for (const [i, edge] of result.data.graph.edges.entries()) {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) {
      return { ok: false, error: `The project file is malformed: graph.edges[${i}] connects a node that does not exist.` };
    }
  }
  return { ok: true, project: result.data };
}
