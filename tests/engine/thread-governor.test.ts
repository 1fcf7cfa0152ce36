/**
 * The thread governor (engine/train/thread-governor.ts) with step times of our own — no clock,
 * no threads — and its wiring in the training loop, with a backend whose kernels cost simulated
 * time that depends on how many threads it was told to use.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, Kernels } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { FromTrainer } from '../../engine/protocol/messages';
import { trainModel } from '../../engine/train/loop';
import { ThreadGovernor } from '../../engine/train/thread-governor';
import { chain, randomData, request } from './helpers';

/** Steps `steps` times with step time `ms(threads, step)`; the simulated total and the steps at one thread. */
function simulate(governor: ThreadGovernor, steps: number, ms: (threads: number, step: number) => number): { total: number; atOne: number } {
  let total = 0;
  let atOne = 0;
  for (let i = 0; i < steps; i++) {
    const t = ms(governor.threads, i);
    total += t;
    if (governor.threads === 1) atOne++;
    governor.record(t);
  }
  return { total, atOne };
}

/** One thread 1.0 ms a step; two threads `two` ms (idle: faster, contended: slower). */
const machine =
  (two: number) =>
  (threads: number): number =>
    threads > 1 ? two : 1;

describe('thread governor', () => {
  it('keeps two threads on an idle machine, paying little for checking', () => {
    const g = new ThreadGovernor(2);
    const { total, atOne } = simulate(g, 5000, machine(0.7));
    expect(atOne / 5000).toBeLessThan(0.03);
    expect(total).toBeLessThan(5000 * 0.7 * 1.02);
    expect(g.stats.choseOne).toBe(0);
  });

  it('is never slower than one thread when two threads lose (a neighbour holds a core)', () => {
    const g = new ThreadGovernor(2);
    const { total, atOne } = simulate(g, 5000, machine(1.65));
    // Without the fallback this run takes 1.65× one thread's time.
    expect(total).toBeLessThan(5000 * 1.0 * 1.01);
    expect(atOne / 5000).toBeGreaterThan(0.98);
  });

  it('decides within a short run (W3: 469 steps), both ways', () => {
    const contended = simulate(new ThreadGovernor(2), 469, machine(1.65));
    expect(contended.total).toBeLessThan(469 * 1.03);
    const idle = simulate(new ThreadGovernor(2), 469, machine(1 / 1.45));
    expect(469 / idle.total).toBeGreaterThan(1.35);
  });

  it('drops to one thread soon after a neighbour starts, and comes back after it leaves', () => {
    const g = new ThreadGovernor(2);
    // Idle, then contended from step 3500 (in the middle of a long spell on two threads) to 6500, then idle again.
    const ms = (threads: number, step: number) => (step >= 3500 && step < 6500 ? machine(1.65)(threads) : machine(0.7)(threads));
    const before = simulate(g, 3500, ms);
    expect(before.atOne / 3500).toBeLessThan(0.03);
    const during = simulate(g, 3000, (t, i) => ms(t, i + 3500));
    // Two threads were holding for long windows while they won; the alarm cuts that short.
    expect(during.total).toBeLessThan(3000 * 1.02);
    const after = simulate(g, 3000, (t, i) => ms(t, i + 6500));
    // Back on two threads once a check finds them faster (within one long hold, ≤ 128 windows of 8).
    expect(after.total).toBeLessThan(3000 * 0.7 * 1.2);
    const tail = simulate(g, 2000, machine(0.7));
    expect(tail.atOne / 2000).toBeLessThan(0.03);
  });

  it('is not fooled by an occasional long step (a GC pause, a compile)', () => {
    const g = new ThreadGovernor(2);
    const { atOne } = simulate(g, 4000, (threads, step) => (step % 97 === 0 ? 25 : machine(0.7)(threads)));
    expect(atOne / 4000).toBeLessThan(0.05);
  });

  it('counts replayed steps (many per record)', () => {
    const g = new ThreadGovernor(2);
    for (let i = 0; i < 400; i++) g.record(g.threads > 1 ? 1.65 * 16 : 16, 16);
    expect(g.threads).toBe(1);
    expect(g.stats.steps).toBe(6400);
    expect(g.stats.stepsAtOne / g.stats.steps).toBeGreaterThan(0.95);
  });

  it('a one-thread backend always runs one thread and never compares', () => {
    const g = new ThreadGovernor(1);
    simulate(g, 1000, () => 1);
    expect(g.threads).toBe(1);
    expect(g.stats.comparisons).toBe(0);
  });
});

