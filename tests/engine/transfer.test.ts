/**
 * Transfer learning: which layers of an exported model fit which layers of the current network
 * (matchLayers), and a run that starts the chosen layers from the model's weights while the rest
 * are initialised fresh (RunRequest.transfer), refusing a bad pair before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import { decodeFloat32 } from '../../engine/export/base64';
import type { ModelFile } from '../../engine/export/format';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork } from '../../engine/model/network';
import type { FromTrainer } from '../../engine/protocol/messages';
import { parseRunRequest } from '../../engine/protocol/schema';
import type { ModelSpec } from '../../engine/spec/types';
import { prepareRun, RunInputError } from '../../engine/train/prepare';
import { runTraining } from '../../engine/train/run';
import { chosenPairs, matchLayers } from '../../engine/transfer/match';
import { chain, recorder, request } from './helpers';

const spirals = { kind: 'generator', name: 'spirals', m: 300, classes: 3, seed: 1 } as const;
const moons = { kind: 'generator', name: 'moons', m: 200, seed: 1 } as const;

/** x [2] → h1 16 → bn → h2 8 → output (k units). */
const net = (outputUnits: number, ids = { h1: 'h1', h2: 'h2', out: 'y' }, frozen = false): ModelSpec =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: ids.h1, kind: 'dense', units: 16, activation: 'relu', ...(frozen ? { frozen: true } : {}) },
    { id: 'bn', kind: 'batchnorm', ...(frozen ? { frozen: true } : {}) },
    { id: ids.h2, kind: 'dense', units: 8, activation: 'tanh', ...(frozen ? { frozen: true } : {}) },
    outputUnits === 1
      ? { id: ids.out, kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' }
      : { id: ids.out, kind: 'output', units: outputUnits, activation: 'softmax', loss: 'cross_entropy' },
  );

async function trained(spec: ModelSpec, data = spirals): Promise<ModelFile> {
  const hooks = recorder();
  await runTraining(
    request(
      spec,
      data,
      { iterations: 60, learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
      { normalisation: 'standardise' },
    ),
    createReferenceBackend(),
    hooks,
  );
  const event = hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model');
  if (!event) throw new Error('no model');
  return event.model;
}

const tensor = (file: ModelFile, layer: string, name: string) => [
  ...decodeFloat32(file.parameters.concat(file.state).find((t) => t.layer === layer && t.name === name)!.data)!,
];

describe('matchLayers', () => {
  it('pairs layers of the same kind and shapes; a replaced last layer (3 → 1 units) starts fresh', async () => {
    const model = await trained(net(3));
    const matches = matchLayers(model, compileSpec(net(1)).layers);
    expect(matches).toEqual([
      { target: 'h1', kind: 'dense', candidates: ['h1'], source: 'h1' },
      { target: 'bn', kind: 'batchnorm', candidates: ['bn'], source: 'bn' },
      { target: 'h2', kind: 'dense', candidates: ['h2'], source: 'h2' },
      { target: 'y', kind: 'output', candidates: [], source: null },
    ]);
    expect(chosenPairs(matches)).toEqual({ h1: 'h1', bn: 'bn', h2: 'h2' });
  });

  it('pairs by order when the ids differ (a network rebuilt on the canvas); a new output node starts fresh', async () => {
    const model = await trained(net(3));
    const matches = matchLayers(model, compileSpec(net(3, { h1: 'dense-1', h2: 'dense-2', out: 'output-1' })).layers);
    expect(chosenPairs(matches)).toEqual({ 'dense-1': 'h1', bn: 'bn', 'dense-2': 'h2' });
    // It fits, so the user may still choose it.
    expect(matches.at(-1)).toEqual({ target: 'output-1', kind: 'output', candidates: ['y'], source: null });
    expect(chosenPairs(matchLayers(model, compileSpec(net(3)).layers))).toEqual({ h1: 'h1', bn: 'bn', h2: 'h2', y: 'y' });
  });
});

describe('RunRequest.transfer', () => {
  it('starts the chosen layers from the model (running averages too) and the others fresh, with the model’s normalisation', async () => {
    const model = await trained(net(3));
    const target = net(1);
    const prepared = prepareRun(
      request(target, moons, {}, { transfer: { model, layers: { h1: 'h1', bn: 'bn', h2: 'h2' } }, normalisation: 'minmax' }),
      createReferenceBackend(),
    );
    const value = (layer: string, name: string) => [
      ...[...prepared.net.params, ...prepared.net.state].find((t) => t.layerId === layer && t.name === name)!.value,
    ];
    for (const [layer, name] of [
      ['h1', 'W'],
      ['h1', 'b'],
      ['bn', 'gamma'],
      ['bn', 'runningMean'],
      ['bn', 'runningVar'],
      ['h2', 'W'],
    ]) {
      expect(value(layer, name)).toEqual(tensor(model, layer, name));
    }
    const fresh = createNetwork(compileSpec(target).spec!, createReferenceBackend(), { capacity: 1, seed: 2 });
    expect(value('y', 'W')).toEqual([...fresh.params.find((p) => p.layerId === 'y' && p.name === 'W')!.value]);
    expect(prepared.normalisation.kind).toBe('standardise');
    expect(prepared.normalisation.shift).toEqual(model.normalisation.shift);
  });

  it('trains the new head on top of a frozen transferred body without touching the body', async () => {
    const model = await trained(net(3));
    const hooks = recorder();
    await runTraining(
      request(net(1, undefined, true), moons, { iterations: 40, learningRate: 0.5 }, { transfer: { model, layers: { h1: 'h1', bn: 'bn', h2: 'h2' } } }),
      createReferenceBackend(),
      hooks,
    );
    const after = hooks.events.find((e): e is Extract<FromTrainer, { type: 'model' }> => e.type === 'model')!.model;
    for (const [layer, name] of [
      ['h1', 'W'],
      ['bn', 'beta'],
      ['bn', 'runningVar'],
      ['h2', 'b'],
    ])
      expect(tensor(after, layer, name)).toEqual(tensor(model, layer, name));
    const finished = hooks.events.find((e) => e.type === 'run-finished') as Extract<FromTrainer, { type: 'run-finished' }>;
    expect(finished.metrics.trainAccuracy).toBeGreaterThan(0.75);
  });

  it('refuses a pair of different shapes, naming both, and writes nothing', async () => {
    const model = await trained(net(3));
    const attempt = () =>
      prepareRun(request(net(1), moons, {}, { transfer: { model, layers: { h1: 'h1', y: 'y' }, name: 'spirals.model.json' } }), createReferenceBackend());
    expect(attempt).toThrow(RunInputError);
    expect(attempt).toThrow('Transfer: W of layer y is (1, 8) but y in spirals.model.json has (3, 8).');
    expect(() => prepareRun(request(net(1), moons, {}, { transfer: { model, layers: { h1: 'bn' } } }), createReferenceBackend())).toThrow(
      'layer h1 is dense but bn in the transfer model is batchnorm',
    );
  });

  it('the protocol carries it, and refuses it beside initialModel', async () => {
    const model = await trained(net(3));
    const base = { ...request(net(1), moons), transfer: { model, layers: { h1: 'h1' } } };
    expect(parseRunRequest(base)).toMatchObject({ ok: true });
    expect(parseRunRequest({ ...base, initialModel: model })).toEqual({
      ok: false,
      error: 'transfer: a run starts from initialModel or from a transfer, not both',
    });
  });
});
