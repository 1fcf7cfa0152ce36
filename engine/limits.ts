/**
 * Memory and size limits: the one place that says how much a file, a dataset or a planned
 * network may make Dendrite allocate. Every reader and planner checks its *declared* sizes
 * against these before it allocates, so a 1 KB file cannot ask for 12 GB. (Per-layer parameter
 * ranges — units, filter sizes — belong to each layer kind's descriptor, not here.)
 */
import type { LayerShapeInfo } from './compile/types';

const GiB = 1024 ** 3;

/** Nesting of a project or model file; ours are at most 6 deep. Deeper input is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * Null when parsed JSON nests at most `limit` deep; otherwise a one-line reason. Iterative, so a
 * file nested 5,000 levels deep is measured without recursion (validators, String() and the
 * compiler would all recurse into it and overflow the stack).
 */
export function nestingProblem(value: unknown, limit: number): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return `it nests deeper than ${limit} levels`;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Largest value a float32 holds; anything beyond becomes Infinity when stored. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** One text file (CSV, spec, model JSON): V8 strings stop just above 512 MiB. */
export const MAX_TEXT_FILE_BYTES = 512 * 1024 ** 2;

/** One binary data file (IDX, CIFAR batch, HDF5) read whole. */
export const MAX_BINARY_FILE_BYTES = 1.5e9;

/** Decompressed size of one gzip file (the size trailer is not trusted: output is counted). */
export const MAX_DECOMPRESSED_BYTES = 1 * GiB;

/** Feature values in one dataset (m × features), stored as float32: 800 MB. CIFAR-10's 50,000 images are 154 M. */
export const MAX_DATASET_VALUES = 200_000_000;

/** Classes a label column may define (ImageNet has 1,000). */
export const MAX_CLASSES = 1000;

/** Everything a planned network allocates: parameters, their gradients and optimizer state, and activations for its batch. */
export const MAX_NETWORK_BYTES = 2 * GiB;

/**
 * Buffers per activation element: A, Z, dZ and dA for a dense or conv layer (batch norm keeps
 * A, x̂, scratch and dA). Per parameter: value, gradient and two optimizer moments (Adam).
 */
const BUFFERS_PER_ACTIVATION = 4;
const BUFFERS_PER_PARAMETER = 4;

export interface NetworkFootprint {
  /** Bytes independent of the batch (parameters and their companions). */
  fixedBytes: number;
  /** Bytes per example of batch capacity (activations and their gradients). */
  bytesPerExample: number;
}

/** Bytes a network with these layers allocates, from the compiler's shape table (nothing is built). */
export function networkFootprint(layers: readonly Pick<LayerShapeInfo, 'outShape' | 'params'>[], bytesPerValue = 4): NetworkFootprint {
  let params = 0;
  let activations = 0;
  for (const layer of layers) {
    params += layer.params;
    activations += layer.outShape.reduce((a, b) => a * b, 1);
  }
  return { fixedBytes: params * BUFFERS_PER_PARAMETER * bytesPerValue, bytesPerExample: activations * BUFFERS_PER_ACTIVATION * bytesPerValue };
}

/** The largest batch capacity that fits the limit (0 when not even one example does). */
export function maxCapacity(footprint: NetworkFootprint, limit: number): number {
  const left = limit - footprint.fixedBytes;
  return left < footprint.bytesPerExample ? 0 : Math.floor(left / footprint.bytesPerExample);
}

export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Null when `capacity` examples fit `limit`; otherwise why not, in one line. Callers pass the
 * limit (MAX_NETWORK_BYTES) themselves, so each use of it is visible where it is enforced.
 */
export function networkMemoryProblem(footprint: NetworkFootprint, capacity: number, limit: number): string | null {
  const total = footprint.fixedBytes + footprint.bytesPerExample * capacity;
  if (total <= limit) return null;
  const fit = maxCapacity(footprint, limit);
  const advice = fit >= 1 ? `a batch of at most ${fit} fits` : 'not even one example fits: use smaller inputs or fewer units';
  return `the network would need ${formatBytes(total)} for a batch of ${capacity} (the limit is ${formatBytes(limit)}); ${advice}`;
}

/** Null when m examples of `exampleSize` values fit `limit` (MAX_DATASET_VALUES, passed by the reader). */
export function datasetSizeProblem(m: number, exampleSize: number, limit: number): string | null {
  const values = m * exampleSize;
  if (values <= limit) return null;
  return `${m.toLocaleString('en')} examples of ${exampleSize.toLocaleString('en')} values are ${formatBytes(values * 4)} as float32; Dendrite reads at most ${formatBytes(limit * 4)}`;
}
