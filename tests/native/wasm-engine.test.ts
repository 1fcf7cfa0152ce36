/**
 * The wasm backend through the engine, with every buffer in the module's memory (as a run has
 * them): every layer kind's forward pass, every cost, the backward pass and every optimizer
 * step agree with the float64 reference backend to float32 rounding; a model trained on wasm
 * predicts what the same training predicts on native; a training step stages (copies)
 * nothing and allocates nothing after the first.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import type { LayerFields } from '../../engine/compile/params';
import type { Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork, type Network } from '../../engine/model/network';
import { loadNativeBackend } from '../../engine/native/load';
import { createOptimizer, optimizerFromName } from '../../engine/optim';
import { LAYER_KINDS } from '../../engine/kinds/lookup';
import type { ModelSpec } from '../../engine/spec/types';
import { createRng } from '../../engine/tensor/rng';
import { trainModel } from '../../engine/train/loop';
import { evaluate } from '../../engine/train/evaluate';
import { identityOrder } from '../../engine/data/batcher';
import type { WasmBackend } from '../../engine/wasm/backend';
import { chain, recorder, request } from '../engine/helpers';
import { compiledMatrix, expectClose } from './helpers';

const wasm = compiledMatrix().filter((e) => e.kind === 'wasm');
const out = (units: number, activation: string, loss: string): LayerFields => ({ id: 'y', kind: 'output', units, activation, loss }) as LayerFields;

/** Small networks that together use every layer kind, activation and loss. */
const MODELS: Record<string, ModelSpec> = {
  'dense (each activation) + sigmoid/BCE': chain(
    { id: 'x', kind: 'input', shape: [7] },
    { id: 'd1', kind: 'dense', units: 9, activation: 'tanh' },
    { id: 'd2', kind: 'dense', units: 8, activation: 'relu' },
    { id: 'd3', kind: 'dense', units: 6, activation: 'leaky_relu', alpha: 0.05 },
    { id: 'd4', kind: 'dense', units: 5, activation: 'sigmoid' },
    { id: 'd5', kind: 'dense', units: 4 },
    out(1, 'sigmoid', 'bce'),
  ),
  'conv (same, stride 2) + max/avg pool + batchnorm + flatten + softmax/CE': chain(
    { id: 'x', kind: 'input', shape: [11, 9, 3] },
    { id: 'c1', kind: 'conv2d', filters: 6, f: 3, s: 1, padding: 'same', activation: 'relu' },
    { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2 },
    { id: 'bn1', kind: 'batchnorm' },
    { id: 'c2', kind: 'conv2d', filters: 5, f: 2, s: 2, padding: 'valid', activation: 'tanh' },
    { id: 'p2', kind: 'pool', mode: 'avg', f: 2, s: 1 },
    { id: 'fl', kind: 'flatten' },
    { id: 'bn2', kind: 'batchnorm' },
    out(4, 'softmax', 'cross_entropy'),
  ),
  'dropout + activation + softmax layers + add (residual) + linear/MSE': {
    format: 'dendrite.spec',
    version: 1,
    layers: [
      { id: 'x', kind: 'input', shape: [6], inputs: [] },
      { id: 'd1', kind: 'dense', units: 6, inputs: ['x'] },
      { id: 'a1', kind: 'activation', fn: 'tanh', inputs: ['d1'] },
      { id: 'dr', kind: 'dropout', keepProb: 0.7, inputs: ['a1'] },
      { id: 'sum', kind: 'add', inputs: ['dr', 'x'] },
      { id: 'sm', kind: 'softmax', inputs: ['sum'] },
      { id: 'y', kind: 'output', units: 2, activation: 'linear', loss: 'mse', inputs: ['sm'] },
    ],
  } as ModelSpec,
  'concatenate: Inception-style branches along n_C, then feature vectors along n': {
    format: 'dendrite.spec',
    version: 1,
    layers: [
      { id: 'x', kind: 'input', shape: [7, 7, 3], inputs: [] },
      { id: 'b1', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'same', activation: 'relu', inputs: ['x'] },
      { id: 'b3', kind: 'conv2d', filters: 3, f: 3, s: 1, padding: 'same', activation: 'tanh', inputs: ['x'] },
      { id: 'bp', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['x'] },
      { id: 'cat', kind: 'concatenate', inputs: ['b1', 'b3', 'bp'] },
      { id: 'fl', kind: 'flatten', inputs: ['cat'] },
      { id: 'd1', kind: 'dense', units: 4, activation: 'relu', inputs: ['fl'] },
      { id: 'd2', kind: 'dense', units: 3, activation: 'sigmoid', inputs: ['fl'] },
      { id: 'cat2', kind: 'concatenate', inputs: ['d1', 'd2'] },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['cat2'] },
    ],
  } as ModelSpec,
};

