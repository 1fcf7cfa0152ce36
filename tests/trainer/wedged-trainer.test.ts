/**
 * The built trainer, forked for real and run through main's RunManager (the shared lifecycle):
 * it sends a heartbeat while it trains; one stopped with SIGSTOP is noticed and killed, whether
 * running or asked to stop (before, Stop answered ok and the run never ended); and a stopped
 * CNN run reports its weights before its final evaluation, so they survive a kill.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { importModel } from '../../engine/export/import';
import { RunManager } from '../../src/main/runs';
import { forkTrainer, type ForkedTrainer } from '../helpers/forked-trainer';
import { planarRequest } from '../helpers/planar-request';

function manager(options: { heartbeatTimeoutMs?: number; stopGraceMs?: number; stopDeadlineMs?: number }) {
  const events: FromTrainer[] = [];
  const children: ForkedTrainer[] = [];
  const runs = new RunManager(
    () => {
      const child = forkTrainer();
      children.push(child);
      return child;
    },
    (e) => events.push(e),
    1,
    1,
    options,
  );
  const until = (predicate: (e: FromTrainer) => boolean, ms = 30_000) =>
    new Promise<FromTrainer>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const found = events.find(predicate);
        if (found || Date.now() - started > ms) {
          clearInterval(poll);
          if (found) resolve(found);
          else reject(new Error(`timed out; got ${events.map((e) => e.type).join(',')}`));
        }
      }, 20);
    });
  const exited = (child: ForkedTrainer) =>
    new Promise<string | null>((resolve) =>
      child.process.exitCode !== null || child.process.signalCode ? resolve(child.process.signalCode) : child.process.once('exit', (_c, s) => resolve(s)),
    );
  return { runs, events, children, until, exited };
}

const longRun = (runId: string) => planarRequest(runId, 10_000_000, 1.2);

describe('a wedged trainer is ended (real processes)', () => {
  it('a training run sends a heartbeat about once a second (the host does not relay it)', async () => {
    const child = forkTrainer();
    const beats: number[] = [];
    child.onMessage((m) => (m as FromTrainer).type === 'heartbeat' && beats.push(Date.now()));
    child.postMessage({ type: 'start-run', request: longRun('beat') });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    child.kill();
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.length).toBeLessThanOrEqual(5);
  });

  it('SIGSTOP while training: the silence is noticed and the process is killed', async () => {
    const { runs, events, children, until, exited } = manager({ heartbeatTimeoutMs: 2000 });
    runs.start(longRun('stopped-cold'));
    await until((e) => e.type === 'progress');
    children[0]!.process.kill('SIGSTOP');
    const failed = await until((e) => e.type === 'run-failed', 10_000);
    expect(failed).toMatchObject({
      runId: 'stopped-cold',
      message: expect.stringMatching(/^The trainer stopped responding \(nothing heard for [\d.]+ s\) and was ended\.$/),
    });
    expect(await exited(children[0]!)).toBe('SIGKILL');
    expect(events.filter((e) => e.type === 'heartbeat')).toEqual([]);
  });

  it('SIGSTOP, then Stop: Stop answers, and after the grace the process is killed and the run ends', async () => {
    const { runs, until, children, exited } = manager({ stopGraceMs: 1000 });
    runs.start(longRun('stop-a-stopped'));
    await until((e) => e.type === 'progress');
    children[0]!.process.kill('SIGSTOP');
    expect(runs.send('stop-a-stopped', 'stop-run')).toBe(true);
    const failed = await until((e) => e.type === 'run-failed', 10_000);
    expect(failed).toMatchObject({ message: expect.stringMatching(/^The trainer did not answer Stop \(silent for [\d.]+ s\) and was ended/) });
    expect(await exited(children[0]!)).toBe('SIGKILL');
    expect(runs.activeRunIds).toEqual([]);
  });
});

describe('stopping keeps the work (real processes)', () => {
  it('a stopped CNN run reports its weights before its final evaluation; they import and can be continued', async () => {
    const spec = JSON.parse(readFileSync(join(__dirname, '../../resources/examples/lenet-small.spec.json'), 'utf8'));
    const m = 600;
    const x = new Float32Array(m * 784).map((_, i) => ((i * 2654435761) % 1000) / 1000);
    const y = Float32Array.from({ length: m }, (_, i) => i % 10);
    const request: RunRequest = {
      runId: 'cnn',
      spec,
      data: { kind: 'inline', x, y, exampleShape: [28, 28, 1], numClasses: 10 },
      split: { train: 0.6, dev: 0.2, seed: 1 } as RunRequest['split'],
      config: { epochs: 50, batchSize: 32, learningRate: 0.01, optimizer: { kind: 'gd' }, seed: 1 },
      backend: 'reference',
    };
    const { runs, events, until } = manager({});
    runs.start(request);
    await until((e) => e.type === 'progress');
    runs.send('cnn', 'stop-run');
    const end = await until((e) => e.type === 'run-finished' || e.type === 'run-failed', 60_000);
    expect(end).toMatchObject({ type: 'run-finished', reason: 'stopped' });
    const types = events.map((e) => e.type);
    const firstModel = types.indexOf('model');
    expect(firstModel).toBeGreaterThan(-1);
    // Reported at Stop: before the final evaluation's views, and again with the final metrics.
    const finalEvaluation = events.findIndex((e) => e.type === 'evaluation' && e.final);
    expect(firstModel).toBeLessThan(finalEvaluation);
    const model = (events[firstModel] as Extract<FromTrainer, { type: 'model' }>).model;
    const imported = importModel(model);
    expect(imported.ok).toBe(true);
    // Continue from them: a new run starts from these weights.
    const continued = manager({});
    continued.runs.start({ ...request, runId: 'again', config: { ...request.config, epochs: undefined, iterations: 2 }, initialModel: model });
    const again = await continued.until((e) => e.type === 'run-finished' || e.type === 'run-failed', 60_000);
    expect(again).toMatchObject({ type: 'run-finished', reason: 'completed' });
  });
});
