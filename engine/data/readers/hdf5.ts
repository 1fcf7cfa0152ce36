/**
 * HDF5 files such as the course's `train_catvnoncat.h5` (`train_set_x` m×64×64×3 uint8,
 * `train_set_y` m labels, `list_classes` class names), read through h5wasm. This module
 * takes an opened file (any h5wasm build: `h5wasm` in browsers, `h5wasm/node` in Node), so it
 * stays free of I/O; `openHdf5Bytes` loads bytes through h5wasm's in-memory file system.
 */
import type { Dataset } from '../dataset';
import { FLOAT32_MAX, MAX_CLASSES, MAX_DATASET_VALUES, datasetSizeProblem } from '../../limits';
import { clip, quote } from '../../text';
import { DataReadError, type ReadResult } from './errors';

/** The part of h5wasm's `Dataset` we use. */
export interface H5DatasetLike {
  shape: number[] | null;
  value: unknown;
}
/** The part of h5wasm's `File` we use. */
export interface H5FileLike {
  keys(): string[];
  get(name: string): unknown;
}

export interface Hdf5Options {
  /** Dataset names; by default the first key ending in `_x` (or named `x`/`X`), `_y`, and `list_classes`. */
  x?: string;
  y?: string;
  classes?: string;
}

const isDataset = (v: unknown): v is H5DatasetLike => typeof v === 'object' && v !== null && 'shape' in v && 'value' in v;

function numbers(value: unknown, file: string, name: string): ArrayLike<number> {
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Array.from(value, (v) => Number(v));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value;
  throw new DataReadError(file, `dataset ${quote(name)} is not numeric`);
}

export function datasetFromHdf5(h5: H5FileLike, file: string, options: Hdf5Options = {}): ReadResult {
  const keys = h5.keys();
  const pick = (given: string | undefined, pattern: RegExp, what: string, required: boolean): string | null => {
    const name = given ?? keys.find((k) => pattern.test(k)) ?? null;
    if (name && keys.includes(name)) return name;
    if (!required) return null;
    throw new DataReadError(
      file,
      `has no ${what} dataset${given ? ` named ${quote(given)}` : ''} (found: ${
        keys
          .slice(0, 8)
          .map((k) => clip(k))
          .join(', ') || 'nothing'
      }${keys.length > 8 ? ', …' : ''}); expected e.g. train_set_x / train_set_y`,
    );
  };
  const xName = pick(options.x, /(^|_)x$/i, 'features', true)!;
  const yName = pick(options.y, /(^|_)y$/i, 'labels', true)!;
  const cName = pick(options.classes, /^list_classes$/, 'class names', false);
  const xSet = h5.get(xName);
  const ySet = h5.get(yName);
  if (!isDataset(xSet)) throw new DataReadError(file, `${quote(xName)} is a group, not a dataset`);
  if (!isDataset(ySet)) throw new DataReadError(file, `${quote(yName)} is a group, not a dataset`);
  const shape = xSet.shape ?? [];
  if (shape.length < 2 || shape.length > 4)
    throw new DataReadError(file, `${quote(xName)} has shape (${shape.join(', ')}); expected m examples of 1 to 3 dimensions`);
  const m = shape[0];
  if (m === 0) throw new DataReadError(file, `${quote(xName)} has no examples`);
  if (shape.slice(1).some((d) => d === 0)) throw new DataReadError(file, `${quote(xName)} has shape (${shape.join(', ')}): a dimension of 0 holds no values`);
  // Declared sizes before h5wasm reads (and allocates) the values.
  const tooLarge = datasetSizeProblem(
    m,
    shape.slice(1).reduce((a, b) => a * b, 1),
    MAX_DATASET_VALUES,
  );
  if (tooLarge) throw new DataReadError(file, `${quote(xName)}: ${tooLarge}`);
  const labelShape = ySet.shape;
  const labelCount = labelShape ? labelShape.reduce((a, b) => a * b, 1) : m;
  if (labelCount !== m) throw new DataReadError(file, `${quote(yName)} has ${labelCount} labels but ${quote(xName)} has ${m} examples`);
  const raw = numbers(xSet.value, file, xName);
  const labels = numbers(ySet.value, file, yName);
  // The course stores labels as (m,) or (1, m).
  if (labels.length !== m) throw new DataReadError(file, `${quote(yName)} has ${labels.length} labels but ${quote(xName)} has ${m} examples`);
  const bytes = raw instanceof Uint8Array;
  const x = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = bytes ? raw[i] / 255 : raw[i];
    if (!Number.isFinite(v)) throw new DataReadError(file, `${quote(xName)} value ${i} is not a finite number`);
    if (Math.abs(v) > FLOAT32_MAX) throw new DataReadError(file, `${quote(xName)} value ${i} is ${v}, beyond float32's range (±3.4e38)`);
    x[i] = v;
  }
  const y = new Float32Array(m);
  let max = 0;
  for (let i = 0; i < m; i++) {
    const v = Number(labels[i]);
    if (!Number.isInteger(v) || v < 0) throw new DataReadError(file, `${quote(yName)} label ${i} is ${v}; expected a class index ≥ 0`);
    if (v >= MAX_CLASSES) throw new DataReadError(file, `${quote(yName)} label ${i} is ${v}; Dendrite takes class indices below ${MAX_CLASSES}`);
    y[i] = v;
    max = Math.max(max, v);
  }
  let classNames: string[] | undefined;
  if (cName) {
    const c = h5.get(cName);
    if (isDataset(c) && Array.isArray(c.value)) classNames = c.value.map((v) => String(v));
  }
  const exampleShape = shape.length === 2 ? [shape[1]] : shape.length === 3 ? [shape[1], shape[2], 1] : shape.slice(1);
  const numClasses = Math.max(2, max + 1, classNames?.length ?? 0);
  const dataset: Dataset = { x, y, m, exampleShape, numClasses, targetWidth: 1 };
  if (classNames) dataset.classNames = classNames;
  return { dataset, warnings: bytes ? [] : [`${quote(xName)} is not uint8: values used as they are (not divided by 255)`] };
}

/** The part of an h5wasm module we use to read bytes: its file system and File class. */
export interface H5Module {
  FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  File: new (path: string, mode: 'r') => H5FileLike & { close(): void };
}

/** Opens `bytes` as an HDF5 file through h5wasm's file system; errors name the file. */
export function readHdf5Bytes(h5wasm: H5Module, bytes: Uint8Array, file: string, scratch: string, options?: Hdf5Options): ReadResult {
  if (bytes.length < 8 || bytes[1] !== 0x48 || bytes[2] !== 0x44 || bytes[3] !== 0x46) {
    throw new DataReadError(file, 'is not an HDF5 file (no HDF5 signature)');
  }
  h5wasm.FS.writeFile(scratch, bytes);
  let h5: (H5FileLike & { close(): void }) | null = null;
  try {
    try {
      h5 = new h5wasm.File(scratch, 'r');
    } catch (error) {
      throw new DataReadError(file, `could not be opened as HDF5 (${(error as Error).message}); truncated or corrupt?`);
    }
    try {
      return datasetFromHdf5(h5, file, options);
    } catch (error) {
      if (error instanceof DataReadError) throw error;
      throw new DataReadError(file, `could not be read (${(error as Error).message}); truncated or corrupt?`);
    }
  } finally {
    try {
      h5?.close();
    } catch {
      /* already failed */
    }
    h5wasm.FS.unlink(scratch);
  }
}
