/**
 * `dendrite verify results.json project.dendrite.json`: a teacher's check of a student's lesson.
 * Nothing in the results file is taken on trust. The goals must be the lesson's own (from the
 * lesson of the recorded id and revision, not the file's copy); every training run is run again
 * from its recorded settings and seed on the reference kernels, one thread — the same run on any
 * machine (to the last bit of exp and log, see COST_TOLERANCE) — and must reproduce the recorded
 * metrics and meet its goal, judged on the re-run's own numbers; gradient checks are computed
 * again; shapes and predictions are compiled and marked again; and the submitted project must
 * hold the network of the last checked step.
 */
import { compileGraph } from '../compile';
import type { Backend } from '../kernels/kernels';
import type { FinalMetrics, FromTrainer } from '../protocol/messages';
import { parseRunRequest } from '../protocol/schema';
import { parseModelSpec } from '../compile/parse-spec';
import type { ModelSpec } from '../spec/types';
import { gradCheckRequest } from '../train/check-request';
import { trainModel } from '../train/loop';
import { canonical } from './canonical';
import { requestOf, type Evidence, type RecordedRun } from './evidence';
import type { Lesson } from './format';
import { checkGoal, type GoalOutcome } from './goals';
import { readProjectGraph } from './project-graph';
import { parseResultsText, type StepResult } from './results';

export interface VerifyLine {
  ok: boolean;
  text: string;
}

export type VerifyReport =
  /** The inputs could not be read at all (exit 2). */
  | { status: 'unreadable'; error: string }
  /** verified: every goal met and reproduced; refused: at least one line says why not. */
  | { status: 'verified' | 'refused'; lesson: string; lines: VerifyLine[] };

export interface VerifyOptions {
  /** The lesson a results file names (shipped, or a teacher's file); null when unknown. */
  findLesson(id: string): Lesson | null;
  /** The reference backend (float32): lesson runs are recorded on it. */
  backend: Backend;
  /** Progress for long re-runs ("re-running step 3 …"), optional. */
  progress?(text: string): void;
}

const COUNTS = ['iterations', 'epochs', 'trainAccuracy', 'devAccuracy', 'testAccuracy'] as const satisfies readonly (keyof FinalMetrics)[];
/**
 * A run is bit-for-bit the same on one JavaScript engine. Between engines (the browser a student
 * trained in, the Node a teacher verifies with) Math.exp and Math.log may differ in their last
 * bit; rounded to float32 that almost never shows, but when it does the cost moves in its last
 * digits. Counts (iterations, accuracies: whole examples) must match exactly; the cost to this.
 */
export const COST_TOLERANCE = 1e-4;
/** Gradient checks run in float64, where those last bits show in the difference itself. */
export const GRADCHECK_FACTOR = 1.5;

export async function verifyResults(resultsText: string, projectText: string, options: VerifyOptions): Promise<VerifyReport> {
  const parsed = parseResultsText(resultsText);
  if (!parsed.ok) return { status: 'unreadable', error: parsed.error };
  const project = readProjectGraph(projectText);
  if (!project.ok) return { status: 'unreadable', error: project.error };
  const { results } = parsed;
  const lesson = options.findLesson(results.lesson.id);
  if (!lesson) {
    return {
      status: 'unreadable',
      error: `The results are for lesson "${results.lesson.id}", which this Dendrite does not ship: pass the lesson file with --lesson.`,
    };
  }
  const name = `${lesson.title} (${lesson.id}, revision ${lesson.revision})`;
  const lines: VerifyLine[] = [];
  const refuse = (text: string) => lines.push({ ok: false, text });
  const done = (): VerifyReport => ({ status: lines.every((l) => l.ok) ? 'verified' : 'refused', lesson: name, lines });

  if (results.lesson.revision !== lesson.revision) {
    refuse(`The results were made with revision ${results.lesson.revision} of the lesson; this one is revision ${lesson.revision}.`);
    return done();
  }
  // Every step of the lesson, in order, each once.
  const recorded = new Map<string, StepResult>();
  for (const step of results.steps) {
    if (recorded.has(step.step)) refuse(`Step "${step.step}" is recorded twice.`);
    recorded.set(step.step, step);
  }
  for (const step of results.steps) if (!lesson.steps.some((s) => s.id === step.step)) refuse(`Step "${step.step}" is not a step of this lesson.`);

  let lastSpec: ModelSpec | null = null;
  for (const [i, step] of lesson.steps.entries()) {
    const label = `step ${i + 1} “${step.title}”`;
    const record = recorded.get(step.id);
    if (!record) {
      refuse(`${label}: not completed (missing from the results).`);
      continue;
    }
    if (canonical(record.goal) !== canonical(step.goal)) {
      refuse(`${label}: the recorded goal is not the lesson’s goal.`);
      continue;
    }
    if (!record.met) {
      refuse(`${label}: the results say the goal was not met.`);
      continue;
    }
    options.progress?.(`checking ${label}`);
    const checked = await recheck(record.evidence, record, options.backend);
    if ('refused' in checked) {
      refuse(`${label}: ${checked.refused}`);
      continue;
    }
    if (!checked.outcome.met) {
      const missed =
        checked.outcome.problem ??
        checked.outcome.reports
          .filter((r) => !r.met)
          .map((r) => `${r.text} (got ${r.actual})`)
          .join('; ');
      refuse(`${label}: the goal is not met: ${missed}.`);
      continue;
    }
    if (checked.spec) lastSpec = checked.spec;
    lines.push({ ok: true, text: `${label}: ${checked.summary}` });
  }

  // The project must be the student's network at the end of the lesson.
  if (lastSpec) {
    const compiled = compileGraph(project.graph);
    if (!compiled.spec) refuse('project: its network does not compile, so it is not the network the results describe.');
    else if (canonical(compiled.spec.layers) !== canonical(lastSpec.layers)) {
      refuse(`project: its network is not the one of the last checked step (${differenceOf(compiled.spec, lastSpec)}).`);
    } else lines.push({ ok: true, text: 'project: holds the network of the last checked step.' });
  }
  return done();
}

