/**
 * Classification metrics from true and predicted class indices: accuracy/error,
 * the confusion matrix (rows = actual class, columns = predicted), per-class
 * precision/recall/F1, their macro averages, and for two classes the binary
 * figures with class 1 as the positive class; and the single-number metric with an
 * optional satisficing constraint.
 */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  error: number;
  confusion: number[][];
  perClass: ClassScores[];
  macro: { precision: number; recall: number; f1: number };
  /** Only for two classes: positive class 1. */
  binary?: { precision: number; recall: number; f1: number };
}

export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (a >= 0 && a < k && p >= 0 && p < k) matrix[a][p]++;
  }
  return matrix;
}

/** Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R); 0 when undefined. */
export function scoresFor(confusion: number[][], c: number): ClassScores {
  const k = confusion.length;
  const tp = confusion[c][c];
  let predictedC = 0;
  let actualC = 0;
  for (let j = 0; j < k; j++) {
    predictedC += confusion[j][c];
    actualC += confusion[c][j];
  }
  const precision = predictedC === 0 ? 0 : tp / predictedC;
  const recall = actualC === 0 ? 0 : tp / actualC;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: actualC };
}

export function classificationMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>, k: number): ClassificationMetrics {
  const confusion = confusionMatrix(actual, predicted, k);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += confusion[c][c];
  const m = actual.length;
  const accuracy = m === 0 ? 0 : correct / m;
  const perClass = confusion.map((_, c) => scoresFor(confusion, c));
  const mean = (key: 'precision' | 'recall' | 'f1') => perClass.reduce((sum, s) => sum + s[key], 0) / Math.max(1, k);
  const metrics: ClassificationMetrics = {
    accuracy,
    error: 1 - accuracy,
    confusion,
    perClass,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
  };
  if (k === 2) {
    const { precision, recall, f1 } = perClass[1];
    metrics.binary = { precision, recall, f1 };
  }
  return metrics;
}

/**
 * Single-number evaluation metric with an optional satisficing constraint (course 3):
 * "maximise the optimising metric subject to the constraint", e.g. maximise accuracy
 * subject to recall ≥ 90 %. For two classes the class-1 figures are used; for more,
 * the macro average over classes (one-vs-rest).
 */
export type OptimisingMetric = 'accuracy' | 'f1' | 'macro-f1';
export type SatisficingMetric = 'recall' | 'precision' | 'false-positive-rate' | 'accuracy';

export interface SatisficingConstraint {
  metric: SatisficingMetric;
  op: '>=' | '<=';
  /** A fraction (0.9 = 90 %). */
  bound: number;
}

export interface SingleNumberResult {
  optimising: { metric: OptimisingMetric; value: number };
  constraint?: SatisficingConstraint & { value: number; met: boolean };
  /** The optimising value if the constraint is met (or there is none), else null: the model is not acceptable. */
  score: number | null;
}

/** FP / (FP + TN) for class c against the rest; 0 when there are no negatives. */
export function falsePositiveRate(confusion: number[][], c: number): number {
  let fp = 0;
  let negatives = 0;
  for (let a = 0; a < confusion.length; a++) {
    if (a === c) continue;
    for (let p = 0; p < confusion.length; p++) negatives += confusion[a][p];
    fp += confusion[a][c];
  }
  return negatives === 0 ? 0 : fp / negatives;
}

export function metricValue(metrics: ClassificationMetrics, metric: OptimisingMetric | SatisficingMetric): number {
  const k = metrics.confusion.length;
  switch (metric) {
    case 'accuracy':
      return metrics.accuracy;
    case 'macro-f1':
      return metrics.macro.f1;
    case 'f1':
      return metrics.binary?.f1 ?? metrics.macro.f1;
    case 'recall':
      return metrics.binary?.recall ?? metrics.macro.recall;
    case 'precision':
      return metrics.binary?.precision ?? metrics.macro.precision;
    case 'false-positive-rate': {
      if (k === 2) return falsePositiveRate(metrics.confusion, 1);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += falsePositiveRate(metrics.confusion, c);
      return sum / Math.max(1, k);
    }
  }
}

export function singleNumber(metrics: ClassificationMetrics, optimising: OptimisingMetric, constraint?: SatisficingConstraint): SingleNumberResult {
  const value = metricValue(metrics, optimising);
  if (!constraint) return { optimising: { metric: optimising, value }, score: value };
  const actual = metricValue(metrics, constraint.metric);
  // A hair of tolerance so "recall ≥ 90 %" passes at exactly 9/10.
  const met = constraint.op === '>=' ? actual >= constraint.bound - 1e-12 : actual <= constraint.bound + 1e-12;
  return { optimising: { metric: optimising, value }, constraint: { ...constraint, value: actual, met }, score: met ? value : null };
}

/**
 * For a binary (sigmoid) output: the threshold in `candidates` with the best optimising
 * value among those that meet the constraint (ties: the one nearest 0.5), or null if
 * none does.
 */
export function bestThreshold(
  actual: ArrayLike<number>,
  scores: ArrayLike<number>,
  optimising: OptimisingMetric,
  constraint?: SatisficingConstraint,
  candidates: readonly number[] = Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
): { threshold: number; result: SingleNumberResult } | null {
  let best: { threshold: number; result: SingleNumberResult } | null = null;
  const predicted = new Array<number>(actual.length);
  for (const t of candidates) {
    for (let i = 0; i < actual.length; i++) predicted[i] = scores[i] >= t ? 1 : 0;
    const result = singleNumber(classificationMetrics(actual, predicted, 2), optimising, constraint);
    if (result.score === null) continue;
    if (
      !best ||
      result.score > best.result.score! + 1e-12 ||
      (Math.abs(result.score - best.result.score!) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best.threshold - 0.5))
    ) {
      best = { threshold: t, result };
    }
  }
  return best;
}
