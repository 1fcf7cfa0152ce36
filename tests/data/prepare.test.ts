/** Splits (seeded, stratified) and normalisation fitted on train only: exact statistics. */
import { describe, expect, it } from 'vitest';
import { labelled } from '../helpers/labelled-dataset';
import { fitNormalisation } from '../../engine/data/normalise';
import { normaliseDataset, splitDataset } from '../helpers/split-reference';
import { classCounts } from '../../engine/data/readers/summary';

describe('split', () => {
  it('stratified 60/20/20 keeps every class proportion exactly, loses nothing, and is seeded', () => {
    const data = labelled([500, 300, 200]);
    const s = splitDataset(data, { train: 0.6, dev: 0.2, seed: 7, stratify: true });
    expect(classCounts(s.train)).toEqual([300, 180, 120]);
    expect(classCounts(s.dev!)).toEqual([100, 60, 40]);
    expect(classCounts(s.test!)).toEqual([100, 60, 40]);
    const ids = [s.train, s.dev!, s.test!].flatMap((d) => Array.from({ length: d.m }, (_, i) => d.x[2 * i])).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const again = splitDataset(data, { train: 0.6, dev: 0.2, seed: 7, stratify: true });
    expect(again.dev!.x).toEqual(s.dev!.x);
    const other = splitDataset(data, { train: 0.6, dev: 0.2, seed: 8, stratify: true });
    expect(other.dev!.x).not.toEqual(s.dev!.x);
    // Labels travel with their features.
    for (let i = 0; i < s.test!.m; i++) expect(s.test!.x[2 * i + 1]).toBe(s.test!.y[i] * 10);
  });

  it('98/1/1 of a large set', () => {
    const data = labelled([5000, 5000]);
    const s = splitDataset(data, { train: 0.98, dev: 0.01, seed: 1, stratify: true });
    expect([s.train.m, s.dev!.m, s.test!.m]).toEqual([9800, 100, 100]);
  });

  it('unstratified splits stay as they were (contiguous slices of one shuffle)', () => {
    const data = labelled([90, 10]);
    const s = splitDataset(data, { train: 0.5, dev: 0.25, seed: 3 });
    expect([s.train.m, s.dev!.m, s.test!.m]).toEqual([50, 25, 25]);
  });
});

describe('normalisation (fitted on train only)', () => {
  const data = labelled([6, 6]);
  const { train, dev } = splitDataset(data, { train: 0.5, dev: 0.5, seed: 2, stratify: true });

  it('standardise: train has mean 0 and variance 1 per feature; dev uses train μ, σ²', () => {
    const p = fitNormalisation('standardise', train);
    const t = normaliseDataset(p, train);
    for (let f = 0; f < 2; f++) {
      const col = Array.from({ length: t.m }, (_, i) => t.x[2 * i + f]);
      const mean = col.reduce((a, b) => a + b, 0) / t.m;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / t.m;
      expect(mean).toBeCloseTo(0, 6);
      expect(variance).toBeCloseTo(1, 5);
    }
    const rawCol = Array.from({ length: train.m }, (_, i) => train.x[2 * i]);
    const mu = rawCol.reduce((a, b) => a + b, 0) / train.m;
    const sigma2 = rawCol.reduce((a, b) => a + (b - mu) ** 2, 0) / train.m;
    expect(p.shift[0]).toBeCloseTo(mu, 10);
    expect(p.scale[0]).toBeCloseTo(1 / Math.sqrt(sigma2), 10);
    const d = normaliseDataset(p, dev!);
    expect(d.x[0]).toBeCloseTo((dev!.x[0] - mu) / Math.sqrt(sigma2), 5);
  });

  it('min–max maps train exactly onto [0, 1]', () => {
    const p = fitNormalisation('minmax', train);
    const t = normaliseDataset(p, train);
    for (let f = 0; f < 2; f++) {
      const col = Array.from({ length: t.m }, (_, i) => t.x[2 * i + f]);
      expect(Math.min(...col)).toBe(0);
      expect(Math.max(...col)).toBe(1);
    }
  });
});
