import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../../engine/protocol/messages';
import { RunManager } from '../../src/main/runs';
import { FakeChild } from '../helpers/fake-child';
import { planarRequest } from '../helpers/planar-request';

function setup(maxConcurrent = 4) {
  const children: FakeChild[] = [];
  const relayed: FromTrainer[] = [];
  const runs = new RunManager(
    () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    (e) => relayed.push(e),
    maxConcurrent,
  );
  return { runs, children, relayed };
}

describe('RunManager', () => {
  it('starts one trainer process per run and sends it the request', () => {
    const { runs, children } = setup();
    runs.start(planarRequest('a'));
    runs.start(planarRequest('b'));
    expect(children).toHaveLength(2);
    expect(children[0]!.sent[0]).toMatchObject({ type: 'start-run', request: { runId: 'a' } });
    expect(() => runs.start(planarRequest('a'))).toThrow(/already running/);
  });

  it('relays trainer events unchanged, but not the hello handshake', () => {
    const { runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    children[0]!.say({ type: 'hello', protocol: 1, backend: { name: 'reference' } });
    const progress = { type: 'progress', runId: 'a', iteration: 5, epoch: 5, totalIterations: 10, learningRate: 1, costs: [], elapsedMs: 1 };
    children[0]!.say(progress);
    expect(relayed).toEqual([progress]);
  });

  it('turns an unexpected exit into run-failed, keeping the project untouched', () => {
    const { runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    children[0]!.exit(null);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({ type: 'run-failed', runId: 'a' });
    expect((relayed[0] as { message: string }).message).toMatch(/killed/);
    expect(runs.activeRunIds).toEqual([]);
  });

  it('ends the process after the run finishes, and its exit is not a failure', () => {
    const { runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    children[0]!.say({ type: 'run-finished', runId: 'a', reason: 'completed', metrics: { iterations: 1, epochs: 1, trainCost: 0.1, trainAccuracy: 1 } });
    expect(children[0]!.killed).toBe(true);
    children[0]!.exit(0);
    expect(relayed.map((e) => e.type)).toEqual(['run-finished']);
  });

  it('forwards stop/pause/resume to the right run and refuses unknown runs', () => {
    const { runs, children } = setup();
    runs.start(planarRequest('a'));
    expect(runs.send('a', 'pause-run')).toBe(true);
    expect(children[0]!.sent[1]).toEqual({ type: 'pause-run', runId: 'a' });
    expect(runs.send('nope', 'stop-run')).toBe(false);
  });

  it('kills every trainer on quit, without reporting failures', () => {
    const { runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    runs.start(planarRequest('b'));
    runs.killAll();
    children.forEach((c) => c.exit(null));
    expect(children.every((c) => c.killed)).toBe(true);
    expect(relayed).toEqual([]);
  });

  it('queues runs beyond the cap and starts them as others finish or crash', () => {
    const { runs, children, relayed } = setup(2);
    runs.start(planarRequest('a'));
    runs.start(planarRequest('b'));
    runs.start(planarRequest('c'));
    runs.start(planarRequest('d'));
    expect(children).toHaveLength(2);
    expect(runs.queuedRunIds).toEqual(['c', 'd']);
    children[0]!.say({ type: 'run-finished', runId: 'a', reason: 'completed', metrics: { iterations: 1, epochs: 1, trainCost: 0.1, trainAccuracy: 1 } });
    expect(children).toHaveLength(3);
    expect(children[2]!.sent[0]).toMatchObject({ request: { runId: 'c' } });
    children[1]!.exit(null);
    expect(children).toHaveLength(4);
    expect(runs.activeRunIds.sort()).toEqual(['c', 'd']);
    expect(relayed.map((e) => e.type)).toEqual(['run-finished', 'run-failed']);
  });

  it('stopping a queued run finishes it at once without starting a process', () => {
    const { runs, children, relayed } = setup(1);
    runs.start(planarRequest('a'));
    runs.start(planarRequest('b'));
    expect(runs.send('b', 'stop-run')).toBe(true);
    expect(relayed).toEqual([expect.objectContaining({ type: 'run-finished', runId: 'b', reason: 'stopped' })]);
    expect(runs.queuedRunIds).toEqual([]);
    expect(children).toHaveLength(1);
  });
});
