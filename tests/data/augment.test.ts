/** Augmentation (issue 8): flips and shifts exactly as specified, seeded, on train batches only. */
import { describe, expect, it } from 'vitest';
import { createAugmenter, transformImage } from '../../engine/data/augment';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { runTraining } from '../../engine/train/run';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { createRng } from '../../engine/tensor/rng';
import { chain, recorder, request } from '../engine/helpers';

// A 3 × 4 image with 2 channels: pixel (h, w) holds (10h + w, −(10h + w)).
const g = { height: 3, width: 4, channels: 2 };
const image = Float32Array.from({ length: 24 }, (_, i) => {
  const p = Math.floor(i / 2);
  const v = 10 * Math.floor(p / 4) + (p % 4);
  return i % 2 === 0 ? v : -v;
});
/** Channel 0 of an (H, W, 2) image as rows, for readable expectations. */
const rows = (x: ArrayLike<number>) => [0, 1, 2].map((h) => [0, 1, 2, 3].map((w) => x[(h * 4 + w) * 2]));

describe('transformImage', () => {
  it('mirrors left–right, every channel with its pixel', () => {
    const out = new Float32Array(24);
    transformImage(image, out, g, true, 0, 0);
    expect(rows(out)).toEqual([
      [3, 2, 1, 0],
      [13, 12, 11, 10],
      [23, 22, 21, 20],
    ]);
    expect(out[1]).toBe(-3);
  });

  it('shifts right by dx and down by dy with zero fill (and up/left for negative shifts)', () => {
    const out = new Float32Array(24);
    transformImage(image, out, g, false, 1, 1);
    expect(rows(out)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 2],
      [0, 10, 11, 12],
    ]);
    transformImage(image, out, g, false, -2, -1);
    expect(rows(out)).toEqual([
      [12, 13, 0, 0],
      [22, 23, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('flips first, then shifts', () => {
    const out = new Float32Array(24);
    transformImage(image, out, g, true, 1, 0);
    expect(rows(out)[0]).toEqual([0, 3, 2, 1]);
  });
});

describe('createAugmenter', () => {
  /** Every result one of the allowed transforms of the original. */
  function candidates(maxShift: number, flip: boolean): Float32Array[] {
    const out: Float32Array[] = [];
    for (const f of flip ? [false, true] : [false])
      for (let dx = -maxShift; dx <= maxShift; dx++)
        for (let dy = -maxShift; dy <= maxShift; dy++) {
          const t = new Float32Array(24);
          transformImage(image, t, g, f, dx, dy);
          out.push(t);
        }
    return out;
  }

  it('each example becomes one allowed flip/shift of itself; about half are flipped; same seed, same draws', () => {
    const m = 400;
    const batch = () => {
      const X = new Float32Array(m * 24);
      for (let i = 0; i < m; i++) X.set(image, i * 24);
      return X;
    };
    const X = batch();
    createAugmenter({ flipHorizontal: true, maxShift: 1 }, [3, 4, 2], 7)!.apply(X, m);
    const allowed = candidates(1, true).map((c) => c.join());
    let flipped = 0;
    const mirror = new Float32Array(24);
    transformImage(image, mirror, g, true, 0, 0);
    for (let i = 0; i < m; i++) {
      const ex = X.subarray(i * 24, i * 24 + 24);
      expect(allowed).toContain(Array.from(ex).join());
      if (ex.join() === mirror.join()) flipped++;
    }
    // 1/9 of examples are unshifted; half of those are mirrored: about 22 of 400.
    expect(flipped).toBeGreaterThan(8);
    expect(flipped).toBeLessThan(40);
    const again = batch();
    createAugmenter({ flipHorizontal: true, maxShift: 1 }, [3, 4, 2], 7)!.apply(again, m);
    expect(again).toEqual(X);
    const other = batch();
    createAugmenter({ flipHorizontal: true, maxShift: 1 }, [3, 4, 2], 8)!.apply(other, m);
    expect(other).not.toEqual(X);
  });

  it('flip only never shifts; nothing enabled or non-image shapes give no augmenter', () => {
    const X = new Float32Array(24 * 50);
    for (let i = 0; i < 50; i++) X.set(image, i * 24);
    createAugmenter({ flipHorizontal: true }, [3, 4, 2], 1)!.apply(X, 50);
    const mirror = new Float32Array(24);
    transformImage(image, mirror, g, true, 0, 0);
    const kinds = new Set(Array.from({ length: 50 }, (_, i) => X.subarray(i * 24, i * 24 + 24).join()));
    expect(kinds).toEqual(new Set([image.join(), mirror.join()]));
    expect(createAugmenter({ flipHorizontal: false, maxShift: 0 }, [3, 4, 2], 1)).toBeNull();
    expect(createAugmenter({ flipHorizontal: true }, [24], 1)).toBeNull();
  });
});

describe('augmentation in a run', () => {
  const rng = createRng(3);
  const m = 60;
  const x = Float32Array.from({ length: m * 36 }, () => rng.uniform());
  const y = Float32Array.from({ length: m }, (_, i) => i % 2);
  const data = { kind: 'inline' as const, x, y, exampleShape: [6, 6, 1], numClasses: 2 };
  const model = chain(
    { id: 'x', kind: 'input', shape: [6, 6, 1] },
    { id: 'f', kind: 'flatten' },
    { id: 'y', kind: 'output', units: 2, activation: 'softmax', loss: 'cross_entropy', init: { kind: 'random', scale: 0.5 } },
  );
  const run = async (extra: Partial<RunRequest>) => {
    const hooks = recorder();
    // α = 0: the weights never move, so any difference comes from what the batches contain.
    await runTraining(
      request(model, data, { iterations: 3, learningRate: 0 }, { split: { train: 0.6, dev: 0.2, seed: 1 }, ...extra }),
      createReferenceBackend(),
      hooks,
    );
    const epochs = hooks.events.filter((e): e is Extract<FromTrainer, { type: 'epoch' }> => e.type === 'epoch');
    const costs = hooks.events.flatMap((e) => (e.type === 'progress' ? e.costs.map((c) => c.cost) : []));
    const finished = hooks.events.find((e): e is Extract<FromTrainer, { type: 'run-finished' }> => e.type === 'run-finished');
    return { epochs, costs, finished };
  };

  it('changes the train batches only: dev and test, and the train evaluation, are exactly as without it', async () => {
    const plain = await run({});
    const augmented = await run({ augmentation: { flipHorizontal: true, maxShift: 2 } });
    expect(augmented.costs).toHaveLength(3);
    expect(augmented.costs).not.toEqual(plain.costs);
    // Full-batch without augmentation repeats the same batch; with it, each step draws afresh.
    expect(new Set(plain.costs).size).toBe(1);
    expect(new Set(augmented.costs).size).toBe(3);
    expect(augmented.epochs.map((e) => [e.metrics.devCost, e.metrics.trainCost])).toEqual(plain.epochs.map((e) => [e.metrics.devCost, e.metrics.trainCost]));
    expect(augmented.finished!.metrics.testAccuracy).toBe(plain.finished!.metrics.testAccuracy);
  });

  it('refuses augmentation of non-image examples with a clear message', async () => {
    const hooks = recorder();
    const flat = chain({ id: 'x', kind: 'input', shape: [2] }, { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' });
    await runTraining(
      request(flat, { kind: 'generator', name: 'moons', m: 50, seed: 1 }, { iterations: 1 }, { augmentation: { flipHorizontal: true } }),
      createReferenceBackend(),
      hooks,
    );
    const failed = hooks.events.find((e): e is Extract<FromTrainer, { type: 'run-failed' }> => e.type === 'run-failed');
    expect(failed?.message).toMatch(/needs image examples of shape \(H, W, C\); these examples have shape \(2\)/);
  });
});
