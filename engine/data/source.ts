/**
 * Where a run's examples come from. Generators are described by name and settings
 * so hosts can send a few bytes instead of the data; `inline` carries the data itself
 * (examples-major: x has m rows of prod(exampleShape) features).
 */

export const GENERATORS = ['flower', 'moons', 'circles', 'spirals', 'xor', 'blobs'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

export interface GeneratorSource {
  kind: 'generator';
  name: GeneratorName;
  /** Number of examples m. */
  m: number;
  noise?: number;
  /** Number of classes, for generators that have a choice (blobs, spirals). */
  classes?: number;
  seed: number;
}

export interface InlineSource {
  kind: 'inline';
  /** Examples-major features: m × prod(exampleShape). */
  x: Float32Array;
  /** Class indices (classification) or targets (regression), length m × targetWidth. */
  y: Float32Array;
  exampleShape: number[];
  /** Number of classes, or 0 for regression targets. */
  numClasses: number;
  classNames?: string[];
  /** Multi-task labels (y is m × k of 0, 1 or NaN for missing): the k tasks' names. */
  taskNames?: string[];
}

export type DataSource = GeneratorSource | InlineSource;

/** Fractions of m; the rest after train and dev is the test split. */
export interface SplitConfig {
  train: number;
  dev: number;
  seed: number;
  /** Classification only: keep each class's proportion in every split (default false). */
  stratify?: boolean;
  /**
   * Fraction of the train split held out as train-dev: same distribution as train, never
   * trained on, so dev − train-dev error isolates data mismatch from variance (default 0).
   */
  trainDev?: number;
}

export type Normalisation = 'none' | 'standardise' | 'minmax';
