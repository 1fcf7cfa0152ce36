/**
 * Live views of a run for the panels, computed in the trainer between steps and
 * sent as throttled events (see protocol/messages.ts): the decision boundary of a
 * 2-D classifier on a coarse grid, per-layer activation/gradient norms (layer
 * health), histograms of each layer's weights, and dev-set predictions for the
 * evaluation panel. All of them run the
 * network in 'test' mode on its own buffers, so call them between steps only.
 *
 * Their work over weights and activations is done by kernels (sumSquares, histogram), the
 * examples are gathered as the training loop gathers them, and when they run is decided by
 * live-schedule.ts (a fixed share of the training time, whatever the network's size).
 */
import { identityOrder } from '../data/batcher';
import { gatherBatch } from './resident-batch';
import type { Dataset } from '../data/dataset';
import type { FloatArray, Kernels } from '../kernels/kernels';
import type { TensorMemory } from '../tensor/buffers';
import { referenceKernels } from '../kernels/reference';
import type { Network } from '../model/network';
import type { BoundaryGrid, EvaluationReport, LayerHealth, WeightHistogram } from '../protocol/messages';
import type { OutputLayer } from '../spec/types';

/** Grid resolution of the decision-boundary heatmap (cells per side). */
export const BOUNDARY_GRID = 60;
/** At most this many training points travel with the boundary. */
const MAX_POINTS = 600;
/** At most this many examples in an evaluation report. */
const MAX_EVAL = 5000;
/**
 * The examples whose inputs travel with the final report, for the error analysis grid: the course
 * looks through about a hundred mistakes, so up to MAX_MISTAKES_SHOWN of them (the most confident
 * first) and a few right answers per class, within a budget of input values (a 64×64×3 image is
 * 12,288 of them).
 */
const MAX_MISTAKES_SHOWN = 200;
const MAX_CORRECT_PER_CLASS = 4;
const MAX_SHOWN_VALUES = 1_500_000;

export function canDrawBoundary(data: Dataset): boolean {
  return data.exampleShape.length === 1 && data.exampleShape[0] === 2 && data.numClasses >= 2 && data.targetWidth === 1;
}

/** P(class 1) for one sigmoid unit; otherwise the winning class's probability and index. */
function readOutput(net: Network, m: number, i: number): { cls: number; score: number } {
  const A = net.output.A;
  const units = net.output.units;
  const activation = (net.output.spec as OutputLayer).activation;
  if (activation === 'sigmoid' && units === 1) return { cls: A[i] > 0.5 ? 1 : 0, score: A[i] };
  let best = 0;
  for (let r = 1; r < units; r++) if (A[r * m + i] > A[best * m + i]) best = r;
  return { cls: best, score: A[best * m + i] };
}

function isBinarySigmoid(net: Network): boolean {
  return (net.output.spec as OutputLayer).activation === 'sigmoid' && net.output.units === 1;
}

/** Runs the network in test mode over `data` and collects class and score per example. */
function predictAll(net: Network, data: Dataset, limit = data.m): { cls: Int32Array; score: Float32Array } {
  const m = Math.min(limit, data.m);
  const cls = new Int32Array(m);
  const score = new Float32Array(m);
  const order = identityOrder(m);
  for (let start = 0; start < m; start += net.capacity) {
    const count = Math.min(net.capacity, m - start);
    gatherBatch(net, data, order, start, count);
    net.forward(count, 'test');
    for (let i = 0; i < count; i++) {
      const out = readOutput(net, count, i);
      cls[start + i] = out.cls;
      score[start + i] = out.score;
    }
  }
  return { cls, score };
}

/** v rounded to `digits` decimals for the panels (a multiply and a round, not toFixed's string). */
const rounded = (digits: number) => {
  const scale = 10 ** digits;
  return (v: number): number => Math.round(v * scale) / scale;
};
const to3 = rounded(3);
const to4 = rounded(4);

/** Bounds of the (already normalised) training inputs with a 10 % margin. */
export function boundaryBounds(data: Dataset): { xMin: number; xMax: number; yMin: number; yMax: number } {
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let i = 0; i < data.m; i++) {
    const x = data.x[2 * i],
      y = data.x[2 * i + 1];
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const mx = (xMax - xMin || 1) * 0.1,
    my = (yMax - yMin || 1) * 0.1;
  return { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my };
}

/**
 * Predictions on a size × size grid over the training inputs (row-major, row 0 at
 * yMin): P(class 1) for a binary sigmoid output, else the predicted class.
 */
export function boundaryGrid(net: Network, train: Dataset, withPoints: boolean, size = BOUNDARY_GRID): BoundaryGrid {
  const bounds = boundaryBounds(train);
  const n = size * size;
  const x = new Float32Array(2 * n);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      x[2 * (r * size + c)] = bounds.xMin + ((c + 0.5) / size) * (bounds.xMax - bounds.xMin);
      x[2 * (r * size + c) + 1] = bounds.yMin + ((r + 0.5) / size) * (bounds.yMax - bounds.yMin);
    }
  }
  const grid: Dataset = { x, y: new Float32Array(n), m: n, exampleShape: [2], numClasses: train.numClasses, targetWidth: 1 };
  const { cls, score } = predictAll(net, grid);
  const binary = isBinarySigmoid(net);
  const out: BoundaryGrid = {
    size,
    ...bounds,
    valueKind: binary ? 'probability' : 'class',
    values: Array.from(binary ? score : cls, to3),
    numClasses: train.numClasses,
  };
  if (withPoints) {
    const step = Math.max(1, Math.ceil(train.m / MAX_POINTS));
    const px: number[] = [],
      py: number[] = [],
      label: number[] = [];
    for (let i = 0; i < train.m; i += step) {
      px.push(train.x[2 * i]);
      py.push(train.x[2 * i + 1]);
      label.push(train.y[i]);
    }
    out.points = { x: px, y: py, label };
  }
  return out;
}

