/** Applies the open step's hidden and locked controls, and hides shapes while they are to be predicted. */
import { controlsCss, hideShapesCss } from './controls';
import { useLesson } from './lesson-store';

export function LessonControls() {
  const step = useLesson((s) => s.lesson?.steps[s.index]);
  const predicting = useLesson((s) => {
    const current = s.lesson?.steps[s.index];
    return current?.goal.kind === 'predict' && !s.progress[current.id]?.result?.met;
  });
  const quiz = useLesson((s) => s.quiz && !s.lesson);
  const css = [step ? controlsCss(step.controls) : '', predicting || quiz ? hideShapesCss() : ''].filter(Boolean).join('\n');
  if (!css) return null;
  return <style data-testid="lesson-controls">{css}</style>;
}
