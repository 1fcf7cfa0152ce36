/**
 * IDX image/label pairs (MNIST, Fashion-MNIST), gzipped or not → a Dataset with pixels
 * scaled to [0, 1] and exampleShape [H, W, 1] (or [n] for 2-D feature files).
 */
import { IDX_MAX_HEADER, parseIdx, readIdxHeader, type Idx } from '../idx';
import type { Dataset } from '../dataset';
import { FLOAT32_MAX, MAX_CLASSES, MAX_DATASET_VALUES, formatBytes } from '../../limits';
import { DataReadError, type ReadResult } from './errors';
import { gunzipPrefix, inflateAtMost, isGzip } from './gzip';

export interface IdxFile {
  name: string;
  bytes: Uint8Array;
}

export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** The header first: what it declares is checked against the limits before the rest is decompressed. */
function parse(file: IdxFile): Idx {
  try {
    const header = readIdxHeader(gunzipPrefix(file.bytes, file.name, IDX_MAX_HEADER));
    if (header.count > MAX_DATASET_VALUES) {
      throw new DataReadError(
        file.name,
        `declares ${header.dims.join('×')} values (${formatBytes(header.count * 4)} as float32); Dendrite reads at most ${MAX_DATASET_VALUES.toLocaleString('en')} values`,
      );
    }
    const declared = header.headerSize + header.dataBytes;
    const { data, more } = isGzip(file.bytes) ? inflateAtMost(file.bytes, file.name, declared) : { data: file.bytes, more: false };
    if (more)
      throw new DataReadError(
        file.name,
        `decompresses to more than the ${declared.toLocaleString('en')} bytes its header declares (${header.dims.join('×')}): corrupt, or not IDX`,
      );
    return parseIdx(data);
  } catch (error) {
    if (error instanceof DataReadError) throw error;
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
  if (rest.some((d) => d === 0)) throw new DataReadError(images.name, `declares images of ${rest.join('×')}: a side of 0 holds no pixels`);
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
      if (Math.abs(v) > FLOAT32_MAX) throw new DataReadError(images.name, `value ${i} is ${v}, beyond float32's range (±3.4e38)`);
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
  if (maxLabel >= MAX_CLASSES) throw new DataReadError(labels.name, `labels go up to ${maxLabel}; Dendrite takes class indices below ${MAX_CLASSES}`);
  const numClasses = Math.max(2, maxLabel + 1, options.classNames?.length ?? 0);
  const dataset: Dataset = { x, y, m, exampleShape, numClasses, targetWidth: 1 };
  if (options.classNames) dataset.classNames = options.classNames;
  return { dataset, warnings: [] };
}
