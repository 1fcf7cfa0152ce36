/**
 * Checking the current step: gather the evidence its goal needs from the editor (the compiled
 * network, the typed predictions, the last finished run and the request it was started with, or
 * a gradient check), judge it with the engine's checkGoal — the same function `dendrite verify`
 * uses — and record the result when the goal is met.
 */
import { type CompileResult, type DatasetShape, describeDiagnostics } from '../../../../engine/compile';
import { checkGoal, type Evidence, type GoalOutcome, type LessonStep, recordRun } from '../../../../engine/lessons';
import { gradCheckRequest } from '../../../../engine/train';
import { buildRunRequest } from '../run/run-request';
import type { AppServices } from '../stores';
import { requestOfRun } from './lesson-runs';
import { progressOf, updateProgress, lessonStore, type StepProgress } from './lesson-store';

export interface CheckInputs {
  services: Pick<AppServices, 'run' | 'settings'>;
  compiled: CompileResult;
  dataset: DatasetShape | undefined;
}

type Gathered = { ok: true; evidence: Evidence } | { ok: false; problem: string };

function needsNetwork(compiled: CompileResult): string | null {
  if (compiled.spec) return null;
  const errors = describeDiagnostics(compiled.diagnostics);
  return `The network does not compile yet${errors ? `: ${errors}` : '.'}`;
}

export function gatherEvidence(step: LessonStep, progress: StepProgress, { services, compiled, dataset }: CheckInputs): Gathered {
  const goal = step.goal;
  switch (goal.kind) {
    case 'read':
      return { ok: true, evidence: { kind: 'read' } };
    case 'compile':
    case 'predict': {
      const problem = needsNetwork(compiled);
      if (problem) return { ok: false, problem };
      if (!dataset) return { ok: false, problem: 'Choose the lesson’s dataset again: the network is checked against it.' };
      if (goal.kind === 'compile') return { ok: true, evidence: { kind: 'compile', spec: compiled.spec!, dataset } };
      const answers = goal.targets.map((t) => ({ layer: t.layer, quantity: t.quantity, typed: progress.answers[`${t.layer}/${t.quantity}`] ?? '' }));
      if (answers.some((a) => a.typed.trim() === '')) return { ok: false, problem: 'Type a prediction in every box first.' };
      return { ok: true, evidence: { kind: 'predict', spec: compiled.spec!, dataset, answers } };
    }
    case 'gradcheck': {
      const problem = needsNetwork(compiled);
      if (problem) return { ok: false, problem };
      let request;
      try {
        request = { ...buildRunRequest('lesson-gradcheck', compiled.spec!, services.settings.getState()), backend: 'reference' as const };
      } catch (error) {
        return { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
      const recorded = recordRun(request);
      if (!recorded.ok) return { ok: false, problem: recorded.error };
      return { ok: true, evidence: { kind: 'gradcheck', run: recorded.run, difference: gradCheckRequest(request).difference } };
    }
    case 'run': {
      const run = services.run.getState();
      const started = run.runId ? requestOfRun(run.runId) : null;
      if (!run.runId || !started || started.startedAt < progress.openedAt) return { ok: false, problem: 'Train first: press Train and let the run finish.' };
      if (run.status === 'failed') return { ok: false, problem: `The run failed: ${run.error?.message ?? 'unknown error'}` };
      if (run.status !== 'finished' || !run.final) return { ok: false, problem: 'Wait for the run to finish, then check.' };
      if (run.finishReason === 'stopped') return { ok: false, problem: 'That run was stopped before the end: train again and let it finish.' };
      const recorded = recordRun(started.request);
      if (!recorded.ok) return { ok: false, problem: recorded.error };
      return { ok: true, evidence: { kind: 'run', run: recorded.run, metrics: run.final } };
    }
  }
}

/** Checks the step now open; returns the outcome (also kept in the store). */
export function checkStep(step: LessonStep, inputs: CheckInputs): GoalOutcome {
  const progress = progressOf(lessonStore.getState(), step.id);
  const gathered = gatherEvidence(step, progress, inputs);
  const outcome: GoalOutcome = gathered.ok ? checkGoal(step.goal, gathered.evidence) : { met: false, reports: [], problem: gathered.problem };
  const failed = !outcome.met;
  updateProgress(step.id, {
    outcome,
    failures: progress.failures + (failed ? 1 : 0),
    result:
      gathered.ok && outcome.met
        ? {
            step: step.id,
            goal: step.goal,
            met: true,
            checkedAt: new Date().toISOString(),
            reports: outcome.reports,
            evidence: structuredClone(gathered.evidence),
          }
        : progress.result,
  });
  return outcome;
}
