import type { FloatArray } from '../kernels';

/**
 * Batch norm over a strided features × items layout: dense (n, m) uses
 * featStride = m, itemStride = 1; conv (m·n_H·n_W, n_C) uses featStride = 1, itemStride = n_C.
 */
export function batchNormForwardTrain(
  X: FloatArray,
  gamma: FloatArray,
  beta: FloatArray,
  Y: FloatArray,
  xHat: FloatArray,
  mean: FloatArray,
  variance: FloatArray,
  runMean: FloatArray,
  runVar: FloatArray,
  features: number,
  count: number,
  featStride: number,
  itemStride: number,
  epsilon: number,
  momentum: number,
): void {
  for (let j = 0; j < features; j++) {
    const base = j * featStride;
    let sum = 0;
    for (let i = 0; i < count; i++) sum += X[base + i * itemStride];
    const mu = sum / count;
    let sq = 0;
    for (let i = 0; i < count; i++) {
      const centred = X[base + i * itemStride] - mu;
      sq += centred * centred;
    }
    const sigma2 = sq / count;
    const inv = 1 / Math.sqrt(sigma2 + epsilon);
    for (let i = 0; i < count; i++) {
      const at = base + i * itemStride;
      const normalised = (X[at] - mu) * inv;
      xHat[at] = normalised;
      Y[at] = gamma[j] * normalised + beta[j];
    }
    mean[j] = mu;
    variance[j] = sigma2;
    runMean[j] = momentum * runMean[j] + (1 - momentum) * mu;
    runVar[j] = momentum * runVar[j] + (1 - momentum) * sigma2;
  }
}

export function batchNormForwardInfer(
  X: FloatArray,
  gamma: FloatArray,
  beta: FloatArray,
  Y: FloatArray,
  runMean: FloatArray,
  runVar: FloatArray,
  features: number,
  count: number,
  featStride: number,
  itemStride: number,
  epsilon: number,
): void {
  for (let j = 0; j < features; j++) {
    const base = j * featStride;
    const inv = 1 / Math.sqrt(runVar[j] + epsilon);
    for (let i = 0; i < count; i++) {
      const at = base + i * itemStride;
      Y[at] = gamma[j] * (X[at] - runMean[j]) * inv + beta[j];
    }
  }
}

export function batchNormBackward(
  dY: FloatArray,
  xHat: FloatArray,
  gamma: FloatArray,
  variance: FloatArray,
  dX: FloatArray,
  dGamma: FloatArray,
  dBeta: FloatArray,
  features: number,
  count: number,
  featStride: number,
  itemStride: number,
  epsilon: number,
): void {
  for (let j = 0; j < features; j++) {
    const base = j * featStride;
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let i = 0; i < count; i++) {
      const at = base + i * itemStride;
      sumDy += dY[at];
      sumDyXhat += dY[at] * xHat[at];
    }
    const meanDy = sumDy / count;
    const meanDyXhat = sumDyXhat / count;
    dBeta[j] = meanDy;
    dGamma[j] = meanDyXhat;
    const scale = gamma[j] / Math.sqrt(variance[j] + epsilon);
    for (let i = 0; i < count; i++) {
      const at = base + i * itemStride;
      dX[at] = scale * (dY[at] - meanDy - xHat[at] * meanDyXhat);
    }
  }
}
