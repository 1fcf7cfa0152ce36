/** Multi-task data (course 3, week 2): k ≥ 2 yes/no labels per example, each 0, 1 or missing (NaN). */
import type { DatasetShape } from '../../compile/types';
import type { Dataset } from '../dataset';

/** How many yes/no tasks a dataset has: k for multi-task data, else 1. */
export function taskCount(data: Pick<Dataset, 'numClasses' | 'targetWidth'>): number {
  return data.numClasses === 2 && data.targetWidth > 1 ? data.targetWidth : 1;
}

export const isMultiTask = (data: Pick<Dataset, 'numClasses' | 'targetWidth'>): boolean => taskCount(data) > 1;

/** The tasks' names: the dataset's, or "task 1"…"task k". */
export function taskNamesOf(data: Pick<Dataset, 'numClasses' | 'targetWidth' | 'taskNames'>): string[] {
  return data.taskNames ?? Array.from({ length: taskCount(data) }, (_, j) => `task ${j + 1}`);
}

/** What the compiler checks the network's ends against: example shape, classes and tasks. */
export function shapeOfData(data: Pick<Dataset, 'exampleShape' | 'numClasses' | 'targetWidth'>): DatasetShape {
  return { exampleShape: [...data.exampleShape], numClasses: data.numClasses, ...(isMultiTask(data) ? { tasks: taskCount(data) } : {}) };
}
