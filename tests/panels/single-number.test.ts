/** The single-number metric with a satisficing constraint, against hand-counted confusion matrices. */
import { describe, expect, it } from 'vitest';
import { bestThreshold, classificationMetrics, falsePositiveRate, metricValue, singleNumber } from '../../engine/train/metrics';

// TP = 3, FN = 1, FP = 1, TN = 5 (class 1 positive).
const actual = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const predicted = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
const binary = classificationMetrics(actual, predicted, 2);

describe('satisficing metrics', () => {
  it('reads the binary figures for the positive class', () => {
    expect(metricValue(binary, 'accuracy')).toBeCloseTo(8 / 10, 12);
    expect(metricValue(binary, 'recall')).toBeCloseTo(3 / 4, 12);
    expect(metricValue(binary, 'precision')).toBeCloseTo(3 / 4, 12);
    expect(metricValue(binary, 'false-positive-rate')).toBeCloseTo(1 / 6, 12);
    expect(metricValue(binary, 'f1')).toBeCloseTo(0.75, 12);
  });

  it('macro-averages one-vs-rest for more classes', () => {
    // 3 classes, confusion rows = actual: [[2,1,0],[0,3,0],[1,0,1]]
    const a = [0, 0, 0, 1, 1, 1, 2, 2];
    const p = [0, 0, 1, 1, 1, 1, 0, 2];
    const m = classificationMetrics(a, p, 3);
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 3, 0],
      [1, 0, 1],
    ]);
    // FPR per class: c0 = 1/5, c1 = 1/5, c2 = 0/6
    expect(falsePositiveRate(m.confusion, 0)).toBeCloseTo(1 / 5, 12);
    expect(falsePositiveRate(m.confusion, 2)).toBe(0);
    expect(metricValue(m, 'false-positive-rate')).toBeCloseTo((1 / 5 + 1 / 5 + 0) / 3, 12);
    // recall per class: 2/3, 1, 1/2
    expect(metricValue(m, 'recall')).toBeCloseTo((2 / 3 + 1 + 1 / 2) / 3, 12);
  });

  it('scores the optimising metric only when the constraint holds', () => {
    expect(singleNumber(binary, 'accuracy').score).toBeCloseTo(0.8, 12);
    const fails = singleNumber(binary, 'accuracy', { metric: 'recall', op: '>=', bound: 0.9 });
    expect(fails.constraint?.met).toBe(false);
    expect(fails.constraint?.value).toBeCloseTo(0.75, 12);
    expect(fails.score).toBeNull();
    expect(fails.optimising.value).toBeCloseTo(0.8, 12);
    // exactly at the bound passes
    expect(singleNumber(binary, 'f1', { metric: 'recall', op: '>=', bound: 0.75 }).constraint?.met).toBe(true);
    expect(singleNumber(binary, 'accuracy', { metric: 'false-positive-rate', op: '<=', bound: 0.2 }).score).toBeCloseTo(0.8, 12);
    expect(singleNumber(binary, 'accuracy', { metric: 'false-positive-rate', op: '<=', bound: 0.1 }).score).toBeNull();
  });

  it('finds the threshold that maximises accuracy subject to recall ≥ 100 %', () => {
    // scores sorted by class: positives 0.9 0.8 0.35 ; negatives 0.6 0.2 0.1
    const y = [1, 1, 1, 0, 0, 0];
    const s = [0.9, 0.8, 0.35, 0.6, 0.2, 0.1];
    // Unconstrained: t in (0.6, 0.8] → 5/6 correct (misses the 0.35 positive); ties broken nearest 0.5 → 0.61.
    const free = bestThreshold(y, s, 'accuracy')!;
    expect(free.result.score).toBeCloseTo(5 / 6, 12);
    expect(free.threshold).toBeCloseTo(0.61, 12);
    // Recall 100 % needs t ≤ 0.35: t in (0.2, 0.35] gives 5/6 too (one false positive at 0.6).
    const constrained = bestThreshold(y, s, 'accuracy', { metric: 'recall', op: '>=', bound: 1 })!;
    expect(constrained.threshold).toBeCloseTo(0.35, 12);
    expect(constrained.result.constraint?.met).toBe(true);
    // Impossible constraint → null.
    expect(bestThreshold(y, s, 'accuracy', { metric: 'false-positive-rate', op: '<=', bound: -1 })).toBeNull();
  });
});
