/**
 * The comparison point for the wasm backend: the same workloads in TensorFlow.js on its wasm
 * backend (@tensorflow/tfjs-backend-wasm, SIMD, one thread), with the same data, initial
 * scales, optimizers and batch sizes as bench/workloads.ts. Gradients come from TF.js's own
 * autodiff. TF.js's wasm backend has no conv filter gradient (Conv2DBackpropFilter), so W4
 * runs with one written here in plain JavaScript — as a TF.js user on wasm would have to.
 * Timing as the engine's: from the end of iteration 1 to the end of the last, reading the
 * cost every iteration (as the engine and the PyTorch bench do).
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone has no gradients registered (the full @tensorflow/tfjs package imports them).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../engine/tensor/rng';
import { GEMM_SHAPES, loadFashion, timeGemm, w1Data, w2Data, type WorkloadResult } from './workloads';

const WASM_DIR = join(__dirname, '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

/** dW of a 2-D convolution (NHWC input, HWIO filter), in plain JavaScript on the wasm backend. */
function registerConvFilterGradient(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
        strides: [number, number] | number;
        pad: 'valid' | 'same' | number;
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        filterShape: [number, number, number, number];
      };
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast',
      );
      const wasm = backend as unknown as {
        readSync(id: unknown): Float32Array;
        makeOutput(shape: number[], dtype: string, offset?: number, values?: Float32Array): tf.TensorInfo;
      };
      const X = wasm.readSync(x.dataId);
      const DY = wasm.readSync(dy.dataId);
      const {
        batchSize: m,
        inHeight: hIn,
        inWidth: wIn,
        inChannels: cIn,
        outHeight: hOut,
        outWidth: wOut,
        outChannels: cOut,
        filterHeight: fh,
        filterWidth: fw,
        strideHeight: sh,
        strideWidth: sw,
      } = info;
      const top = info.padInfo.top;
      const left = info.padInfo.left;
      const dW = new Float32Array(fh * fw * cIn * cOut);
      for (let b = 0; b < m; b++) {
        for (let oh = 0; oh < hOut; oh++) {
          for (let ow = 0; ow < wOut; ow++) {
            const dyBase = ((b * hOut + oh) * wOut + ow) * cOut;
            for (let i = 0; i < fh; i++) {
              const ih = oh * sh + i - top;
              if (ih < 0 || ih >= hIn) continue;
              for (let j = 0; j < fw; j++) {
                const iw = ow * sw + j - left;
                if (iw < 0 || iw >= wIn) continue;
                const xBase = ((b * hIn + ih) * wIn + iw) * cIn;
                const wBase = (i * fw + j) * cIn * cOut;
                for (let c = 0; c < cIn; c++) {
                  const xv = X[xBase + c];
                  const o = wBase + c * cOut;
                  for (let k = 0; k < cOut; k++) dW[o + k] += xv * DY[dyBase + k];
                }
              }
            }
          }
        }
      }
      return wasm.makeOutput(filterShape, 'float32', undefined, dW);
    },
  });
}

export async function initTfjsWasm(): Promise<{ simd: boolean }> {
  setWasmPaths(`${WASM_DIR}/`);
  setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  registerConvFilterGradient();
  return { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean };
}

/** Glorot-uniform-like weights with a fixed seed (the scale, not the values, matters for speed). */
function weights(rng: ReturnType<typeof createRng>, shape: number[], scale: number): tf.Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.variable(
    tf.tensor(
      Float32Array.from({ length: n }, () => (rng.uniform() * 2 - 1) * scale),
      shape,
    ),
  );
}
const zeros = (shape: number[]): tf.Variable => tf.variable(tf.zeros(shape));

