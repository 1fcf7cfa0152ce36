/**
 * IDX image/label pairs (MNIST, Fashion-MNIST), gzipped or not → a Dataset with pixels
 * scaled to [0, 1] and exampleShape [H, W, 1] (or [n] for 2-D feature files).
 */
import { parseIdx, type Idx } from '../idx';
import type { Dataset } from '../dataset';
import { DataReadError, type ReadResult } from './errors';
import { maybeGunzip } from './gzip';

export interface IdxFile {
  name: string;
  bytes: Uint8Array;
}

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];

function parse(file: IdxFile): Idx {
  const bytes = maybeGunzip(file.bytes, file.name);
  try {
    return parseIdx(bytes);
  } catch (error) {
    throw new DataReadError(file.name, (error as Error).message);
  }
}

export function readIdxPair(images: IdxFile, labels: IdxFile, options: { classNames?: string[] } = {}): ReadResult {
  const img = parse(images);
  const lab = parse(labels);
  if (img.dims.length < 2 || img.dims.length > 4) {
    throw new DataReadError(images.name, `expected images of 2 to 4 dimensions (m × H × W [× C]), found ${img.dims.join('×')}`);
  }
  if (lab.dims.length !== 1) throw new DataReadError(labels.name, `expected one label per example (1 dimension), found ${lab.dims.join('×')}`);
  const m = img.dims[0];
  if (m === 0) throw new DataReadError(images.name, 'contains no examples');
  if (lab.dims[0] !== m) {
    throw new DataReadError(labels.name, `has ${lab.dims[0]} labels but ${images.name} has ${m} images`);
  }
  const rest = img.dims.slice(1);
  const exampleShape = rest.length === 1 ? rest : rest.length === 2 ? [...rest, 1] : rest;
  const raw = img.data;
  const x = new Float32Array(raw.length);
  if (raw instanceof Uint8Array) {
    const inv = 1 / 255;
    for (let i = 0; i < raw.length; i++) x[i] = raw[i] * inv;
  } else {
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (!Number.isFinite(v)) throw new DataReadError(images.name, `value ${i} is not a finite number`);
      x[i] = v;
    }
  }
  const y = new Float32Array(m);
  let maxLabel = 0;
  for (let i = 0; i < m; i++) {
    const label = lab.data[i];
    if (!Number.isInteger(label) || label < 0) throw new DataReadError(labels.name, `label ${i} is ${label}; expected a class index ≥ 0`);
    y[i] = label;
    if (label > maxLabel) maxLabel = label;
  }
  if (maxLabel >= 10_000) throw new DataReadError(labels.name, `labels go up to ${maxLabel}; expected class indices`);
  const numClasses = Math.max(2, maxLabel + 1, options.classNames?.length ?? 0);
  const dataset: Dataset = { x, y, m, exampleShape, numClasses, targetWidth: 1 };
  if (options.classNames) dataset.classNames = options.classNames;
  return { dataset, warnings: [] };
}
