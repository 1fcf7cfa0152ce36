/**
 * Datasets that come with the app and are made ready when chosen: the MNIST subset (fetched and
 * decoded, data/mnist.ts), the generated Shapes images (data/shapes.ts), MNIST's digits 0–4 and
 * 5–9 as datasets of their own (the transfer-learning example), and the small multi-task plane
 * (three yes/no labels per point, some missing). One hook at the root loads whichever the
 * settings name, whatever tab is open.
 */
import { useEffect } from 'react';
import { type Dataset, planeTasks, selectClasses } from '../../../../engine/data';
import { FIRST_DIGITS, SECOND_DIGITS } from '../../../../engine/train';
import { useSettings } from '../stores';
import { addDataset, datasetStore } from './dataset-store';
import { MNIST_ID, ensureMnist } from './mnist';
import { SHAPES_CLASSES, SHAPES_COUNT, SHAPES_SIZE, generateShapes } from './shapes';

export const SHAPES_ID = 'shapes';
export const DIGITS_0_4 = 'mnist-0-4';
export const DIGITS_5_9 = 'mnist-5-9';
export const PLANE_TASKS_ID = 'tasks';

const DIGIT_HALVES: Record<string, { digits: number[]; label: string }> = {
  [DIGITS_0_4]: { digits: FIRST_DIGITS, label: 'MNIST digits 0–4' },
  [DIGITS_5_9]: { digits: SECOND_DIGITS, label: 'MNIST digits 5–9' },
};

let shapes: Promise<void> | null = null;

function ensureShapes(): Promise<void> {
  if (datasetStore.getState().datasets[SHAPES_ID]) return Promise.resolve();
  datasetStore.setState((s) => ({ loading: { ...s.loading, [SHAPES_ID]: true } }));
  // A moment for "Loading…" to paint: making the images takes a few hundred milliseconds.
  shapes ??= new Promise<void>((resolve) => setTimeout(resolve, 30)).then(() => {
    const started = performance.now();
    addDataset({
      id: SHAPES_ID,
      label: `Shapes ${SHAPES_SIZE}×${SHAPES_SIZE}×3 (${SHAPES_COUNT})`,
      description: `Generated pictures: a dark ${SHAPES_CLASSES[1]} or ${SHAPES_CLASSES[0]} on a light background, for the deep L-layer network (the course's cat pictures cannot be bundled).`,
      data: generateShapes(),
      warnings: [],
      loadSeconds: (performance.now() - started) / 1000,
    });
    datasetStore.setState((s) => {
      const { [SHAPES_ID]: _, ...rest } = s.loading;
      return { loading: rest };
    });
  });
  return shapes;
}

async function ensureDigitHalf(id: string, half: { digits: number[]; label: string }): Promise<void> {
  await ensureMnist();
  const mnist = datasetStore.getState().datasets[MNIST_ID];
  if (!mnist) {
    datasetStore.setState((s) => ({ loading: { ...s.loading, [id]: (s.loading[MNIST_ID] as string) ?? 'MNIST could not be loaded.' } }));
    return;
  }
  const selected = selectClasses({ kind: 'inline', ...mnist.data }, half.digits);
  const n = selected.exampleShape.reduce((a, b) => a * b, 1);
  const data: Dataset = {
    x: selected.x,
    y: selected.y,
    m: selected.x.length / n,
    exampleShape: selected.exampleShape,
    numClasses: selected.numClasses,
    targetWidth: 1,
    classNames: selected.classNames,
  };
  addDataset({
    id,
    label: half.label,
    description: `The bundled MNIST subset's digits ${half.digits[0]}–${half.digits.at(-1)}, relabelled 0–4.`,
    data,
    warnings: [],
  });
}

/** Loads a bundled or made dataset once; other ids are left alone (generators, imports). */
export async function ensureBundled(id: string): Promise<void> {
  if (datasetStore.getState().datasets[id]) return;
  if (id === MNIST_ID) return ensureMnist();
  if (id === SHAPES_ID) return ensureShapes();
  if (id === PLANE_TASKS_ID) {
    addDataset({
      id,
      label: 'Plane, 3 yes/no tasks',
      description: 'Points with three yes/no labels (right, up, near the centre), a fifth missing.',
      data: planeTasks(),
      warnings: [],
    });
    return;
  }
  const half = DIGIT_HALVES[id];
  if (half) return ensureDigitHalf(id, half);
}

/** Loads the chosen dataset when it is a bundled one (at start, on a template, on opening a project). */
export function useBundledData(): void {
  const datasetId = useSettings((s) => s.datasetId);
  useEffect(() => {
    void ensureBundled(datasetId);
  }, [datasetId]);
}
