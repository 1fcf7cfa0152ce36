/** Course 2, week 1: initialisation. Zeros cannot break symmetry; He trains a deep ReLU net where random × 10 does not. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { InitSpec } from '../../engine/spec/types';
import { trainModel } from '../../engine/train/loop';
import { runTraining } from '../../engine/train/run';
import { chain, flower400, planar241, recorder, request } from './helpers';

describe('initialisation (course 2, week 1)', () => {
  it('zeros init keeps every hidden unit identical, however long it trains', async () => {
    const outcome = await trainModel(request(planar241({ kind: 'zeros' }), flower400, { iterations: 300 }), createReferenceBackend(), recorder());
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    const [W1, b1, W2] = outcome.prepared.net.params;
    expect(W1.shape).toEqual([4, 2]);
    const row = (r: number) => Array.from(W1.value.subarray(r * 2, r * 2 + 2));
    for (let r = 1; r < 4; r++) {
      expect(row(r)).toEqual(row(0));
      expect(b1.value[r]).toBe(b1.value[0]);
      expect(W2.value[r]).toBe(W2.value[0]);
    }
    // …so the network is no better than logistic regression.
    expect(outcome.metrics.trainAccuracy).toBeLessThan(0.7);
  });

  const deepRelu = (init: InitSpec) =>
    chain(
      { id: 'x', kind: 'input', shape: [2] },
      ...Array.from({ length: 6 }, (_, i) => ({ id: `d${i + 1}`, kind: 'dense' as const, units: 10, activation: 'relu' as const, init })),
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init },
    );
  const circles = { kind: 'generator' as const, name: 'circles' as const, m: 300, seed: 1 };

  it('He init trains a 6-hidden-layer ReLU net on circles; random × 10 does not', async () => {
    const he = await runTraining(request(deepRelu({ kind: 'he' }), circles, { iterations: 500, learningRate: 0.05 }), createReferenceBackend(), recorder());
    const big = await runTraining(
      request(deepRelu({ kind: 'random', scale: 10 }), circles, { iterations: 500, learningRate: 0.05 }),
      createReferenceBackend(),
      recorder(),
    );
    expect(he!.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    // Exploding activations kill the ReLUs (or the run diverges): no better than chance.
    expect(big === null || big.trainAccuracy <= 0.7).toBe(true);
  });
});