type Rechecked = { outcome: GoalOutcome; summary: string; spec: ModelSpec | null } | { refused: string };

async function recheck(evidence: Evidence, record: StepResult, backend: Backend): Promise<Rechecked> {
  switch (evidence.kind) {
    case 'read':
      return { outcome: checkGoal(record.goal, evidence), summary: 'read.', spec: null };
    case 'compile':
    case 'predict': {
      const spec = parseModelSpec(evidence.spec);
      if (!spec.ok) return { refused: `the recorded network is invalid (${spec.error}).` };
      const outcome = checkGoal(record.goal, { ...evidence, spec: spec.spec });
      const summary =
        evidence.kind === 'predict'
          ? `predictions right (${outcome.reports.map((r) => `${r.text} = ${r.actual}`).join(', ')}).`
          : 'the network compiles and meets the goal.';
      return { outcome, summary, spec: spec.spec };
    }
    case 'run': {
      const request = checkedRequest(evidence.run);
      if ('refused' in request) return request;
      const hooks = { emit: (_: FromTrainer) => undefined, checkpoint: async () => 'continue' as const, now: () => 0 };
      const outcome = await trainModel(request.value, backend, hooks);
      if (outcome.status !== 'finished') return { refused: `re-running the recorded training failed: ${outcome.message}` };
      const recorded = evidence.metrics;
      const rerun = outcome.metrics;
      const costClose = Math.abs(recorded.trainCost - rerun.trainCost) <= COST_TOLERANCE * Math.abs(rerun.trainCost);
      const mismatch = COUNTS.find((key) => !sameNumber(recorded[key], rerun[key])) ?? (costClose ? undefined : 'trainCost');
      if (mismatch) {
        return {
          refused: `re-running the recorded training gives ${mismatch} = ${rerun[mismatch]}, but the results say ${recorded[mismatch]}: the results were not produced by this run.`,
        };
      }
      const reproduced = sameNumber(recorded.trainCost, rerun.trainCost)
        ? 'metrics reproduced exactly'
        : `metrics reproduced (the cost to ${Math.abs(recorded.trainCost / rerun.trainCost - 1).toExponential(1)} relative: a last-bit difference between JavaScript engines)`;
      const goal = checkGoal(record.goal, { kind: 'run', run: evidence.run, metrics: outcome.metrics });
      const data = evidence.run.data;
      const reports = goal.reports.map((r) => `${r.text}: ${r.actual}`).join(', ');
      return {
        outcome: goal,
        summary: `re-ran ${rerun.iterations} iterations on ${data.name} (m = ${data.m}, seed ${evidence.run.config.seed}); ${reproduced}; ${reports}.`,
        spec: evidence.run.spec,
      };
    }
    case 'gradcheck': {
      const request = checkedRequest(evidence.run);
      if ('refused' in request) return request;
      const check = gradCheckRequest(request.value);
      const ratio = check.difference / evidence.difference;
      const close = sameNumber(check.difference, evidence.difference) || (ratio < GRADCHECK_FACTOR && ratio > 1 / GRADCHECK_FACTOR);
      if (!close) {
        return {
          refused: `the gradient check gives a relative difference of ${check.difference.toExponential(3)}, but the results say ${evidence.difference.toExponential(3)}.`,
        };
      }
      const outcome = checkGoal(record.goal, { kind: 'gradcheck', run: evidence.run, difference: check.difference });
      return {
        outcome,
        summary: `gradient check reproduced: relative difference ${check.difference.toExponential(2)} (recorded ${evidence.difference.toExponential(2)}).`,
        spec: evidence.run.spec,
      };
    }
  }
}

function checkedRequest(run: RecordedRun): { value: ReturnType<typeof requestOf> } | { refused: string } {
  const parsed = parseRunRequest(requestOf(run, 'verify'));
  if (!parsed.ok) return { refused: `the recorded run is invalid (${parsed.error}).` };
  const spec = parseModelSpec(run.spec);
  if (!spec.ok) return { refused: `the recorded network is invalid (${spec.error}).` };
  return { value: { ...parsed.value, spec: spec.spec } };
}

function sameNumber(a: number | undefined, b: number | undefined): boolean {
  // Object.is: bit-for-bit for finite values, and NaN = NaN (regression runs have no accuracy).
  return Object.is(a, b);
}

function differenceOf(project: ModelSpec, recorded: ModelSpec): string {
  const ids = (spec: ModelSpec) => spec.layers.map((l) => l.id);
  const missing = ids(recorded).find((id) => !ids(project).includes(id));
  if (missing) return `layer ${missing} is missing`;
  const extra = ids(project).find((id) => !ids(recorded).includes(id));
  if (extra) return `layer ${extra} is extra`;
  const changed = project.layers.find((l) => canonical(l) !== canonical(recorded.layers.find((r) => r.id === l.id)));
  return changed ? `layer ${changed.id} differs` : 'the layers are in another order';
}
