/** prepareRun's ownsData: a trainer that owns the request's data splits it in place, with the same result. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { generate } from '../../engine/data/generators';
import type { InlineSource } from '../../engine/data/source';
import { prepareRun } from '../../engine/train/prepare';
import { planar241, request } from './helpers';

function inline(): InlineSource {
  const data = generate({ kind: 'generator', name: 'flower', m: 400, seed: 1 });
  return { kind: 'inline', x: data.x, y: data.y, exampleShape: data.exampleShape, numClasses: data.numClasses };
}

describe('prepareRun with ownsData', () => {
  it('reuses the request’s buffers and gives the same splits, normalised the same way, as a copy', () => {
    const split = { train: 0.6, dev: 0.2, seed: 5, trainDev: 0.1 };
    const owned = inline();
    const kept = inline();
    const before = Float32Array.from(kept.x);
    const backend = createReferenceBackend('float32');
    const inPlace = prepareRun(request(planar241(), owned, {}, { split, normalisation: 'standardise' }), backend, { ownsData: true });
    const copied = prepareRun(request(planar241(), kept, {}, { split, normalisation: 'standardise' }), backend);
    expect(inPlace.train.x.buffer).toBe(owned.x.buffer);
    expect(copied.train.x.buffer).not.toBe(kept.x.buffer);
    // A caller that keeps its data finds it untouched.
    expect(kept.x).toEqual(before);
    for (const part of ['train', 'trainDev', 'dev', 'test'] as const) {
      expect(Array.from(inPlace[part]!.x)).toEqual(Array.from(copied[part]!.x));
      expect(Array.from(inPlace[part]!.y)).toEqual(Array.from(copied[part]!.y));
    }
    expect(inPlace.normalisation).toEqual(copied.normalisation);
  });
});
