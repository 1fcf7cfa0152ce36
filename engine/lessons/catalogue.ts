/**
 * The lessons Dendrite ships (resources/lessons/), in course order: validated once when first
 * read, so a broken lesson file fails its test rather than a student's session.
 */
import logistic from '../../resources/lessons/course-01-logistic-regression.lesson.json';
import planar from '../../resources/lessons/course-02-planar-hidden-layer.lesson.json';
import initialisation from '../../resources/lessons/course-03-initialisation.lesson.json';
import regularisation from '../../resources/lessons/course-04-regularisation.lesson.json';
import optimisers from '../../resources/lessons/course-05-optimisers.lesson.json';
import batchNorm from '../../resources/lessons/course-06-batch-norm.lesson.json';
import softmax from '../../resources/lessons/course-07-softmax.lesson.json';
import convShapes from '../../resources/lessons/course-08-conv-shapes.lesson.json';
import residual from '../../resources/lessons/course-09-residual-block.lesson.json';
import type { Lesson } from './format';
import { parseLesson } from './schema';

const FILES: unknown[] = [logistic, planar, initialisation, regularisation, optimisers, batchNorm, softmax, convShapes, residual];

let cached: Lesson[] | null = null;

export function shippedLessons(): Lesson[] {
  if (!cached) {
    cached = FILES.map((file, i) => {
      const parsed = parseLesson(file);
      if (!parsed.ok) throw new Error(`Shipped lesson ${i + 1}: ${parsed.error}`);
      return parsed.lesson;
    });
  }
  return cached;
}

export function findShippedLesson(id: string): Lesson | null {
  return shippedLessons().find((lesson) => lesson.id === id) ?? null;
}
