/**
 * Hyperparameter search (engine/search): random samples on the course's scales (α and λ log-
 * uniform, β as 1 − β on a log scale, batch sizes powers of 2), seeded; coarse to fine
 * (zoomIn); trials as normal run requests; the pool that runs them a few at a time.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FinalMetrics, FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { applyTrial } from '../../engine/search/apply';
import { planSearch, type SearchConfig } from '../../engine/search/config';
import { ranked, trialScore, type TrialResult } from '../../engine/search/results';
import { runSearch, type TrialOutcome } from '../../engine/search/run';
import { dimensionKey, sampleTrials } from '../../engine/search/sample';
import { defaultDimension, type Dimension } from '../../engine/search/space';
import { zoomIn } from '../../engine/search/zoom';
import { runTraining } from '../../engine/train/run';
import { chain, recorder, request } from './helpers';

const alpha: Dimension = { setting: 'learningRate', min: 1e-4, max: 1, scale: 'log' };
const beta: Dimension = { setting: 'beta', min: 0.9, max: 0.999, scale: 'log' };
const fraction = (values: number[], test: (v: number) => boolean) => values.filter(test).length / values.length;

describe('sampleTrials', () => {
  it('is seeded: the same seed gives the same trials, another seed others', () => {
    expect(sampleTrials([alpha, beta], 5, 1)).toEqual(sampleTrials([alpha, beta], 5, 1));
    expect(sampleTrials([alpha, beta], 5, 2)).not.toEqual(sampleTrials([alpha, beta], 5, 1));
  });

  it('samples α uniformly in log₁₀: each decade from 10⁻⁴ to 1 gets about a quarter', () => {
    const values = sampleTrials([alpha], 4000, 3).map((t) => t.learningRate);
    for (const [lo, hi] of [
      [1e-4, 1e-3],
      [1e-3, 1e-2],
      [1e-2, 1e-1],
      [1e-1, 1],
    ]) {
      expect(fraction(values, (v) => v >= lo && v < hi)).toBeCloseTo(0.25, 1);
    }
  });

  it('samples β as 1 − β on a log scale: half of [0.9, 0.999] falls in [0.99, 0.999] (a linear scale would give a tenth)', () => {
    const values = sampleTrials([beta], 4000, 4).map((t) => t.beta);
    expect(fraction(values, (v) => v >= 0.99)).toBeCloseTo(0.5, 1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...values)).toBeLessThanOrEqual(0.999);
    const linear = sampleTrials([{ ...beta, scale: 'linear' }], 4000, 4).map((t) => t.beta);
    expect(fraction(linear, (v) => v >= 0.99)).toBeCloseTo(0.1, 1);
  });

  it('is random, not a grid: 25 trials try 25 different values of each setting', () => {
    const trials = sampleTrials([alpha, beta], 25, 5);
    expect(new Set(trials.map((t) => t.learningRate)).size).toBe(25);
    expect(new Set(trials.map((t) => t.beta)).size).toBe(25);
  });

  it('rounds whole-number settings: batch sizes on a log scale are powers of 2, hidden units integers', () => {
    const trials = sampleTrials([defaultDimension('batchSize'), { ...defaultDimension('units', 'h'), scale: 'linear' }], 200, 6);
    for (const t of trials) {
      expect([16, 32, 64, 128, 256, 512]).toContain(t.batchSize);
      expect(Number.isInteger(t['units@h'])).toBe(true);
      expect(t['units@h']).toBeGreaterThanOrEqual(16);
      expect(t['units@h']).toBeLessThanOrEqual(256);
    }
  });
});

/** Finished trials whose dev error is smallest near α = 10⁻², β = 0.99. */
function landscape(dimensions: Dimension[], count: number): TrialResult[] {
  return sampleTrials(dimensions, count, 9).map((values, i) => {
    const distance = Math.abs(Math.log10(values.learningRate) + 2) + (values.beta === undefined ? 0 : Math.abs(Math.log10(1 - values.beta) + 2));
    const metrics: FinalMetrics = { iterations: 1, epochs: 1, trainCost: 0, trainAccuracy: 1, devAccuracy: 1 - 0.05 * distance };
    return { trial: i + 1, runId: `t${i}`, values, status: 'finished', metrics };
  });
}

