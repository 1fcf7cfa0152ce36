/**
 * createOptimizer with a backend that plans optimizer programs (native) against the same
 * backend without planOptimizer (one optimizerUpdate per tensor): the same parameters bit for
 * bit after several steps of each optimizer, with L2 on the weights of a real network (its
 * biases do not regularise), and the same Adam step count.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend } from '../../engine/native/load';
import { wasmBackend } from '../native/helpers';
import { createOptimizer, optimizerFromName } from '../../engine/optim';
import { prepareRun } from '../../engine/train/prepare';
import { chain, randomData, request } from './helpers';

const native = loadNativeBackend({ threads: 2 });
const planners: [string, Backend | null][] = [
  ['native', 'backend' in native ? native.backend : null],
  ['wasm', wasmBackend(2)],
];

describe.each(planners)('optimizer programs in createOptimizer (%s)', (name, backend) => {
  if (!backend) {
    it.skip(`${name} backend unavailable`, () => {});
    return;
  }
  const planned = backend;
  const unplanned: Backend = { ...planned, kernels: { ...planned.kernels, planOptimizer: undefined } };
  const model = chain(
    { id: 'x', kind: 'input', shape: [9] },
    { id: 'h', kind: 'dense', units: 13, activation: 'relu' },
    { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
  );
  const data = randomData(20, [9], 3, 4);
  const inline = { kind: 'inline', x: data.x, y: data.y, exampleShape: [9], numClasses: 3 } as never;

  for (const name of ['gd', 'momentum', 'rmsprop', 'adam']) {
    it(`${name}: planned and per-tensor updates agree bit for bit`, () => {
      const config = optimizerFromName(name)!;
      const runs = [planned, unplanned].map((backend) => {
        const { net } = prepareRun(request(model, inline, { batchSize: 'full' }), backend);
        return { net, optimizer: createOptimizer(net, config) };
      });
      expect(runs[0].net.params.some((p) => !p.regularise)).toBe(true);
      const initial = runs[0].net.params.map((p) => p.value.slice());
      for (let step = 0; step < 4; step++) {
        for (const { net, optimizer } of runs) {
          // Same gradients in both networks: a deterministic pattern per tensor and step.
          net.params.forEach((p, j) => {
            for (let i = 0; i < p.size; i++) p.grad[i] = Math.sin(1 + i * 0.37 + j * 1.3 + step * 0.71);
          });
          optimizer.step(0.05, 0.02);
        }
      }
      expect(runs[0].optimizer.t).toBe(4);
      runs[0].net.params.forEach((p, j) => {
        const q = runs[1].net.params[j];
        expect(Array.from(new Uint32Array(Float32Array.from(p.value).buffer)), `${p.layerId}.${p.name}`).toEqual(
          Array.from(new Uint32Array(Float32Array.from(q.value).buffer)),
        );
        // And the planned updates reached every tensor (a program over stale buffers would not).
        expect(
          p.value.every((v, i) => v === initial[j][i]),
          `${p.layerId}.${p.name} unchanged`,
        ).toBe(false);
      });
    });
  }
});
