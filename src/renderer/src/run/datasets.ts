/** The built-in datasets the toolbar offers, and what they imply for the network's ends. */
import type { DatasetShape } from '../../../../engine/compile/types';
import type { GeneratorName } from '../../../../engine/data/source';

export interface BuiltinDataset {
  id: GeneratorName;
  label: string;
  description: string;
  m: number;
  noise?: number;
  shape: DatasetShape;
}

export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    id: 'flower',
    label: 'Planar flower (400)',
    description: 'The course\u2019s 2-class "flower": red and blue petals that no straight line separates.',
    m: 400,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'moons',
    label: 'Two moons (400)',
    description: 'Two interleaving half circles.',
    m: 400,
    noise: 0.2,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'circles',
    label: 'Circles (400)',
    description: 'A ring around a disc.',
    m: 400,
    noise: 0.1,
    shape: { exampleShape: [2], numClasses: 2 },
  },
  {
    id: 'xor',
    label: 'XOR (400)',
    description: 'Four clusters in the corners; opposite corners share a class.',
    m: 400,
    noise: 0.2,
    shape: { exampleShape: [2], numClasses: 2 },
  },
];

/** Designing before there is data: the compiler skips the dataset checks and Train waits for a dataset. */
export const NO_DATASET = 'none';

export function findDataset(id: string): BuiltinDataset | null {
  return BUILTIN_DATASETS.find((d) => d.id === id) ?? null;
}