describe('thread governor in the training loop', () => {
  /**
   * The reference backend posing as a two-thread one: each kernel call costs `two` simulated
   * ms at two threads and 1 ms at one, on the clock the hooks read.
   */
  function simulatedBackend(two: number) {
    const inner = createReferenceBackend('float32');
    const calls: number[] = [];
    let active = 2;
    const clock = { t: 0 };
    const kernels = new Proxy(inner.kernels, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          clock.t += active > 1 ? two : 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Kernels;
    const backend: Backend = {
      ...inner,
      threads: 2,
      kernels,
      setActiveThreads(n: number) {
        calls.push(n);
        active = n;
      },
    };
    const hooks = {
      events: [] as FromTrainer[],
      emit(msg: FromTrainer) {
        hooks.events.push(msg);
      },
      checkpoint: async () => 'continue' as const,
      now: () => clock.t,
    };
    return { backend, calls, hooks };
  }

  const mlp = chain(
    { id: 'x', kind: 'input', shape: [6] },
    { id: 'h', kind: 'dense', units: 5, activation: 'relu' },
    { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
  );
  const data = randomData(256, [6], 3);
  const run = (backend: Backend, hooks: ReturnType<typeof simulatedBackend>['hooks'], governor?: false) =>
    trainModel(
      request(mlp, { kind: 'inline', x: data.x, y: data.y, exampleShape: [6], numClasses: 3 }, { batchSize: 8, iterations: 1280, learningRate: 0.05 }),
      backend,
      hooks,
      undefined,
      governor === false ? { threadGovernor: false } : {},
    );

  it('runs on one thread while two are slower, and gives the backend all its threads back', async () => {
    const { backend, calls, hooks } = simulatedBackend(1.7);
    const outcome = await run(backend, hooks);
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    const stats = outcome.timing.threads!;
    expect(stats.steps).toBe(1280);
    expect(stats.stepsAtOne / stats.steps).toBeGreaterThan(0.9);
    expect(calls).toContain(1);
    expect(calls.at(-1)).toBe(2);
  });

  it('stays on two threads while they are faster', async () => {
    const { backend, hooks } = simulatedBackend(0.6);
    const outcome = await run(backend, hooks);
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    const stats = outcome.timing.threads!;
    expect(stats.stepsAtOne / stats.steps).toBeLessThan(0.1);
  });

  it('progress says how many threads the run uses while the governor holds fewer (the status bar shows it)', async () => {
    const progress = (hooks: { events: FromTrainer[] }) => hooks.events.filter((e) => e.type === 'progress');
    const slow = simulatedBackend(1.7);
    await run(slow.backend, slow.hooks);
    expect(progress(slow.hooks).at(-1)).toMatchObject({ threadsInUse: 1 });
    const fast = simulatedBackend(0.6);
    await run(fast.backend, fast.hooks);
    expect(progress(fast.hooks).length).toBeGreaterThan(0);
    expect(progress(fast.hooks).every((e) => !('threadsInUse' in e))).toBe(true);
  });

  it('threadGovernor: false runs every step on all threads', async () => {
    const { backend, calls, hooks } = simulatedBackend(1.7);
    const outcome = await run(backend, hooks, false);
    if (outcome.status !== 'finished') throw new Error(outcome.message);
    expect(outcome.timing.threads).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
