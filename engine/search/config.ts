/**
 * A hyperparameter search as the canvas, the CLI and project files hold it: the dimensions, how
 * many trials, each trial's budget and the seed; validated in one place, and turned into the
 * trials' run requests.
 */
import { z } from 'zod';
import type { RunRequest } from '../protocol/messages';
import { MAX_SEARCH_TRIALS } from '../spec/limits';
import { applicationProblem, applyTrial, type TrialBudget } from './apply';
import { sampleTrials, type TrialValues } from './sample';
import { dimensionProblem, SEARCH_SETTINGS, type Dimension } from './space';

export interface SearchConfig {
  dimensions: Dimension[];
  trials: number;
  budget: TrialBudget;
  seed: number;
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const dimensionSchema = z
  .object({ setting: z.enum(SEARCH_SETTINGS), min: finite, max: finite, scale: z.enum(['linear', 'log']), layer: z.string().min(1).max(200).optional() })
  .strict()
  .superRefine((d, ctx) => {
    const problem = dimensionProblem(d);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const searchConfigSchema = z
  .object({
    dimensions: z
      .array(dimensionSchema)
      .min(1, { error: 'choose at least one setting to vary' })
      .max(SEARCH_SETTINGS.length * 4),
    trials: z
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_TRIALS, { error: `at most ${MAX_SEARCH_TRIALS} trials` }),
    budget: z.union([
      z.object({ iterations: z.number().int().min(1).max(100_000_000) }).strict(),
      z.object({ epochs: z.number().int().min(1).max(1_000_000) }).strict(),
    ]),
    seed: z.number().int(),
  })
  .strict();

export interface PlannedTrial {
  trial: number;
  values: TrialValues;
  request: RunRequest;
}

export type SearchPlan = { ok: true; trials: PlannedTrial[] } | { ok: false; error: string };

/** The trials of a search on top of a base request (the current network, data and settings). */
export function planSearch(base: RunRequest, config: SearchConfig, runId: (trial: number) => string): SearchPlan {
  const parsed = searchConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` };
  }
  for (const d of config.dimensions) {
    const problem = applicationProblem(d, base);
    if (problem) return { ok: false, error: problem };
  }
  const samples = sampleTrials(config.dimensions, config.trials, config.seed);
  return {
    ok: true,
    trials: samples.map((values, i) => ({ trial: i + 1, values, request: applyTrial(base, config.dimensions, values, runId(i + 1), config.budget) })),
  };
}