describe('zoomIn (coarse to fine)', () => {
  it('narrows each range around the best trials, on the axis it is sampled on, inside the old range', () => {
    const [a, b] = zoomIn([alpha, beta], landscape([alpha, beta], 100));
    expect(a.min).toBeLessThan(1e-2);
    expect(a.max).toBeGreaterThan(1e-2);
    expect(Math.log10(a.max) - Math.log10(a.min)).toBeLessThan(2);
    expect(a.min).toBeGreaterThanOrEqual(1e-4);
    expect(a.max).toBeLessThanOrEqual(1);
    // β: around 0.99 in 1 − β's decades.
    expect(b.min).toBeLessThan(0.99);
    expect(b.max).toBeGreaterThan(0.99);
    expect(Math.log10(1 - b.min) - Math.log10(1 - b.max)).toBeLessThan(2);
    expect(a.scale).toBe('log');
    // From the best 3 only: much tighter, still around the optimum.
    const [a3, b3] = zoomIn([alpha, beta], landscape([alpha, beta], 100), { fraction: 0, fewest: 3 });
    expect(Math.log10(a3.max) - Math.log10(a3.min)).toBeLessThan(0.5);
    expect(Math.log10(1 - b3.min) - Math.log10(1 - b3.max)).toBeLessThan(1);
    expect(a3.min).toBeLessThan(1e-2);
    expect(a3.max).toBeGreaterThan(1e-2);
  });

  it('keeps whole-number bounds for whole-number settings, and needs a finished trial', () => {
    const units = defaultDimension('units');
    const trials = sampleTrials([units], 20, 2).map((values, i) => ({
      trial: i + 1,
      runId: String(i),
      values,
      status: 'finished' as const,
      metrics: { iterations: 1, epochs: 1, trainCost: 0, trainAccuracy: 1, devAccuracy: 1 - Math.abs(values.units - 64) / 256 },
    }));
    const [z] = zoomIn([units], trials);
    expect(Number.isInteger(z.min) && Number.isInteger(z.max)).toBe(true);
    expect(z.min).toBeLessThanOrEqual(64);
    expect(z.max).toBeGreaterThanOrEqual(64);
    expect(() => zoomIn([units], [])).toThrow('zooming in needs at least one finished trial');
  });
});

const mlp = () =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'h1', kind: 'dense', units: 8, activation: 'relu' },
    { id: 'drop', kind: 'dropout', keepProb: 0.9 },
    { id: 'h2', kind: 'dense', units: 4, activation: 'relu' },
    { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
  );
const base = (optimizer: RunRequest['config']['optimizer'] = { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }): RunRequest =>
  request(mlp(), { kind: 'generator', name: 'moons', m: 200, seed: 1 }, { optimizer, iterations: 1000 }, { split: { train: 0.7, dev: 0.3, seed: 1 } });

