import type { FloatArray } from '../kernels';

/** One optimizer step on n values; g = dW + l2 · W (L2 folded in, l2 already λ/m). */
export function optimizerUpdate(
  kind: 0 | 1 | 2 | 3,
  W: FloatArray,
  dW: FloatArray,
  s1: FloatArray,
  s2: FloatArray,
  n: number,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  t: number,
  l2: number,
): void {
  switch (kind) {
    case 0:
      for (let i = 0; i < n; i++) W[i] -= learningRate * (dW[i] + l2 * W[i]);
      return;
    case 1:
      // v = β v + (1 − β) dW; W −= α v
      for (let i = 0; i < n; i++) {
        const g = dW[i] + l2 * W[i];
        s1[i] = beta1 * s1[i] + (1 - beta1) * g;
        W[i] -= learningRate * s1[i];
      }
      return;
    case 2:
      // s = β₂ s + (1 − β₂) dW²; W −= α dW / (√s + ε)
      for (let i = 0; i < n; i++) {
        const g = dW[i] + l2 * W[i];
        s2[i] = beta2 * s2[i] + (1 - beta2) * g * g;
        W[i] -= (learningRate * g) / (Math.sqrt(s2[i]) + epsilon);
      }
      return;
    case 3: {
      const correct1 = 1 - Math.pow(beta1, t);
      const correct2 = 1 - Math.pow(beta2, t);
      for (let i = 0; i < n; i++) {
        const g = dW[i] + l2 * W[i];
        s1[i] = beta1 * s1[i] + (1 - beta1) * g;
        s2[i] = beta2 * s2[i] + (1 - beta2) * g * g;
        const vCorrected = s1[i] / correct1;
        const sCorrected = s2[i] / correct2;
        W[i] -= (learningRate * vCorrected) / (Math.sqrt(sCorrected) + epsilon);
      }
      return;
    }
  }
}