/**
 * Per layer with parameters: RMS of A[l] over the last batch, ‖W‖_F and ‖dW‖_F (the kernels'
 * sums of squares). Call between steps: activations and gradients of the last batch.
 */
export function layerHealth(net: Network, m: number): LayerHealth[] {
  const k = net.backend.kernels;
  const out: LayerHealth[] = [];
  for (const layer of net.layers) {
    const W = layer.params.find((p) => p.name === 'W');
    if (!W) continue;
    const count = m * layer.exampleSize;
    const activationRms = count === 0 ? 0 : Math.sqrt(k.sumSquares(layer.A, count) / count);
    out.push({
      id: layer.id,
      kind: layer.spec.kind,
      activationRms,
      weightNorm: Math.sqrt(k.sumSquares(W.value, W.size)),
      gradNorm: Math.sqrt(k.sumSquares(W.grad, W.size)),
    });
  }
  return out;
}

/** Bins per weight histogram. */
export const HISTOGRAM_BINS = 40;

/**
 * Histogram of `values` in `bins` equal bins over [min, max] (the last bin includes
 * max); non-finite values are not counted. All-equal values fall in one bin. The backend's
 * histogram kernel (engine/kernels/reference/live.ts is its definition).
 */
export function histogram(
  values: ArrayLike<number>,
  bins = HISTOGRAM_BINS,
  k: Kernels = referenceKernels,
  n = values.length,
  memory?: TensorMemory,
): { min: number; max: number; counts: number[] } {
  const x: FloatArray = values instanceof Float32Array || values instanceof Float64Array ? values : Float64Array.from(values);
  // In the backend's memory when it has one (wasm), so the kernel's outputs are not staged.
  const counts = memory ? memory.i32(bins) : new Int32Array(bins);
  const range = x instanceof Float64Array ? new Float64Array(2) : memory ? memory.f32(2) : new Float32Array(2);
  k.histogram(x, n, bins, counts, range);
  return { min: range[0], max: range[1], counts: Array.from(counts) };
}

/** The distribution of each layer's W (first vs latest shows what training did to the initialisation). */
export function weightHistograms(net: Network, bins = HISTOGRAM_BINS): WeightHistogram[] {
  const out: WeightHistogram[] = [];
  for (const layer of net.layers) {
    const W = layer.params.find((p) => p.name === 'W');
    if (!W) continue;
    // √n bins for small layers (8 weights in 40 bins would be mostly empty), at most `bins`.
    const layerBins = Math.min(bins, Math.max(4, Math.ceil(Math.sqrt(W.size))));
    out.push({ id: layer.id, kind: layer.spec.kind, ...histogram(W.value, layerBins, net.backend.kernels, W.size, net.backend.memory) });
  }
  return out;
}

/**
 * Predictions on a dataset for the evaluation panel (classification only). `sourceRows[i]`: the
 * row example i came from in the request's data, sent with each shown example so a tag names it.
 */
export function evaluationReport(
  net: Network,
  data: Dataset,
  set: 'dev' | 'train',
  withInputs: boolean,
  sourceRows?: ArrayLike<number>,
): EvaluationReport | null {
  // Multi-task labels have their own per-task report (engine/tasks/metrics.ts, in the final metrics).
  if (data.numClasses < 2 || data.targetWidth > 1) return null;
  const m = Math.min(MAX_EVAL, data.m);
  const { cls, score } = predictAll(net, data, m);
  const actual = Array.from(data.y.subarray(0, m), (v) => Math.round(v));
  const report: EvaluationReport = {
    set,
    numClasses: data.numClasses,
    ...(data.classNames ? { classNames: data.classNames } : {}),
    exampleShape: data.exampleShape,
    actual,
    predicted: Array.from(cls),
    scores: Array.from(score, to4),
    binaryScores: isBinarySigmoid(net),
  };
  if (withInputs) {
    const n = data.exampleShape.reduce((a, b) => a * b, 1);
    const indices = Array.from({ length: m }, (_, i) => i);
    // Mistakes first, the most confident mistakes first.
    indices.sort((a, b) => {
      const wa = cls[a] !== actual[a] ? 1 : 0,
        wb = cls[b] !== actual[b] ? 1 : 0;
      return wb - wa || score[b] - score[a];
    });
    const budget = Math.max(1, Math.floor(MAX_SHOWN_VALUES / n));
    const mistakes = indices.filter((i) => cls[i] !== actual[i]).slice(0, Math.min(MAX_MISTAKES_SHOWN, budget));
    const correctPerClass = new Map<number, number>();
    const correct = indices.filter((i) => {
      if (cls[i] !== actual[i]) return false;
      const k = correctPerClass.get(actual[i]) ?? 0;
      correctPerClass.set(actual[i], k + 1);
      return k < MAX_CORRECT_PER_CLASS;
    });
    report.shown = [...mistakes, ...correct].slice(0, budget).map((i) => ({
      index: i,
      ...(sourceRows ? { source: sourceRows[i] } : {}),
      x: Array.from(data.x.subarray(i * n, i * n + n), to4),
    }));
  }
  return report;
}
