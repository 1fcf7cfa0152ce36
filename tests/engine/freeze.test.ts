/**
 * Freezing layers (transfer learning): a frozen layer's parameters — and a frozen batch norm's
 * running averages — come out of training bit for bit as they went in, the rest learn, backprop
 * through the trainable part stays exact, and nothing is computed backward behind a frozen base.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import { countParams } from '../../engine/compile/param-counts';
import type { Backend, Kernels } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork } from '../../engine/model/network';
import type { LayerSpec, ModelSpec } from '../../engine/spec/types';
import { gradientCheck } from '../../engine/train/gradcheck';
import { trainModel } from '../../engine/train/loop';
import { chain, randomData, recorder, request } from './helpers';

/** x [2] → dense 6 (frozen?) → batch norm (frozen?) → tanh → dense 4 → sigmoid output. */
const model = (frozen: { d1?: boolean; bn?: boolean; out?: boolean } = {}): ModelSpec =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'd1', kind: 'dense', units: 6, activation: 'linear', ...(frozen.d1 ? { frozen: true } : {}) },
    { id: 'bn', kind: 'batchnorm', ...(frozen.bn ? { frozen: true } : {}) },
    { id: 'a', kind: 'activation', fn: 'tanh' },
    { id: 'd2', kind: 'dense', units: 4, activation: 'tanh' },
    { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', ...(frozen.out ? { frozen: true } : {}) },
  );

async function trained(spec: ModelSpec, backend: Backend = createReferenceBackend('float64')) {
  const outcome = await trainModel(
    request(
      spec,
      { kind: 'generator', name: 'moons', m: 64, seed: 1 },
      { iterations: 30, batchSize: 16, learningRate: 0.1, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.1 },
    ),
    backend,
    recorder(),
  );
  if (outcome.status !== 'finished') throw new Error(outcome.message);
  return outcome.prepared.net;
}

/** Every tensor (parameters and running averages) of a layer, copied. */
const tensorsOf = (net: Awaited<ReturnType<typeof trained>>, id: string) =>
  [...net.params, ...net.state].filter((t) => t.layerId === id).map((t) => [t.name, Array.from(t.value)] as const);

describe('frozen layers', () => {
  it('keep their parameters and batch-norm running averages bit for bit; the others learn', async () => {
    const spec = model({ d1: true, bn: true });
    const after = await trained(spec);
    // The same seed initialises identically: a fresh network is the "before".
    const fresh = createNetwork(compileSpec(spec).spec!, createReferenceBackend('float64'), { capacity: 16, seed: 2 });
    for (const id of ['d1', 'bn']) {
      const before = [...fresh.params, ...fresh.state].filter((t) => t.layerId === id).map((t) => [t.name, Array.from(t.value)] as const);
      expect(tensorsOf(after, id)).toEqual(before);
    }
    const d2Before = fresh.params.find((p) => p.layerId === 'd2' && p.name === 'W')!.value;
    const d2After = after.params.find((p) => p.layerId === 'd2' && p.name === 'W')!.value;
    expect(Array.from(d2After)).not.toEqual(Array.from(d2Before));
  });

  it('an unfrozen batch norm does move its running averages (so the check above can fail)', async () => {
    const net = await trained(model({ d1: true }));
    expect(Array.from(net.state.find((t) => t.layerId === 'bn' && t.name === 'runningMean')!.value).some((v) => v !== 0)).toBe(true);
  });

  it('gradient check over the trainable parameters only, with a frozen dense and a frozen batch norm: < 1e−7', () => {
    const spec = compileSpec(model({ d1: true, bn: true })).spec!;
    const result = gradientCheck(spec, randomData(6, [2], 2), { seed: 4, l2: 0.3 });
    expect(result.difference).toBeLessThan(1e-7);
    // θ holds d2 (4·6 + 4) and the output (4 + 1) only.
    expect(result.total).toBe(28 + 5);
    expect(result.layers.map((l) => l.id)).toEqual(['d2', 'y']);
  });

  it('a frozen batch norm behind trainable layers passes the gradient through its running averages exactly', () => {
    const spec = compileSpec(model({ bn: true })).spec!;
    const result = gradientCheck(spec, randomData(6, [2], 2), { seed: 4 });
    expect(result.difference).toBeLessThan(1e-7);
    expect(result.layers.map((l) => l.id)).toEqual(['d1', 'd2', 'y']);
  });

  it('a frozen output under a trainable body still trains the body (exact gradients)', () => {
    const result = gradientCheck(compileSpec(model({ out: true })).spec!, randomData(6, [2], 2), { seed: 4 });
    expect(result.difference).toBeLessThan(1e-7);
    expect(result.layers.map((l) => l.id)).toEqual(['d1', 'bn', 'd2']);
  });

  it('runs nothing backward through a frozen conv base: no dA_prev, no dW for it', async () => {
    const counts = { data: 0, filter: 0 };
    const reference = createReferenceBackend('float32');
    const kernels: Kernels = {
      ...reference.kernels,
      conv2dBackwardData: (...args) => (counts.data++, reference.kernels.conv2dBackwardData(...args)),
      conv2dBackwardFilter: (...args) => (counts.filter++, reference.kernels.conv2dBackwardFilter(...args)),
    };
    const layers: LayerSpec[] = [
      { id: 'x', kind: 'input', shape: [6, 6, 1], inputs: [] },
      { id: 'c1', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu', frozen: true, inputs: ['x'] },
      { id: 'c2', kind: 'conv2d', filters: 2, f: 3, s: 1, padding: 'same', activation: 'relu', frozen: true, inputs: ['c1'] },
      { id: 'f', kind: 'flatten', inputs: ['c2'] },
      { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy', inputs: ['f'] },
    ];
    const data = randomData(12, [6, 6, 1], 3);
    const source = { kind: 'inline' as const, x: data.x, y: data.y, exampleShape: [6, 6, 1], numClasses: 3 };
    const outcome = await trainModel(
      request({ format: 'dendrite.spec', version: 1, layers }, source, { iterations: 3 }),
      { ...reference, kernels },
      recorder(),
    );
    expect(outcome.status).toBe('finished');
    expect(counts).toEqual({ data: 0, filter: 0 });
    // Unfreeze the second conv: it now needs dW (but still no dA_prev for the frozen first).
    layers[2] = { ...layers[2], frozen: false } as LayerSpec;
    await trainModel(request({ format: 'dendrite.spec', version: 1, layers }, source, { iterations: 3 }), { ...reference, kernels }, recorder());
    expect(counts).toEqual({ data: 0, filter: 3 });
  });

  it('counts trainable and frozen parameters as Keras summary() does', () => {
    const counts = countParams(compileSpec(model({ d1: true, bn: true })).layers);
    expect(counts).toEqual({ total: 18 + 12 + 28 + 5, trainable: 33, frozen: 30 });
  });
});
