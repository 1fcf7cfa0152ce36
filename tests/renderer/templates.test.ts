/** Every template compiles clean for the data it is built for, and trains a few iterations (its layout: arrange.test.ts). */
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../engine/compile';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FinalMetrics, FromTrainer } from '../../engine/protocol/messages';
import { runTraining } from '../../engine/train/run';
import { toGraphInput } from '../../src/renderer/src/graph/document';
import { TEMPLATES } from '../../src/renderer/src/graph/templates';
import { BUILTIN_DATASETS } from '../../src/renderer/src/run/datasets';
import { estimateRunLength, estimateTrainExamples } from '../../src/renderer/src/run/run-length';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { DEFAULT_PREP } from '../../src/renderer/src/data/dataset-store';

describe.each(TEMPLATES.map((t) => [t.title, t] as const))('template %s', (_title, template) => {
  it('compiles with no diagnostics for its dataset shape', () => {
    const result = compileGraph(toGraphInput(template.build(), template.expects));
    expect(result.diagnostics).toEqual([]);
    expect(result.spec).not.toBeNull();
    expect(result.layers.length).toBe(template.build().nodes.length);
  });

  it('opens with a bundled dataset of exactly that shape', () => {
    const dataset = BUILTIN_DATASETS.find((d) => d.id === template.datasetId);
    expect(dataset?.shape).toEqual(template.expects);
  });

  it('its recipe’s iterations are the epochs it says, on the default split of the examples it uses', () => {
    const { training, prep } = template.recipe;
    const examples = estimateTrainExamples(template.datasetId, { ...DEFAULT_PREP, ...prep })!;
    const length = estimateRunLength({ ...DEFAULT_SETTINGS, ...training }, examples);
    if (training.batchSize !== 'full') expect(length.epochs).toBe(training.epochs);
    expect(length.iterations).toBe(training.iterations);
  });

  it('trains a few iterations on examples of that shape', async () => {
    const { spec } = compileGraph(toGraphInput(template.build(), template.expects));
    // Few examples: the reference kernels take ~3 s per example and step on the Inception module's 28×28×192 volume.
    const m = 4;
    const features = template.expects.exampleShape.reduce((a, b) => a * b, 1);
    const x = Float32Array.from({ length: m * features }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    const tasks = template.expects.tasks ?? 1;
    const y = Float32Array.from({ length: m * tasks }, (_, i) => (tasks > 1 ? i % 2 : i % template.expects.numClasses));
    const events: FromTrainer[] = [];
    const metrics: FinalMetrics | null = await runTraining(
      {
        runId: template.id,
        spec: spec!,
        data: { kind: 'inline', x, y, exampleShape: template.expects.exampleShape, numClasses: template.expects.numClasses },
        config: { iterations: 3, batchSize: 'full', learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 1 },
      },
      createReferenceBackend('float32'),
      { emit: (e) => events.push(e), checkpoint: async () => 'continue', now: () => performance.now() },
    );
    const failure = events.find((e) => e.type === 'run-failed');
    expect(failure).toBeUndefined();
    expect(metrics?.iterations).toBe(3);
    expect(Number.isFinite(metrics!.trainCost)).toBe(true);
  });
});
