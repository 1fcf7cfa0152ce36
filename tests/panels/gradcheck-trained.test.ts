/** The gradient check of a trained model: check-request.ts loads the run's trained weights (RunRequest.initialModel). */
import { describe, expect, it, vi } from 'vitest';
import type { Network } from '../../engine/model/network';
import { decodeFloat32 } from '../../engine/export/base64';
import type { FromTrainer } from '../../engine/protocol/messages';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { runTraining } from '../../engine/train/run';
import { flower400, planar241, recorder, request } from '../engine/helpers';

/** The parameters the check's network held when it started, per `layer/name`. */
const seen: { values: Map<string, Float64Array>; biasJitter?: number }[] = [];
vi.mock('../../engine/train/gradcheck', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/train/gradcheck')>();
  return {
    ...real,
    gradientCheck: (
      spec: Parameters<typeof real.gradientCheck>[0],
      data: Parameters<typeof real.gradientCheck>[1],
      options: Parameters<typeof real.gradientCheck>[2] = {},
    ) => {
      const record = { values: new Map<string, Float64Array>(), biasJitter: options.biasJitter };
      seen.push(record);
      return real.gradientCheck(spec, data, {
        ...options,
        initialise: (net: Network) => {
          options.initialise?.(net);
          for (const p of net.params) record.values.set(`${p.layerId}/${p.name}`, Float64Array.from(p.value.subarray(0, p.size)));
        },
      });
    },
  };
});

const { gradCheckRequest } = await import('../../engine/train/check-request');

async function trainedModel() {
  const hooks = recorder();
  await runTraining(request(planar241(), flower400, { iterations: 300 }), createReferenceBackend(), hooks);
  return hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model')!.model;
}

describe('gradient check on trained weights', () => {
  it('checks the model’s own weights (not a fresh initialisation) and its gradients agree', async () => {
    const model = await trainedModel();
    seen.length = 0;
    const trained = gradCheckRequest({ ...request(planar241(), flower400, { iterations: 300 }), initialModel: model });
    expect(seen).toHaveLength(1);
    expect(seen[0].biasJitter).toBe(0);
    for (const p of model.parameters) {
      const expected = decodeFloat32(p.data)!;
      const actual = seen[0].values.get(`${p.layer}/${p.name}`)!;
      expect(Array.from(actual)).toEqual(Array.from(expected));
    }
    expect(['great', 'fine']).toContain(trained.band);

    // Without a model: the seeded initialisation (small weights, jittered biases), not the model's.
    const fresh = gradCheckRequest(request(planar241(), flower400, { iterations: 300 }));
    const freshW = seen[1].values.get('h/W')!;
    const trainedW = seen[0].values.get('h/W')!;
    expect(Math.max(...freshW.map(Math.abs))).toBeLessThan(0.05);
    expect(Math.max(...trainedW.map(Math.abs))).toBeGreaterThan(0.5);
    expect(seen[1].biasJitter).toBe(0.1);
    expect(fresh.difference).not.toBe(trained.difference);
  });

  it('refuses a model of a different network with a message naming the layer', async () => {
    const model = await trainedModel();
    const wider = planar241();
    (wider.layers.find((l) => l.id === 'h') as { units: number }).units = 5;
    expect(() => gradCheckRequest({ ...request(wider, flower400), initialModel: model })).toThrow(/layer h|\(5, 2\)|W of layer h/);
  });
});
