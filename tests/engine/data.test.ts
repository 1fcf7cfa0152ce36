/** Generators, split, normalisation (from train only), one-hot, CSV. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/data/csv';
import { blobs, circles, flower, generate, moons, spirals, xor } from '../../engine/data/generators';
import { fitNormalisation } from '../../engine/data/normalise';
import { normaliseDataset, splitDataset } from '../helpers/split-reference';
import { oneHot } from '../../engine/data/one-hot';
import { GENERATORS } from '../../engine/data/source';

describe('generators', () => {
  it('are deterministic per seed and balanced', () => {
    for (const name of GENERATORS) {
      const a = generate({ kind: 'generator', name, m: 101, seed: 7 });
      const b = generate({ kind: 'generator', name, m: 101, seed: 7 });
      const c = generate({ kind: 'generator', name, m: 101, seed: 8 });
      expect(a.m).toBe(101);
      expect(a.x).toEqual(b.x);
      expect(a.x).not.toEqual(c.x);
      expect(a.exampleShape).toEqual([2]);
      for (let i = 0; i < a.m; i++) expect(Number.isFinite(a.x[2 * i]) && a.y[i] >= 0 && a.y[i] < a.numClasses).toBe(true);
    }
  });

  it('flower: N = m/2 points per class on 4-petal curves r = 4 sin(4t) (+ noise)', () => {
    const data = flower(400, 1);
    expect(data.numClasses).toBe(2);
    expect(Array.from(data.y).filter((y) => y === 1).length).toBe(200);
    // Without noise every point lies on r = |4 sin 4t| ≤ 4.
    const clean = flower(400, 1, 0);
    for (let i = 0; i < 400; i++) expect(Math.hypot(clean.x[2 * i], clean.x[2 * i + 1])).toBeLessThanOrEqual(4 + 1e-5);
  });

  it('moons, circles, spirals, xor and blobs have their classes', () => {
    expect(moons(10, 1).numClasses).toBe(2);
    expect(circles(10, 1).numClasses).toBe(2);
    expect(spirals(30, 1, 0.2, 3).numClasses).toBe(3);
    expect(blobs(40, 1, 0.5, 4).numClasses).toBe(4);
    const x = xor(200, 1, 0);
    for (let i = 0; i < 200; i++) expect(x.y[i]).toBe(x.x[2 * i] * x.x[2 * i + 1] < 0 ? 1 : 0);
  });
});

describe('split and normalisation', () => {
  it('splits with a seed into train/dev/test without losing examples', () => {
    const data = moons(100, 1);
    const a = splitDataset(data, { train: 0.6, dev: 0.2, seed: 3 });
    const b = splitDataset(data, { train: 0.6, dev: 0.2, seed: 3 });
    expect([a.train.m, a.dev!.m, a.test!.m]).toEqual([60, 20, 20]);
    expect(a.dev!.x).toEqual(b.dev!.x);
    expect(splitDataset(data, undefined).dev).toBeNull();
  });

  it('standardises with μ and σ² of the training set only, applied unchanged to dev', () => {
    const data = moons(200, 2);
    const { train, dev } = splitDataset(data, { train: 0.5, dev: 0.5, seed: 1 });
    const params = fitNormalisation('standardise', train);
    const trainN = normaliseDataset(params, train);
    const devN = normaliseDataset(params, dev!);
    const mean = (d: typeof train, f: number) => Array.from({ length: d.m }, (_, i) => d.x[2 * i + f]).reduce((a, b) => a + b, 0) / d.m;
    expect(mean(trainN, 0)).toBeCloseTo(0, 5);
    expect(Math.abs(mean(devN, 0))).toBeGreaterThan(1e-4); // dev is not re-centred on itself
    expect(devN.x[0]).toBeCloseTo((dev!.x[0] - params.shift[0]) * params.scale[0], 5);
  });

  it('one-hot encodes class indices as columns (k, m)', () => {
    expect(Array.from(oneHot([2, 0, 1], 3))).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('reads CSV with a header, named classes, and reports bad cells with the line', () => {
    const data = parseCsv('a,b,label\n1,2,cat\n3,4,dog\n5,6,cat\n');
    expect(data).toMatchObject({ m: 3, exampleShape: [2], numClasses: 2, classNames: ['cat', 'dog'] });
    expect(Array.from(data.y)).toEqual([0, 1, 0]);
    expect(() => parseCsv('1,2,0\n3,x,1\n', 'f.csv')).toThrow(
      'f.csv: 1 row with missing, non-numeric or out-of-range values (line 2 "column 2" is "x", not a number)',
    );
  });
});
