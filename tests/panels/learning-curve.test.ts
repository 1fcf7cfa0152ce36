/** Learning curves: subset sizes, and the controller driving the host's run API (sequential runs, trainLimit, cancel). */
import { describe, expect, it } from 'vitest';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import type { Host } from '../../src/renderer/src/host/host';
import { curvePoint, startLearningCurve, subsetSizes, type CurvePoint } from '../../src/renderer/src/run/learning-curve';

describe('subset sizes', () => {
  it('are 10 %, 25 %, 50 % of m, distinct, at least 1, without m itself', () => {
    expect(subsetSizes(400)).toEqual([40, 100, 200]);
    expect(subsetSizes(3)).toEqual([1, 2]);
    expect(subsetSizes(1)).toEqual([]);
  });
  it('errors are 1 − accuracy; no dev error without a dev split', () => {
    expect(curvePoint(10, { iterations: 1, epochs: 1, trainCost: 0.1, trainAccuracy: 0.9, devAccuracy: 0.75 })).toEqual({
      size: 10,
      trainError: 1 - 0.9,
      devError: 0.25,
    });
    expect(curvePoint(10, { iterations: 1, epochs: 1, trainCost: 0.1, trainAccuracy: 1 }).devError).toBeUndefined();
  });
});

/** A host whose runs finish when the test says so; train accuracy grows with m to tell the runs apart. */
function fakeHost() {
  const listeners = new Set<(e: FromTrainer) => void>();
  const started: RunRequest[] = [];
  const stopped: string[] = [];
  const emit = (e: FromTrainer) => listeners.forEach((l) => l(e));
  const host = {
    async startRun(request: RunRequest) {
      started.push(request);
    },
    async stopRun(runId: string) {
      stopped.push(runId);
    },
    onTrainerEvent(listener: (e: FromTrainer) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Host;
  const finish = (full = 400) => {
    const r = started[started.length - 1];
    const m = r.trainLimit ?? full;
    emit({
      type: 'run-started',
      runId: r.runId,
      backend: { name: 'reference', threads: 1 },
      trainSize: m,
      devSize: 100,
      testSize: 0,
      iterationsPerEpoch: 1,
      totalIterations: 10,
    });
    // Another run's events must not be taken for this one's.
    emit({
      type: 'run-finished',
      runId: 'someone-else',
      reason: 'completed',
      metrics: { iterations: 1, epochs: 1, trainCost: 9, trainAccuracy: 0, devAccuracy: 0 },
    });
    emit({
      type: 'run-finished',
      runId: r.runId,
      reason: 'completed',
      metrics: { iterations: 10, epochs: 10, trainCost: 0.1, trainAccuracy: 1 - m / 4000, devAccuracy: 0.5 + m / 1000 },
    });
  };
  return { host, started, stopped, finish, listeners };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('learning-curve controller', () => {
  it('runs the full set first, then each subset with trainLimit, one at a time, and collects the errors', async () => {
    const { host, started, finish, listeners } = fakeHost();
    let points: CurvePoint[] = [];
    const curve = startLearningCurve(host, (runId, trainLimit) => ({ runId, trainLimit }) as RunRequest, {
      onPoint: (p) => (points = p),
      onStatus: () => undefined,
      onError: (m) => {
        throw new Error(m);
      },
    });
    for (let i = 0; i < 4; i++) {
      await tick();
      expect(started).toHaveLength(i + 1); // the next run starts only after the previous one finished
      finish();
    }
    await curve.done;
    expect(started.map((r) => r.trainLimit)).toEqual([undefined, 40, 100, 200]);
    expect(new Set(started.map((r) => r.runId)).size).toBe(4);
    expect(points.map((p) => p.size)).toEqual([40, 100, 200, 400]);
    expect(points[0].trainError).toBeCloseTo(40 / 4000, 12);
    expect(points[3].devError).toBeCloseTo(1 - 0.9, 12);
    expect(listeners.size).toBe(0); // unsubscribed
  });

  it('cancel stops the run in flight and starts no more', async () => {
    const { host, started, stopped, finish } = fakeHost();
    let points: CurvePoint[] = [];
    const curve = startLearningCurve(host, (runId, trainLimit) => ({ runId, trainLimit }) as RunRequest, {
      onPoint: (p) => (points = p),
      onStatus: () => undefined,
      onError: () => undefined,
    });
    await tick();
    finish();
    await tick();
    expect(started).toHaveLength(2);
    curve.cancel();
    await curve.done;
    expect(stopped).toEqual([started[1].runId]);
    await tick();
    expect(started).toHaveLength(2);
    expect(points.map((p) => p.size)).toEqual([400]);
  });

  it('reports a failed run and stops', async () => {
    const { host, started, listeners } = fakeHost();
    const errors: string[] = [];
    const curve = startLearningCurve(host, (runId) => ({ runId }) as RunRequest, {
      onPoint: () => undefined,
      onStatus: () => undefined,
      onError: (m) => errors.push(m),
    });
    await tick();
    listeners.forEach((l) => l({ type: 'run-failed', runId: started[0].runId, message: 'The cost became NaN' }));
    await curve.done;
    expect(errors).toEqual(['The cost became NaN']);
    expect(started).toHaveLength(1);
  });
});
