/**
 * The one run lifecycle both hosts use: a heartbeat that ends a wedged trainer, Stop with a
 * grace then a kill, and stopped runs that keep the weights the trainer reported. Driven with a
 * fake trainer and a hand-turned clock; the desktop's RunManager and the web host are both
 * checked to be this lifecycle (tests/trainer/wedged-trainer.test.ts does it with real processes).
 */
import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../../engine/protocol/messages';
import type { ModelFile } from '../../engine/export/format';
import {
  FIRST_STEP_TIMEOUT_MS,
  HEARTBEAT_TIMEOUT_MS,
  RunLifecycle,
  STOP_DEADLINE_MS,
  STOP_GRACE_MS,
  type LifecycleTimers,
} from '../../src/shared/run-lifecycle';
import { RunManager } from '../../src/main/runs';
import { workerTrainer } from '../../src/shared/worker-trainer';
import { FakeChild } from '../helpers/fake-child';
import { planarRequest } from '../helpers/planar-request';

/** A clock the test turns by hand. */
class Clock implements LifecycleTimers {
  time = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(id: unknown) {
    this.pending.delete(id as number);
  }
  now() {
    return this.time;
  }
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

function setup() {
  const clock = new Clock();
  const children: FakeChild[] = [];
  const relayed: FromTrainer[] = [];
  const runs = new RunLifecycle(
    () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    (e) => relayed.push(e),
    { maxConcurrent: 2, timers: clock },
  );
  return { clock, runs, children, relayed };
}

const model = {
  format: 'dendrite.model',
  metrics: { iterations: 40, epochs: 4, trainCost: 0.31, trainAccuracy: 0.88, devAccuracy: 0.85 },
} as unknown as ModelFile;
const progress = (runId: string, iteration: number) => ({
  type: 'progress',
  runId,
  iteration,
  epoch: 1,
  totalIterations: 100,
  learningRate: 1,
  costs: [{ iteration, cost: 0.5 }],
  elapsedMs: 1,
});

describe('heartbeat', () => {
  it('ends a trainer silent for the heartbeat timeout (stopped with SIGSTOP, stuck), and says so', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    children[0]!.say(progress('a', 1));
    clock.advance(HEARTBEAT_TIMEOUT_MS - 1);
    expect(relayed.map((e) => e.type)).toEqual(['progress']);
    clock.advance(1);
    expect(children[0]!.killed).toBe(true);
    expect(relayed.at(-1)).toEqual(
      expect.objectContaining({ type: 'run-failed', runId: 'a', message: 'The trainer stopped responding (nothing heard for 30 s) and was ended.' }),
    );
    expect(runs.activeRunIds).toEqual([]);
    children[0]!.exit(null); // its exit afterwards is expected, not a second failure
    expect(relayed).toHaveLength(2);
  });

  it('before its first step a trainer may be silent longer (data preparation, a first full-batch step), not for ever', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    clock.advance(5 * 60_000);
    expect(children[0]!.killed).toBe(false);
    clock.advance(FIRST_STEP_TIMEOUT_MS - 5 * 60_000);
    expect(children[0]!.killed).toBe(true);
    expect(relayed).toEqual([
      expect.objectContaining({ type: 'run-failed', message: 'The trainer stopped responding (nothing heard for 600 s) and was ended.' }),
    ]);
  });

  it('a trainer whose steps take 20 s is allowed four times that before it is taken for wedged', () => {
    const { clock, runs, children } = setup();
    runs.start(planarRequest('a'));
    for (let i = 1; i <= 3; i++) {
      clock.advance(20_000);
      children[0]!.say(progress('a', i));
    }
    clock.advance(79_000);
    expect(children[0]!.killed).toBe(false);
    clock.advance(1000);
    expect(children[0]!.killed).toBe(true);
  });

  it('heartbeats keep a quiet run (a long step, a paused run) alive, and are not relayed', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    for (let i = 0; i < 10; i++) {
      clock.advance(HEARTBEAT_TIMEOUT_MS - 1000);
      children[0]!.say({ type: 'heartbeat', runId: 'a', iteration: 3 });
    }
    expect(children[0]!.killed).toBe(false);
    expect(relayed).toEqual([]);
  });
});

