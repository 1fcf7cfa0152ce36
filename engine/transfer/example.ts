/**
 * The worked transfer-learning example (course 3, week 2), on the bundled MNIST digits:
 * 1. train a network on digits 0–4 (about 5,100 images);
 * 2. keep its hidden layers, frozen, replace the last layer with a new 5-class output, and
 *    train it on a small subset of digits 5–9;
 * 3. train the same network from scratch (nothing frozen, fresh weights) on the same subset.
 * Both runs of the second task are measured on the same dev set of digits 5–9, so the difference
 * is what the features learned on 0–4 are worth when data is scarce; it is repeated on a few
 * different subsets because which 50 images a run sees matters as much. The CLI
 * (`dendrite transfer-example`), the canvas template and the tests all read these definitions.
 */
import type { InlineSource } from '../data/source';
import type { ModelFile } from '../export/format';
import type { RunRequest } from '../protocol/messages';
import type { LayerSpec, ModelSpec } from '../spec/types';
import type { TrainConfig } from '../protocol/train-config';
import { selectClasses } from '../data/classes';

export const FIRST_DIGITS = [0, 1, 2, 3, 4];
export const SECOND_DIGITS = [5, 6, 7, 8, 9];
/** Training examples of digits 5–9 the second task may use (about 10 per digit): "a small subset". */
export const SMALL_SUBSET = 50;

/** A LeNet-style body: its convolutions learn strokes, which digits 5–9 are drawn with too. */
const body = (frozen: readonly string[]): LayerSpec[] =>
  (
    [
      { id: 'image', kind: 'input', shape: [28, 28, 1], inputs: [] },
      { id: 'conv-1', kind: 'conv2d', filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu', inputs: ['image'] },
      { id: 'pool-1', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['conv-1'] },
      { id: 'conv-2', kind: 'conv2d', filters: 16, f: 5, s: 1, padding: 'valid', activation: 'relu', inputs: ['pool-1'] },
      { id: 'pool-2', kind: 'pool', mode: 'max', f: 2, s: 2, inputs: ['conv-2'] },
      { id: 'flatten', kind: 'flatten', inputs: ['pool-2'] },
      { id: 'hidden', kind: 'dense', units: 64, activation: 'relu', inputs: ['flatten'] },
    ] satisfies LayerSpec[]
  ).map((layer) => (frozen.includes(layer.id) ? ({ ...layer, frozen: true } as LayerSpec) : layer));
const head = (id: string): LayerSpec => ({ id, kind: 'output', units: 5, activation: 'softmax', loss: 'cross_entropy', inputs: ['hidden'] });
const spec = (name: string, layers: LayerSpec[]): ModelSpec => ({ format: 'dendrite.spec', version: 1, name, layers });

/** Task A: digits 0–4. */
export const BASE_SPEC = spec('Digits 0–4', [...body([]), head('digits-0-4')]);
/**
 * Task B with transfer: the convolutions frozen (feature extraction), the dense layer carried
 * over and fine-tuned, and a new output layer (fresh weights) for the new classes.
 */
export const TRANSFER_SPEC = spec('Digits 5–9, transferred from 0–4', [...body(['conv-1', 'conv-2']), head('digits-5-9')]);
/** Task B from scratch: the same network, nothing frozen, every layer fresh. */
export const SCRATCH_SPEC = spec('Digits 5–9, from scratch', [...body([]), head('digits-5-9')]);
/** The layers that carry over: target id → source id. */
export const TRANSFERRED_LAYERS: Record<string, string> = { 'conv-1': 'conv-1', 'conv-2': 'conv-2', hidden: 'hidden' };

const adam = { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
export const BASE_CONFIG: TrainConfig = { epochs: 3, batchSize: 64, learningRate: 0.002, optimizer: adam, seed: 1 };
export const SECOND_CONFIG: TrainConfig = { epochs: 100, batchSize: 32, learningRate: 0.003, optimizer: adam, seed: 1 };
/** Each task's examples split 80 % train, 20 % dev, stratified; the seed picks the split (and the subset). */
const split = (seed: number) => ({ train: 0.8, dev: 0.2, seed, stratify: true });
export const BASE_SPLIT_SEED = 7;

export type ExampleStep = { step: 'base' } | { step: 'transfer' | 'scratch'; draw: number };

export interface TransferExampleOptions {
  /** Training examples of digits 5–9 per draw. */
  subset?: number;
  /**
   * How many different small subsets to compare on: which 50 images a run gets moves its dev
   * accuracy by several points, so one subset alone can say either thing.
   */
  draws?: number;
}

export interface TransferExample {
  base: RunRequest;
  /** Per draw: task B transferred from the base run's model, and from scratch, on the same subset and dev set. */
  pairs(model: ModelFile): { transfer: RunRequest; scratch: RunRequest }[];
}

/** The runs, given the ten-digit dataset (the bundled MNIST subset) and a run id for each step. */
export function transferExample(digits: InlineSource, runId: (step: ExampleStep) => string, options: TransferExampleOptions = {}): TransferExample {
  const subset = options.subset ?? SMALL_SUBSET;
  const draws = options.draws ?? 3;
  const first = selectClasses(digits, FIRST_DIGITS);
  const second = selectClasses(digits, SECOND_DIGITS);
  return {
    base: { runId: runId({ step: 'base' }), spec: BASE_SPEC, data: first, split: split(BASE_SPLIT_SEED), config: BASE_CONFIG },
    pairs: (model) =>
      Array.from({ length: draws }, (_, draw) => ({
        transfer: {
          runId: runId({ step: 'transfer', draw }),
          spec: TRANSFER_SPEC,
          data: second,
          split: split(draw + 1),
          config: SECOND_CONFIG,
          trainLimit: subset,
          transfer: { model, layers: TRANSFERRED_LAYERS, name: 'digits 0–4' },
        },
        scratch: {
          runId: runId({ step: 'scratch', draw }),
          spec: SCRATCH_SPEC,
          data: second,
          split: split(draw + 1),
          config: SECOND_CONFIG,
          trainLimit: subset,
        },
      })),
  };
}

/** Dev accuracy of each draw's two runs, and their means. */
export interface ExampleSummary {
  draws: { transfer: number; scratch: number }[];
  transfer: number;
  scratch: number;
}

export function summariseExample(draws: { transfer: number; scratch: number }[]): ExampleSummary {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { draws, transfer: mean(draws.map((d) => d.transfer)), scratch: mean(draws.map((d) => d.scratch)) };
}
