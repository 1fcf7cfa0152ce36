/**
 * The lessons a student has completed on this computer, kept across reloads and restarts so the
 * picker can tick them (a workshop spans days; a closed tab should not forget what was done).
 * Kept in localStorage, outside the project: it is the student's, not the network's. Whatever the
 * storage holds is read defensively — a hand-edited or full storage never breaks the picker.
 */
const KEY = 'dendrite.lessons.completed';
/** Lesson ids are short slugs; anything longer is not ours. */
const MAX_ID = 200;

/** Completed lesson ids → when (ISO date). */
export function completedLessons(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([id, when]) => id.length <= MAX_ID && typeof when === 'string'));
  } catch {
    return {};
  }
}

export function markCompleted(lessonId: string, when: Date = new Date()): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...completedLessons(), [lessonId]: when.toISOString() }));
  } catch {
    // Storage full or unavailable: the tick is a convenience, the lesson's results file is the record.
  }
}
