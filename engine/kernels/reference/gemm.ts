import type { FloatArray } from '../kernels';

/**
 * C = alpha · op(A) · op(B) + beta · C, row-major. Loop orders keep the innermost
 * loop on contiguous memory; beta = 0 overwrites C without reading it (as BLAS does).
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  B: FloatArray,
  beta: number,
  C: FloatArray,
): void {
  const size = M * N;
  if (beta === 0) C.fill(0, 0, size);
  else if (beta !== 1) for (let i = 0; i < size; i++) C[i] *= beta;
  if (alpha === 0 || K === 0) return;

  if (!transA && !transB) {
    for (let i = 0; i < M; i++) {
      const rowC = i * N;
      const rowA = i * K;
      for (let k = 0; k < K; k++) {
        const a = alpha * A[rowA + k];
        const rowB = k * N;
        for (let j = 0; j < N; j++) C[rowC + j] += a * B[rowB + j];
      }
    }
  } else if (!transA && transB) {
    for (let i = 0; i < M; i++) {
      const rowA = i * K;
      const rowC = i * N;
      for (let j = 0; j < N; j++) {
        const rowB = j * K;
        let sum = 0;
        for (let k = 0; k < K; k++) sum += A[rowA + k] * B[rowB + k];
        C[rowC + j] += alpha * sum;
      }
    }
  } else if (transA && !transB) {
    for (let k = 0; k < K; k++) {
      const rowA = k * M;
      const rowB = k * N;
      for (let i = 0; i < M; i++) {
        const a = alpha * A[rowA + i];
        const rowC = i * N;
        for (let j = 0; j < N; j++) C[rowC + j] += a * B[rowB + j];
      }
    }
  } else {
    for (let i = 0; i < M; i++) {
      const rowC = i * N;
      for (let j = 0; j < N; j++) {
        const rowB = j * K;
        let sum = 0;
        for (let k = 0; k < K; k++) sum += A[k * M + i] * B[rowB + k];
        C[rowC + j] += alpha * sum;
      }
    }
  }
}
