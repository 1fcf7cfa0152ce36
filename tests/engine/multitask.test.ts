/**
 * Multi-task learning (course 3, week 2): one network, k sigmoid outputs trained on k yes/no
 * labels per example, the cost summed over the tasks, a missing label skipped; per-task loss,
 * accuracy, precision and recall; CSV files with several label columns.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import type { CliIo } from '../../engine/cli/io';
import { compileGraph, compileSpec } from '../../engine/compile';
import type { Dataset } from '../../engine/data/dataset';
import { parseTable } from '../../engine/data/readers/csv';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork } from '../../engine/model/network';
import type { InlineSource } from '../../engine/data/source';
import type { FromTrainer } from '../../engine/protocol/messages';
import { parseRunRequest } from '../../engine/protocol/schema';
import { createRng } from '../../engine/tensor/rng';
import { buildTaskDataset, labelColumns } from '../../engine/data/tasks/csv';
import { gradientCheck } from '../../engine/train/gradcheck';
import { runTraining } from '../../engine/train/run';
import { chain, recorder, request } from './helpers';

/** Points in the plane with three yes/no labels (x > 0, y > 0, x + y > 0.5); a fraction missing. */
function plane(m: number, missing: number, seed = 1): InlineSource {
  const rng = createRng(seed);
  const x = new Float32Array(m * 2);
  const y = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    const a = rng.uniform() * 2 - 1;
    const b = rng.uniform() * 2 - 1;
    x.set([a, b], i * 2);
    y.set([a > 0 ? 1 : 0, b > 0 ? 1 : 0, a + b > 0.5 ? 1 : 0], i * 3);
    for (let j = 0; j < 3; j++) if (rng.uniform() < missing) y[i * 3 + j] = NaN;
  }
  return { kind: 'inline', x, y, exampleShape: [2], numClasses: 2, taskNames: ['right', 'up', 'far'] };
}

const net3 = (units = 3) =>
  chain(
    { id: 'x', kind: 'input', shape: [2] },
    { id: 'h', kind: 'dense', units: 8, activation: 'tanh' },
    { id: 'y', kind: 'output', units, activation: 'sigmoid', loss: 'bce' },
  );

const toDataset = (s: InlineSource): Dataset => ({
  x: s.x,
  y: s.y,
  m: s.x.length / 2,
  exampleShape: [2],
  numClasses: 2,
  targetWidth: 3,
  taskNames: s.taskNames,
});

