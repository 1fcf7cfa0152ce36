import { describe, expect, it } from 'vitest';
import type { CostPoint } from '../../engine/protocol/messages';
import { appendPoints, displayPoints, emptySeries } from '../../src/renderer/src/run/series';
import { reduceRunEvent, startingRun } from '../../src/renderer/src/run/run-store';
import { backendLine } from '../../engine/train';

const points = (from: number, to: number): CostPoint[] => Array.from({ length: to - from }, (_, i) => ({ iteration: from + i + 1, cost: 1 / (from + i + 1) }));

describe('bounded cost series', () => {
  it('holds every point of a short run', () => {
    const s = appendPoints(emptySeries(), points(0, 100), 1000);
    expect(displayPoints(s)).toHaveLength(100);
  });

  it('stays within 2 × capacity however long the run, keeping first-to-last coverage', () => {
    let s = emptySeries();
    for (let i = 0; i < 1000; i += 1) s = appendPoints(s, points(i * 1000, (i + 1) * 1000), 500);
    const shown = displayPoints(s);
    expect(shown.length).toBeLessThanOrEqual(1001);
    expect(shown.length).toBeGreaterThanOrEqual(500);
    expect(shown[shown.length - 1]!.iteration).toBe(1_000_000);
    expect(shown[0]!.iteration).toBeLessThanOrEqual(2048);
    const iterations = shown.map((p) => p.iteration);
    expect([...iterations].sort((a, b) => a - b)).toEqual(iterations);
  });
});

describe('run reducer', () => {
  it('follows a run from start to finish and ignores other runs', () => {
    let s = startingRun('r');
    s = reduceRunEvent(s, {
      type: 'run-started',
      runId: 'r',
      backend: { name: 'reference' },
      trainSize: 400,
      devSize: 0,
      testSize: 0,
      iterationsPerEpoch: 1,
      totalIterations: 10,
    });
    expect(s.status).toBe('running');
    s = reduceRunEvent(s, {
      type: 'progress',
      runId: 'other',
      iteration: 9,
      epoch: 9,
      totalIterations: 10,
      learningRate: 1,
      costs: points(0, 9),
      elapsedMs: 1,
    });
    expect(s.iteration).toBe(0);
    s = reduceRunEvent(s, { type: 'progress', runId: 'r', iteration: 5, epoch: 5, totalIterations: 10, learningRate: 1, costs: points(0, 5), elapsedMs: 1 });
    expect(displayPoints(s.cost)).toHaveLength(5);
    s = reduceRunEvent(s, {
      type: 'run-finished',
      runId: 'r',
      reason: 'completed',
      metrics: { iterations: 10, epochs: 10, trainCost: 0.2, trainAccuracy: 0.9 },
    });
    expect(s).toMatchObject({ status: 'finished', finishReason: 'completed', final: { trainAccuracy: 0.9 } });
  });

  it('shows the threads a run uses while its thread governor holds fewer than the backend has, and clears it', () => {
    const backend = { name: 'native' as const, threads: 2 };
    let s = startingRun('r');
    s = reduceRunEvent(s, { type: 'run-started', runId: 'r', backend, trainSize: 10, devSize: 0, testSize: 0, iterationsPerEpoch: 1, totalIterations: 10 });
    const progress = (iteration: number, threadsInUse?: number) =>
      reduceRunEvent(s, {
        type: 'progress',
        runId: 'r',
        iteration,
        epoch: iteration,
        totalIterations: 10,
        learningRate: 1,
        costs: points(iteration - 1, iteration),
        elapsedMs: 1,
        ...(threadsInUse ? { threadsInUse } : {}),
      });
    s = progress(1);
    expect(backendLine(s.backend!, s.threadsInUse)).toBe('backend: native (2 threads)');
    s = progress(2, 1);
    expect(backendLine(s.backend!, s.threadsInUse)).toBe('backend: native (2 threads, 1 in use: faster for this run)');
    s = progress(3);
    expect(backendLine(s.backend!, s.threadsInUse)).toBe('backend: native (2 threads)');
    s = progress(4, 1);
    s = reduceRunEvent(s, { type: 'run-started', runId: 'r', backend, trainSize: 10, devSize: 0, testSize: 0, iterationsPerEpoch: 1, totalIterations: 10 });
    expect(s.threadsInUse).toBeUndefined();
  });

  it('keeps the last metrics when a run fails', () => {
    let s = startingRun('r');
    s = reduceRunEvent(s, { type: 'progress', runId: 'r', iteration: 5, epoch: 5, totalIterations: 10, learningRate: 1, costs: points(0, 5), elapsedMs: 1 });
    s = reduceRunEvent(s, { type: 'run-failed', runId: 'r', message: 'The trainer process was killed.' });
    expect(s.status).toBe('failed');
    expect(s.iteration).toBe(5);
    expect(displayPoints(s.cost)).toHaveLength(5);
  });
});
