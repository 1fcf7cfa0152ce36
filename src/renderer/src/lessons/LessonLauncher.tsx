/**
 * The Learn menu, in the app itself (the browser has no native menu): Lessons…, quiz mode, and
 * Save as lesson… — the same actions as Help ▸ Lessons, View ▸ Quiz Mode and File ▸ Save as Lesson.
 */
import { useState } from 'react';
import { openPicker, toggleQuiz, useLesson } from './lesson-store';
import { useSaveAsLesson } from './use-save-as-lesson';

/** Set once the Learn menu has been opened: the first-launch tip does not come back. */
const SEEN_KEY = 'dendrite.learn.seen';

function seen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return true;
  }
}

export function LessonLauncher() {
  const [open, setOpen] = useState(false);
  const [tip, setTip] = useState(() => !seen());
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
      {tip && !open && !inLesson && !quiz && (
        <p className="lesson-launcher__tip" data-testid="learn-tip">
          New here? Start with a lesson.
        </p>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="menu"
        data-testid="learn-menu"
        onClick={() => {
          setOpen((v) => !v);
          if (tip) {
            setTip(false);
            try {
              localStorage.setItem(SEEN_KEY, '1');
            } catch {
              // Private windows may refuse storage: the tip then shows again next time.
            }
          }
        }}
      >
        Learn {open ? '▾' : '▴'}
      </button>
    </div>
  );
}
