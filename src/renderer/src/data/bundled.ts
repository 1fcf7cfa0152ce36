/**
 * Datasets that come with the app and are made ready when chosen: the MNIST subset (fetched and
 * decoded, data/mnist.ts) and the generated Shapes images (data/shapes.ts). One hook at the root
 * loads whichever the settings name, whatever tab is open.
 */
import { useEffect } from 'react';
import { useSettings } from '../stores';
import { addDataset, datasetStore } from './dataset-store';
import { MNIST_ID, ensureMnist } from './mnist';
import { SHAPES_CLASSES, SHAPES_COUNT, SHAPES_SIZE, generateShapes } from './shapes';

export const SHAPES_ID = 'shapes';

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

export function ensureBundled(id: string): Promise<void> {
  if (id === MNIST_ID) return ensureMnist();
  if (id === SHAPES_ID) return ensureShapes();
  return Promise.resolve();
}

/** Loads the chosen dataset when it is a bundled one (at start, on a template, on opening a project). */
export function useBundledData(): void {
  const datasetId = useSettings((s) => s.datasetId);
  useEffect(() => {
    void ensureBundled(datasetId);
  }, [datasetId]);
}
