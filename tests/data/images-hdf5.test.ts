/** Image folders (generated PNG, decoded as the import worker does) and HDF5 files (written in the test with h5wasm), and their broken variants. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm/node';
import { readImageFolderAsync, type ImageFile, type ImageFolderOptions } from '../../engine/data/readers/image-folder';
import { datasetFromHdf5, readHdf5Bytes, type H5Module } from '../../engine/data/readers/hdf5';
import { DataReadError } from '../../engine/data/readers/errors';

import { decodePng, solidPng as png } from '../helpers/png';

const readImageFolder = (files: ImageFile[], folder: string, opts: ImageFolderOptions) => readImageFolderAsync(files, folder, opts, decodePng);
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataReadError);
    return (e as Error).message;
  }
  throw new Error('expected a DataReadError');
};
const folderMessage = (read: Promise<unknown>) =>
  read.then(
    () => {
      throw new Error('expected a DataReadError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(DataReadError);
      return (e as Error).message;
    },
  );

describe('image folders', () => {
  const files = [
    { path: 'pets/cats/a.png', bytes: png(8, 6, [255, 0, 0]) },
    { path: 'pets/cats/b.png', bytes: png(16, 16, [250, 0, 0]) },
    { path: 'pets/dogs/c.png', bytes: png(4, 4, [0, 0, 255]) },
    { path: 'pets/dogs/broken.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]) },
    { path: 'pets/dogs/notes.txt', bytes: new TextEncoder().encode('hello') },
  ];

  it('decodes, resizes to H×W, RGB or grayscale in [0, 1]; unreadable files listed', async () => {
    const { dataset, warnings } = await readImageFolder(files, 'pets', { height: 4, width: 5, channels: 3 });
    expect(dataset.m).toBe(3);
    expect(dataset.exampleShape).toEqual([4, 5, 3]);
    expect(dataset.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(dataset.y)).toEqual([0, 0, 1]);
    expect(Array.from(dataset.x.subarray(0, 3))).toEqual([1, 0, 0]);
    expect(dataset.x[60]).toBeGreaterThan(0.9); // 250/255 red
    expect(dataset.x[60 + 2]).toBeLessThan(0.1);
    expect(Array.from(dataset.x.subarray(120, 123))).toEqual([0, 0, 1]);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/pets\/dogs\/broken.png: unreadable/);
    expect(warnings.join('\n')).toMatch(/pets\/dogs\/notes.txt: unreadable \(not a PNG image\)/);
    const gray = (await readImageFolder(files, 'pets', { height: 2, width: 2, channels: 1 })).dataset;
    expect(gray.exampleShape).toEqual([2, 2, 1]);
    expect(gray.x[0]).toBeCloseTo(0.299, 5);
    expect(gray.x[8]).toBeCloseTo(0.114, 5);
  });

  it('an empty folder, one class, or nothing readable is an error naming the folder', async () => {
    expect(await folderMessage(readImageFolder([], 'empty', { height: 4, width: 4, channels: 1 }))).toMatch(/^empty: is empty/);
    expect(await folderMessage(readImageFolder(files.slice(0, 2), 'cats-only', { height: 4, width: 4, channels: 1 }))).toMatch(/cats-only: has only one class/);
    expect(await folderMessage(readImageFolder(files.slice(3), 'junk', { height: 4, width: 4, channels: 1 }))).toMatch(/junk: none of its 2 files/);
  });
});

describe('HDF5 (the course format, written with h5wasm)', () => {
  let dir = '';
  let Module: H5Module;
  beforeAll(async () => {
    const mod = await h5wasm.ready;
    Module = { FS: mod.FS as unknown as H5Module['FS'], File: h5wasm.File as unknown as H5Module['File'] };
    dir = mkdtempSync(join(tmpdir(), 'dendrite-h5-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, build: (f: InstanceType<typeof h5wasm.File>) => void): string {
    const path = join(dir, name);
    const f = new h5wasm.File(path, 'w');
    build(f);
    f.close();
    return path;
  }

  it('reads train_set_x / train_set_y / list_classes like train_catvnoncat.h5', () => {
    const m = 3;
    const pixels = new Uint8Array(m * 4 * 4 * 3).map((_, i) => i % 256);
    const path = write('train_catvnoncat.h5', (f) => {
      f.create_dataset({ name: 'list_classes', data: ['non-cat', 'cat'] });
      f.create_dataset({ name: 'train_set_x', data: pixels, shape: [m, 4, 4, 3] });
      f.create_dataset({ name: 'train_set_y', data: new BigInt64Array([1n, 0n, 1n]), shape: [m] });
    });
    const bytes = new Uint8Array(readFileSync(path));
    const { dataset } = readHdf5Bytes(Module, bytes, 'train_catvnoncat.h5', join(dir, 'scratch.h5'));
    expect(dataset.m).toBe(3);
    expect(dataset.exampleShape).toEqual([4, 4, 3]);
    expect(dataset.classNames).toEqual(['non-cat', 'cat']);
    expect(Array.from(dataset.y)).toEqual([1, 0, 1]);
    expect(dataset.x[5]).toBeCloseTo(5 / 255, 7);
    expect(dataset.numClasses).toBe(2);
  });

  it('names the file and the problem: missing datasets, mismatched labels, truncated, not HDF5', () => {
    const path = write('wrong.h5', (f) => {
      f.create_dataset({ name: 'pictures', data: new Uint8Array(8), shape: [2, 4] });
    });
    const h5 = new h5wasm.File(path, 'r');
    expect(message(() => datasetFromHdf5(h5, 'wrong.h5'))).toMatch(/wrong.h5: has no features dataset \(found: pictures\)/);
    h5.close();
    const mismatch = write('mismatch.h5', (f) => {
      f.create_dataset({ name: 'train_set_x', data: new Uint8Array(8), shape: [2, 4] });
      f.create_dataset({ name: 'train_set_y', data: new Int32Array([0, 1, 1]), shape: [3] });
    });
    const bytes = new Uint8Array(readFileSync(mismatch));
    expect(message(() => readHdf5Bytes(Module, bytes, 'mismatch.h5', join(dir, 's1.h5')))).toMatch(
      /mismatch.h5: "train_set_y" has 3 labels but "train_set_x" has 2/,
    );
    expect(message(() => readHdf5Bytes(Module, bytes.subarray(0, 600), 'cut.h5', join(dir, 's2.h5')))).toMatch(/^cut.h5: /);
    expect(message(() => readHdf5Bytes(Module, new TextEncoder().encode('a,b\n1,2\n'), 'data.csv', join(dir, 's3.h5')))).toMatch(
      /data.csv: is not an HDF5 file/,
    );
  });
});