describe('multi-task output (k sigmoid units)', () => {
  it('gradient check with missing labels: relative difference < 1e−7', () => {
    const data = toDataset(plane(7, 0.3, 5));
    expect(Array.from(data.y).some(Number.isNaN)).toBe(true);
    const result = gradientCheck(compileSpec(net3()).spec!, data, { seed: 4, l2: 0.2 });
    expect(result.difference).toBeLessThan(1e-7);
  });

  it('J sums binary cross-entropy over the labels present and skips the missing ones (course: "sum over j with a 0/1 label")', () => {
    const data = toDataset(plane(5, 0.4, 2));
    const network = createNetwork(compileSpec(net3()).spec!, createReferenceBackend('float64'), { capacity: 5, seed: 3 });
    // Load the batch by hand: X (2, m), Y (3, m).
    for (let i = 0; i < 5; i++) {
      network.input.A[i] = data.x[i * 2];
      network.input.A[5 + i] = data.x[i * 2 + 1];
      for (let j = 0; j < 3; j++) network.Y[j * 5 + i] = data.y[i * 3 + j];
    }
    network.forward(5, 'test');
    const A = network.output.A;
    let expected = 0;
    for (let e = 0; e < 15; e++) {
      const y = network.Y[e];
      if (Number.isNaN(y)) continue;
      expected -= y * Math.log(A[e]) + (1 - y) * Math.log(1 - A[e]);
    }
    expect(network.cost(5)).toBeCloseTo(expected / 5, 12);
    network.backward(5);
    expect(network.cost(5)).toBeCloseTo(expected / 5, 12);
  });

  it('trains three tasks at once with a fifth of the labels missing; each task reports its loss, accuracy, precision, recall', async () => {
    const hooks = recorder();
    await runTraining(
      request(
        net3(),
        plane(400, 0.2),
        { iterations: 400, learningRate: 0.05, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
        { split: { train: 0.75, dev: 0.25, seed: 1 } },
      ),
      createReferenceBackend(),
      hooks,
    );
    const finished = hooks.events.find((e): e is Extract<FromTrainer, { type: 'run-finished' }> => e.type === 'run-finished');
    expect(finished, JSON.stringify(hooks.events.find((e) => e.type === 'run-failed'))).toBeDefined();
    const { tasks, devAccuracy } = finished!.metrics;
    expect(devAccuracy).toBeGreaterThan(0.9);
    expect(tasks!.set).toBe('dev');
    expect(tasks!.metrics.map((t) => t.name)).toEqual(['right', 'up', 'far']);
    for (const t of tasks!.metrics) {
      // About 100 dev examples, a fifth of each task's labels missing.
      expect(t.labelled).toBeGreaterThan(60);
      expect(t.labelled).toBeLessThan(95);
      expect(t.accuracy).toBeGreaterThan(0.85);
      expect(t.precision).toBeGreaterThan(0.8);
      expect(t.recall).toBeGreaterThan(0.8);
      expect(t.loss).toBeLessThan(0.4);
    }
    // No single-label evaluation panel for multi-task data.
    expect(hooks.events.some((e) => e.type === 'evaluation')).toBe(false);
  });

  it('a multi-task dataset needs one sigmoid unit per task (with a fix), and the protocol carries the task names', () => {
    const graph = {
      nodes: [
        { id: 'x', kind: 'input' as const, params: { shape: [2] } },
        { id: 'y', kind: 'output' as const, params: { units: 2, activation: 'sigmoid', loss: 'bce' } },
      ],
      edges: [{ id: 'e', source: 'x', target: 'y' }],
      dataset: { exampleShape: [2], numClasses: 2, tasks: 3 },
    };
    const [d] = compileGraph(graph).diagnostics;
    expect(d.message).toBe(
      'The dataset has 3 yes/no labels per example (multi-task) but the output has 2 sigmoid units: it needs 3 sigmoid units, one per task.',
    );
    expect(d.fix).toMatchObject({ param: 'units', value: 3 });
    expect(parseRunRequest(request(net3(), plane(10, 0.1)))).toMatchObject({ ok: true, value: { data: { taskNames: ['right', 'up', 'far'] } } });
  });

  it('refuses a label that is not yes, no or missing', async () => {
    const source = plane(10, 0);
    source.y[4] = 2;
    const hooks = recorder();
    await runTraining(request(net3(), source), createReferenceBackend(), hooks);
    expect(hooks.events.at(-1)).toMatchObject({
      type: 'run-failed',
      message: 'The data is invalid: data.y[4]: expected a yes/no label (0 or 1, or missing), got 2',
    });
  });
});

describe('CSV with several label columns', () => {
  const csv = ['x1,x2,pedestrian,car,stop sign', '0.5,1,1,0,', '1.5,-2,no,yes,?', '2,3,,,', '3,1,true,NA,false'].join('\n');

  it('reads 1/0, yes/no, true/false; empty, NA and ? are missing; a row with no label is left out', () => {
    const table = parseTable(csv, 'drive.csv');
    const { dataset, warnings } = buildTaskDataset(table, labelColumns(table, ['pedestrian', 'car', '5']));
    expect(dataset).toMatchObject({ m: 3, exampleShape: [2], numClasses: 2, targetWidth: 3, taskNames: ['pedestrian', 'car', 'stop sign'] });
    expect(Array.from(dataset.x)).toEqual([0.5, 1, 1.5, -2, 3, 1]);
    expect(Array.from(dataset.y)).toEqual([1, 0, NaN, 0, 1, NaN, 1, NaN, 0]);
    expect(warnings).toEqual(['left out 1 row with no label at all', "3 of 9 labels are missing; each task's cost skips its missing labels"]);
  });

  it('says which cell is wrong', () => {
    const table = parseTable('a,b,c\n1,1,maybe\n', 'x.csv');
    expect(() => buildTaskDataset(table, [1, 2])).toThrow('x.csv: line 2: the label "c" is "maybe"; expected 1/0, yes/no, true/false, or empty when missing');
    expect(() => labelColumns(table, ['b', 'd'])).toThrow('x.csv: has no column "d" (columns: a, b, c)');
  });

  it('dendrite train --labels trains a multi-task net and prints per-task metrics; predict prints each task', async () => {
    const source = plane(200, 0.15);
    const rows = ['a,b,right,up,far'];
    for (let i = 0; i < 200; i++) {
      const cell = (j: number) => (Number.isNaN(source.y[i * 3 + j]) ? '' : String(source.y[i * 3 + j]));
      rows.push(`${source.x[i * 2]},${source.x[i * 2 + 1]},${cell(0)},${cell(1)},${cell(2)}`);
    }
    const files: Record<string, string> = { 'tasks.csv': rows.join('\n'), 'net.json': JSON.stringify(net3()) };
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      isTTY: false,
      readText: (path: string) => files[path],
      writeText: (path: string, text: string) => void (files[path] = text),
      loadNative: () => ({ error: 'not in this test' }),
      now: () => performance.now(),
    } as unknown as CliIo;
    expect(
      await main(
        [
          'train',
          '--spec',
          'net.json',
          '--data',
          'tasks.csv',
          '--labels',
          'right,up,far',
          '--iterations',
          '300',
          '--optimizer',
          'adam',
          '--lr',
          '0.05',
          '--export',
          'm.json',
        ],
        io,
      ),
    ).toBe(0);
    expect(stderr).toContain("labels are missing; each task's cost skips its missing labels");
    const result = JSON.parse(stdout);
    expect(result.tasks.set).toBe('train');
    expect(result.tasks.metrics.map((t: { name: string }) => t.name)).toEqual(['right', 'up', 'far']);
    expect(result.trainAccuracy).toBeGreaterThan(0.9);
    stdout = '';
    expect(await main(['predict', '--model', 'm.json', '--data', 'tasks.csv', '--labels', 'right,up,far'], io)).toBe(0);
    const first = JSON.parse(stdout.split('\n')[0]);
    expect(first.tasks).toHaveLength(3);
    expect(first.output).toHaveLength(3);
  });
});

describe('multi-task epoch points in full-batch runs', () => {
  it("an epoch's train error counts wrong labels as evaluate() does, also when it is not the last epoch", async () => {
    // Epoch 1 as the last epoch is evaluated directly; as a middle epoch its point comes from
    // wherever the loop takes it (for one-task nets, the next step's forward pass) — the same numbers.
    const epochOne = async (iterations: number) => {
      const hooks = recorder();
      await runTraining(request(net3(), plane(60, 0.2), { iterations, learningRate: 0.5 }), createReferenceBackend(), hooks);
      return hooks.events.find((e): e is Extract<FromTrainer, { type: 'epoch' }> => e.type === 'epoch' && e.metrics.epoch === 1)!.metrics;
    };
    const alone = await epochOne(1);
    const middle = await epochOne(5);
    expect(middle.trainError).toBe(alone.trainError);
    expect(middle.trainCost).toBeCloseTo(alone.trainCost, 6);
  });
});
