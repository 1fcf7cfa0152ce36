/** The results file of a completed lesson: every step's recorded result, in lesson order. */
import { buildResults, canonical, serialiseResults } from '../../../../engine/lessons';
import type { ModelSpec } from '../../../../engine/spec';
import { APP_ID } from '../../../../engine/export';
import type { LessonState } from './lesson-store';

export function resultsText(state: LessonState): string | null {
  const { lesson } = state;
  if (!lesson) return null;
  const steps = lesson.steps.map((step) => state.progress[step.id]?.result);
  if (steps.some((s) => !s)) return null;
  return serialiseResults(
    buildResults(
      lesson,
      steps.map((s) => s!),
      APP_ID,
    ),
  );
}

/** The network the last checked step recorded (what `dendrite verify` compares the project with). */
export function lastCheckedSpec(state: LessonState): ModelSpec | null {
  const steps = state.lesson?.steps ?? [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const evidence = state.progress[steps[i].id]?.result?.evidence;
    if (!evidence) continue;
    if (evidence.kind === 'run' || evidence.kind === 'gradcheck') return evidence.run.spec;
    if (evidence.kind === 'compile' || evidence.kind === 'predict') return evidence.spec;
  }
  return null;
}

/** Whether the canvas still holds the network the results describe (the project saved with them must). */
export function sameNetwork(a: ModelSpec | null, b: ModelSpec | null): boolean {
  return a === null || (b !== null && canonical(a.layers) === canonical(b.layers));
}
