/** The picker's ticks: kept across reloads, and whatever the storage holds never breaks the picker. */
import { beforeEach, describe, expect, it } from 'vitest';
import { completedLessons, markCompleted } from '../../src/renderer/src/lessons/completed';

const KEY = 'dendrite.lessons.completed';

/** A Storage that can be filled with anything, or made to refuse writes (quota exceeded). */
function fakeStorage(full = false) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('completed lessons', () => {
  let storage: ReturnType<typeof fakeStorage>;
  beforeEach(() => {
    storage = fakeStorage();
    Object.assign(globalThis, { localStorage: storage });
  });

  it('remembers each completed lesson with its date, keeping earlier ones', () => {
    markCompleted('course-01', new Date('2026-12-07T10:00:00Z'));
    markCompleted('course-02', new Date('2026-12-08T10:00:00Z'));
    expect(completedLessons()).toEqual({ 'course-01': '2026-12-07T10:00:00.000Z', 'course-02': '2026-12-08T10:00:00.000Z' });
  });

  it('reads malformed or hand-edited storage as nothing completed, or only its well-formed entries', () => {
    for (const junk of ['{', 'null', '[1,2]', '"text"', '42']) {
      storage.items.set(KEY, junk);
      expect(completedLessons(), junk).toEqual({});
    }
    storage.items.set(KEY, JSON.stringify({ good: '2026-12-07T10:00:00.000Z', bad: 7, ['x'.repeat(500)]: 'long' }));
    expect(completedLessons()).toEqual({ good: '2026-12-07T10:00:00.000Z' });
  });

  it('a full storage loses the tick, not the lesson', () => {
    Object.assign(globalThis, { localStorage: fakeStorage(true) });
    expect(() => markCompleted('course-01')).not.toThrow();
  });
});
