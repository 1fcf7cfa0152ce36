/**
 * Every reader and planner takes its limits from engine/limits.ts: shrink them there and each
 * refuses, before allocating, what it accepted a moment earlier. A reader with its own copy of
 * a limit (or none) fails here.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../engine/limits', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../engine/limits')>()),
  MAX_DECOMPRESSED_BYTES: 64 * 1024,
  MAX_DATASET_VALUES: 5000,
  MAX_NETWORK_BYTES: 64 * 1024,
}));

const { maybeGunzip } = await import('../../engine/data/readers/gzip');
const { readCifar10 } = await import('../../engine/data/readers/cifar');
const { readCsv } = await import('../../engine/data/readers/csv');
const { readIdxPair } = await import('../../engine/data/readers/idx');
const { encodeIdx } = await import('../../engine/data/idx');
const { folderEntries } = await import('../../engine/data/readers/image-folder');
const { importModel } = await import('../../engine/export/import');
const { prepareRun, RunInputError } = await import('../../engine/train/prepare');
const { createReferenceBackend } = await import('../../engine/kernels/reference');
const { planarRequest } = await import('../helpers/planar-request');

const message = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('limits are read from engine/limits.ts', () => {
  it('gzip: the default cap', () => {
    expect(message(() => maybeGunzip(gzipSync(new Uint8Array(100 * 1024)), 'x.gz'))).toBe(
      'x.gz: decompresses to more than 64 KB; Dendrite reads at most that from one file',
    );
  });

  it('IDX, CSV, CIFAR-10 and image folders: the dataset size, before the values are allocated', () => {
    const images = { name: 'i-idx3-ubyte', bytes: encodeIdx([10, 28, 28], new Uint8Array(7840)) };
    const labels = { name: 'l-idx1-ubyte', bytes: encodeIdx([10], new Uint8Array(10)) };
    expect(message(() => readIdxPair(images, labels))).toMatch(/^i-idx3-ubyte: declares 10×28×28 values .* at most 5,000 values$/);
    const rows = Array.from({ length: 1000 }, (_, i) => `${i},${i},${i},${i},${i},${i},${i % 2}`).join('\n');
    expect(message(() => readCsv(rows, 'wide.csv'))).toMatch(/^wide\.csv: 1,000 examples of 6 values are/);
    expect(message(() => readCifar10([{ name: 'b.bin', bytes: new Uint8Array(3073 * 2) }]))).toMatch(/^CIFAR-10: 2 examples of 3,072 values are/);
    const files = Array.from({ length: 10 }, (_, i) => ({ path: `set/c${i % 2}/${i}.png`, bytes: new Uint8Array(1) }));
    expect(message(() => folderEntries(files, 'set', { height: 32, width: 32, channels: 3 }))).toMatch(/^set: 10 examples of 3,072 values are/);
  });

  it('Import Model and a run: the network memory', () => {
    const model = {
      format: 'dendrite.model',
      version: 1,
      spec: planarRequest('x').spec,
      parameters: [],
      state: [],
      normalisation: { kind: 'none', shift: [], scale: [] },
      numClasses: 2,
      provenance: { createdAt: 'x', app: 'x' },
    };
    // 2-4-1 is 17 parameters: 272 bytes fixed, 112 bytes an example → 582 examples fit in 64 KB; the
    // missing tensors are only noticed after the (lowered) capacity was chosen.
    expect(importModel(JSON.stringify(model), { capacity: 100_000 })).toEqual({ ok: false, error: 'parameters: missing W for layer dense-1' });
    const request = { ...planarRequest('x'), data: { kind: 'generator' as const, name: 'flower' as const, m: 1000, seed: 1 } };
    expect(() => prepareRun(request, createReferenceBackend('float32'))).toThrow(RunInputError);
    expect(message(() => prepareRun(request, createReferenceBackend('float32')))).toMatch(
      /^Not enough memory for this run: the network would need 110 KB for a batch of 1000 \(the limit is 64 KB\); a batch of at most 582 fits\.$/,
    );
  });
});
