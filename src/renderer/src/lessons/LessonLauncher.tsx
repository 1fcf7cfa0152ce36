/**
 * The Learn menu, in the app itself (the browser has no native menu): Lessons…, quiz mode, and
 * Save as lesson… — the same actions as Help ▸ Lessons, View ▸ Quiz Mode and File ▸ Save as Lesson.
 */
import { useState } from 'react';
import { openPicker, toggleQuiz, useLesson } from './lesson-store';
import { useSaveAsLesson } from './use-save-as-lesson';

export function LessonLauncher() {
  const [open, setOpen] = useState(false);
  const quiz = useLesson((s) => s.quiz);
  const inLesson = useLesson((s) => s.lesson !== null);
  const saveAsLesson = useSaveAsLesson();
  return (
    <div className="lesson-launcher">
      {open && (
        <div className="lesson-launcher__menu" role="menu">
          <button type="button" role="menuitem" onClick={() => (setOpen(false), openPicker())}>
            Lessons…
          </button>
          <button type="button" role="menuitemcheckbox" aria-checked={quiz} disabled={inLesson} onClick={() => (setOpen(false), toggleQuiz())}>
            {quiz ? '✓ ' : ''}Quiz mode (predict the shapes)
          </button>
          <button type="button" role="menuitem" onClick={() => (setOpen(false), saveAsLesson())}>
            Save as lesson…
          </button>
        </div>
      )}
      <button type="button" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen((v) => !v)} data-testid="learn-menu">
        Learn {open ? '▾' : '▴'}
      </button>
    </div>
  );
}
