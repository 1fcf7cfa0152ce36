/**
 * Datasets the app makes itself, loaded on first use like the bundled MNIST subset: its digits
 * 0–4 and 5–9 as datasets of their own (the transfer-learning example), and the small
 * multi-task plane (three yes/no labels per point, some missing).
 */
import { planeTasks } from '../../../../engine/tasks/example-data';
import { selectClasses } from '../../../../engine/transfer/classes';
import { FIRST_DIGITS, SECOND_DIGITS } from '../../../../engine/transfer/example';
import type { Dataset } from '../../../../engine/data/dataset';
import { addDataset, datasetStore } from './dataset-store';
import { ensureMnist, MNIST_ID } from './mnist';

export const DIGITS_0_4 = 'mnist-0-4';
export const DIGITS_5_9 = 'mnist-5-9';
export const PLANE_TASKS_ID = 'tasks';

const DIGIT_HALVES: Record<string, { digits: number[]; label: string }> = {
  [DIGITS_0_4]: { digits: FIRST_DIGITS, label: 'MNIST digits 0–4' },
  [DIGITS_5_9]: { digits: SECOND_DIGITS, label: 'MNIST digits 5–9' },
};

/** Loads a made or bundled dataset once; other ids are left alone (generators, imports). */
export async function ensureBundled(id: string): Promise<void> {
  const { datasets } = datasetStore.getState();
  if (datasets[id]) return;
  if (id === MNIST_ID) return ensureMnist();
  if (id === PLANE_TASKS_ID) {
    addDataset({ id, label: 'Plane, 3 yes/no tasks', description: 'Points with three yes/no labels (right, up, near the centre), a fifth missing.', data: planeTasks(), warnings: [] });
    return;
  }
  const half = DIGIT_HALVES[id];
  if (!half) return;
  await ensureMnist();
  const mnist = datasetStore.getState().datasets[MNIST_ID];
  if (!mnist) {
    datasetStore.setState((s) => ({ loading: { ...s.loading, [id]: (s.loading[MNIST_ID] as string) ?? 'MNIST could not be loaded.' } }));
    return;
  }
  const selected = selectClasses({ kind: 'inline', ...mnist.data }, half.digits);
  const n = selected.exampleShape.reduce((a, b) => a * b, 1);
  const data: Dataset = { x: selected.x, y: selected.y, m: selected.x.length / n, exampleShape: selected.exampleShape, numClasses: selected.numClasses, targetWidth: 1, classNames: selected.classNames };
  addDataset({ id, label: half.label, description: `The bundled MNIST subset's digits ${half.digits[0]}–${half.digits.at(-1)}, relabelled 0–4.`, data, warnings: [] });
}
