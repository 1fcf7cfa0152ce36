/**
 * After training, the final metrics reuse the last epoch's evaluations of the same weights: the
 * training set is evaluated once at the end, not twice (W4 in the CLI: 3.1 s per pass over 60,000).
 * Counted with the hooks' pulse, which evaluate() calls after every chunk it evaluates.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { trainModel } from '../../engine/train/loop';
import { flower400, planar241, recorder, request } from './helpers';

async function run(config: Parameters<typeof request>[2], extra: Parameters<typeof request>[3] = {}) {
  const hooks = recorder();
  const log: ('pulse' | FromTrainer['type'])[] = [];
  const emit = hooks.emit.bind(hooks);
  hooks.emit = (msg) => {
    log.push(msg.type);
    emit(msg);
  };
  const withPulse = { ...hooks, pulse: () => void log.push('pulse') };
  const outcome = await trainModel(request(planar241(), flower400, config, extra), createReferenceBackend(), withPulse, { name: 'reference' });
  if (outcome.status !== 'finished') throw new Error(JSON.stringify(outcome));
  const lastEpoch = log.lastIndexOf('epoch');
  const epochs = hooks.events.filter((e): e is Extract<FromTrainer, { type: 'epoch' }> => e.type === 'epoch');
  return { pulsesAfterLastEpoch: log.slice(lastEpoch + 1).filter((t) => t === 'pulse').length, metrics: outcome.metrics, last: epochs.at(-1)!.metrics };
}

describe('the final metrics', () => {
  it('mini-batches: no pass over the training set after the last epoch event, and its train cost is the final one', async () => {
    const { pulsesAfterLastEpoch, metrics, last } = await run({ batchSize: 64, epochs: 3, iterations: undefined, learningRate: 0.5 });
    expect(last.epoch).toBe(3);
    expect(pulsesAfterLastEpoch).toBe(0);
    expect(metrics.trainCost).toBe(last.trainCost);
    expect(metrics.trainAccuracy).toBe(1 - last.trainError);
  });

  it('full batch: the same', async () => {
    const { pulsesAfterLastEpoch, metrics, last } = await run({ iterations: 50 });
    expect(last.epoch).toBe(50);
    expect(pulsesAfterLastEpoch).toBe(0);
    expect(metrics.trainCost).toBe(last.trainCost);
  });
});
