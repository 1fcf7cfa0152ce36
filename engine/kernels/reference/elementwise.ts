import { ACT, type ActCode, type FloatArray } from '../kernels';

export function addBiasRows(Z: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const b = bias[r];
    const row = r * cols;
    for (let c = 0; c < cols; c++) Z[row + c] += b;
  }
}

export function addBiasCols(Z: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) Z[row + c] += bias[c];
  }
}

export function sumRows(X: FloatArray, rows: number, cols: number, scale: number, out: FloatArray, beta: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += X[row + c];
    out[r] = beta === 0 ? scale * sum : scale * sum + beta * out[r];
  }
}

export function sumCols(X: FloatArray, rows: number, cols: number, scale: number, out: FloatArray, beta: number): void {
  if (beta === 0) out.fill(0, 0, cols);
  else if (beta !== 1) for (let c = 0; c < cols; c++) out[c] *= beta;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c] += scale * X[row + c];
  }
}

export function activationForward(act: ActCode, Z: FloatArray, A: FloatArray, n: number, alpha: number): void {
  switch (act) {
    case ACT.linear:
      for (let i = 0; i < n; i++) A[i] = Z[i];
      return;
    case ACT.sigmoid:
      for (let i = 0; i < n; i++) A[i] = 1 / (1 + Math.exp(-Z[i]));
      return;
    case ACT.tanh:
      for (let i = 0; i < n; i++) A[i] = Math.tanh(Z[i]);
      return;
    case ACT.relu:
      for (let i = 0; i < n; i++) A[i] = Z[i] > 0 ? Z[i] : 0;
      return;
    case ACT.leaky_relu:
      for (let i = 0; i < n; i++) A[i] = Z[i] > 0 ? Z[i] : alpha * Z[i];
      return;
  }
}

export function activationBackward(act: ActCode, Z: FloatArray, A: FloatArray, dA: FloatArray, dZ: FloatArray, n: number, alpha: number): void {
  switch (act) {
    case ACT.linear:
      for (let i = 0; i < n; i++) dZ[i] = dA[i];
      return;
    case ACT.sigmoid:
      for (let i = 0; i < n; i++) dZ[i] = dA[i] * A[i] * (1 - A[i]);
      return;
    case ACT.tanh:
      for (let i = 0; i < n; i++) dZ[i] = dA[i] * (1 - A[i] * A[i]);
      return;
    case ACT.relu:
      for (let i = 0; i < n; i++) dZ[i] = Z[i] > 0 ? dA[i] : 0;
      return;
    case ACT.leaky_relu:
      for (let i = 0; i < n; i++) dZ[i] = Z[i] > 0 ? dA[i] : alpha * dA[i];
      return;
  }
}

export function softmaxCols(Z: FloatArray, A: FloatArray, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    let max = -Infinity;
    for (let r = 0; r < rows; r++) max = Math.max(max, Z[r * cols + c]);
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const e = Math.exp(Z[r * cols + c] - max);
      A[r * cols + c] = e;
      sum += e;
    }
    for (let r = 0; r < rows; r++) A[r * cols + c] /= sum;
  }
}

export function mul(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

export function axpby(alpha: number, x: FloatArray, beta: number, y: FloatArray, n: number): void {
  if (beta === 0) for (let i = 0; i < n; i++) y[i] = alpha * x[i];
  else for (let i = 0; i < n; i++) y[i] = alpha * x[i] + beta * y[i];
}

export function sumSquares(x: FloatArray, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] * x[i];
  return sum;
}

export function transpose(X: FloatArray, rows: number, cols: number, out: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = X[row + c];
  }
}

export function gatherColumns(x: FloatArray, indices: Int32Array, start: number, m: number, n: number, out: FloatArray): void {
  // Blocks of 16 examples: each output row segment stays in cache while the block is read.
  for (let i0 = 0; i0 < m; i0 += 16) {
    const i1 = Math.min(m, i0 + 16);
    for (let i = i0; i < i1; i++) {
      const from = indices[start + i] * n;
      for (let f = 0; f < n; f++) out[f * m + i] = x[from + f];
    }
  }
}
