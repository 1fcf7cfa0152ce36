import { describe, expect, it } from 'vitest';
import { classificationMetrics, confusionMatrix } from '../../engine/train/metrics';

describe('classification metrics', () => {
  it('binary: precision, recall and F1 of class 1 from the confusion matrix', () => {
    // TP = 3, FN = 1, FP = 2, TN = 4
    const actual = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const predicted = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];
    const metrics = classificationMetrics(actual, predicted, 2);
    expect(metrics.confusion).toEqual([
      [4, 2],
      [1, 3],
    ]);
    expect(metrics.accuracy).toBeCloseTo(0.7, 12);
    expect(metrics.error).toBeCloseTo(0.3, 12);
    expect(metrics.binary!.precision).toBeCloseTo(3 / 5, 12);
    expect(metrics.binary!.recall).toBeCloseTo(3 / 4, 12);
    expect(metrics.binary!.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
  });

  it('multi-class: macro averages over classes; empty classes score 0 instead of NaN', () => {
    const metrics = classificationMetrics([0, 1, 2, 2], [0, 2, 2, 2], 4);
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 2], 3)[1]).toEqual([0, 0, 1]);
    expect(metrics.perClass[0]).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(metrics.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(metrics.perClass[2].precision).toBeCloseTo(2 / 3, 12);
    expect(metrics.perClass[3]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(metrics.macro.recall).toBeCloseTo((1 + 0 + 1 + 0) / 4, 12);
    expect(metrics.binary).toBeUndefined();
  });
});
