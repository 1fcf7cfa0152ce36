/**
 * A dataset in memory: examples-major features (m × prod(exampleShape)) and labels
 * (class indices, or m × targetWidth regression targets).
 */
export interface Dataset {
  x: Float32Array;
  y: Float32Array;
  m: number;
  exampleShape: number[];
  /** Number of classes (2 for binary), 0 for regression. */
  numClasses: number;
  /** Values per example in y (1 for class indices). */
  targetWidth: number;
  classNames?: string[];
  /**
   * Multi-task data (numClasses 2, targetWidth k ≥ 2): k yes/no labels per example, each 0, 1
   * or NaN where it is missing; these are the tasks' names.
   */
  taskNames?: string[];
}

export function exampleSize(data: Pick<Dataset, 'exampleShape'>): number {
  return data.exampleShape.reduce((a, b) => a * b, 1);
}

/** The examples at `indices`, copied into a new dataset. */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = exampleSize(data);
  const m = indices.length;
  const x = new Float32Array(m * n);
  const y = new Float32Array(m * data.targetWidth);
  for (let i = 0; i < m; i++) {
    const from = indices[i];
    x.set(data.x.subarray(from * n, from * n + n), i * n);
    y.set(data.y.subarray(from * data.targetWidth, (from + 1) * data.targetWidth), i * data.targetWidth);
  }
  return { ...data, x, y, m };
}
