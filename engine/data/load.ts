/** A DataSource (generator settings or inline arrays) → an in-memory Dataset, validated. */
import type { Dataset } from './dataset';
import { generate } from './generators';
import type { DataSource } from './source';

export function loadSource(source: DataSource): Dataset {
  if (source.kind === 'generator') {
    if (!Number.isInteger(source.m) || source.m < 2) throw new Error(`data.m: expected an integer ≥ 2, got ${source.m}`);
    return generate(source);
  }
  const n = source.exampleShape.reduce((a, b) => a * b, 1);
  if (!(n >= 1)) throw new Error('data.exampleShape: expected positive integers');
  if (source.x.length % n !== 0) throw new Error(`data.x: ${source.x.length} values is not a whole number of ${n}-value examples`);
  const m = source.x.length / n;
  if (m < 1) throw new Error('data.x: no examples');
  if (source.y.length % m !== 0) throw new Error(`data.y: ${source.y.length} values for ${m} examples`);
  for (let i = 0; i < source.x.length; i++) {
    if (!Number.isFinite(source.x[i])) throw new Error(`data.x[${i}]: expected a finite number, got ${source.x[i]}`);
  }
  const targetWidth = source.y.length / m;
  if (source.numClasses === 2 && targetWidth > 1) {
    // Multi-task: k yes/no labels per example, NaN where one is missing.
    for (let i = 0; i < source.y.length; i++) {
      const label = source.y[i];
      if (label !== 0 && label !== 1 && !Number.isNaN(label)) {
        throw new Error(`data.y[${i}]: expected a yes/no label (0 or 1, or missing), got ${label}`);
      }
    }
    if (source.taskNames && source.taskNames.length !== targetWidth)
      throw new Error(`data.taskNames: expected ${targetWidth} names, got ${source.taskNames.length}`);
  } else if (source.numClasses >= 2) {
    for (let i = 0; i < m; i++) {
      const label = source.y[i];
      if (!Number.isInteger(label) || label < 0 || label >= source.numClasses) {
        throw new Error(`data.y[${i}]: expected a class index from 0 to ${source.numClasses - 1}, got ${label}`);
      }
    }
  }
  return {
    x: source.x,
    y: source.y,
    m,
    exampleShape: [...source.exampleShape],
    numClasses: source.numClasses,
    targetWidth,
    classNames: source.classNames,
    ...(source.taskNames ? { taskNames: source.taskNames } : {}),
  };
}
