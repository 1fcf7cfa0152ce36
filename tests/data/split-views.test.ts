/** Splits laid out in one buffer as views (issue 8, memory): the same examples, labels and normalisation as copying each split. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../engine/data/dataset';
import { splitIndices } from '../../engine/data/split';
import { normaliseDataset, splitDataset } from '../helpers/split-reference';
import { fitNormalisation } from '../../engine/data/normalise';
import { gatherSplits, permuteRows } from '../../engine/data/split-views';
import { createRng, shuffleInPlace } from '../../engine/tensor/rng';

function data(m: number, n: number, classes: number): Dataset {
  const rng = createRng(11);
  const x = Float32Array.from({ length: m * n }, () => rng.randn() * 3 + 1);
  const y = Float32Array.from({ length: m }, (_, i) => (i * 7) % classes);
  return { x, y, m, exampleShape: [n], numClasses: classes, targetWidth: 1 };
}

describe('permuteRows', () => {
  it('rows[p] ← rows[order[p]] for a random permutation, in place', () => {
    const width = 3;
    const m = 50;
    const values = Float32Array.from({ length: m * width }, (_, i) => i);
    const order = Int32Array.from({ length: m }, (_, i) => i);
    shuffleInPlace(order, createRng(4));
    const expected = Array.from(order).flatMap((from) => [from * 3, from * 3 + 1, from * 3 + 2]);
    permuteRows(values, width, order);
    expect(Array.from(values)).toEqual(expected);
  });
});

describe('gatherSplits', () => {
  const split = { train: 0.7, dev: 0.15, seed: 3, stratify: true, trainDev: 0.2 };

  it.each([false, true])('equals split-then-normalise exactly (inPlace %s), with one buffer behind all splits', (inPlace) => {
    const source = data(300, 5, 3);
    const reference = splitDataset(source, split);
    const params = fitNormalisation('standardise', reference.train);
    const ix = splitIndices(source, split);
    // Fitting on the train rows of the whole dataset is the same fit as on a copy of train.
    const fitted = fitNormalisation('standardise', source, ix.train);
    expect(fitted.shift).toEqual(params.shift);
    expect(fitted.scale).toEqual(params.scale);

    const input = inPlace ? { ...source, x: source.x.slice(), y: source.y.slice() } : source;
    const views = gatherSplits(input, ix, fitted, { inPlace });
    for (const key of ['train', 'trainDev', 'dev', 'test'] as const) {
      const expected = normaliseDataset(params, reference[key]!);
      expect(views[key]!.m).toBe(expected.m);
      expect(Array.from(views[key]!.x)).toEqual(Array.from(expected.x));
      expect(Array.from(views[key]!.y)).toEqual(Array.from(expected.y));
    }
    const buffer = views.train.x.buffer;
    expect(views.dev!.x.buffer).toBe(buffer);
    expect(views.test!.x.buffer).toBe(buffer);
    expect(buffer === input.x.buffer).toBe(inPlace);
    // Without inPlace the caller's arrays are untouched.
    if (!inPlace) expect(Array.from(source.x.subarray(0, 5))).toEqual(Array.from(data(300, 5, 3).x.subarray(0, 5)));
  });

  it('empty splits are null', () => {
    const source = data(20, 2, 2);
    const views = gatherSplits(source, splitIndices(source, { train: 1, dev: 0, seed: 1 }), fitNormalisation('none', source));
    expect([views.train.m, views.trainDev, views.dev, views.test]).toEqual([20, null, null, null]);
  });
});
