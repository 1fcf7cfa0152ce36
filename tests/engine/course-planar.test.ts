/** Course 1, week 3: the planar flower. A 2-4-1 tanh network separates it; logistic regression cannot. */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { runTraining } from '../../engine/train/run';
import { flower400, logistic, planar241, recorder, request } from './helpers';

describe('planar flower (course 1, week 3)', () => {
  it('2-4-1 tanh/sigmoid, α = 1.2, 10,000 iterations of full-batch GD reaches ≥ 85 % training accuracy', async () => {
    const hooks = recorder();
    const metrics = await runTraining(request(planar241(), flower400, { iterations: 10_000 }), createReferenceBackend(), hooks);
    expect(metrics).not.toBeNull();
    expect(metrics!.trainAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(metrics!.iterations).toBe(10_000);
    // Full batch: one iteration is one epoch.
    expect(metrics!.epochs).toBe(10_000);
    expect(hooks.events.at(-1)?.type).toBe('run-finished');
  });

  it('logistic regression stays near chance (≈ 47 %): the classes are not linearly separable', async () => {
    const metrics = await runTraining(request(logistic(), flower400, { iterations: 2_000 }), createReferenceBackend(), recorder());
    expect(metrics!.trainAccuracy).toBeGreaterThan(0.35);
    expect(metrics!.trainAccuracy).toBeLessThan(0.6);
  });
});
