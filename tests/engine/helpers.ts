/** Shared builders for engine tests: specs, requests and a silent hooks recorder. */
import type { Dataset } from '../../engine/data/dataset';
import { createRng } from '../../engine/tensor/rng';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import type { RunHooks } from '../../engine/train/hooks';
import type { InitSpec, LayerSpec, ModelSpec } from '../../engine/spec/types';
import type { LayerFields } from '../../engine/compile/params';
import type { TrainConfig } from '../../engine/protocol/train-config';
import type { DataSource } from '../../engine/data/source';

export function spec(...layers: LayerSpec[]): ModelSpec {
  return { format: 'dendrite.spec', version: 1, layers };
}

/** A chain: each layer reads the previous one. */
export function chain(...layers: LayerFields[]): ModelSpec {
  return spec(...layers.map((l, i) => ({ ...l, inputs: i === 0 ? [] : [layers[i - 1].id] }) as LayerSpec));
}

export const planar241 = (init: InitSpec = { kind: 'random', scale: 0.01 }) =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'h', kind: 'dense', units: 4, activation: 'tanh', init },
    { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init },
  );

export const logistic = () =>
  chain({ id: 'x', kind: 'input', shape: [2] }, { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', init: { kind: 'zeros' } });

export const flower400: DataSource = { kind: 'generator', name: 'flower', m: 400, seed: 1 };

export function request(model: ModelSpec, data: DataSource, config: Partial<TrainConfig> = {}, extra: Partial<RunRequest> = {}): RunRequest {
  return {
    runId: 'test',
    spec: model,
    data,
    config: { batchSize: 'full', learningRate: 1.2, optimizer: { kind: 'gd' }, seed: 2, iterations: 100, ...config },
    ...extra,
  };
}

/**
 * Hooks that record every event. `tick` > 0 makes time deterministic: each now() call
 * advances the clock by tick ms (so throttles open predictably).
 */
export function recorder(stopAfter = Infinity, tick = 0): RunHooks & { events: FromTrainer[]; checkpoints: number } {
  let clock = 0;
  const hooks = {
    events: [] as FromTrainer[],
    checkpoints: 0,
    emit(msg: FromTrainer) {
      hooks.events.push(msg);
    },
    async checkpoint() {
      hooks.checkpoints++;
      return hooks.checkpoints >= stopAfter ? ('stop' as const) : ('continue' as const);
    },
    now: () => (tick > 0 ? (clock += tick) : performance.now() + clock),
    advance(ms: number) {
      clock += ms;
    },
  };
  return hooks;
}

/** A small random dataset: x ~ N(0, 1), labels uniform over k classes (k = 0: regression targets of width `targets`). */
export function randomData(m: number, exampleShape: number[], numClasses: number, seed = 3, targets = 1): Dataset {
  const rng = createRng(seed);
  const n = exampleShape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: m * n }, () => rng.randn());
  const width = numClasses >= 2 ? 1 : targets;
  const y = Float32Array.from({ length: m * width }, () => (numClasses >= 2 ? rng.int(numClasses) : rng.randn()));
  return { x, y, m, exampleShape, numClasses, targetWidth: width };
}
