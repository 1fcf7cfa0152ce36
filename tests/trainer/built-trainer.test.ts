/**
 * The built trainer entry, forked for real with Node, trained through the real
 * message protocol — as main does with Electron's utilityProcess.
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import type { FromTrainer } from '../../engine/protocol/messages';
import { RunManager } from '../../src/main/runs';
import { BUILT_TRAINER, assertTrainerBuilt, forkTrainer } from '../helpers/forked-trainer';
import { planarRequest } from '../helpers/planar-request';

function collect() {
  const events: FromTrainer[] = [];
  let notify: (() => void) | null = null;
  const push = (event: FromTrainer) => {
    events.push(event);
    notify?.();
  };
  const waitFor = (predicate: (e: FromTrainer) => boolean, timeoutMs = 30_000) =>
    new Promise<FromTrainer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; got ${events.map((e) => e.type).join(',')}`)), timeoutMs);
      const check = () => {
        const found = events.find(predicate);
        if (found) {
          clearTimeout(timer);
          notify = null;
          resolve(found);
        }
      };
      notify = check;
      check();
    });
  return { events, push, waitFor };
}

const costsOf = (events: FromTrainer[]) => events.flatMap((e) => (e.type === 'progress' ? e.costs.map((c) => c.cost) : []));

describe('the built trainer entry under child_process.fork', () => {
  it('trains the planar 2-4-1 net through the protocol: cost falls, accuracy ≥ 85 %', async () => {
    const { events, push, waitFor } = collect();
    const child = forkTrainer();
    child.onMessage((m) => push(m as FromTrainer));
    const hello = await waitFor((e) => e.type === 'hello');
    expect(hello).toMatchObject({ type: 'hello', protocol: 1 });

    child.postMessage({ type: 'start-run', request: planarRequest('fork-1') });
    const finished = await waitFor((e) => e.type === 'run-finished' || e.type === 'run-failed');
    child.kill();

    expect(finished.type).toBe('run-finished');
    if (finished.type !== 'run-finished') return;
    expect(finished.reason).toBe('completed');
    expect(finished.metrics.iterations).toBe(10000);
    expect(finished.metrics.trainAccuracy).toBeGreaterThanOrEqual(0.85);

    const costs = costsOf(events);
    expect(costs.length).toBeGreaterThan(10);
    expect(costs[costs.length - 1]!).toBeLessThan(costs[0]! * 0.6);
    expect(events.some((e) => e.type === 'run-started')).toBe(true);
    // Throttled: nowhere near one message per iteration.
    expect(events.filter((e) => e.type === 'progress').length).toBeLessThan(1000);
  });

  it('stops a run on request and says so', async () => {
    const { push, waitFor } = collect();
    const child = forkTrainer();
    child.onMessage((m) => push(m as FromTrainer));
    child.postMessage({ type: 'start-run', request: planarRequest('fork-stop', 5_000_000) });
    await waitFor((e) => e.type === 'progress');
    child.postMessage({ type: 'stop-run', runId: 'fork-stop' });
    const finished = await waitFor((e) => e.type === 'run-finished' || e.type === 'run-failed', 5000);
    child.kill();
    expect(finished).toMatchObject({ type: 'run-finished', reason: 'stopped' });
    if (finished.type === 'run-finished') expect(finished.metrics.iterations).toBeLessThan(5_000_000);
  });

  it('pauses and resumes: no progress while paused, then the run goes on', async () => {
    const { events, push, waitFor } = collect();
    const child = forkTrainer();
    child.onMessage((m) => push(m as FromTrainer));
    child.postMessage({ type: 'start-run', request: planarRequest('fork-pause', 5_000_000) });
    await waitFor((e) => e.type === 'progress');
    child.postMessage({ type: 'pause-run', runId: 'fork-pause' });
    await waitFor((e) => e.type === 'paused');
    await new Promise((r) => setTimeout(r, 150)); // let any in-flight progress arrive
    const before = events.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(events.slice(before).filter((e) => e.type === 'progress')).toHaveLength(0);
    child.postMessage({ type: 'resume-run', runId: 'fork-pause' });
    await waitFor((e) => e.type === 'resumed');
    const resumedAt = events.length;
    await waitFor((e) => e.type === 'progress' && events.indexOf(e) > resumedAt);
    child.postMessage({ type: 'stop-run', runId: 'fork-pause' });
    await waitFor((e) => e.type === 'run-finished');
    child.kill();
  });

  it('refuses a malformed message with the path of the problem', async () => {
    const { push, waitFor } = collect();
    const child = forkTrainer();
    child.onMessage((m) => push(m as FromTrainer));
    const bad = planarRequest('fork-bad');
    child.postMessage({ type: 'start-run', request: { ...bad, config: { ...bad.config, learningRate: 'fast' } } });
    const failed = await waitFor((e) => e.type === 'run-failed');
    child.kill();
    expect(failed.type === 'run-failed' && failed.message).toMatch(/config\.learningRate/);
  });

  it('main reports a trainer killed with SIGKILL mid-run within a second, and can start again', async () => {
    const { push, waitFor } = collect();
    const children: ReturnType<typeof forkTrainer>[] = [];
    const runs = new RunManager(() => {
      const child = forkTrainer();
      children.push(child);
      return child;
    }, push);

    runs.start(planarRequest('doomed', 5_000_000));
    await waitFor((e) => e.type === 'progress' && e.runId === 'doomed');
    const killedAt = Date.now();
    children[0]!.process.kill('SIGKILL');
    const failed = await waitFor((e) => e.type === 'run-failed' && e.runId === 'doomed', 5000);
    expect(Date.now() - killedAt).toBeLessThan(1000);
    expect(failed.type === 'run-failed' && failed.message).toMatch(/killed|exited/);
    expect(runs.activeRunIds).toEqual([]);

    runs.start(planarRequest('after-crash', 200));
    const next = await waitFor((e) => e.type === 'run-finished' && e.runId === 'after-crash');
    expect(next.type).toBe('run-finished');
    runs.killAll();
  });
});

describe('the built trainer entry under worker_threads', () => {
  it('speaks the same protocol from a worker thread', async () => {
    assertTrainerBuilt();
    const { push, waitFor } = collect();
    const worker = new Worker(BUILT_TRAINER);
    worker.on('message', (m) => push(m as FromTrainer));
    await waitFor((e) => e.type === 'hello');
    worker.postMessage({ type: 'start-run', request: planarRequest('thread-1', 500) });
    const finished = await waitFor((e) => e.type === 'run-finished');
    await worker.terminate();
    expect(finished.type === 'run-finished' && finished.metrics.iterations).toBe(500);
  });
});
