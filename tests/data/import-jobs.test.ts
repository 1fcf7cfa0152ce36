/** The import worker's jobs, run here with Node decoders: images with progress, HDF5, IDX, and what is handed over. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm/node';
import { readImageFolderAsync } from '../../engine/data/readers/image-folder';
import type { H5Module } from '../../engine/data/readers/hdf5';
import { decodePng, solidPng as png } from '../helpers/png';
import { jobFor, runImportJob, transferablesOf, type ImportDeps } from '../../src/renderer/src/data/import-jobs';

const dir = mkdtempSync(join(tmpdir(), 'dendrite-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let scratch = 0;
const progress: number[] = [];
const deps: ImportDeps = {
  decodeImage: decodePng,
  hdf5: async () => {
    const mod = await h5wasm.ready;
    return { FS: mod.FS as unknown as H5Module['FS'], File: h5wasm.File as unknown as H5Module['File'] };
  },
  progress: (f) => progress.push(f),
  scratchPath: () => join(dir, `scratch-${(scratch += 1)}.h5`),
};

describe('import jobs', () => {
  it('an image folder: the same dataset as the folder reader, progress up to 1, unreadable files listed', async () => {
    const files = [
      { path: 'shapes/red/a.png', bytes: png(6, 6, [255, 0, 0]) },
      { path: 'shapes/red/b.png', bytes: png(3, 5, [200, 10, 10]) },
      { path: 'shapes/blue/c.png', bytes: png(4, 4, [0, 0, 255]) },
      { path: 'shapes/blue/d.png', bytes: new Uint8Array([1, 2, 3]) },
    ];
    progress.length = 0;
    const out = await runImportJob({ kind: 'images', folder: 'shapes', files, height: 4, width: 4, channels: 3 }, deps);
    const reference = await readImageFolderAsync(files, 'shapes', { height: 4, width: 4, channels: 3 }, decodePng);
    expect(out.label).toBe('shapes');
    expect(Array.from(out.dataset.x)).toEqual(Array.from(reference.dataset.x));
    expect(out.dataset.classNames).toEqual(['blue', 'red']);
    expect(out.warnings).toEqual(['shapes/blue/d.png: unreadable (not a PNG image); skipped']);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    await expect(runImportJob({ kind: 'images', folder: 'empty', files: [], height: 4, width: 4, channels: 1 }, deps)).rejects.toThrow(/^empty: is empty/);
  });

  it('an HDF5 file in the course layout, and one without the expected datasets', async () => {
    const path = join(dir, 'cats.h5');
    const f = new h5wasm.File(path, 'w');
    f.create_dataset({ name: 'list_classes', data: ['non-cat', 'cat'] });
    f.create_dataset({ name: 'train_set_x', data: new Uint8Array(2 * 2 * 2 * 3).fill(51), shape: [2, 2, 2, 3] });
    f.create_dataset({ name: 'train_set_y', data: new Int32Array([0, 1]), shape: [2] });
    f.close();
    const bytes = new Uint8Array(readFileSync(path));
    const out = await runImportJob(jobFor({ kind: 'hdf5' }, [{ name: 'cats.h5', bytes }]), deps);
    expect(out.label).toBe('cats');
    expect(out.dataset.exampleShape).toEqual([2, 2, 3]);
    expect(out.dataset.classNames).toEqual(['non-cat', 'cat']);
    expect(out.dataset.x[0]).toBeCloseTo(0.2, 6);

    const other = join(dir, 'other.h5');
    const g = new h5wasm.File(other, 'w');
    g.create_dataset({ name: 'pictures', data: new Uint8Array(4), shape: [1, 4] });
    g.close();
    await expect(runImportJob({ kind: 'hdf5', file: { name: 'other.h5', bytes: new Uint8Array(readFileSync(other)) } }, deps)).rejects.toThrow(
      /other.h5: has no features dataset/,
    );
  });

  it('hands over whole file buffers, copies views of part of one', () => {
    const whole = new Uint8Array(8);
    const part = new Uint8Array(new ArrayBuffer(16), 4, 8);
    expect(
      transferablesOf({
        kind: 'binary',
        files: [
          { name: 'a', bytes: whole },
          { name: 'b', bytes: part },
        ],
      }),
    ).toEqual([whole.buffer]);
  });

  it('one file per CSV or HDF5 rebuild', () => {
    expect(() => jobFor({ kind: 'hdf5' }, [])).toThrow(/reads one file; got 0/);
  });
});