describe('Stop', () => {
  it('a trainer that never answers Stop is killed after the grace; Stop itself answered at once', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    expect(runs.send('a', 'stop-run')).toBe(true);
    expect(children[0]!.sent.at(-1)).toEqual({ type: 'stop-run', runId: 'a' });
    clock.advance(STOP_GRACE_MS);
    expect(children[0]!.killed).toBe(true);
    expect(relayed).toEqual([
      expect.objectContaining({
        type: 'run-failed',
        message: expect.stringMatching(/did not answer Stop \(silent for 3 s\) and was ended; it had not reported its weights/),
      }),
    ]);
  });

  it('a trainer that reported its weights at Stop, then runs out the grace in its final evaluation, finishes as stopped with them', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    children[0]!.say(progress('a', 40));
    runs.send('a', 'stop-run');
    children[0]!.say({ type: 'model', runId: 'a', model });
    clock.advance(STOP_GRACE_MS);
    expect(children[0]!.killed).toBe(true);
    expect(relayed.map((e) => e.type)).toEqual(['progress', 'model', 'run-finished']);
    expect(relayed.at(-1)).toEqual({
      type: 'run-finished',
      runId: 'a',
      reason: 'stopped',
      metrics: { iterations: 40, epochs: 4, trainCost: 0.31, trainAccuracy: 0.88, devAccuracy: 0.85 },
    });
  });

  it('a trainer that keeps talking after Stop is waited for, up to the deadline', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    runs.send('a', 'stop-run');
    children[0]!.say({ type: 'model', runId: 'a', model });
    for (let t = 0; t < STOP_DEADLINE_MS - 1000; t += 1000) {
      clock.advance(1000);
      children[0]!.say({ type: 'heartbeat', runId: 'a', iteration: 40 });
    }
    expect(children[0]!.killed).toBe(false);
    clock.advance(1000);
    expect(children[0]!.killed).toBe(true);
    expect(relayed.at(-1)).toMatchObject({ type: 'run-finished', reason: 'stopped' });
  });

  it('Stop during a 20-s step waits for the step (twice the longest silence) for the weights', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    clock.advance(20_000);
    children[0]!.say(progress('a', 1));
    runs.send('a', 'stop-run');
    clock.advance(39_000);
    expect(children[0]!.killed).toBe(false);
    children[0]!.say({ type: 'model', runId: 'a', model });
    clock.advance(STOP_GRACE_MS);
    expect(children[0]!.killed).toBe(true);
    expect(relayed.at(-1)).toMatchObject({ type: 'run-finished', reason: 'stopped' });
  });

  it('a trainer that finishes within the grace is not killed early: its own finish is relayed', () => {
    const { clock, runs, children, relayed } = setup();
    runs.start(planarRequest('a'));
    runs.send('a', 'stop-run');
    clock.advance(STOP_GRACE_MS - 1);
    children[0]!.say({ type: 'run-finished', runId: 'a', reason: 'stopped', metrics: { iterations: 41, epochs: 4, trainCost: 0.3, trainAccuracy: 0.9 } });
    clock.advance(STOP_DEADLINE_MS);
    expect(relayed).toEqual([expect.objectContaining({ type: 'run-finished', metrics: expect.objectContaining({ iterations: 41 }) })]);
  });
});

describe('both hosts are this lifecycle', () => {
  it("main's RunManager", () => {
    expect(
      new RunManager(
        () => new FakeChild(),
        () => undefined,
      ),
    ).toBeInstanceOf(RunLifecycle);
  });

  it("the web host's Web Worker adapter: a worker stuck in its final evaluation after reporting its weights ends stopped with them; a worker error is a crash", () => {
    const workers: FakeWorker[] = [];
    class FakeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
      sent: unknown[] = [];
      terminated = false;
      constructor() {
        workers.push(this);
      }
      postMessage(message: unknown) {
        this.sent.push(message);
      }
      terminate() {
        this.terminated = true;
      }
    }
    const clock = new Clock();
    const events: FromTrainer[] = [];
    const runs = new RunLifecycle(
      workerTrainer(() => new FakeWorker()),
      (e) => events.push(e),
      { maxConcurrent: 2, timers: clock },
    );
    runs.start(planarRequest('w'));
    const worker = workers[0]!;
    expect(worker.sent[0]).toMatchObject({ type: 'start-run', request: { runId: 'w' } });
    worker.onmessage!({ data: { type: 'run-started', runId: 'w' } });
    runs.send('w', 'stop-run');
    worker.onmessage!({ data: { type: 'model', runId: 'w', model } });
    clock.advance(STOP_GRACE_MS);
    expect(worker.terminated).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['run-started', 'model', 'run-finished']);
    expect(events.at(-1)).toMatchObject({ reason: 'stopped', metrics: { iterations: 40 } });
    runs.start(planarRequest('x'));
    workers[1]!.onerror!({ message: 'out of memory', preventDefault: () => undefined });
    expect(workers[1]!.terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run-failed', runId: 'x', message: 'The trainer crashed (out of memory) before the run finished.' });
  });
});
