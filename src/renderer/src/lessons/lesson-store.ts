/**
 * The lesson in progress: which lesson and step, what the student typed, each step's last check
 * and its recorded result, and how many checks failed (one more hint after each). Also the
 * lesson picker and quiz mode. Not part of the project and not undoable.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { GoalOutcome, Lesson, StepResult } from '../../../../engine/lessons';
import { setLessonRuns } from './lesson-runs';
import { markCompleted } from './completed';

export interface StepProgress {
  /** performance.now() when the step was opened: only runs started later count for it. */
  openedAt: number;
  /** Predictions as typed, by "layer/quantity". */
  answers: Record<string, string>;
  outcome: GoalOutcome | null;
  failures: number;
  /** The recorded result once the goal is met. */
  result: StepResult | null;
}

export interface LessonState {
  lesson: Lesson | null;
  index: number;
  progress: Record<string, StepProgress>;
  checking: boolean;
  /** The panel folded to its title bar. */
  collapsed: boolean;
  pickerOpen: boolean;
  /** A file that could not be opened, or results that could not be saved. */
  message: { kind: 'error' | 'info'; text: string } | null;
  /** Quiz mode: shapes hidden until the student predicts them (outside lessons too). */
  quiz: boolean;
}

export const lessonStore = createStore<LessonState>()(() => ({
  lesson: null,
  index: 0,
  progress: {},
  checking: false,
  collapsed: false,
  pickerOpen: false,
  message: null,
  quiz: false,
}));

export function useLesson<T>(selector: (state: LessonState) => T): T {
  return useStore(lessonStore, selector);
}

export const emptyProgress = (): StepProgress => ({ openedAt: performance.now(), answers: {}, outcome: null, failures: 0, result: null });

export function progressOf(state: LessonState, stepId: string): StepProgress {
  return state.progress[stepId] ?? emptyProgress();
}

export function updateProgress(stepId: string, patch: Partial<StepProgress>): void {
  lessonStore.setState((s) => ({ progress: { ...s.progress, [stepId]: { ...progressOf(s, stepId), ...patch } } }));
}

export function beginLesson(lesson: Lesson): void {
  setLessonRuns(true);
  lessonStore.setState({ lesson, index: 0, progress: {}, checking: false, collapsed: false, pickerOpen: false, message: null });
}

export function closeLesson(): void {
  setLessonRuns(false);
  lessonStore.setState({ lesson: null, index: 0, progress: {}, checking: false, message: null });
}

export function openPicker(): void {
  lessonStore.setState({ pickerOpen: true, message: null });
}

export function toggleQuiz(): void {
  lessonStore.setState((s) => ({ quiz: !s.quiz }));
}

/** Every step met: the lesson can write its results. */
export function lessonComplete(state: LessonState): boolean {
  return !!state.lesson && state.lesson.steps.every((step) => state.progress[step.id]?.result?.met);
}

// The moment the last step is met, the picker remembers the lesson as completed (completed.ts).
lessonStore.subscribe((state, previous) => {
  if (state.lesson && lessonComplete(state) && !lessonComplete(previous)) markCompleted(state.lesson.id);
});
