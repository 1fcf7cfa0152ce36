/**
 * Classification metrics from true and predicted class indices: accuracy/error,
 * the confusion matrix (rows = actual class, columns = predicted), per-class
 * precision/recall/F1, their macro averages, and for two classes the binary
 * figures with class 1 as the positive class.
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
