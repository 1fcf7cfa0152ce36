/** Train-dev split (issue 8): exact sizes and class counts, disjointness, and the per-epoch train-dev metrics. */
import { describe, expect, it } from 'vitest';
import { labelled } from '../helpers/labelled-dataset';
import type { Dataset } from '../../engine/data/dataset';
import { splitIndices } from '../../engine/data/split';
import { splitDataset } from '../helpers/split-reference';
import { classCounts } from '../../engine/data/readers/summary';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { runTraining } from '../../engine/train/run';
import type { FromTrainer } from '../../engine/protocol/messages';
import { logistic, recorder, request } from '../engine/helpers';

const ids = (d: Dataset | null) => (d ? Array.from({ length: d.m }, (_, i) => d.x[2 * i]) : []);
const sorted = (a: number[]) => [...a].sort((p, q) => p - q);

describe('train-dev split', () => {
  it('stratified: takes the fraction of each class out of train, exactly, and nothing else moves', () => {
    const data = labelled([500, 300, 200]);
    const without = splitDataset(data, { train: 0.6, dev: 0.2, seed: 7, stratify: true });
    const s = splitDataset(data, { train: 0.6, dev: 0.2, seed: 7, stratify: true, trainDev: 0.25 });
    expect(classCounts(s.train)).toEqual([225, 135, 90]);
    expect(classCounts(s.trainDev!)).toEqual([75, 45, 30]);
    // Dev and test are the same examples as without a train-dev set.
    expect(sorted(ids(s.dev))).toEqual(sorted(ids(without.dev)));
    expect(sorted(ids(s.test))).toEqual(sorted(ids(without.test)));
    // Train ∪ train-dev is the old train, and they are disjoint.
    expect(sorted([...ids(s.train), ...ids(s.trainDev)])).toEqual(sorted(ids(without.train)));
    expect(new Set([...ids(s.train), ...ids(s.trainDev)]).size).toBe(600);
    for (let i = 0; i < s.trainDev!.m; i++) expect(s.trainDev!.x[2 * i + 1]).toBe(s.trainDev!.y[i] * 10);
  });

  it('unstratified: the tail of the shuffled train slice, seeded', () => {
    const data = labelled([70, 30]);
    const s = splitDataset(data, { train: 0.8, dev: 0.1, seed: 3, trainDev: 0.1 });
    expect([s.train.m, s.trainDev!.m, s.dev!.m, s.test!.m]).toEqual([72, 8, 10, 10]);
    const ix = splitIndices(data, { train: 0.8, dev: 0.1, seed: 3, trainDev: 0.1 });
    expect(ids(s.trainDev)).toEqual(Array.from(ix.trainDev));
    const again = splitDataset(data, { train: 0.8, dev: 0.1, seed: 3, trainDev: 0.1 });
    expect(ids(again.trainDev)).toEqual(ids(s.trainDev));
    expect(ids(splitDataset(data, { train: 0.8, dev: 0.1, seed: 4, trainDev: 0.1 }).trainDev)).not.toEqual(ids(s.trainDev));
  });

  it('works with everything in train (no dev/test), and a zero fraction changes nothing', () => {
    const data = labelled([50, 50]);
    const s = splitDataset(data, { train: 1, dev: 0, seed: 1, trainDev: 0.2 });
    expect([s.train.m, s.trainDev!.m, s.dev, s.test]).toEqual([80, 20, null, null]);
    const zero = splitDataset(data, { train: 0.6, dev: 0.2, seed: 1, trainDev: 0 });
    const none = splitDataset(data, { train: 0.6, dev: 0.2, seed: 1 });
    expect(zero.trainDev).toBeNull();
    expect(ids(zero.train)).toEqual(ids(none.train));
  });

  it('never empties train', () => {
    const s = splitDataset(labelled([1, 1]), { train: 0.5, dev: 0, seed: 1, trainDev: 0.5 });
    expect(s.train.m).toBeGreaterThanOrEqual(1);
    expect(s.train.m + (s.trainDev?.m ?? 0) + (s.test?.m ?? 0)).toBe(2);
  });
});

describe('train-dev metrics in a run', () => {
  it('reports its size and, each epoch, the cost and error of the current weights on exactly those examples', async () => {
    // Logistic regression from zero weights, one full-batch step: w = −α/m Σ x(a − y) with a = ½,
    // computed here in float64 independently of the engine.
    const m = 200;
    const x = new Float32Array(m * 2);
    const y = new Float32Array(m);
    for (let i = 0; i < m; i++) {
      y[i] = i % 3 === 0 ? 1 : 0;
      x[2 * i] = Math.sin(i) + y[i];
      x[2 * i + 1] = Math.cos(3 * i) - y[i];
    }
    const data = { kind: 'inline' as const, x, y, exampleShape: [2], numClasses: 2 };
    const split = { train: 0.8, dev: 0.2, seed: 5, trainDev: 0.25 };
    const hooks = recorder();
    await runTraining(request(logistic(), data, { iterations: 1, learningRate: 0.5 }, { split }), createReferenceBackend(), hooks);
    const started = hooks.events.find((e): e is Extract<FromTrainer, { type: 'run-started' }> => e.type === 'run-started')!;
    expect(started.trainDevSize).toBe(40);
    expect(started.trainSize).toBe(120);

    const ix = splitIndices({ x, y, m, exampleShape: [2], numClasses: 2, targetWidth: 1 }, split);
    let w0 = 0;
    let w1 = 0;
    let b = 0;
    for (const i of ix.train) {
      const d = 0.5 - y[i];
      w0 -= (0.5 / ix.train.length) * d * x[2 * i];
      w1 -= (0.5 / ix.train.length) * d * x[2 * i + 1];
      b -= (0.5 / ix.train.length) * d;
    }
    let cost = 0;
    let wrong = 0;
    for (const i of ix.trainDev) {
      const a = 1 / (1 + Math.exp(-(w0 * x[2 * i] + w1 * x[2 * i + 1] + b)));
      cost -= y[i] * Math.log(a) + (1 - y[i]) * Math.log(1 - a);
      if ((a > 0.5 ? 1 : 0) !== y[i]) wrong++;
    }
    const epoch = hooks.events.find((e): e is Extract<FromTrainer, { type: 'epoch' }> => e.type === 'epoch')!;
    expect(epoch.metrics.trainDevCost).toBeCloseTo(cost / ix.trainDev.length, 5);
    expect(epoch.metrics.trainDevError).toBe(wrong / ix.trainDev.length);
    expect(epoch.metrics.devCost).toBeDefined();
  });

  it('sends no train-dev fields without a train-dev split', async () => {
    const hooks = recorder();
    await runTraining(
      request(logistic(), { kind: 'generator', name: 'moons', m: 100, seed: 1 }, { iterations: 1 }, { split: { train: 0.8, dev: 0.2, seed: 1 } }),
      createReferenceBackend(),
      hooks,
    );
    const started = hooks.events.find((e) => e.type === 'run-started')!;
    expect('trainDevSize' in started).toBe(false);
    const epoch = hooks.events.find((e): e is Extract<FromTrainer, { type: 'epoch' }> => e.type === 'epoch')!;
    expect(epoch.metrics.trainDevCost).toBeUndefined();
  });
});
