/**
 * The size sweep of `npm run bench` (issue 19): MLPs of growing width, depth and batch size and
 * LeNet-5 at growing image sizes, each trained the same way by Dendrite and by PyTorch
 * (bench/pytorch_bench.py reads the same definition as JSON, so the two sides cannot drift).
 *
 * Data: the first batch × iterations examples of Fashion-MNIST's training set (one epoch).
 * MLPs: 784 inputs, ReLU hidden layers, softmax + cross-entropy over 10 classes,
 * Adam α = 1e-3, shuffled mini-batches. LeNet-5: Fashion-MNIST images scaled to px × px by
 * nearest neighbour (pixel (y, x) of the scaled image is pixel (⌊y·28/px⌋, ⌊x·28/px⌋)), the
 * first `batch × iterations` examples, conv 6@5×5 same → max pool 2 → conv 16@5×5 valid → max
 * pool 2 → dense 120 → 84 → 10.
 */
import type { Dataset } from '../engine/data/dataset';
import type { LayerSpec, ModelSpec } from '../engine/spec/types';

export interface SweepCase {
  group: 'width' | 'depth' | 'batch' | 'image';
  kind: 'mlp' | 'lenet';
  /** mlp: hidden layer widths. */
  hidden?: number[];
  /** lenet: image side in pixels. */
  px?: number;
  batch: number;
  /** Training steps (the first is untimed on both sides). */
  iterations: number;
}

const W3_HIDDEN = [256, 128];

export const SWEEP: Record<string, SweepCase> = {
  'mlp-w256': { group: 'width', kind: 'mlp', hidden: [256, 256], batch: 128, iterations: 400 },
  'mlp-w1024': { group: 'width', kind: 'mlp', hidden: [1024, 1024], batch: 128, iterations: 100 },
  'mlp-w4096': { group: 'width', kind: 'mlp', hidden: [4096, 4096], batch: 128, iterations: 20 },
  'mlp-d2': { group: 'depth', kind: 'mlp', hidden: [256, 256], batch: 128, iterations: 400 },
  'mlp-d8': { group: 'depth', kind: 'mlp', hidden: Array(8).fill(256), batch: 128, iterations: 300 },
  'mlp-d32': { group: 'depth', kind: 'mlp', hidden: Array(32).fill(256), batch: 128, iterations: 100 },
  'mlp-b1': { group: 'batch', kind: 'mlp', hidden: W3_HIDDEN, batch: 1, iterations: 3000 },
  'mlp-b16': { group: 'batch', kind: 'mlp', hidden: W3_HIDDEN, batch: 16, iterations: 1000 },
  'mlp-b128': { group: 'batch', kind: 'mlp', hidden: W3_HIDDEN, batch: 128, iterations: 400 },
  'mlp-b1024': { group: 'batch', kind: 'mlp', hidden: W3_HIDDEN, batch: 1024, iterations: 58 },
  'lenet-28': { group: 'image', kind: 'lenet', px: 28, batch: 64, iterations: 300 },
  'lenet-64': { group: 'image', kind: 'lenet', px: 64, batch: 64, iterations: 100 },
  'lenet-128': { group: 'image', kind: 'lenet', px: 128, batch: 64, iterations: 40 },
};

export const SWEEP_NAMES = Object.keys(SWEEP);

type LayerFields = { id: string; kind: string; [k: string]: unknown };

function chain(...layers: LayerFields[]): ModelSpec {
  return {
    format: 'dendrite.spec',
    version: 1,
    layers: layers.map((l, i) => ({ ...l, inputs: i === 0 ? [] : [layers[i - 1].id] }) as unknown as LayerSpec),
  };
}

export function sweepSpec(c: SweepCase): ModelSpec {
  if (c.kind === 'mlp') {
    return chain({ id: 'x', kind: 'input', shape: [784] }, ...c.hidden!.map((units, i) => ({ id: `h${i + 1}`, kind: 'dense', units, activation: 'relu' })), {
      id: 'y',
      kind: 'output',
      units: 10,
      activation: 'softmax',
      loss: 'cross_entropy',
    });
  }
  return chain(
    { id: 'x', kind: 'input', shape: [c.px!, c.px!, 1] },
    { id: 'c1', kind: 'conv2d', filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu' },
    { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2 },
    { id: 'c2', kind: 'conv2d', filters: 16, f: 5, s: 1, padding: 'valid', activation: 'relu' },
    { id: 'p2', kind: 'pool', mode: 'max', f: 2, s: 2 },
    { id: 'fl', kind: 'flatten' },
    { id: 'd1', kind: 'dense', units: 120, activation: 'relu' },
    { id: 'd2', kind: 'dense', units: 84, activation: 'relu' },
    { id: 'y', kind: 'output', units: 10, activation: 'softmax', loss: 'cross_entropy' },
  );
}

/**
 * The training data of a case: the first batch × iterations examples of Fashion-MNIST's training
 * set (one epoch, so the evaluation after training stays short), examples-major, in [0, 1].
 */
export function sweepData(c: SweepCase, fashion: Dataset): Dataset {
  const m = Math.min(fashion.m, c.batch * c.iterations);
  if (c.kind === 'mlp') return { ...fashion, x: fashion.x.subarray(0, m * 784), y: fashion.y.subarray(0, m), m, exampleShape: [784] };
  const px = c.px!;
  if (px === 28) return { ...fashion, x: fashion.x.subarray(0, m * 784), y: fashion.y.subarray(0, m), m, exampleShape: [28, 28, 1] };
  const x = new Float32Array(m * px * px);
  for (let i = 0; i < m; i++) {
    const src = i * 784;
    const dst = i * px * px;
    for (let y = 0; y < px; y++) {
      const row = src + Math.floor((y * 28) / px) * 28;
      for (let col = 0; col < px; col++) x[dst + y * px + col] = fashion.x[row + Math.floor((col * 28) / px)];
    }
  }
  return { x, y: fashion.y.subarray(0, m), m, exampleShape: [px, px, 1], numClasses: 10, targetWidth: 1 };
}
