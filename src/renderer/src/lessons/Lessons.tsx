/** Everything lessons add to the app: the Learn menu, the picker, the open lesson (or quiz) and its controls. */
import { LessonControls } from './LessonControls';
import { LessonLauncher } from './LessonLauncher';
import { LessonPanel } from './LessonPanel';
import { LessonPicker } from './LessonPicker';
import { useLesson } from './lesson-store';
import { QuizCard } from './QuizCard';
import './lessons.css';

export function Lessons() {
  const inLesson = useLesson((s) => s.lesson !== null);
  const quiz = useLesson((s) => s.quiz);
  return (
    <>
      <LessonControls />
      <LessonPicker />
      {inLesson ? <LessonPanel /> : quiz ? <QuizCard /> : null}
      <LessonLauncher />
    </>
  );
}
