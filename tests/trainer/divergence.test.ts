/**
 * Divergence for classification too: a cost that oscillates far above its start stops the run
 * with advice to lower α (before, α = 100 on the flower "completed" at chance-level accuracy and
 * got high-bias advice), while a run that only spikes early is left alone.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { runTraining } from '../../engine/train/run';
import { createDivergenceWatch, DIVERGENCE_SUSTAIN } from '../../engine/train/divergence';
import { reduceRunEvent, startingRun } from '../../src/renderer/src/run/run-store';
import { planarRequest } from '../helpers/planar-request';

async function run(learningRate: number, iterations = 3000): Promise<FromTrainer[]> {
  const events: FromTrainer[] = [];
  let t = 0;
  await runTraining(planarRequest('r', iterations, learningRate), createReferenceBackend('float32'), {
    emit: (e) => events.push(e),
    checkpoint: async () => 'continue',
    now: () => (t += 1),
  });
  return events;
}

describe('the divergence watch', () => {
  it('calls a cost oscillating between 0 and 60 diverged after its sustain, and a falling cost never', () => {
    const oscillating = createDivergenceWatch(2);
    let at = 0;
    for (let i = 1; i <= 1000 && !at; i++) if (oscillating.observe(i % 2 ? 0.01 : 60)) at = i;
    expect(at).toBeGreaterThanOrEqual(DIVERGENCE_SUSTAIN);
    expect(at).toBeLessThan(DIVERGENCE_SUSTAIN + 10);
    const falling = createDivergenceWatch(2);
    for (let i = 1; i <= 10_000; i++) expect(falling.observe(0.7 / Math.sqrt(i))).toBeNull();
  });

  it('forgives an early spike that comes back down (α = 30 on the flower ends at 93 %)', () => {
    const watch = createDivergenceWatch(2);
    const costs = [0.69, ...Array.from({ length: 40 }, () => 12), ...Array.from({ length: 2000 }, () => 0.3)];
    expect(costs.map((c) => watch.observe(c)).filter(Boolean)).toEqual([]);
  });

  it('fed a chunk at a time (replayed steps), stops at the cost observe() stops at, with the same reason', () => {
    // Falling for 3,000 steps (past the step where the bias correction is exactly 1), then oscillating.
    const costs = Float64Array.from({ length: 4000 }, (_, i) => (i < 3000 ? 0.7 / Math.sqrt(i + 1) : i % 2 ? 0.01 : 60));
    const one = createDivergenceWatch(2);
    let at = -1;
    let reason: string | null = null;
    for (let i = 0; i < costs.length && at < 0; i++) if ((reason = one.observe(costs[i]))) at = i;
    expect(at).toBeGreaterThan(3000);
    const chunked = createDivergenceWatch(2);
    let fed = 0;
    for (const size of [16, 400, 2400]) {
      const passed = chunked.observeAll(costs.subarray(fed), size);
      fed += passed;
      if (passed < size) break;
    }
    const rest = chunked.observeAll(costs.subarray(fed), costs.length - fed);
    expect(fed + rest).toBe(at);
    expect(chunked.why).toBe(reason);
  });

  it('fed a chunk with a cost that is not finite, stops before it with no reason', () => {
    const watch = createDivergenceWatch(2);
    expect(watch.observeAll([0.7, 0.6, Infinity, 0.5], 4)).toBe(2);
    expect(watch.why).toBeNull();
    expect(watch.observeAll([0.5, NaN], 2)).toBe(1);
  });
});

describe('a diverging classifier stops with advice to lower α', () => {
  it('α = 100 on the planar flower fails as diverged, with no model and no finish', async () => {
    const events = await run(100);
    const failed = events.find((e) => e.type === 'run-failed');
    expect(failed).toMatchObject({
      type: 'run-failed',
      cause: 'diverged',
      message: expect.stringMatching(
        /^Gradient descent is diverging or oscillating at iteration \d+: the cost, averaged over the last iterations, stayed above 4× its starting level/,
      ),
      advice: expect.stringMatching(/^Lower the learning rate \(α = 100 now; try 10\)/),
    });
    expect(events.some((e) => e.type === 'run-finished' || e.type === 'model')).toBe(false);
  });

  it('α = 1.2 and α = 30 (a spike, then recovery) complete', async () => {
    for (const lr of [1.2, 30]) {
      const events = await run(lr);
      expect(events.at(-1)).toMatchObject({ type: 'run-finished', reason: 'completed' });
    }
  });

  it('NaN divergence carries the same flag, and the run store keeps it for the panels', async () => {
    const state = reduceRunEvent(startingRun('r'), { type: 'run-failed', runId: 'r', message: 'diverged', cause: 'diverged' });
    expect(state.error).toMatchObject({ cause: 'diverged' });
    const events = await run(1e6, 200);
    expect(events.find((e) => e.type === 'run-failed')).toMatchObject({ cause: 'diverged' });
  });
});
