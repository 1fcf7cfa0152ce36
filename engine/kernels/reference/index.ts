/**
 * The reference backend: every kernel in plain TypeScript. It is the oracle for
 * tests and gradient checks (float64) and runs anywhere (browser, Node, Electron).
 */
import type { Backend, Kernels } from '../kernels';
import { gemm } from './gemm';
import {
  activationBackward,
  activationForward,
  addBiasCols,
  addBiasRows,
  axpby,
  mul,
  softmaxCols,
  sumCols,
  sumRows,
  sumSquares,
  transpose,
  gatherColumns,
} from './elementwise';
import { conv2dBackwardData, conv2dBackwardFilter, conv2dForward } from './conv';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from './pool';
import { batchNormBackward, batchNormForwardInfer, batchNormForwardTrain } from './batchnorm';
import { optimizerUpdate } from './optimizer';
import { lossGradient, lossSum } from './loss';
import { denseBackward, denseForward } from './dense';
import { classErrors, histogram, randn } from './live';
import { copyBlock } from './copy';
import { taskLossGradient, taskLossSum } from './task-loss';

export const referenceKernels: Kernels = {
  gemm,
  denseForward,
  denseBackward,
  addBiasRows,
  addBiasCols,
  sumRows,
  sumCols,
  activationForward,
  activationBackward,
  softmaxCols,
  lossSum,
  lossGradient,
  taskLossSum,
  taskLossGradient,
  transpose,
  gatherColumns,
  copyBlock,
  mul,
  axpby,
  sumSquares,
  conv2dForward,
  conv2dBackwardData,
  conv2dBackwardFilter,
  maxPoolForward,
  maxPoolBackward,
  avgPoolForward,
  avgPoolBackward,
  batchNormForwardTrain,
  batchNormForwardInfer,
  batchNormBackward,
  classErrors,
  histogram,
  randn,
  optimizerUpdate,
};

export function createReferenceBackend(dtype: 'float32' | 'float64' = 'float32'): Backend {
  return { name: 'reference', kernels: referenceKernels, dtype, threads: 1 };
}
