/** Starting a lesson: the student's unsaved work is asked about first, then the lesson's first step loads. */
import { type Lesson, parseLessonText } from '../../../../engine/lessons';
import type { AppServices } from '../stores';
import { pickTextFile } from '../host/browser-files';
import { beginLesson, lessonStore } from './lesson-store';

export function startLesson(lesson: Lesson, services: Pick<AppServices, 'project'>, confirmDiscard: () => boolean): boolean {
  if (!confirmDiscard()) return false;
  beginLesson(lesson);
  // Save (and Save results) suggest the lesson's name for the project file.
  services.project.setState({ name: lesson.id });
  return true;
}

/** Open lesson file…: a lesson is validated whole before anything changes. */
export async function openLessonFile(services: Pick<AppServices, 'project'>, confirmDiscard: () => boolean): Promise<void> {
  let file;
  try {
    file = await pickTextFile('.json,application/json');
  } catch (error) {
    lessonStore.setState({ message: { kind: 'error', text: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` } });
    return;
  }
  if (!file) return;
  const parsed = parseLessonText(file.text);
  if (!parsed.ok) {
    lessonStore.setState({ pickerOpen: true, message: { kind: 'error', text: `${file.name}: ${parsed.error}` } });
    return;
  }
  startLesson(parsed.lesson, services, confirmDiscard);
}
