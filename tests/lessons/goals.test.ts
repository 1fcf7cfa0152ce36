/** Goal conditions: what they ask, what they find, in the course's words. */
import { describe, expect, it } from 'vitest';
import type { Evidence, RecordedRun } from '../../engine/lessons/evidence';
import { checkGoal, describeCondition } from '../../engine/lessons/goals';
import { chain } from '../engine/helpers';

const spec = chain(
  { id: 'x', kind: 'input', shape: [2] },
  { id: 'd1', kind: 'dense', units: 3, activation: 'relu' },
  { id: 'd2', kind: 'dense', units: 2, activation: 'tanh', init: { kind: 'zeros' } },
  { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce' },
);
const run: RecordedRun = {
  spec,
  data: { kind: 'generator', name: 'moons', m: 100, seed: 1 },
  config: { batchSize: 64, learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, seed: 2, iterations: 10 },
  backend: 'reference',
};
const evidence = (devAccuracy?: number): Evidence => ({
  kind: 'run',
  run,
  metrics: { iterations: 10, epochs: 5, trainCost: 0.3, trainAccuracy: 0.95, ...(devAccuracy === undefined ? {} : { devAccuracy }) },
});

describe('goal conditions', () => {
  it('describe themselves in the course’s words', () => {
    expect(describeCondition({ on: 'metric', metric: 'devError', op: '<', value: 0.1 })).toBe('dev error < 10 %');
    expect(describeCondition({ on: 'count', what: 'hiddenUnits', op: '<=', value: 5 })).toBe('hidden units (all dense layers) ≤ 5');
    expect(describeCondition({ on: 'layers', kind: 'dense', param: 'init.kind', op: '=', value: 'he' })).toBe('every dense layer: init.kind = he');
    expect(describeCondition({ on: 'shape', layer: 'c2', equals: [7, 7, 16] })).toBe('c2 outputs 7×7×16');
  });

  it('judge metrics, counts, settings and layer fields (with the engine’s default initialisation)', () => {
    const outcome = checkGoal(
      {
        kind: 'run',
        conditions: [
          { on: 'metric', metric: 'varianceGap', op: '<=', value: 0.1 },
          { on: 'count', what: 'hiddenUnits', op: '=', value: 5 },
          { on: 'count', what: 'params', op: '=', value: 9 + 8 + 3 },
          { on: 'setting', setting: 'optimizer', op: '=', value: 'adam' },
          { on: 'setting', setting: 'batchSize', op: '=', value: 64 },
          { on: 'layers', kind: 'dense', param: 'init.kind', op: '=', value: 'he', quantifier: 'some' },
          { on: 'layers', kind: 'dense', param: 'init.kind', op: '=', value: 'he' },
        ],
      },
      evidence(0.9),
    );
    expect(outcome.reports.map((r) => [r.actual, r.met])).toEqual([
      ['5 %', true],
      ['5', true],
      ['20', true],
      ['adam', true],
      ['64', true],
      ['he, zeros', true],
      ['he, zeros', false],
    ]);
    expect(outcome.met).toBe(false);
  });

  it('a dev metric without a dev set is not met, and says why', () => {
    const outcome = checkGoal({ kind: 'run', conditions: [{ on: 'metric', metric: 'devError', op: '<', value: 0.5 }] }, evidence());
    expect(outcome).toMatchObject({ met: false, reports: [{ actual: 'no dev set', met: false }] });
  });

  it('evidence of another kind never passes a goal', () => {
    expect(checkGoal({ kind: 'gradcheck' }, evidence(0.9))).toMatchObject({ met: false, problem: 'This step needs a gradient check.' });
    expect(checkGoal({ kind: 'run', conditions: [{ on: 'metric', metric: 'trainAccuracy', op: '>', value: 0 }] }, { kind: 'read' })).toMatchObject({
      met: false,
    });
  });

  it('a compile goal fails with the compiler’s reason when the network does not fit the data', () => {
    const outcome = checkGoal({ kind: 'compile' }, { kind: 'compile', spec, dataset: { exampleShape: [2], numClasses: 3 } });
    expect(outcome.met).toBe(false);
    expect(outcome.problem).toMatch(/^The network does not compile: layer y: /);
  });
});
