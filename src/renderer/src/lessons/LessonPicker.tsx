/** Help ▸ Lessons: the lessons Dendrite ships, in course order, and any lesson file. */
import { shippedLessons } from '../../../../engine/lessons';
import { useProject } from '../project/use-project';
import { useServices } from '../stores';
import { lessonStore, useLesson } from './lesson-store';
import { openLessonFile, startLesson } from './start-lesson';
import { Notation } from './Notation';
import { completedLessons } from './completed';
import { useModalDialog } from '../controls/use-modal-dialog';

export function LessonPicker() {
  const services = useServices();
  const { confirmDiscard } = useProject();
  const open = useLesson((s) => s.pickerOpen);
  const message = useLesson((s) => s.message);
  const dialog = useModalDialog(open);
  const close = () => lessonStore.setState({ pickerOpen: false });
  // Read each time the picker opens: a lesson finished since shows its tick.
  const completed = open ? completedLessons() : {};

  return (
    <dialog ref={dialog} className="lesson-picker" aria-label="Lessons" data-testid="lesson-picker" onClose={close}>
      <h2>Lessons</h2>
      <p className="muted small">
        Each lesson sets up a network, asks you to do something with it, and checks the result. Your work on the canvas is replaced (you are asked first if it
        is unsaved).
      </p>
      <ol className="lesson-picker__list">
        {shippedLessons().map((lesson) => (
          <li key={lesson.id}>
            <button
              type="button"
              data-testid={`lesson-${lesson.id}`}
              onClick={() => {
                if (startLesson(lesson, services, confirmDiscard)) close();
              }}
            >
              <strong>{lesson.title}</strong>
              <span>
                <Notation text={lesson.summary} />
              </span>
              <span className="muted small">
                {lesson.steps.length} steps
                {completed[lesson.id] && (
                  <span className="lesson-picker__done" data-testid={`lesson-done-${lesson.id}`}>
                    {' '}
                    · ✓ completed {new Date(completed[lesson.id]!).toLocaleDateString()}
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {message?.kind === 'error' && (
        <p className="lesson-message error" role="alert">
          {message.text}
        </p>
      )}
      <div className="lesson-picker__actions">
        <button type="button" onClick={() => void openLessonFile(services, confirmDiscard).then(() => lessonStore.getState().lesson && close())}>
          Open lesson file…
        </button>
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
