/**
 * Every shipped lesson is valid and can be completed: played step by step with its solution
 * through the engine (the app's checkGoal on real runs), its results file is accepted by
 * verify. Without the solution, the steps that ask for a change are not met.
 */
import { describe, expect, it } from 'vitest';
import { shippedLessons } from '../../engine/lessons/catalogue';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { verifyResults } from '../../engine/lessons/verify';
import { serialiseResults } from '../../engine/lessons/results';
import { playLesson } from '../helpers/lesson-player';
import { SOLUTIONS } from '../helpers/lesson-solutions';

describe('shipped lessons', () => {
  const lessons = shippedLessons();

  it('ships the course in order, every lesson valid, with a solution for this test', () => {
    expect(lessons.map((l) => l.id)).toEqual(Object.keys(SOLUTIONS));
    expect(lessons).toHaveLength(9);
  });

  for (const lesson of shippedLessons()) {
    it(`${lesson.title}: every goal is met by its solution, and verify accepts the results`, async () => {
      const played = await playLesson(lesson, SOLUTIONS[lesson.id]);
      const unmet = played.outcomes.flatMap((o, i) => (o.met ? [] : [`${lesson.steps[i].id}: ${o.problem ?? JSON.stringify(o.reports)}`]));
      expect(unmet).toEqual([]);
      const report = await verifyResults(serialiseResults(played.results), played.projectText, {
        findLesson: (id) => lessons.find((l) => l.id === id) ?? null,
        backend: createReferenceBackend('float32'),
      });
      expect(report.status === 'unreadable' ? report.error : report.lines.filter((l) => !l.ok)).toEqual([]);
      expect(report.status).toBe('verified');
    });
  }

  it('a step that asks for a change is not met without it', async () => {
    const planar = lessons.find((l) => l.id === 'course-02-planar-hidden-layer')!;
    const played = await playLesson(planar, { shapes: SOLUTIONS[planar.id].shapes });
    expect(played.outcomes.map((o) => o.met)).toEqual([true, true, false]);
    expect(played.outcomes[2].reports[0]).toMatchObject({ text: 'train accuracy ≥ 90 %', met: false });
  });
});