interface Loop {
  /** One training step on batch `i`, returning the cost. */
  step(i: number): number;
  iterations: number;
  batch: number;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function timeLoop(name: string, loop: Loop): WorkloadResult {
  let cost = NaN;
  let t0 = 0;
  let c0 = 0;
  for (let i = 0; i < loop.iterations; i++) {
    cost = loop.step(i);
    if (i === 0) {
      t0 = performance.now();
      c0 = cpuSeconds();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  const timed = loop.iterations - 1;
  return {
    workload: name,
    iterations: loop.iterations,
    seconds: +seconds.toFixed(4),
    cpuSeconds: +cpu.toFixed(4),
    itPerSec: Math.round(timed / seconds),
    itPerCpuSec: Math.round(timed / cpu),
    samplesPerSec: Math.round((timed * loop.batch) / seconds),
    samplesPerCpuSec: Math.round((timed * loop.batch) / cpu),
    batch: loop.batch,
    finalCost: +cost.toFixed(6),
  };
}

/** Full-batch gradient descent on a dense network (W1, W2): features × examples, as the course. */
function denseFullBatch(
  name: string,
  layers: number[],
  act: 'tanh' | 'relu',
  x: Float32Array,
  y: Float32Array,
  m: number,
  lr: number,
  iterations: number,
  scales: number[],
): WorkloadResult {
  const rng = createRng(1);
  const n0 = layers[0];
  // Examples-major data → (n0, m).
  const X = tf.tidy(() => tf.transpose(tf.tensor2d(x, [m, n0])));
  const Y = tf.tensor2d(y, [1, m]);
  const params = layers.slice(1).map((n, l) => ({ W: weights(rng, [n, layers[l]], scales[l]), b: zeros([n, 1]) }));
  const optimizer = tf.train.sgd(lr);
  const forward = () => {
    let A: tf.Tensor = X;
    params.forEach((p, l) => {
      const Z = tf.add(tf.matMul(p.W, A), p.b);
      A = l === params.length - 1 ? Z : act === 'tanh' ? tf.tanh(Z) : tf.relu(Z);
    });
    return tf.losses.sigmoidCrossEntropy(Y, A) as tf.Scalar;
  };
  const result = timeLoop(name, {
    iterations,
    batch: m,
    step: () => {
      const cost = optimizer.minimize(forward, true)!;
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
  });
  delete result.samplesPerSec;
  delete result.samplesPerCpuSec;
  return result;
}

function miniBatches(
  name: string,
  model: (x: tf.Tensor, train: boolean) => tf.Tensor,
  exampleShape: number[],
  batch: number,
  iterations: number,
): WorkloadResult {
  const train = loadFashion('train', exampleShape);
  const n = exampleShape.reduce((a, b) => a * b, 1);
  const order = Int32Array.from({ length: train.m }, (_, i) => i);
  const rng = createRng(2);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const xs = new Float32Array(batch * n);
  const ys = new Float32Array(batch * 10);
  const result = timeLoop(name, {
    iterations: Math.min(iterations, Math.floor(train.m / batch)),
    batch,
    step: (it) => {
      // The batch copy is part of a step, as in the engine's loop.
      ys.fill(0);
      for (let i = 0; i < batch; i++) {
        const e = order[it * batch + i];
        xs.set(train.x.subarray(e * n, e * n + n), i * n);
        ys[i * 10 + train.y[e]] = 1;
      }
      const x = tf.tensor(xs, [batch, ...exampleShape]);
      const y = tf.tensor2d(ys, [batch, 10]);
      const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model(x, true)) as tf.Scalar, true)!;
      const value = cost.dataSync()[0];
      tf.dispose([x, y, cost]);
      return value;
    },
  });
  delete result.itPerSec;
  delete result.itPerCpuSec;
  return result;
}

export async function runTfjsWorkload(name: string, opts: { maxIterations?: number } = {}): Promise<WorkloadResult> {
  const cap = (n: number) => Math.min(n, opts.maxIterations ?? n);
  const rng = createRng(3);
  switch (name) {
    case 'w1': {
      const d = w1Data();
      return denseFullBatch('w1', [2, 4, 1], 'tanh', d.x, d.y, d.m, 1.2, cap(10_000), [0.01, 0.01]);
    }
    case 'w2': {
      const d = w2Data();
      const sizes = [12288, 20, 7, 5, 1];
      return denseFullBatch(
        'w2',
        sizes,
        'relu',
        d.x,
        d.y,
        d.m,
        0.0075,
        cap(300),
        sizes.slice(1).map((_, l) => Math.sqrt(1 / sizes[l])),
      );
    }
    case 'w3': {
      const dims = [784, 256, 128, 10];
      const ps = dims.slice(1).map((n, l) => ({ W: weights(rng, [dims[l], n], Math.sqrt(6 / (dims[l] + n))), b: zeros([n]) }));
      const model = (x: tf.Tensor) =>
        ps.reduce<tf.Tensor>((a, p, l) => (l < ps.length - 1 ? tf.relu(tf.add(tf.matMul(a, p.W), p.b)) : tf.add(tf.matMul(a, p.W), p.b)), x);
      return miniBatches('w3', model, [784], 128, cap(469));
    }
    case 'w4': {
      const c1 = { W: weights(rng, [5, 5, 1, 6], Math.sqrt(6 / 31)), b: zeros([6]) };
      const c2 = { W: weights(rng, [5, 5, 6, 16], Math.sqrt(6 / 166)), b: zeros([16]) };
      const dense = [400, 120, 84, 10].slice(1).map((n, l, all) => {
        const k = [400, 120, 84][l];
        return { W: weights(rng, [k, n], Math.sqrt(6 / (k + n))), b: zeros([n]), last: l === all.length - 1 };
      });
      const model = (x: tf.Tensor) => {
        let a = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, c1.W as tf.Tensor4D, 1, 'same'), c1.b)) as tf.Tensor4D, 2, 2, 'valid');
        a = tf.maxPool(tf.relu(tf.add(tf.conv2d(a, c2.W as tf.Tensor4D, 1, 'valid'), c2.b)) as tf.Tensor4D, 2, 2, 'valid');
        let h: tf.Tensor = tf.reshape(a, [x.shape[0], 400]);
        for (const d of dense) h = d.last ? tf.add(tf.matMul(h, d.W), d.b) : tf.relu(tf.add(tf.matMul(h, d.W), d.b));
        return h;
      };
      return miniBatches('w4', model, [28, 28, 1], 64, cap(938));
    }
    default: {
      const shape = GEMM_SHAPES[name];
      if (!shape) throw new Error(`unknown workload ${name}`);
      const [M, K, N] = shape;
      const a = tf.randomUniform([M, K], -0.5, 0.5, 'float32', 7);
      const b = tf.randomUniform([K, N], -0.5, 0.5, 'float32', 8);
      const once = () => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      };
      return timeGemm(name, M, N, K, once);
    }
  }
}
