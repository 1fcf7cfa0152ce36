/** The datasets the toolbar offers (built-in generators, bundled, imported), and what they imply for the network's ends. */
import type { DatasetShape } from '../../../../engine/compile/types';
import type { GeneratorName } from '../../../../engine/data/source';
import { datasetStore, shapeOf } from '../data/dataset-store';

export interface BuiltinDataset {
  id: string;
  label: string;
  description: string;
  /** Generated from settings, bundled with the app (fetched on first use), or imported into memory. */
  kind: 'generator' | 'bundled' | 'imported';
  /** Generators: which one. */
  generator?: GeneratorName;
  m: number;
  noise?: number;
  classes?: number;
  shape: DatasetShape;
}

export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    id: 'flower',
    kind: 'generator',
    generator: 'flower',
    label: 'Planar flower (400)',
    description: 'The course\u2019s 2-class "flower": red and blue petals that no straight line separates.',
    m: 400,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'moons',
    kind: 'generator',
    generator: 'moons',
    label: 'Two moons (400)',
    description: 'Two interleaving half circles.',
    m: 400,
    noise: 0.2,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'circles',
    kind: 'generator',
    generator: 'circles',
    label: 'Circles (400)',
    description: 'A ring around a disc.',
    m: 400,
    noise: 0.1,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'xor',
    kind: 'generator',
    generator: 'xor',
    label: 'XOR (400)',
    description: 'Four clusters in the corners; opposite corners share a class.',
    m: 400,
    noise: 0.2,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'spirals',
    kind: 'generator',
    generator: 'spirals',
    label: 'Spirals (3 classes, 600)',
    description: 'Three interleaved spiral arms (softmax with 3 units).',
    m: 600,
    noise: 0.2,
    classes: 3,
    shape: { exampleShape: [2], numClasses: 3 },
  },
  {
    id: 'blobs',
    kind: 'generator',
    generator: 'blobs',
    label: 'Gaussian blobs (4 classes, 400)',
    description: 'Four Gaussian clusters (softmax with 4 units).',
    m: 400,
    noise: 0.5,
    classes: 4,
    shape: { exampleShape: [2], numClasses: 4 },
  },
  {
    id: 'shapes',
    kind: 'bundled',
    label: 'Shapes 64×64×3 (400)',
    description: 'Generated colour pictures of a circle or a square (64×64×3, 2 classes), made by the app on first use: the deep L-layer network\u2019s data.',
    m: 400,
    shape: { exampleShape: [64, 64, 3], numClasses: 2 },
  },
  {
    id: 'mnist',
    kind: 'bundled',
    label: 'MNIST digits (10,000)',
    description: '10,000 handwritten digits (28×28 grayscale, 10 classes), bundled with the app; loaded on first use.',
    m: 10_000,
    shape: { exampleShape: [28, 28, 1], numClasses: 10 },
  },
  {
    id: 'mnist-0-4',
    kind: 'bundled',
    label: 'MNIST digits 0–4 (5,131)',
    description: 'The bundled digits 0 to 4 only: task A of the transfer-learning example.',
    m: 5131,
    shape: { exampleShape: [28, 28, 1], numClasses: 5 },
  },
  {
    id: 'mnist-5-9',
    kind: 'bundled',
    label: 'MNIST digits 5–9 (4,869)',
    description: 'The bundled digits 5 to 9, relabelled 0 to 4: task B of the transfer-learning example.',
    m: 4869,
    shape: { exampleShape: [28, 28, 1], numClasses: 5 },
  },
  {
    id: 'tasks',
    kind: 'bundled',
    label: 'Plane, 3 yes/no tasks (600)',
    description: 'Multi-task data: each point has three yes/no labels (right, up, near the centre), a fifth of them missing.',
    m: 600,
    shape: { exampleShape: [2], numClasses: 2, tasks: 3 },
  },
];

/** Designing before there is data: the compiler skips the dataset checks and Train waits for a dataset. */
export const NO_DATASET = 'none';

/** Imported datasets, as toolbar entries. */
export function importedDatasets(): BuiltinDataset[] {
  return Object.values(datasetStore.getState().datasets)
    .filter((d) => !BUILTIN_DATASETS.some((b) => b.id === d.id))
    .map((d) => ({ id: d.id, kind: 'imported', label: d.label, description: d.description, m: d.data.m, shape: shapeOf(d.data) }));
}

export function findDataset(id: string): BuiltinDataset | null {
  return BUILTIN_DATASETS.find((d) => d.id === id) ?? importedDatasets().find((d) => d.id === id) ?? null;
}
