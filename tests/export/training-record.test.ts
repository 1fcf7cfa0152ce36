/** A model file records how its weights were trained (its `training`), so exports can train the same way. */
import { describe, expect, it } from 'vitest';
import { exportModel } from '../../engine/export/export';
import { modelFromRun } from '../../engine/export/from-run';
import { importModel } from '../../engine/export/import';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { trainModel } from '../../engine/train/loop';
import type { TrainConfig } from '../../engine/protocol/train-config';
import { flower400, planar241, recorder, request } from '../engine/helpers';

const config: Partial<TrainConfig> = {
  iterations: 20,
  batchSize: 64,
  learningRate: 0.02,
  optimizer: { kind: 'rmsprop', beta2: 0.99, epsilon: 1e-7 },
  decay: { kind: 'staircase', factor: 0.5, interval: 2 },
  l2: 0.3,
};

async function exported() {
  const req = request(planar241(), flower400, config);
  const outcome = await trainModel(req, createReferenceBackend('float32'), recorder());
  if (outcome.status !== 'finished') throw new Error(outcome.message);
  return exportModel(modelFromRun(outcome.prepared, req, outcome.metrics, 'reference'));
}

describe('the training record', () => {
  it('holds the run’s optimizer, learning rate, decay, batch size, L2, length and seed', async () => {
    const file = await exported();
    expect(file.training).toEqual({ ...config, seed: 2 });
    const text = JSON.stringify(file);
    expect(importModel(text).ok).toBe(true);
    expect(JSON.parse(text).training.optimizer).toEqual({ kind: 'rmsprop', beta2: 0.99, epsilon: 1e-7 });
  });

  it('is optional (files without it still import) but validated when present', async () => {
    const file = await exported();
    const { training: _training, ...without } = file;
    expect(importModel(without).ok).toBe(true);
    const bad = importModel({ ...file, training: { ...file.training, optimizer: { kind: 'lbfgs' } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^training\.optimizer/);
  });
});
