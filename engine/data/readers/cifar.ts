/**
 * CIFAR-10 binary batches (`data_batch_1.bin` …): records of 1 label byte + 3072 pixel
 * bytes (1024 red, 1024 green, 1024 blue, row-major 32×32). Converted to channels-last
 * [32, 32, 3] in [0, 1], the layout the engine's conv layers use.
 */
import type { Dataset } from '../dataset';
import { MAX_DATASET_VALUES, datasetSizeProblem } from '../../limits';
import { DataReadError, type ReadResult } from './errors';
import { maybeGunzip } from './gzip';

export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const PIXELS = 32 * 32;
const RECORD = 1 + 3 * PIXELS;
/** No batch file can hold more records than a whole dataset may: decompress no further than that. */
const MAX_FILE_BYTES = Math.floor(MAX_DATASET_VALUES / (3 * PIXELS)) * RECORD;

export function readCifar10(files: { name: string; bytes: Uint8Array }[]): ReadResult {
  if (files.length === 0) throw new DataReadError('CIFAR-10', 'no batch files given');
  const parts = files.map((file) => {
    const bytes = maybeGunzip(file.bytes, file.name, MAX_FILE_BYTES);
    if (bytes.length === 0) throw new DataReadError(file.name, 'is empty');
    if (bytes.length % RECORD !== 0) {
      throw new DataReadError(
        file.name,
        `is ${bytes.length} bytes, not a whole number of ${RECORD}-byte CIFAR-10 records (truncated, or not a CIFAR-10 binary batch)`,
      );
    }
    for (let r = 0; r < bytes.length; r += RECORD) {
      if (bytes[r] > 9) throw new DataReadError(file.name, `record ${r / RECORD} has label ${bytes[r]}; CIFAR-10 labels are 0–9`);
    }
    return bytes;
  });
  const m = parts.reduce((sum, b) => sum + b.length / RECORD, 0);
  const tooLarge = datasetSizeProblem(m, 3 * PIXELS, MAX_DATASET_VALUES);
  if (tooLarge) throw new DataReadError('CIFAR-10', tooLarge);
  const x = new Float32Array(m * 3 * PIXELS);
  const y = new Float32Array(m);
  const inv = 1 / 255;
  let i = 0;
  for (const bytes of parts) {
    for (let r = 0; r < bytes.length; r += RECORD, i++) {
      y[i] = bytes[r];
      const out = i * 3 * PIXELS;
      for (let p = 0; p < PIXELS; p++) {
        x[out + 3 * p] = bytes[r + 1 + p] * inv;
        x[out + 3 * p + 1] = bytes[r + 1 + PIXELS + p] * inv;
        x[out + 3 * p + 2] = bytes[r + 1 + 2 * PIXELS + p] * inv;
      }
    }
  }
  const dataset: Dataset = { x, y, m, exampleShape: [32, 32, 3], numClasses: 10, targetWidth: 1, classNames: [...CIFAR10_CLASSES] };
  return { dataset, warnings: [] };
}
