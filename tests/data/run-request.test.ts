/** The run request carries the chosen data, split and normalisation. */
import { describe, expect, it } from 'vitest';
import { buildRunRequest } from '../../src/renderer/src/run/run-request';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { DEFAULT_PREP, addDataset, datasetStore, setGenerator } from '../../src/renderer/src/data/dataset-store';
import { findDataset } from '../../src/renderer/src/run/datasets';
import type { ModelSpec } from '../../engine/spec/types';

const spec = {} as ModelSpec;

describe('buildRunRequest', () => {
  it('generators: settings, overrides, default stratified 60/20/20 split', () => {
    setGenerator('moons', { m: 123, noise: 0.3 });
    const r = buildRunRequest('r1', spec, { ...DEFAULT_SETTINGS, datasetId: 'moons', datasetSeed: 9 }, DEFAULT_PREP);
    expect(r.data).toMatchObject({ kind: 'generator', name: 'moons', m: 123, noise: 0.3, seed: 9 });
    expect(r.split).toEqual({ train: 0.6, dev: 0.2, seed: 1, stratify: true });
    expect(r.normalisation).toBeUndefined();
  });

  it('imported data goes inline; a limit slices a copy; normalisation and no split pass through', () => {
    const x = Float32Array.from({ length: 20 }, (_, i) => i);
    const y = Float32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const entry = addDataset({ label: 't.csv', description: '', data: { x, y, m: 10, exampleShape: [2], numClasses: 2, targetWidth: 1 }, warnings: [] });
    expect(findDataset(entry.id)?.shape).toEqual({ exampleShape: [2], numClasses: 2 });
    const r = buildRunRequest(
      'r2',
      spec,
      { ...DEFAULT_SETTINGS, datasetId: entry.id },
      { ...DEFAULT_PREP, splitOn: false, normalisation: 'standardise', limit: 4 },
    );
    if (r.data.kind !== 'inline') throw new Error('expected inline data');
    expect(Array.from(r.data.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.data.x.buffer.byteLength).toBe(32);
    expect(Array.from(r.data.y)).toEqual([0, 1, 0, 1]);
    expect(r.split).toBeUndefined();
    expect(r.normalisation).toBe('standardise');
  });

  it('a train-dev fraction goes into the split only when on', () => {
    const on = buildRunRequest('r4', spec, { ...DEFAULT_SETTINGS, datasetId: 'moons' }, { ...DEFAULT_PREP, trainDev: 0.15 });
    expect(on.split).toEqual({ train: 0.6, dev: 0.2, seed: 1, stratify: true, trainDev: 0.15 });
    const off = buildRunRequest('r5', spec, { ...DEFAULT_SETTINGS, datasetId: 'moons' }, { ...DEFAULT_PREP, trainDev: 0 });
    expect(off.split && 'trainDev' in off.split).toBe(false);
  });

  it('augmentation goes with image data only', () => {
    const image = addDataset({
      label: 'img',
      description: '',
      data: { x: new Float32Array(2 * 16), y: Float32Array.from([0, 1]), m: 2, exampleShape: [4, 4, 1], numClasses: 2, targetWidth: 1 },
      warnings: [],
    });
    const prep = { ...DEFAULT_PREP, flipHorizontal: true, maxShift: 2 };
    expect(buildRunRequest('r6', spec, { ...DEFAULT_SETTINGS, datasetId: image.id }, prep).augmentation).toEqual({ flipHorizontal: true, maxShift: 2 });
    expect(buildRunRequest('r7', spec, { ...DEFAULT_SETTINGS, datasetId: image.id }, { ...prep, flipHorizontal: false }).augmentation).toEqual({ maxShift: 2 });
    expect(buildRunRequest('r8', spec, { ...DEFAULT_SETTINGS, datasetId: image.id }, DEFAULT_PREP).augmentation).toBeUndefined();
    expect(buildRunRequest('r9', spec, { ...DEFAULT_SETTINGS, datasetId: 'moons' }, prep).augmentation).toBeUndefined();
  });

  it('MNIST not loaded yet: a clear message', () => {
    expect(datasetStore.getState().datasets.mnist).toBeUndefined();
    expect(() => buildRunRequest('r3', spec, { ...DEFAULT_SETTINGS, datasetId: 'mnist' }, DEFAULT_PREP)).toThrow(/still loading/);
  });
});