function checked(spec: ModelSpec): ModelSpec {
  const result = compileSpec(spec);
  if (!result.spec) throw new Error(`test model does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.spec;
}

/** The same network on two backends: the second gets the first's (float32) initial weights. */
function twins(spec: ModelSpec, a: Backend, b: Backend, m: number): [Network, Network] {
  const na = createNetwork(spec, a, { capacity: m, seed: 5 });
  const nb = createNetwork(spec, b, { capacity: m, seed: 5, skipInit: true });
  na.params.forEach((p, i) => nb.params[i].value.set(p.value));
  na.state.forEach((s, i) => nb.state[i].value.set(s.value));
  return [na, nb];
}

function fillBatch(nets: Network[], m: number, seed: number): void {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: nets[0].input.exampleSize * m }, () => rng.randn());
  const units = nets[0].output.units;
  const y = Float64Array.from({ length: units * m }, () => (nets[0].loss === 'mse' ? rng.randn() : 0));
  if (nets[0].loss !== 'mse') for (let c = 0; c < m; c++) y[(units === 1 ? 0 : rng.int(units)) * m + c] = units === 1 ? rng.int(2) : 1;
  for (const net of nets) {
    net.input.A.set(x.subarray(0, net.input.A.length));
    net.Y.set(y);
  }
}

/** Float32 rounding through a few layers: relative to the layer's largest value. */
function expectLayerClose(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>, n: number): void {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expectClose(label, actual, expected, { n, rtol: 2e-5, atol: 2e-5 * scale + 1e-7 });
}

describe('the wasm test models use every layer kind', () => {
  it('covers LAYER_KINDS', () => {
    const kinds = new Set(Object.values(MODELS).flatMap((s) => s.layers.map((l) => l.kind)));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
  });
});

describe.each(wasm)('engine on $label vs the float64 reference', ({ backend }) => {
  const reference = createReferenceBackend('float64');
  const m = 13;
  for (const [name, raw] of Object.entries(MODELS)) {
    const spec = checked(raw);
    it(`${name}: forward (train and test mode), cost and backward`, () => {
      const [w, r] = twins(spec, backend, reference, m);
      const staged = (backend as WasmBackend).info().stagedBuffers;
      fillBatch([w, r], m, 7);
      for (const mode of ['train', 'test'] as const) {
        w.forward(m, mode);
        r.forward(m, mode);
        w.layers.forEach((layer, i) => expectLayerClose(`${mode} ${layer.id}.A`, layer.A, r.layers[i].A, layer.exampleSize * m));
        expect(Math.abs(w.cost(m) - r.cost(m)), `${mode} cost`).toBeLessThanOrEqual(1e-5 * Math.abs(r.cost(m)) + 1e-6);
      }
      w.forward(m, 'train');
      r.forward(m, 'train');
      w.backward(m);
      r.backward(m);
      expect(Math.abs(w.cost(m) - r.cost(m)), 'cost after backward').toBeLessThanOrEqual(1e-5 * Math.abs(r.cost(m)) + 1e-6);
      w.params.forEach((p, i) => expectLayerClose(`${p.layerId}.d${p.name}`, p.grad, r.params[i].grad, p.size));
      expect((backend as WasmBackend).info().stagedBuffers, 'a buffer was not in the module memory').toBe(staged);
    });
  }

  for (const optimizer of ['gd', 'momentum', 'rmsprop', 'adam']) {
    it(`${optimizer} steps (with L2) update the parameters as the reference does`, () => {
      const spec = checked(Object.values(MODELS)[1]);
      const [w, r] = twins(spec, backend, reference, m);
      const config = optimizerFromName(optimizer)!;
      const ow = createOptimizer(w, config);
      const or = createOptimizer(r, config);
      fillBatch([w, r], m, 9);
      for (let step = 0; step < 3; step++) {
        for (const net of [w, r]) {
          net.forward(m, 'train');
          net.backward(m);
        }
        // The same gradients on both (the reference's), so only the update itself is compared.
        w.params.forEach((p, i) => p.grad.set(r.params[i].grad.subarray(0, p.size)));
        ow.step(0.01, 0.05);
        or.step(0.01, 0.05);
        // Re-sync values to the float32 result: the next step starts from the same point.
        w.params.forEach((p, i) => {
          expectLayerClose(`step ${step + 1} ${p.layerId}.${p.name}`, p.value, r.params[i].value, p.size);
          r.params[i].value.set(p.value);
        });
      }
    });
  }
});

/** 8×8 images of three classes (a bright 3×3 patch in one of three places, plus noise). */
function patches(m: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float32Array(m * 64);
  const y = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const c = rng.int(3);
    y[i] = c;
    for (let p = 0; p < 64; p++) x[i * 64 + p] = 0.3 * rng.randn();
    const [r0, c0] = [
      [1, 1],
      [4, 4],
      [1, 5],
    ][c];
    for (let dr = 0; dr < 3; dr++) for (let dc = 0; dc < 3; dc++) x[i * 64 + (r0 + dr) * 8 + c0 + dc] += 1;
  }
  return { kind: 'inline', x, y, exampleShape: [8, 8, 1], numClasses: 3 } as const;
}

const lenet = request(
  chain(
    { id: 'x', kind: 'input', shape: [8, 8, 1] },
    { id: 'c', kind: 'conv2d', filters: 4, f: 3, s: 1, padding: 'same', activation: 'relu' },
    { id: 'p', kind: 'pool', mode: 'max', f: 2, s: 2 },
    { id: 'f', kind: 'flatten' },
    { id: 'h', kind: 'dense', units: 16, activation: 'relu' },
    out(3, 'softmax', 'cross_entropy'),
  ),
  patches(240, 3) as never,
  { batchSize: 32, learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 4, iterations: 80 },
);

async function trainAndPredict(backend: Backend) {
  const outcome = await trainModel(lenet, backend, recorder(), { name: backend.name });
  if (outcome.status !== 'finished') throw new Error(JSON.stringify(outcome));
  const { net, train } = outcome.prepared;
  const { predictions, cost } = evaluate(net, train, identityOrder(train.m));
  return { predictions: Array.from(predictions), cost, accuracy: predictions.filter((p, i) => p === train.y[i]).length / train.m };
}

const native = loadNativeBackend({ threads: 1 });

describe.each(wasm)('a training run on $label', ({ backend }) => {
  it('stages nothing (every buffer a step touches is in the module memory)', async () => {
    const before = (backend as WasmBackend).info().stagedBuffers;
    const result = await trainAndPredict(backend);
    expect(result.accuracy, 'the model learned').toBeGreaterThan(0.9);
    expect((backend as WasmBackend).info().stagedBuffers, 'a kernel argument had to be copied into the module').toBe(before);
  });

  it.skipIf(!('backend' in native))('predicts what the same training predicts on native', async () => {
    const onWasm = await trainAndPredict(backend);
    const onNative = await trainAndPredict((native as { backend: Backend }).backend);
    expect(onWasm.predictions).toEqual(onNative.predictions);
    expect(Math.abs(onWasm.cost - onNative.cost)).toBeLessThan(1e-3 * onNative.cost);
  });
});
