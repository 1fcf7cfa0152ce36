/** The run store's reducer for the live panel events and the run history. */
import { describe, expect, it } from 'vitest';
import type { BoundaryGrid, FromTrainer } from '../../engine/protocol/messages';
import { appendHealth, HEALTH_CAPACITY, HISTORY_CAPACITY, reduceRunEvent, startingRun, type RunState } from '../../src/renderer/src/run/run-store';

const grid = (withPoints: boolean): BoundaryGrid => ({
  size: 2,
  xMin: 0,
  xMax: 1,
  yMin: 0,
  yMax: 1,
  valueKind: 'probability',
  values: [0.1, 0.2, 0.8, 0.9],
  numClasses: 2,
  ...(withPoints ? { points: { x: [0.5], y: [0.5], label: [1] } } : {}),
});

const apply = (state: RunState, ...events: FromTrainer[]) => events.reduce(reduceRunEvent, state);

describe('run store: live panel events', () => {
  it('keeps the shapes, the latest boundary with the first one’s points, health and evaluation', () => {
    let s = startingRun('r1');
    s = apply(
      s,
      { type: 'shapes', runId: 'r1', layers: [{ id: 'h', kind: 'dense', shapes: { W: [4, 2] } }] },
      { type: 'boundary', runId: 'r1', iteration: 1, epoch: 0, grid: grid(true) },
      { type: 'boundary', runId: 'r1', iteration: 50, epoch: 49, grid: grid(false) },
      { type: 'health', runId: 'r1', iteration: 3, layers: [{ id: 'h', kind: 'dense', activationRms: 0.5, weightNorm: 1, gradNorm: 0.1 }] },
      {
        type: 'evaluation',
        runId: 'r1',
        iteration: 50,
        final: false,
        report: { set: 'dev', numClasses: 2, exampleShape: [2], actual: [0, 1], predicted: [0, 0], scores: [0.2, 0.4], binaryScores: true },
      },
      { type: 'boundary', runId: 'other', iteration: 99, epoch: 0, grid: grid(false) },
    );
    expect(s.shapes?.[0].shapes.W).toEqual([4, 2]);
    expect(s.boundaryIteration).toBe(50);
    expect(s.boundary?.points?.label).toEqual([1]);
    expect(s.health).toHaveLength(1);
    expect(s.evaluation?.predicted).toEqual([0, 0]);
    expect(s.evaluation?.final).toBe(false);
  });

  it('records learning rates and finished runs in the history (bounded)', () => {
    let history: RunState['history'] = [];
    for (let i = 0; i < HISTORY_CAPACITY + 3; i++) {
      let s = startingRun(`r${i}`, history);
      s = apply(
        s,
        {
          type: 'progress',
          runId: `r${i}`,
          iteration: 10,
          epoch: 10,
          totalIterations: 10,
          learningRate: 0.5,
          costs: [{ iteration: 10, cost: 0.3 }],
          elapsedMs: 5,
        },
        { type: 'run-finished', runId: `r${i}`, reason: 'completed', metrics: { iterations: 10, epochs: 10, trainCost: 0.3, trainAccuracy: 0.9 } },
      );
      expect(s.learningRates.latest?.cost).toBe(0.5);
      history = s.history;
    }
    expect(history).toHaveLength(HISTORY_CAPACITY);
    expect(history.at(-1)!.runId).toBe(`r${HISTORY_CAPACITY + 2}`);
    expect(history.at(-1)!.final?.trainAccuracy).toBe(0.9);
    expect(history.at(-1)!.cost.latest?.cost).toBe(0.3);
  });

  it('a failed run is kept too', () => {
    const s = apply(startingRun('x'), { type: 'run-failed', runId: 'x', message: 'diverged' });
    expect(s.history.map((r) => [r.runId, r.status])).toEqual([['x', 'failed']]);
  });

  it('health samples stay bounded however long the run', () => {
    let samples: ReturnType<typeof appendHealth> = [];
    for (let i = 0; i < 100_000; i++) samples = appendHealth(samples, { iteration: i, layers: [] });
    expect(samples.length).toBeLessThan(2 * HEALTH_CAPACITY);
    expect(samples.at(-1)!.iteration).toBe(99_999);
  });
});