describe('trials as run requests', () => {
  it('writes α, β, β₂, λ, batch size, keep_prob and a layer’s units where they go, with the per-trial budget', () => {
    const dims: Dimension[] = [
      alpha,
      beta,
      defaultDimension('beta2'),
      defaultDimension('l2'),
      defaultDimension('batchSize'),
      defaultDimension('keepProb'),
      defaultDimension('units', 'h2'),
    ];
    const values = { learningRate: 0.01, beta: 0.95, beta2: 0.995, l2: 0.3, batchSize: 64, keepProb: 0.7, 'units@h2': 33 };
    const trial = applyTrial(base(), dims, values, 'trial-1', { epochs: 7 });
    expect(trial.runId).toBe('trial-1');
    expect(trial.config).toMatchObject({ learningRate: 0.01, l2: 0.3, batchSize: 64, epochs: 7, optimizer: { kind: 'adam', beta1: 0.95, beta2: 0.995 } });
    expect(trial.config).not.toHaveProperty('iterations');
    expect(trial.spec.layers.find((l) => l.id === 'drop')).toMatchObject({ keepProb: 0.7 });
    expect(trial.spec.layers.find((l) => l.id === 'h2')).toMatchObject({ units: 33 });
    expect(trial.spec.layers.find((l) => l.id === 'h1')).toMatchObject({ units: 8 });
    expect(applyTrial(base({ kind: 'momentum', beta: 0.9 }), [beta], { beta: 0.97 }, 'r', { iterations: 5 }).config.optimizer).toEqual({
      kind: 'momentum',
      beta: 0.97,
    });
  });

  it('refuses what cannot apply, in one line', () => {
    const config = (dimensions: Dimension[]): SearchConfig => ({ dimensions, trials: 4, budget: { iterations: 10 }, seed: 1 });
    const plan = (b: RunRequest, dimensions: Dimension[]) => planSearch(b, config(dimensions), String);
    expect(plan(base({ kind: 'gd' }), [beta])).toEqual({ ok: false, error: 'β needs momentum or Adam (the optimizer is gd)' });
    expect(plan(base(), [{ ...alpha, min: 1, max: 0.1 }])).toEqual({ ok: false, error: 'dimensions.0: α: the range runs backwards (1 > 0.1)' });
    expect(plan(base(), [{ setting: 'l2', min: 0, max: 1, scale: 'log' }])).toMatchObject({
      ok: false,
      error: expect.stringContaining('λ: the range must lie within'),
    });
    expect(plan(base(), [defaultDimension('units', 'nope')])).toEqual({ ok: false, error: 'n[l]: there is no dense layer "nope"' });
    expect(plan(base(), [])).toMatchObject({ ok: false, error: 'dimensions: choose at least one setting to vary' });
    expect(planSearch(base(), { ...config([alpha]), trials: 201 }, String)).toMatchObject({ ok: false, error: 'trials: at most 200 trials' });
  });
});

describe('runSearch', () => {
  it('runs at most `concurrency` trials at a time, reports each, and cancel stops launching and asks the running to stop', async () => {
    const plan = planSearch(base(), { dimensions: [alpha], trials: 6, budget: { iterations: 1 }, seed: 1 }, (i) => `t${i}`);
    if (!plan.ok) throw new Error(plan.error);
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const stopped: string[] = [];
    const search = runSearch(
      plan.trials,
      (req) =>
        new Promise<TrialOutcome>((resolve) => {
          inFlight++;
          most = Math.max(most, inFlight);
          release.push(() => {
            inFlight--;
            resolve(
              req.runId === 't2'
                ? { ok: false, error: 'diverged' }
                : { ok: true, metrics: { iterations: 1, epochs: 1, trainCost: 1, trainAccuracy: 0.5, devAccuracy: Number(req.config.learningRate) } },
            );
          });
        }),
      { concurrency: 2, stop: (id) => stopped.push(id) },
    );
    const tick = () => new Promise((r) => setTimeout(r, 0));
    await tick();
    expect(most).toBe(2);
    release.shift()!();
    release.shift()!();
    await tick();
    expect(most).toBe(2);
    search.cancel();
    expect(stopped).toEqual(['t3', 't4']);
    release.splice(0).forEach((r) => r());
    const results = await search.done;
    expect(results.map((t) => t.status)).toEqual(['finished', 'failed', 'finished', 'finished', 'queued', 'queued']);
    expect(results[1].error).toBe('diverged');
  });

  it('a real search on moons: every trial trains, and the best has the lowest dev error', async () => {
    const plan = planSearch(
      base(),
      { dimensions: [alpha, defaultDimension('units', 'h1')], trials: 4, budget: { iterations: 150 }, seed: 3 },
      (i) => `trial-${i}`,
    );
    if (!plan.ok) throw new Error(plan.error);
    const results = await runSearch(
      plan.trials,
      async (req) => {
        const hooks = recorder();
        await runTraining(req, createReferenceBackend(), hooks);
        const end = hooks.events.find((e) => e.type === 'run-finished' || e.type === 'run-failed') as Extract<
          FromTrainer,
          { type: 'run-finished' | 'run-failed' }
        >;
        return end.type === 'run-finished' ? { ok: true, metrics: end.metrics } : { ok: false, error: end.message };
      },
      { concurrency: 2 },
    ).done;
    expect(results.every((t) => t.status === 'finished')).toBe(true);
    const best = ranked(results);
    expect(trialScore(best[0].metrics)).toBeLessThanOrEqual(trialScore(best.at(-1)!.metrics));
    expect(new Set(results.map((t) => t.values[dimensionKey(defaultDimension('units', 'h1'))])).size).toBeGreaterThan(1);
  });
});
