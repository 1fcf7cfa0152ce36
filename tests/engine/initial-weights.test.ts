/** Continuing from a model file: RunRequest.initialModel and RunRequest.trainLimit in prepareRun. */
import { describe, expect, it } from 'vitest';
import { decodeFloat32 } from '../../engine/export/base64';
import type { ModelFile } from '../../engine/export/format';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { prepareRun, RunInputError } from '../../engine/train/prepare';
import { parseRunRequest } from '../../engine/protocol/schema';
import { runTraining } from '../../engine/train/run';
import { chain, flower400, planar241, recorder, request } from './helpers';

async function trainedModel(iterations: number, extra: Parameters<typeof request>[3] = {}): Promise<ModelFile> {
  const hooks = recorder();
  await runTraining(request(planar241(), flower400, { iterations }, extra), createReferenceBackend(), hooks);
  const event = hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model');
  if (!event) throw new Error('the run sent no model');
  return event.model;
}

/** The planar 2-?-1 network with its hidden layer's id and width changed. */
function planarWith(hiddenId: string, units: number) {
  const init = { kind: 'random', scale: 0.01 } as const;
  return chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: hiddenId, kind: 'dense', units, activation: 'tanh', init },
    { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init },
  );
}

function values(file: ModelFile): Map<string, number[]> {
  return new Map([...file.parameters, ...file.state].map((t) => [`${t.layer}/${t.name}`, [...decodeFloat32(t.data)!]]));
}

describe('initialModel', () => {
  it('loads the model’s exact weights and its normalisation instead of initialising and refitting', async () => {
    const model = await trainedModel(50, { normalisation: 'standardise' });
    const prepared = prepareRun(request(planar241(), flower400, {}, { initialModel: model, normalisation: 'minmax' }), createReferenceBackend('float32'));
    const expected = values(model);
    for (const p of prepared.net.params) expect([...p.value]).toEqual(expected.get(`${p.layerId}/${p.name}`));
    expect(prepared.normalisation.kind).toBe('standardise');
    expect(prepared.normalisation.shift).toEqual(model.normalisation.shift);
    expect(prepared.normalisation.scale).toEqual(model.normalisation.scale);
  });

  it('100 + 100 iterations of full-batch GD end on exactly the weights of 200 in one go', async () => {
    const straight = await trainedModel(200);
    const half = await trainedModel(100);
    const continued = await trainedModel(100, { initialModel: half });
    expect(values(continued)).toEqual(values(straight));
    // …and differ from the half-way weights, so the comparison is not vacuous.
    expect(values(continued)).not.toEqual(values(half));
  });

  it('refuses weights trained on a different network, naming the tensor and both shapes', async () => {
    const model = await trainedModel(5);
    const wider = planarWith('h', 5);
    const attempt = () => prepareRun(request(wider, flower400, {}, { initialModel: model }), createReferenceBackend('float32'));
    expect(attempt).toThrow(RunInputError);
    expect(attempt).toThrow('W of layer h is (4, 2) in the starting model but (5, 2) in this network');
  });

  it('refuses a model whose layers have other ids, and a corrupt tensor, with a clear reason', async () => {
    const model = await trainedModel(5);
    const renamed = planarWith('hidden', 4);
    expect(() => prepareRun(request(renamed, flower400, {}, { initialModel: model }), createReferenceBackend('float32'))).toThrow('no W for layer hidden');
    const corrupt: ModelFile = { ...model, parameters: model.parameters.map((t, i) => (i === 0 ? { ...t, data: 'AAAA' } : t)) };
    expect(() => prepareRun(request(planar241(), flower400, {}, { initialModel: corrupt }), createReferenceBackend('float32'))).toThrow(
      /The starting model is invalid: parameters\[0\]\.data: not base64 of little-endian float32 values/,
    );
  });
});

describe('evaluating a model without training (iterations = 0)', () => {
  it('reports the starting weights’ metrics and views, and hands back the same weights', async () => {
    const hooks = recorder();
    const trained = await runTraining(request(planar241(), flower400, { iterations: 200 }), createReferenceBackend(), hooks);
    const model = hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model')!.model;
    const evaluated = recorder();
    const metrics = await runTraining(request(planar241(), flower400, { iterations: 0 }, { initialModel: model }), createReferenceBackend(), evaluated);
    expect(metrics).toMatchObject({ iterations: 0, epochs: 0, trainAccuracy: trained!.trainAccuracy, trainCost: trained!.trainCost });
    const types = evaluated.events.map((e) => e.type);
    expect(types[0]).toBe('run-started');
    expect(types).toContain('boundary');
    expect(types).toContain('evaluation');
    expect(types).not.toContain('progress');
    expect(types.at(-1)).toBe('run-finished');
    const again = evaluated.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model')!.model;
    expect(values(again)).toEqual(values(model));
  });

  it('is refused at the boundary without a model to evaluate', () => {
    const bad = parseRunRequest(request(planar241(), flower400, { iterations: 0 }));
    expect(bad).toEqual({ ok: false, error: 'config.iterations: iterations = 0 evaluates a model, so it needs initialModel' });
  });
});

describe('trainLimit', () => {
  it('trains on a seeded random subset of the requested size, nested as the limit grows', () => {
    const backend = createReferenceBackend('float32');
    const small = prepareRun(request(planar241(), flower400, {}, { trainLimit: 40 }), backend).train;
    const large = prepareRun(request(planar241(), flower400, {}, { trainLimit: 120 }), backend).train;
    expect(small.m).toBe(40);
    expect(large.m).toBe(120);
    expect(Array.from(large.x.subarray(0, 80))).toEqual(Array.from(small.x));
    // The flower generator emits its classes in order; a random subset holds both.
    expect(new Set(Array.from(small.y)).size).toBe(2);
    expect(prepareRun(request(planar241(), flower400, {}, { trainLimit: 10_000 }), backend).train.m).toBe(400);
  });
});
