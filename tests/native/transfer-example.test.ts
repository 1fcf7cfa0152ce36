/**
 * The worked transfer-learning example run for real on the bundled MNIST digits, on the native
 * backend (a few seconds): the base network learns digits 0–4, each transferred run keeps the
 * base's frozen convolutions bit for bit while its new output layer learns digits 5–9, and every
 * run of the comparison finishes on the same dev set as its from-scratch twin.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIdxPair } from '../../engine/data/readers/idx';
import type { ModelFile } from '../../engine/export/format';
import type { Backend } from '../../engine/kernels/kernels';
import { loadNativeBackend } from '../../engine/native/load';
import type { FinalMetrics, FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { runTraining } from '../../engine/train/run';
import { transferExample } from '../../engine/transfer/example';
import { nativeUnavailable } from './helpers';

const unavailable = nativeUnavailable();
const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`resources/datasets/${name}`)) });

async function run(request: RunRequest, backend: Backend) {
  let model: ModelFile | null = null;
  let metrics: FinalMetrics | null = null;
  let devSize = 0;
  await runTraining(request, backend, {
    emit: (event: FromTrainer) => {
      if (event.type === 'model') model = event.model;
      if (event.type === 'run-finished') metrics = event.metrics;
      if (event.type === 'run-started') devSize = event.devSize;
      if (event.type === 'run-failed') throw new Error(event.message);
    },
    checkpoint: async () => 'continue',
    now: () => performance.now(),
  });
  return { model: model! as ModelFile, metrics: metrics! as FinalMetrics, devSize };
}

describe.skipIf(!!unavailable)('the worked transfer example on the bundled digits (native)', () => {
  it('learns 0–4, then transfers to a small subset of 5–9 beside a from-scratch twin', async () => {
    const backend = (loadNativeBackend({ threads: 1 }) as { backend: Backend }).backend;
    const { dataset } = readIdxPair(read('mnist-10k-images-idx3-ubyte.gz'), read('mnist-10k-labels-idx1-ubyte.gz'));
    const digits = { kind: 'inline' as const, x: dataset.x, y: dataset.y, exampleShape: dataset.exampleShape, numClasses: 10 };
    const example = transferExample(digits, (s) => s.step, { draws: 1 });
    const base = await run(example.base, backend);
    expect(base.metrics.devAccuracy).toBeGreaterThan(0.95);

    const [pair] = example.pairs(base.model);
    const transfer = await run(pair.transfer, backend);
    const scratch = await run(pair.scratch, backend);
    expect(transfer.devSize).toBe(scratch.devSize);
    expect(transfer.devSize).toBeGreaterThan(900);
    for (const r of [transfer, scratch]) {
      expect(r.metrics.trainAccuracy).toBe(1); // 50 examples are learnt by heart
      expect(r.metrics.devAccuracy).toBeGreaterThan(0.7);
    }
    const tensor = (file: ModelFile, layer: string, name: string) => file.parameters.find((t) => t.layer === layer && t.name === name)!.data;
    for (const layer of ['conv-1', 'conv-2']) expect(tensor(transfer.model, layer, 'W')).toBe(tensor(base.model, layer, 'W'));
    expect(tensor(transfer.model, 'hidden', 'W')).not.toBe(tensor(base.model, 'hidden', 'W')); // fine-tuned
  }, 60_000);
});
