/** Lesson files: a valid one parses; each kind of malformed one is refused with the path of the problem. */
import { describe, expect, it } from 'vitest';
import { parseLesson, parseLessonText, MAX_LESSON_BYTES } from '../../engine/lessons/schema';
import { shippedLessons } from '../../engine/lessons/catalogue';

const base = () => JSON.parse(JSON.stringify(shippedLessons()[0])) as Record<string, any>;

describe('lesson format', () => {
  it('accepts the shipped lessons and round-trips them through text', () => {
    for (const lesson of shippedLessons()) expect(parseLessonText(JSON.stringify(lesson))).toEqual({ ok: true, lesson });
  });

  it('refuses what is not a lesson, or a newer format, in one line', () => {
    expect(parseLessonText('{')).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is not valid JSON/) });
    expect(parseLesson({ format: 'dendrite.project' })).toEqual({ ok: false, error: 'This is not a Dendrite lesson (format should be "dendrite.lesson").' });
    expect(parseLesson({ ...base(), version: 2 })).toEqual({
      ok: false,
      error: 'This lesson was written for a newer Dendrite (lesson format 2); update Dendrite to open it.',
    });
    expect(parseLessonText(' '.repeat(MAX_LESSON_BYTES + 1))).toEqual({ ok: false, error: 'The file is too large to be a Dendrite lesson.' });
  });

  it('names the path of a structural problem', () => {
    const lesson = base();
    lesson.steps[1].goal = { kind: 'run', conditions: [{ on: 'metric', metric: 'accuracy', op: '>=', value: 0.9 }] };
    expect(parseLesson(lesson)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The lesson is malformed: steps\[1\]\.goal\.conditions\[0\]\.metric: /),
    });
    const controls = base();
    controls.steps[0].controls = { hidden: ['the-whole-app'] };
    expect(parseLesson(controls)).toMatchObject({ ok: false, error: expect.stringMatching(/^The lesson is malformed: steps\[0\]\.controls\.hidden\[0\]: /) });
  });

  it('refuses what zod cannot see: repeated ids, dangling edges, no starting network, goals naming missing layers', () => {
    const twice = base();
    twice.steps[1].id = twice.steps[0].id;
    expect(parseLesson(twice)).toEqual({ ok: false, error: 'The lesson is malformed: steps[1].id: "shapes" appears twice.' });
    const dangling = base();
    dangling.steps[0].start.graph.edges[0].target = 'nowhere';
    expect(parseLesson(dangling)).toEqual({ ok: false, error: 'The lesson is malformed: steps[0].start.graph.edges[0] connects a node that does not exist.' });
    const noStart = base();
    delete noStart.steps[0].start;
    expect(parseLesson(noStart)).toEqual({ ok: false, error: 'The lesson is malformed: steps[0].start: the first step must give the starting network.' });
    const missing = base();
    missing.steps[2].goal = { kind: 'predict', targets: [{ layer: 'dense-9', quantity: 'W' }] };
    expect(parseLesson(missing)).toEqual({
      ok: false,
      error: 'The lesson is malformed: steps[2].goal names layer "dense-9", which the step\'s network does not have.',
    });
  });
});
